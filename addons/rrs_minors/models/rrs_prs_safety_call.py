# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.rrs_case.models.rrs_guard_mixin import is_disposing
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

ANSWERS = [("yes", "Yes"), ("no", "No"), ("unknown", "Could not tell")]
QUESTIONS = ("living_with_sponsor", "in_school", "knows_court_dates", "is_safe")


class RrsPrsSafetyCall(models.Model):
    """The Safety and Well-Being Follow-Up Call, 30 days after release (rule PRS-1)."""

    _name = "rrs.prs.safety.call"
    _description = "Safety and Well-Being Follow-Up Call"
    _inherit = ["rrs.guard.mixin"]
    _order = "call_date desc, id desc"
    _check_company_auto = True
    _rrs_parent_field = "case_id"

    case_id = fields.Many2one(
        "rrs.case",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('is_prs', '=', True)]",
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    call_date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    user_id = fields.Many2one("res.users", string="Called by", default=lambda self: self.env.user)
    spoke_with = fields.Selection(
        [("child", "The child"), ("sponsor", "The sponsor"), ("both", "Child and sponsor")],
        required=True,
        default="both",
    )
    living_with_sponsor = fields.Selection(
        ANSWERS, string="Still living with the sponsor?", required=True
    )
    in_school = fields.Selection(ANSWERS, string="Enrolled in and attending school?", required=True)
    knows_court_dates = fields.Selection(
        ANSWERS, string="Aware of upcoming court dates?", required=True
    )
    is_safe = fields.Selection(ANSWERS, string="Safe?", required=True)
    outcome = fields.Selection(
        [
            ("no_concern", "No concern"),
            ("follow_up", "Concern: follow-up services arranged"),
            ("concern", "Notification of concern filed"),
            ("unreachable", "Could not reach the child or the sponsor"),
        ],
        required=True,
    )
    notes = fields.Text()

    @api.depends("case_id.name", "call_date")
    def _compute_display_name(self):
        for call in self:
            call.display_name = self.env._(
                "Safety call %(case)s, %(date)s",
                case=call.case_id.name or "",
                date=format_date(self.env, call.call_date),
            )

    @api.constrains(*QUESTIONS, "outcome")
    def _check_outcome(self):
        for call in self:
            worrying = [q for q in QUESTIONS if call[q] != "yes"]
            if call.outcome == "no_concern" and worrying:
                raise ValidationError(
                    self.env._(
                        "The answers raise a concern (%(questions)s): record the follow-up or "
                        "the notification of concern as the outcome.",
                        questions=", ".join(
                            call._fields[q]._description_string(self.env) for q in worrying
                        ),
                    )
                )
            if call.outcome in ("follow_up", "unreachable") and not call.notes:
                raise ValidationError(self.env._("Describe the follow-up in the notes."))

    @api.constrains("call_date")
    def _check_call_date(self):
        # rule PRS-1: the call is recorded once made; its date starts nothing in the future
        today = fields.Date.context_today(self)
        for call in self:
            if call.call_date > today:
                raise ValidationError(
                    self.env._(
                        "The safety call is recorded once made (%(date)s is in the future).",
                        date=call.call_date,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        """Rules PRS-1, PRS-6: the call is communication with the child and the sponsor, kept
        in the record; deleting it would also reopen the 30-day clock."""
        if is_disposing():
            return
        raise UserError(
            self.env._(
                "A safety and well-being call stays in the record; add a case note to correct "
                "or complete it."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        calls = super().create(vals_list)
        calls.case_id._prs_close_clock_activities("safety_call")
        return calls
