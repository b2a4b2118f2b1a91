# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# Case fields the closing step fills in (rules CLO-1, CLO-2).
CLOSING_FIELDS = (
    "closing_reason",
    "closing_summary",
    "referred_out_partner_id",
    "aftercare_plan_date",
    "aftercare_short_term_needs",
    "aftercare_long_term_needs",
    "aftercare_supports",
    "aftercare_partner_id",
    "closing_evaluation",
    "unmet_needs",
)


class RrsCaseCloseWizard(models.TransientModel):
    """The guided closing step: reason, then aftercare plan or closing evaluation (CLO-2).

    Everything is checked before the case is written; a refusal leaves the case unchanged
    and the dialog open with what was typed.
    """

    _name = "rrs.case.close.wizard"
    _description = "Close a Case"

    case_id = fields.Many2one("rrs.case", required=True, readonly=True)
    closing_requirement = fields.Selection(related="case_id.closing_requirement")
    service_started = fields.Boolean(compute="_compute_service_started")
    closing_reason = fields.Selection(
        selection=lambda self: self.env["rrs.case"]._fields["closing_reason"].selection,
        required=True,
    )
    closing_summary = fields.Text()
    referred_out_partner_id = fields.Many2one("res.partner", string="Referred to")
    aftercare_plan_date = fields.Date(string="Aftercare planned on")
    aftercare_short_term_needs = fields.Text(string="Short-term needs")
    aftercare_long_term_needs = fields.Text(string="Long-term needs")
    aftercare_supports = fields.Text(string="Continuing supports")
    aftercare_partner_id = fields.Many2one("res.partner", string="Who continues")
    closing_evaluation = fields.Text()
    unmet_needs = fields.Text()

    @api.depends("case_id")
    def _compute_service_started(self):
        for wizard in self:
            wizard.service_started = bool(wizard.case_id.service_start_date)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        case = self.env["rrs.case"].browse(values.get("case_id"))
        if case:
            for fname in CLOSING_FIELDS:
                if fname in fields_list and case[fname] and not values.get(fname):
                    values[fname] = case[fname].id if fname.endswith("_id") else case[fname]
        return values

    def action_close(self):
        self.ensure_one()
        values = {}
        for fname in CLOSING_FIELDS:
            value = self[fname]
            values[fname] = value.id if fname.endswith("_id") else value
        self.case_id.write(values)
        self.case_id.action_close()
        return {"type": "ir.actions.act_window_close"}
