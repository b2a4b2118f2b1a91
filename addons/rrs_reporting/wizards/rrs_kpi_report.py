# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from collections import defaultdict

from odoo import fields, models
from odoo.fields import Domain

from ..models.rrs_logic_model_outcome import in_scope, indicator_domains
from ..models.rrs_self_sufficiency import SELF_SUFFICIENCY_DAY

# Service-use anomalies (rule OUT-3): a case is far above its program when its activities in
# the period exceed the mean of the program's *other* cases plus two standard deviations (the
# case left out, so that one very busy case does not raise its own bar) and are at least twice
# that mean; compared only where the program has at least MIN_OTHER_CASES other cases.
ANOMALY_DEVIATIONS = 2.0
ANOMALY_RATIO = 2.0
MIN_OTHER_CASES = 4


def far_above(counts):
    """The cases of ``counts`` ({case id: activities}) far above the others, each with the
    others' mean and the bar it passed: {case id: (mean, bar)}."""
    found = {}
    if len(counts) < MIN_OTHER_CASES + 1:
        return found
    total = sum(counts.values())
    squares = sum(value * value for value in counts.values())
    others = len(counts) - 1
    for case_id, value in counts.items():
        mean = (total - value) / others
        variance = max((squares - value * value) / others - mean * mean, 0.0)
        bar = mean + ANOMALY_DEVIATIONS * math.sqrt(variance)
        if value > bar and value >= ANOMALY_RATIO * mean:
            found[case_id] = (mean, bar)
    return found


class RrsKpiReport(models.TransientModel):
    """Program KPIs (rule OUT-3): employment, self-sufficiency, client satisfaction, service
    use and the cases whose use of services is far above their program's, per program, over
    the cases the user's reports aggregate (``res.users.rrs_report_scope``)."""

    _name = "rrs.kpi.report"
    _inherit = ["rrs.report.mixin"]
    _description = "Program KPIs"
    _rrs_report_pdf = "rrs_reporting.action_report_kpi_pdf"
    _rrs_report_xlsx = "rrs_reporting.action_report_kpi_xlsx"

    # ------------------------------------------------------------ the figures
    def _rrs_scope(self):
        scope, _label = self.env.user.rrs_report_scope()
        return scope

    def _rrs_outcome_rows(self, scope, programs):
        """(program, indicator label, reached, counted) rows: employment within 90 and 180
        days (the logic models' indicators) and self-sufficiency at day 180, people counted
        once, in the period their day falls (up to today)."""
        today = fields.Date.context_today(self)
        scoped = in_scope(self.env, "rrs.case.member", scope)
        # sudo(): rrs_report_scope() checked the user's role and gives the cases the figures
        # aggregate; restricted cases among them are counted, never listed. Two grouped
        # queries per indicator, whatever the number of programs and people.
        Member = self.env["rrs.case.member"].sudo()
        indicators = [
            ("employed_90", self.env._("Adults (18-64) employed within 90 days of arrival")),
            ("employed_180", self.env._("Adults (18-64) employed within 180 days of arrival")),
            (
                "self_sufficient_180",
                self.env._(
                    "Adults (18-64) self-sufficient %(days)s days after arrival",
                    days=SELF_SUFFICIENCY_DAY,
                ),
            ),
        ]
        figures = {}
        for indicator, _label in indicators:
            if indicator == "self_sufficient_180":
                _model, _num, counted = indicator_domains(
                    "employed_180", programs, self.date_from, self.date_to, today
                )
                reached = counted & Domain(
                    "self_sufficiency_ids",
                    "any",
                    [("counts_at_day_180", "=", True), ("status", "=", "self_sufficient")],
                )
            else:
                _model, reached, counted = indicator_domains(
                    indicator, programs, self.date_from, self.date_to, today
                )
            groupby = ["case_id.program_id"]
            num = dict(Member._read_group(reached & scoped, groupby, ["__count"]))
            den = dict(Member._read_group(counted & scoped, groupby, ["__count"]))
            figures[indicator] = (num, den)
        rows = []
        for program in programs:
            for indicator, label in indicators:
                num, den = figures[indicator]
                reached, counted = num.get(program, 0), den.get(program, 0)
                rows.append(
                    [
                        program.name,
                        label,
                        reached,
                        counted,
                        100.0 * reached / counted if counted else None,
                    ]
                )
        return rows

    def _rrs_satisfaction_rows(self, scope, programs):
        """(program, invited, answered, response rate, satisfied, share satisfied) of the
        questionnaires the clients were invited to in the period."""
        domain = Domain(
            [
                ("rrs_case_id", "any", scope),
                ("rrs_case_id.program_id", "in", programs.ids),
                ("rrs_invited_date", ">=", self.date_from),
                ("rrs_invited_date", "<=", self.date_to),
                ("test_entry", "=", False),
            ]
        )
        # sudo(): rrs_report_scope() checked the user's role; the questionnaires of the cases
        # in that scope are counted (never read) in one grouped query
        groups = (
            self.env["survey.user_input"]
            .sudo()
            ._read_group(domain, ["rrs_case_id.program_id", "state", "rrs_satisfied"], ["__count"])
        )
        invited, answered, satisfied = defaultdict(int), defaultdict(int), defaultdict(int)
        for program, state, is_satisfied, count in groups:
            invited[program] += count
            if state == "done":
                answered[program] += count
                if is_satisfied:
                    satisfied[program] += count
        rows = []
        for program in programs:
            inv, ans, sat = invited[program], answered[program], satisfied[program]
            rows.append(
                [
                    program.name,
                    inv,
                    ans,
                    100.0 * ans / inv if inv else None,
                    sat,
                    100.0 * sat / ans if ans else None,
                ]
            )
        return rows

    def _rrs_service_use(self, scope, programs):
        """Per program: cases served (with at least one activity in the period), activities,
        hours, referrals sent, and the activities of each case (for the anomalies)."""
        period = in_scope(self.env, "rrs.case.activity", scope) & Domain(
            [
                ("program_id", "in", programs.ids),
                ("activity_date", ">=", self.date_from),
                ("activity_date", "<=", self.date_to),
            ]
        )
        # sudo(): rrs_report_scope() checked the user's role; activities and referrals of the
        # cases in that scope are counted in two grouped queries, restricted cases included
        per_case = (
            self.env["rrs.case.activity"]
            .sudo()
            ._read_group(period, ["program_id", "case_id"], ["__count", "minutes:sum"])
        )
        # sudo(): the referrals of the same scope, counted in one grouped query
        referrals = dict(
            self.env["rrs.referral"]
            .sudo()
            ._read_group(
                in_scope(self.env, "rrs.referral", scope)
                & Domain(
                    [
                        ("program_id", "in", programs.ids),
                        ("sent_date", ">=", self.date_from),
                        ("sent_date", "<=", self.date_to),
                    ]
                ),
                ["program_id"],
                ["__count"],
            )
        )
        cases = defaultdict(dict)
        minutes = defaultdict(dict)
        for program, case, count, spent in per_case:
            cases[program][case.id] = count
            minutes[program][case.id] = spent or 0
        return cases, minutes, referrals

    def _rrs_case_labels(self, case_ids):
        """The case numbers the user may read; "Restricted case" for the others (counted,
        never listed, rule REC-1)."""
        Case = self.env["rrs.case"]
        readable = Case.browse(case_ids)._filtered_access("read")
        labels = {case.id: case.display_name for case in readable}
        hidden = self.env._("Case not shown (restricted or another team's)")
        return {case_id: labels.get(case_id, hidden) for case_id in case_ids}

    # ------------------------------------------------------------- the report
    def _rrs_report_title(self):
        return self.env._("Program KPIs")

    def _rrs_report_sections(self):
        self.ensure_one()
        scope = self._rrs_scope()
        programs = self._rrs_programs().sorted("name")
        return [
            self._rrs_section_outcomes(scope, programs),
            self._rrs_section_satisfaction(scope, programs),
            *self._rrs_section_service_use(scope, programs),
        ]

    def _rrs_section_outcomes(self, scope, programs):
        return {
            "title": self.env._("Employment and self-sufficiency"),
            "columns": [
                {"label": self.env._("Program"), "type": "text"},
                {"label": self.env._("Indicator"), "type": "text"},
                {"label": self.env._("Reached"), "type": "int"},
                {"label": self.env._("Counted"), "type": "int"},
                {"label": self.env._("Result"), "type": "percent"},
            ],
            "rows": self._rrs_outcome_rows(scope, programs),
            "total": None,
            "notes": [
                self.env._(
                    "Adults aged 18 to 64 on arrival, counted in the period where their 90th "
                    "or 180th day after arrival falls. Self-sufficient: the person's latest "
                    "record by that day says the household covers its basic needs from its own "
                    "income, without cash assistance."
                )
            ],
        }

    def _rrs_section_satisfaction(self, scope, programs):
        return {
            "title": self.env._("Client satisfaction"),
            "columns": [
                {"label": self.env._("Program"), "type": "text"},
                {"label": self.env._("Invited"), "type": "int"},
                {"label": self.env._("Answered"), "type": "int"},
                {"label": self.env._("Response rate"), "type": "percent"},
                {"label": self.env._("Satisfied"), "type": "int"},
                {"label": self.env._("Satisfied, of answers"), "type": "percent"},
            ],
            "rows": self._rrs_satisfaction_rows(scope, programs),
            "total": None,
            "notes": [
                self.env._(
                    "Questionnaires the clients were invited to in the period (at closing, at "
                    "the fourth assessment, or by their worker). Satisfied: at least two thirds "
                    "of the possible score, good on average."
                )
            ],
        }

    def _rrs_section_service_use(self, scope, programs):
        cases, minutes, referrals = self._rrs_service_use(scope, programs)
        use_rows = []
        flagged = []
        for program in programs:
            counts = cases.get(program, {})
            served = len(counts)
            activities = sum(counts.values())
            hours = sum(minutes.get(program, {}).values()) / 60.0
            sent = referrals.get(program, 0)
            use_rows.append(
                [
                    program.name,
                    served,
                    activities,
                    hours,
                    activities / served if served else None,
                    hours / served if served else None,
                    sent,
                    sent / served if served else None,
                ]
            )
            for case_id, (mean, bar) in sorted(far_above(counts).items()):
                flagged.append(
                    (program, case_id, counts[case_id], minutes[program][case_id], mean, bar)
                )
        labels = self._rrs_case_labels([case_id for _p, case_id, *_rest in flagged])
        anomaly_rows = [
            [program.name, labels[case_id], count, spent / 60.0, mean, bar]
            for program, case_id, count, spent, mean, bar in flagged
        ]
        return [
            {
                "title": self.env._("Service use"),
                "columns": [
                    {"label": self.env._("Program"), "type": "text"},
                    {"label": self.env._("Cases served"), "type": "int"},
                    {"label": self.env._("Activities"), "type": "int"},
                    {"label": self.env._("Hours"), "type": "float"},
                    {"label": self.env._("Activities per case"), "type": "float"},
                    {"label": self.env._("Hours per case"), "type": "float"},
                    {"label": self.env._("Referrals sent"), "type": "int"},
                    {"label": self.env._("Referrals per case"), "type": "float"},
                ],
                "rows": use_rows,
                "total": None,
                "notes": [
                    self.env._(
                        "Cases served: cases with at least one case-management activity in the "
                        "period."
                    )
                ],
            },
            {
                "title": self.env._("Service-use anomalies"),
                "columns": [
                    {"label": self.env._("Program"), "type": "text"},
                    {"label": self.env._("Case"), "type": "text"},
                    {"label": self.env._("Activities"), "type": "int"},
                    {"label": self.env._("Hours"), "type": "float"},
                    {"label": self.env._("Other cases' mean"), "type": "float"},
                    {"label": self.env._("Flagged above"), "type": "float"},
                ],
                "rows": anomaly_rows,
                "total": None,
                "notes": [
                    self.env._(
                        "A case is listed when its activities in the period are above the mean "
                        "of the program's other cases plus %(deviations)s standard deviations "
                        "and at least %(ratio)s times that mean, in programs with at least "
                        "%(cases)s other cases served. A case the reader may not open is "
                        "counted without its number.",
                        deviations=f"{ANOMALY_DEVIATIONS:g}",
                        ratio=f"{ANOMALY_RATIO:g}",
                        cases=MIN_OTHER_CASES,
                    )
                ],
            },
        ]
