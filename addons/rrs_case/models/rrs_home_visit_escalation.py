# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .rrs_guard_mixin import is_disposing

STEPS = [
    ("worker_called", "Worker called"),
    ("client_contacted", "Client contacted"),
    ("police_informed", "Police informed"),
    ("resolved", "Resolved: the worker is safe"),
]


class RrsHomeVisitEscalation(models.Model):
    """A step taken when a worker has not checked out of a visit (rule VIS-3).

    Management calls the worker, then the client; the police are informed only once both
    were tried and neither answered. *Resolved* closes the alert. The steps are a log: each
    stays as recorded, by whom it was recorded, and later facts are new steps.
    """

    _name = "rrs.home.visit.escalation"
    _description = "Home Visit Escalation Step"
    _inherit = ["rrs.guard.mixin"]
    _order = "step_date, id"
    _check_company_auto = True
    _rrs_parent_field = "visit_id"
    _rrs_system_fields = ("user_id",)

    visit_id = fields.Many2one(
        "rrs.home.visit", required=True, index=True, ondelete="cascade", check_company=True
    )
    case_id = fields.Many2one(related="visit_id.case_id", store=True, index=True)
    company_id = fields.Many2one(related="visit_id.company_id", store=True, index=True)
    step = fields.Selection(STEPS, required=True)
    reached = fields.Boolean(
        string="Answered", help="The person called answered (worker, client, police)."
    )
    step_date = fields.Datetime(string="At", required=True, default=fields.Datetime.now, index=True)
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

    @api.constrains("step", "visit_id", "step_date")
    def _check_order(self):
        now = fields.Datetime.now()
        for line in self:
            if not line.visit_id.alert_date:
                raise ValidationError(
                    self.env._(
                        "Escalation steps are recorded once management is alerted that the "
                        "worker has not checked out of the visit."
                    )
                )
            if line.step_date > now:
                raise ValidationError(self.env._("An escalation step is recorded once taken."))
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
        # the caller may record the steps of these visits (the creation above was checked)
        for line in lines.filtered(lambda e: e.step == "resolved"):
            line.visit_id._mark_found_safe(line.visit_id.check_out_date or line.step_date)
        return lines

    def write(self, vals):
        if self and self._rrs_guarded():
            self.check_access("write")
            raise UserError(
                self.env._(
                    "An escalation step stays as it was recorded; record a new step with what "
                    "happened next."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if is_disposing():
            return  # rule REC-3: destroyed with the case at the end of retention
        raise UserError(
            self.env._("An escalation step is never deleted; record a new step to correct it.")
        )
