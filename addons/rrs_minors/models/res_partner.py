# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.addons.rrs_case.models.rrs_guard_mixin import is_disposing
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_concern_agency(self):
        """Rule PRS-7: a notification of concern never loses an agency it was reported to;
        the agency's contact stays (it may be archived)."""
        if is_disposing():
            return
        # sudo(): which notifications name these contacts, whoever may read them; the
        # message names one only if the caller may read it
        concerns = (
            self.env["rrs.prs.concern"].sudo().search([("agency_ids", "in", self.ids)], limit=1)
        )
        if not concerns:
            return
        partner = (concerns.agency_ids & self)[:1]
        visible = concerns.with_env(self.env)
        if visible.has_access("read"):
            raise UserError(
                self.env._(
                    "%(partner)s is an agency the notification of concern “%(concern)s” was "
                    "reported to: the contact is kept with it. Archive the contact instead.",
                    partner=partner.display_name,
                    concern=concerns.name,
                )
            )
        raise UserError(
            self.env._(
                "%(partner)s is an agency a notification of concern was reported to: the "
                "contact is kept with it. Archive the contact instead.",
                partner=partner.display_name,
            )
        )
