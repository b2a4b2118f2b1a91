# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsAssistanceOverrideWizard(models.TransientModel):
    _name = "rrs.assistance.override.wizard"
    _description = "Override the program's assistance limits"

    request_id = fields.Many2one("rrs.assistance.request", required=True, ondelete="cascade")
    limit_reasons = fields.Text(related="request_id.limit_reasons")
    reason = fields.Text(
        required=True, help="Why this family needs more than the program's limits."
    )

    def action_confirm(self):
        self.ensure_one()
        self.request_id._rrs_record_override(self.reason)
        return {"type": "ir.actions.act_window_close"}
