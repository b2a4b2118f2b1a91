# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

STEPS = [
    ("worker_called", "Worker called"),
    ("client_contacted", "Client contacted"),
    ("police_informed", "Police informed"),
    ("resolved", "Resolved: the worker is safe"),
]


class RrsHomeVisitEscalation(models.Model):
    """A step taken when a worker has not checked out of a visit (rule VIS-3).

    Management calls the worker, then the client; the police are informed only once both
    were tried and neither answered. *Resolved* closes the alert.
    """

    _name = "rrs.home.visit.escalation"
    _description = "Home Visit Escalation Step"
    _order = "step_date, id"
    _check_company_auto = True

    visit_id = fields.Many2one(
        "rrs.home.visit", required=True, index=True, ondelete="cascade", check_company=True
    )
    case_id = fields.Many2one(related="visit_id.case_id", store=True, index=True)
    company_id = fields.Many2one(related="visit_id.company_id", store=True, index=True)
    step = fields.Selection(STEPS, required=True)
    reached = fields.Boolean(
        string="Answered", help="The person called answered (worker, client, police)."
    )
    step_date = fields.Datetime(string="At", required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user)
    note = fields.Text()

    @api.depends("step", "step_date")
    def _compute_display_name(self):
        labels = dict(self._fields["step"]._description_selection(self.env))
        for step in self:
            step.display_name = self.env._(
                "%(step)s, %(date)s",
                step=labels.get(step.step, ""),
                date=format_date(self.env, step.step_date),
            )

    @api.constrains("step", "visit_id")
    def _check_order(self):
        for line in self:
            earlier = line.visit_id.escalation_ids - line
            if line.step == "police_informed":
                tried = {s for s in earlier.filtered(lambda e: not e.reached).mapped("step")}
                if not {"worker_called", "client_contacted"} <= tried:
                    raise ValidationError(
                        self.env._(
                            "Call the worker and the client first; inform the police when "
                            "neither answers."
                        )
                    )
            if line.step == "resolved" and not line.note:
                raise ValidationError(self.env._("Say how the worker was found safe."))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for line in lines.filtered(lambda e: e.step == "resolved"):
            line.visit_id._mark_checked_out(line.visit_id.check_out_date or line.step_date)
        return lines
