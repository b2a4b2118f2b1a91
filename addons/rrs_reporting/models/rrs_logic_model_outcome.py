# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.orm.domains import DomainCondition

from .rrs_case_member import SCHOOL_AGE_FROM, WORKING_AGE_TO

ADULT_AGE = 18
# indicator: (days after arrival, age from, age to)
WINDOWS = {
    "employed_90": (90, ADULT_AGE, WORKING_AGE_TO),
    "employed_180": (180, ADULT_AGE, WORKING_AGE_TO),
    "children_in_school": (30, SCHOOL_AGE_FROM, ADULT_AGE - 1),
}
# Cases that were never served (still at intake, waiting, or referred out from there) are
# not part of a program's outcomes.
NOT_SERVED = ("intake", "waiting")
INDICATORS = [
    ("employed_90", "Adults (18-64) employed within 90 days of arrival"),
    ("employed_180", "Adults (18-64) employed within 180 days of arrival"),
    ("children_in_school", "School-age children enrolled within 30 days of arrival"),
    ("goals_achieved", "Service plan goals achieved"),
    ("need_improved", "Households whose need level improved since the first assessment"),
]
# indicators counted per household (case) or goal, not per person
HOUSEHOLD_INDICATORS = ("goals_achieved", "need_improved")


# indicator: (the field telling whether a record reached it, the values that do)
REACHED = {
    "employed_90": ("employed_within", ("90",)),
    "employed_180": ("employed_within", ("90", "180")),
    "children_in_school": ("school_within", ("30",)),
    "goals_achieved": ("status", ("achieved",)),
    "need_improved": ("need_change", ("improved",)),
}


def indicator_domains(indicator, programs, date_from, date_to, today):
    """(model, numerator domain, denominator domain) of an indicator for programs and a
    period (rule OUT-1): the people (or goals) counted once each.

    Employment and school count the people whose days after arrival ended within the period
    and by ``today``; goals count the goals whose target date falls within the period, dropped
    goals left out; need counts the households assessed twice at least whose latest assessment
    falls within the period. Cases never served are not part of a program's outcomes.
    """
    field, values = REACHED[indicator]
    reached = Domain(field, "in", values)
    if indicator == "need_improved":
        households = Domain(
            [
                ("program_id", "in", programs.ids),
                ("need_last_date", ">=", date_from),
                ("need_last_date", "<=", date_to),
                ("need_change", "!=", False),
                ("state", "not in", NOT_SERVED),
            ]
        )
        return "rrs.case", households & reached, households
    if indicator == "goals_achieved":
        goals = Domain(
            [
                ("case_id.program_id", "in", programs.ids),
                ("target_date", ">=", date_from),
                ("target_date", "<=", date_to),
                ("status", "!=", "dropped"),
            ]
        )
        return "rrs.service.goal", goals & reached, goals
    days, age_from, age_to = WINDOWS[indicator]
    end = min(date_to, today)
    cohort = Domain(
        [
            ("case_id.program_id", "in", programs.ids),
            ("case_id.arrival_date", ">=", date_from - timedelta(days=days)),
            ("case_id.arrival_date", "<=", end - timedelta(days=days)),
            ("case_id.state", "not in", NOT_SERVED),
            ("case_id.closing_reason", "!=", "referred_out"),
            ("arrival_age", ">=", age_from),
            ("arrival_age", "<=", age_to),
        ]
    )
    return "rrs.case.member", cohort & reached, cohort


def in_scope(env, model, scope):
    """The records of ``model`` on the cases of ``scope`` (a domain on rrs.case).

    A scope of whole companies (a program manager's or an auditor's: ``company_id in ...``,
    see ``res.users.rrs_report_scope_kind``) is tested on the record's own company when the
    record keeps its case's company in a column (a stored ``company_id`` related to
    ``case_id.company_id``): through the case, PostgreSQL joined every case of the companies
    to each figure (issue 17)."""
    if model == "rrs.case":
        return scope
    field = env[model]._fields.get("company_id")
    if (
        isinstance(scope, DomainCondition)
        and scope.field_expr == "company_id"
        and scope.operator == "in"
        and field is not None
        and field.store
        and field.related == "case_id.company_id"
    ):
        return scope
    return Domain("case_id", "any", scope)


def indicator_counts(Model, indicator, denominator, groupby=None):
    """{group value: [reached, counted]} of an indicator's records in one grouped query
    (``groupby`` None: one group, keyed None). ``Model`` carries the reader's rights."""
    field, values = REACHED[indicator]
    counts = {}
    groups = [groupby, field] if groupby else [field]
    for row in Model._read_group(denominator, groups, ["__count"]):
        *key, value, count = row
        key = key[0] if groupby else None
        pair = counts.setdefault(key, [0, 0])
        pair[1] += count
        if value in values:
            pair[0] += count
    return counts


class RrsLogicModelOutcome(models.Model):
    """A desired outcome of a logic model and its indicator, measured from the case records
    for the outcome's program and period (rule OUT-1).

    The numbers cover the cases the reader's reports aggregate (``res.users.rrs_report_scope``):
    a case worker their caseload, a supervisor the team's, a program manager and an auditor
    every case of their companies. Restricted cases (REC-1) in that scope are counted but
    never listed: the records behind the numbers (``action_view_numerator``) open with the
    reader's own rights, and the breakdown by group (``action_disaggregate``) hides small
    groups (OUT-2).
    """

    _name = "rrs.logic.model.outcome"
    _description = "Desired outcome"
    _inherit = ["rrs.guard.mixin"]
    _order = "logic_model_id, sequence, id"
    _rrs_parent_field = "logic_model_id"

    logic_model_id = fields.Many2one(
        "rrs.logic.model", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="logic_model_id.company_id", store=True, index=True)
    program_id = fields.Many2one(
        related="logic_model_id.program_id", string="Program", store=True, index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Desired outcome", required=True)
    indicator = fields.Selection(
        INDICATORS,
        required=True,
        help="Employment and school: the people whose days after arrival ended within the "
        "period (and by today), counted once. Goals: the goals whose target date falls within "
        "the period, dropped goals left out. Need: the households whose latest Needs Assessment "
        "Matrix, the second at least, was completed within the period.",
    )
    target = fields.Float(string="Target (%)", required=True, default=50.0)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    numerator = fields.Integer(compute="_compute_value")
    denominator = fields.Integer(compute="_compute_value")
    value = fields.Float(string="Result (%)", compute="_compute_value", digits=(5, 1))
    met = fields.Boolean(string="Target met", compute="_compute_value")

    _period_in_order = models.Constraint(
        "CHECK(date_to >= date_from)", "An outcome's period cannot end before it starts."
    )
    _target_in_range = models.Constraint(
        "CHECK(target >= 0 AND target <= 100)", "A target is a share between 0 and 100%."
    )

    @api.constrains("target", "date_from", "date_to")
    def _check_target_and_period(self):
        for outcome in self:
            if not 0 <= outcome.target <= 100:
                raise ValidationError(self.env._("A target is a share between 0 and 100%."))
            if outcome.date_to < outcome.date_from:
                raise ValidationError(
                    self.env._(
                        "The period of %(outcome)s ends before it starts.", outcome=outcome.name
                    )
                )

    # ------------------------------------------------------------ the figures
    def _indicator_domains(self):
        """(model, numerator domain, denominator domain) of the outcome's indicator, for its
        program and period; the people (or goals) counted once each."""
        self.ensure_one()
        return indicator_domains(
            self.indicator,
            self.logic_model_id.program_id,
            self.date_from,
            self.date_to,
            fields.Date.context_today(self),
        )

    @api.depends("indicator", "target", "date_from", "date_to", "logic_model_id.program_id")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_value(self):
        try:
            scope, _label = self.env.user.rrs_report_scope()
        except AccessError:
            scope = None
        for outcome in self:
            outcome.numerator = outcome.denominator = 0
            outcome.value = 0.0
            outcome.met = False
            if scope is None or not (outcome.indicator and outcome.date_from and outcome.date_to):
                continue
            if not outcome.logic_model_id.program_id:
                continue
            model, numerator, denominator = outcome._indicator_domains()
            scoped = in_scope(self.env, model, scope)
            # sudo(): rrs_report_scope() checked the reader's role and gives the cases their
            # figures aggregate; restricted cases among them are counted, never listed (OUT-2).
            # One grouped query.
            Model = self.env[model].sudo()
            counts = indicator_counts(Model, outcome.indicator, denominator & scoped)
            num, den = counts.get(None, (0, 0))
            outcome.numerator, outcome.denominator = num, den
            outcome.value = 100.0 * num / den if den else 0.0
            outcome.met = bool(den) and outcome.value >= outcome.target

    def _action_records(self, numerator):
        self.ensure_one()
        model, num_domain, den_domain = self._indicator_domains()
        Model = self.env[model]
        if not Model.has_access("read"):
            raise UserError(self.env._("You may not read the records behind this outcome."))
        scope, _label = self.env.user.rrs_report_scope()
        domain = (num_domain if numerator else den_domain) & in_scope(self.env, model, scope)
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": model,
            "domain": list(domain),
            "views": [(False, "list"), (False, "pivot")],
            "context": {"create": False},
        }

    def action_disaggregate(self):
        """The outcome by gender, age, origin, language ... with small groups hidden (OUT-2)."""
        self.ensure_one()
        breakdown = self.env["rrs.outcome.breakdown"].create(
            {
                "outcome_id": self.id,
                "indicator": self.indicator,
                "date_from": self.date_from,
                "date_to": self.date_to,
                "program_ids": [(6, 0, self.logic_model_id.program_id.ids)],
                "target": self.target,
            }
        )
        breakdown.action_compute()
        return breakdown._rrs_form_action()

    def action_view_numerator(self):
        """The people (or goals) who reached the outcome."""
        return self._action_records(numerator=True)

    def action_view_denominator(self):
        """Everyone the outcome counts."""
        return self._action_records(numerator=False)

    # ------------------------------------------------------------------ CRUD
    def _check_model_draft(self, models_):
        """Outcomes change with their logic model in draft only (rule OUT-1)."""
        for model in models_:
            if model.state != "draft":
                raise UserError(model._rrs_frozen_message())

    @api.model_create_multi
    def create(self, vals_list):
        if self._rrs_guarded():
            ids = {vals.get("logic_model_id") for vals in vals_list if vals.get("logic_model_id")}
            self._check_model_draft(self.env["rrs.logic.model"].browse(ids))
        return super().create(vals_list)

    def write(self, vals):
        if self._rrs_guarded():
            self.check_access("write")
            self._check_model_draft(self.logic_model_id)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_draft(self):
        # held for everyone: an active logic model keeps its outcomes (rule OUT-1)
        self._check_model_draft(self.logic_model_id)
