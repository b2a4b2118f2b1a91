# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The day after arrival the self-sufficiency indicator looks at (the Matching Grant checks
# self-sufficiency at 120 and 180 days; the program KPI reports the 180th day, rule OUT-3).
SELF_SUFFICIENCY_DAY = 180


class RrsSelfSufficiency(models.Model):
    """Where an adult of the household stands on the path to economic self-sufficiency on a
    day (rule OUT-3; PLAN-1 "pathways and barriers to economic self-sufficiency"): recorded by
    the case worker on the case.

    Self-sufficient means what the Matching Grant and R&P programs mean by it: the household
    meets its basic monthly needs from its own income, without cash assistance.
    """

    _name = "rrs.self.sufficiency"
    _description = "Self-sufficiency"
    _inherit = ["mail.thread", "rrs.guard.mixin"]
    _order = "assessment_date desc, id desc"
    _check_company_auto = True
    _rrs_parent_field = "case_id"

    case_id = fields.Many2one("rrs.case", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    program_id = fields.Many2one(related="case_id.program_id", string="Program")
    member_id = fields.Many2one(
        "rrs.case.member",
        string="Person",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('case_id', '=', case_id)]",
        tracking=True,
    )
    assessment_date = fields.Date(
        string="Date", required=True, default=fields.Date.context_today, tracking=True, index=True
    )
    status = fields.Selection(
        [
            ("self_sufficient", "Self-sufficient"),
            ("partly", "Partly self-sufficient"),
            ("not_yet", "Not yet"),
        ],
        required=True,
        default="not_yet",
        index=True,
        tracking=True,
        help="Self-sufficient: the household's own income covers its basic monthly expenses "
        "without cash assistance. Partly: income covers part of them, or only with cash "
        "assistance.",
    )
    income_source = fields.Selection(
        [
            ("employment", "Employment"),
            ("self_employment", "Self-employment"),
            ("benefits", "Public benefits"),
            ("family", "Family or sponsor support"),
            ("cash_assistance", "Agency cash assistance"),
            ("none", "No income"),
        ],
        string="Main income source",
        required=True,
        default="employment",
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    household_income = fields.Monetary(
        string="Household monthly income",
        tracking=True,
        help="Every member's earnings and benefits in a month, cash assistance left out.",
    )
    household_expenses = fields.Monetary(
        string="Household monthly expenses",
        tracking=True,
        help="Rent, utilities, food, transport and other basic needs in a month.",
    )
    receives_cash_assistance = fields.Boolean(
        string="Receives cash assistance",
        tracking=True,
        help="The household still receives cash assistance from the agency or the state.",
    )
    arrival_date = fields.Date(related="case_id.arrival_date", string="Arrival")
    days_after_arrival = fields.Integer(
        compute="_compute_days_after_arrival",
        store=True,
        index=True,
        help="Days from the case's arrival to this record's date.",
    )
    counts_at_day_180 = fields.Boolean(
        string="Counts at day 180",
        compute="_compute_counts_at_day_180",
        store=True,
        index=True,
        help="The person's latest record by the 180th day after arrival: the one the "
        "self-sufficiency indicator counts.",
    )
    note = fields.Text()

    @api.depends("assessment_date", "case_id.arrival_date")
    def _compute_days_after_arrival(self):
        for record in self:
            arrival = record.case_id.arrival_date
            record.days_after_arrival = (
                (record.assessment_date - arrival).days if record.assessment_date and arrival else 0
            )

    @api.depends(
        "member_id.self_sufficiency_ids.assessment_date",
        "member_id.self_sufficiency_ids.days_after_arrival",
    )
    def _compute_counts_at_day_180(self):
        # sudo(): the person's other records are compared by date only, to find the latest
        members = self.sudo().member_id
        latest = {}
        for member in members:
            within = member.self_sufficiency_ids.filtered(
                lambda r: (
                    r.case_id.arrival_date and 0 <= r.days_after_arrival <= SELF_SUFFICIENCY_DAY
                )
            )
            if within:
                latest[member.id] = max(within, key=lambda r: (r.assessment_date, r.id)).id
        for record in self:
            record.counts_at_day_180 = bool(record.id) and latest.get(record.member_id.id) == (
                record.id
            )

    @api.depends("member_id", "assessment_date", "status")
    def _compute_display_name(self):
        status = dict(self._fields["status"]._description_selection(self.env))
        for record in self:
            parts = [
                record.member_id.display_name,
                status.get(record.status),
                record.assessment_date and fields.Date.to_string(record.assessment_date),
            ]
            record.display_name = " – ".join(p for p in parts if p)

    @api.constrains("status", "household_income", "household_expenses", "receives_cash_assistance")
    def _check_figures(self):
        for record in self:
            if record.household_income < 0 or record.household_expenses < 0:
                raise ValidationError(
                    self.env._("Income and expenses are amounts of zero or more.")
                )
            if record.status != "self_sufficient":
                continue
            if record.receives_cash_assistance or record.income_source == "cash_assistance":
                raise ValidationError(
                    self.env._(
                        "A household that still lives on cash assistance is not self-sufficient "
                        "yet: choose “Partly self-sufficient”."
                    )
                )
            if record.household_income < record.household_expenses:
                raise ValidationError(
                    self.env._(
                        "The household's income (%(income)s) does not cover its expenses "
                        "(%(expenses)s): it is not self-sufficient yet.",
                        income=record.currency_id.format(record.household_income),
                        expenses=record.currency_id.format(record.household_expenses),
                    )
                )

    @api.constrains("member_id", "case_id", "assessment_date")
    def _check_member(self):
        for record in self:
            # sudo(): the member's case and date of birth, read only to check the person
            member = record.member_id.sudo()
            if member.case_id != record.case_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s is not a member of the household of case %(case)s: record "
                        "it on that person's own case.",
                        person=member.partner_id.name,
                        case=record.case_id.name,
                    )
                )
            if record.assessment_date and not member.is_adult_on(record.assessment_date):
                raise ValidationError(
                    self.env._(
                        "%(person)s was a minor on %(date)s: self-sufficiency is recorded for "
                        "adults.",
                        person=member.partner_id.name,
                        date=record.assessment_date,
                    )
                )
