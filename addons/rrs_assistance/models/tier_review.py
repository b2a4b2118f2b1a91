# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The approvals of assistance requests are financial controls (rule FIN-2): OCA's
``tier.review`` lets every internal user write reviews, so the suite lets them change only
through the request's own Approve and Reject buttons (which check the reviewer), and never
deletes them."""

from odoo import api, models
from odoo.addons.rrs_case.models.rrs_guard_mixin import is_disposing, rrs_is_granted
from odoo.exceptions import UserError

GUARDED_MODEL = "rrs.assistance.request"


class TierReview(models.Model):
    _inherit = "tier.review"

    def _rrs_refuse_outside_actions(self):
        if self.env.su or rrs_is_granted(self.browse()):
            return
        # sudo(): which record each review is about, to refuse the write; nothing is returned.
        if any(review.model == GUARDED_MODEL for review in self.sudo()):
            raise UserError(
                self.env._(
                    "The approvals of an assistance request are recorded by its Approve and "
                    "Reject buttons; they cannot be written directly (FIN-2)."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not rrs_is_granted(self.browse()):
            if any(vals.get("model") == GUARDED_MODEL for vals in vals_list):
                raise UserError(
                    self.env._(
                        "The approvals of an assistance request are created when it is "
                        "submitted; they cannot be created directly (FIN-2)."
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        self._rrs_refuse_outside_actions()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_assistance_approvals(self):
        # sudo(): which record each review is about, to refuse the deletion.
        if (
            not self.env.su
            and not is_disposing()
            and any(r.model == GUARDED_MODEL for r in self.sudo())
        ):
            raise UserError(
                self.env._("The approvals of an assistance request are never deleted (FIN-2).")
            )
