# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class RrsProgram(models.Model):
    """A service an agency runs, with the rules of the contract or standard behind it.

    Every number that a funder's contract may change lives here as data, never in code:
    service duration and extension, review interval, retention, caseload, note deadline.
    """

    _name = "rrs.program"
    _description = "Resettlement Program"
    _inherit = ["mail.thread", "rrs.guard.mixin"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    standard = fields.Selection(
        [
            ("coa_rrs", "COA Refugee Resettlement Services"),
            ("orr_prs", "ORR Post-Release Services"),
            ("css_icm", "Canadian Intensive Case Management (GAR)"),
            ("other", "Other"),
        ],
        required=True,
        default="coa_rrs",
        tracking=True,
    )
    description = fields.Html()
    category_ids = fields.Many2many(
        "rrs.immigration.category",
        string="Eligible categories",
        help="Immigration categories this program may serve (rule ELIG-1).",
    )
    duration_unit = fields.Selection(
        [("day", "Days"), ("month", "Months")], required=True, default="month"
    )
    service_duration = fields.Integer(
        required=True, default=12, tracking=True, help="Standard length of service."
    )
    max_extension = fields.Integer(
        string="Maximum extension",
        default=0,
        tracking=True,
        help="How much the service may be extended beyond the standard length, "
        "in the same unit (e.g. 12 months for high-need ICM cases).",
    )
    review_interval_months = fields.Integer(
        string="Case review every (months)", required=True, default=3, tracking=True
    )
    retention_years = fields.Integer(
        string="Keep records (years)",
        required=True,
        default=7,
        tracking=True,
        help="Years records are kept after the last entry or the end of service.",
    )
    caseload_target = fields.Integer(
        required=True, default=25, tracking=True, help="Open cases per case worker."
    )
    caseload_cap = fields.Integer(
        string="Caseload hard cap",
        required=True,
        default=40,
        tracking=True,
        help="A case worker is never assigned more open cases of this program.",
    )
    note_deadline_days = fields.Integer(
        string="Case note deadline (business days)",
        required=True,
        default=5,
        tracking=True,
        help="Formal notes written later than this after the contact are flagged late.",
    )
    referral_follow_up_days = fields.Integer(
        string="Follow up referrals after (days)",
        required=True,
        default=7,
        tracking=True,
        help="When a provider has not answered a referral after this many days, the worker "
        "gets a follow-up activity.",
    )
    plan_supervisor_signature = fields.Boolean(
        string="Supervisor signs service plans",
        tracking=True,
        help="Service plans of this program are signed by the supervisor as well as the client "
        "and the worker (rule PLAN-1).",
    )
    self_review_sample_percent = fields.Integer(
        string="Self-reviews sampled (%)",
        default=20,
        tracking=True,
        help="Share of the case reviews that experienced workers do on their own cases which "
        "their supervisor reviews in turn (rule PLAN-4).",
    )
    closing_requirement = fields.Selection(
        [
            ("aftercare", "Aftercare plan"),
            ("evaluation", "Formal closing evaluation"),
        ],
        required=True,
        default="aftercare",
        tracking=True,
        help="What must be on file before a case closes (rule CLO-2): an aftercare plan made "
        "in advance, or, where the contract has no aftercare, a formal closing evaluation "
        "including unmet needs.",
    )
    # rules VIS-1, VIS-3
    visit_latest_start_hour = fields.Float(
        string="Home visits start before",
        default=12.0,
        help="Home visits are held in the morning: they start before this hour unless the "
        "supervisor authorises an exception.",
    )
    visit_day_end_hour = fields.Float(
        string="Working day ends at",
        default=17.0,
        help="A visit not checked out by this hour alerts management.",
    )
    checklist_line_ids = fields.One2many(
        "rrs.checklist.template.line",
        "program_id",
        string="Reception checklist",
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
        help="Tasks every accepted case of the program gets, with their due dates (RES-1).",
    )
    # volunteers read programs, not cases
    case_count = fields.Integer(
        compute="_compute_case_count",
        string="Open cases",
        groups="rrs_case.group_case_worker,rrs_case.group_finance,rrs_case.group_auditor",
    )

    _code_company_unique = models.Constraint(
        "UNIQUE(code, company_id)", "A program code must be unique in a company."
    )
    _durations_positive = models.Constraint(
        "CHECK(service_duration > 0 AND max_extension >= 0 AND review_interval_months > 0 "
        "AND retention_years > 0 AND note_deadline_days > 0 AND referral_follow_up_days > 0)",
        "Durations, intervals and retention must be positive numbers.",
    )
    _sample_percent_range = models.Constraint(
        "CHECK(self_review_sample_percent >= 0 AND self_review_sample_percent <= 100)",
        "The share of self-reviews sampled is a percentage from 0 to 100.",
    )
    _caseload_consistent = models.Constraint(
        "CHECK(caseload_target > 0 AND caseload_cap >= caseload_target)",
        "The caseload hard cap cannot be lower than the caseload target.",
    )

    def _compute_case_count(self):
        groups = self.env["rrs.case"]._read_group(
            [("program_id", "in", self.ids), ("state", "!=", "closed")],
            ["program_id"],
            ["__count"],
        )
        counts = {program.id: count for program, count in groups}
        for program in self:
            program.case_count = counts.get(program.id, 0)

    def _delta(self, amount):
        self.ensure_one()
        if self.duration_unit == "day":
            return relativedelta(days=amount)
        return relativedelta(months=amount)

    @api.private
    def get_planned_end_date(self, start_date, extension=0):
        """Last day of service for a case starting on ``start_date``."""
        self.ensure_one()
        if not start_date:
            return False
        return (
            start_date
            + self._delta(self.service_duration + (extension or 0))
            - relativedelta(days=1)
        )

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("rrs_case.rrs_case_action")
        action["domain"] = [("program_id", "=", self.id)]
        action["context"] = {"default_program_id": self.id}
        return action
