# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.rrs_case.models.rrs_guard_mixin import is_disposing
from odoo.exceptions import UserError


class RrsPrsConcernAmendment(models.Model):
    """What was learnt or done after a notification of concern was filed (rule PRS-7)."""

    _name = "rrs.prs.concern.amendment"
    _description = "Notification of Concern Amendment"
    _inherit = ["rrs.guard.mixin"]
    _order = "create_date, id"
    _check_company_auto = True
    _rrs_parent_field = "concern_id"
    # rule PRS-7: who added it is the system's
    _rrs_system_fields = ("user_id",)

    concern_id = fields.Many2one(
        "rrs.prs.concern", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="concern_id.company_id", store=True, index=True)
    case_id = fields.Many2one(related="concern_id.case_id", store=True, index=True)
    text = fields.Text(string="Amendment", required=True)
    # the list's order (oldest first): a page reads it from here (issue 17)
    _order_idx = models.Index("(create_date, id)")

    user_id = fields.Many2one(
        "res.users", string="By", readonly=True, default=lambda self: self.env.user
    )

    @api.depends("concern_id.name")
    def _compute_display_name(self):
        for amendment in self:
            amendment.display_name = self.env._(
                "Amendment of %(concern)s", concern=amendment.concern_id.name or ""
            )

    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
            raise UserError(self.env._("An amendment stays as written; add another one."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if is_disposing():
            return
        raise UserError(self.env._("An amendment to a notification of concern is never deleted."))
