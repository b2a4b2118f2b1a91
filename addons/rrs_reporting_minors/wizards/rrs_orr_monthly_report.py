# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import format_date

# a report submitted up to this many days after its period ends is on time: the day the case's
# next monthly report falls due (rrs_minors' `prs_report_due_date`, rule PRS-6)
ON_TIME_DAYS = 1


class RrsOrrMonthlyReport(models.TransientModel):
    """The ORR monthly summary of post-release services cases (rule PRS-6), built from the
    per-case monthly follow-up and closure reports and the notifications of concern.

    A case is open during the month when its services started on or before the month's last
    day and it was not closed before its first day. Each open case owes the monthly report
    whose period ends in the month once it has been in service for a month, unless it was
    closed in the month (its closure report covers the last period): a report submitted by
    the day after its period ends is on time, later is late; a report in draft or reviewed is
    not submitted; no report at all is missing once the case's report has fallen due
    (``prs_report_due_date``) before today.

    The figures count every case of the user's report scope (``rrs_report_scope``), restricted
    cases included; the list of cases holds only the cases the user may read.
    """

    _name = "rrs.orr.monthly.report"
    _inherit = ["rrs.report.mixin"]
    _description = "ORR monthly summary"
    _rrs_report_pdf = "rrs_reporting_minors.action_report_orr_monthly_pdf"
    _rrs_report_xlsx = "rrs_reporting_minors.action_report_orr_monthly_xlsx"

    program_ids = fields.Many2many(default=lambda self: self._default_program_ids())

    @api.model
    def _default_program_ids(self):
        return self.env["rrs.program"].search([("standard", "=", "orr_prs")])

    @api.constrains("date_from", "date_to")
    def _check_orr_month(self):
        for report in self:
            if report.date_from.day != 1 or report.date_to != report.date_from + relativedelta(
                months=1, days=-1
            ):
                raise ValidationError(
                    self.env._("The ORR monthly summary covers one calendar month.")
                )

    @api.onchange("date_from")
    def _onchange_orr_month(self):
        if self.date_from:
            self.date_from = self.date_from.replace(day=1)
            self.date_to = self.date_from + relativedelta(months=1, days=-1)

    # ------------------------------------------------------------ the domains
    def _orr_domains(self, scope):
        """The cases and reports the month's figures count, over the ``scope`` domain."""
        self.ensure_one()
        start, end = self.date_from, self.date_to
        cases = scope & Domain(
            [("is_prs", "=", True), ("program_id", "in", self._rrs_programs().ids)]
        )
        open_cases = cases & Domain(
            [
                ("service_start_date", "<=", end),
                "|",
                ("closing_date", "=", False),
                ("closing_date", ">=", start),
            ]
        )
        monthly = Domain(
            [
                ("report_type", "=", "monthly"),
                ("period_end", ">=", start),
                ("period_end", "<=", end),
            ]
        )
        # rule PRS-6: open at the month's end, in service for a full month by then, and the
        # case's report fell due before today (a report of the month under way is not missing)
        cutoff = min(fields.Date.context_today(self), end + relativedelta(days=1))
        due_without_report = open_cases & Domain(
            [
                ("service_start_date", "<=", end + relativedelta(days=1, months=-1)),
                ("prs_report_due_date", "<", cutoff),
                "|",
                ("closing_date", "=", False),
                ("closing_date", ">", end),
                ("prs_report_ids", "not any", monthly),
            ]
        )
        tz = pytz.timezone(self.company_id.partner_id.tz or self.env.user.tz or "UTC")

        def utc(day):
            moment = tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc)
            return moment.replace(tzinfo=None)

        concerns = Domain(
            [
                ("reported_date", ">=", utc(start)),
                ("reported_date", "<", utc(end + relativedelta(days=1))),
            ]
        )
        return {
            "cases": cases,
            "open": open_cases,
            "monthly": monthly,
            "missing": due_without_report,
            "concerns": concerns,
        }

    @staticmethod
    def _on_time(period_end, submitted_date):
        return submitted_date <= period_end + relativedelta(days=ON_TIME_DAYS)

    # ------------------------------------------------------------ the figures
    def _orr_summary(self):
        """The month's figures over the user's report scope, each a grouped query whatever the
        number of cases (rules PRS-5, PRS-6, PRS-7)."""
        self.ensure_one()
        scope, _label = self.env.user.rrs_report_scope()
        domains = self._orr_domains(scope)
        start, end = self.date_from, self.date_to
        # sudo(): rrs_report_scope() checked the user's role and gives the cases their reports
        # aggregate; restricted (minors') cases are counted in these figures, never listed
        Case = self.env["rrs.case"].sudo()
        Report = self.env["rrs.prs.report"].sudo()
        Concern = self.env["rrs.prs.concern"].sudo()
        in_month = Domain([("service_start_date", ">=", start), ("service_start_date", "<=", end)])
        closed = Domain([("closing_date", ">=", start), ("closing_date", "<=", end)])
        by_level = dict(Case._read_group(domains["open"], ["prs_level_id"], ["__count"]))
        new = Case.search_count(domains["open"] & in_month)
        closed_cases = domains["open"] & closed
        closed_count = Case.search_count(closed_cases)
        submitted_closure = Domain([("report_type", "=", "closure"), ("state", "=", "submitted")])
        closed_without = Case.search_count(
            closed_cases & Domain("prs_report_ids", "not any", submitted_closure)
        )
        missing = Case.search_count(domains["missing"])
        reports = domains["monthly"] & Domain("case_id", "any", domains["cases"])
        summary = {
            "open": sum(by_level.values()),
            "by_level": by_level,
            "new": new,
            "closed": closed_count,
            "closed_without_report": closed_without,
            "missing": missing,
            "on_time": 0,
            "late": 0,
            "not_submitted": 0,
            "contacts": 0,
            "home_visits": 0,
            "reports": 0,
            "with_sponsor": 0,
        }
        groups = Report._read_group(
            reports,
            ["state", "living_with_sponsor", "period_end:day", "submitted_date:day"],
            ["__count", "contact_count:sum", "home_visit_count:sum"],
        )
        for state, with_sponsor, period_end, submitted, count, contacts, visits in groups:
            if state != "submitted":
                summary["not_submitted"] += count
            elif self._on_time(period_end, submitted):
                summary["on_time"] += count
            else:
                summary["late"] += count
            summary["reports"] += count
            summary["with_sponsor"] += count if with_sponsor else 0
            summary["contacts"] += contacts
            summary["home_visits"] += visits
        summary["due"] = summary["reports"] + missing
        summary["closure_reports"] = Report.search_count(
            submitted_closure
            & Domain([("submitted_date", ">=", start), ("submitted_date", "<=", end)])
            & Domain("case_id", "any", domains["cases"])
        )
        summary["areas"] = dict(
            Report._read_group(reports, ["service_area_ids"], ["case_id:count_distinct"])
        )
        summary["concerns"] = dict(
            Concern._read_group(
                domains["concerns"] & Domain("case_id", "any", domains["cases"]),
                ["category"],
                ["__count"],
            )
        )
        return summary

    def _orr_case_rows(self):
        """One row per open case the user may read (rules PRS-6, REC-1): the cases are searched
        with the user's own rights, their reports of the month read in bulk."""
        self.ensure_one()
        scope, _label = self.env.user.rrs_report_scope()
        domains = self._orr_domains(scope)
        if not self.env["rrs.prs.report"].has_access("read"):
            return []
        cases = self.env["rrs.case"].search_fetch(
            domains["open"],
            ["name", "user_id", "prs_level_id", "service_start_date", "closing_date"]
            + ["prs_report_due_date"],
            order="name, id",
        )
        if not cases:
            return []
        # sudo(): the cases were searched with the user's rights just above; their reports,
        # concerns and service areas are read in bulk for them only
        Report = self.env["rrs.prs.report"].sudo()
        in_cases = Domain("case_id", "in", cases.ids)
        reports = {}
        for report in Report.search_fetch(
            domains["monthly"] & in_cases,
            ["case_id", "state", "period_end", "submitted_date", "contact_count"]
            + ["home_visit_count"],
            order="period_end, id",
        ):
            reports[report.case_id.id] = report  # the latest of the month
        areas = {}
        for case, area in Report._read_group(
            domains["monthly"] & in_cases, ["case_id", "service_area_ids"], []
        ):
            if area:
                areas.setdefault(case.id, []).append(area)
        # sudo(): the notifications of concern of the cases listed (the user reads the
        # cases), counted per case, never read
        concerns = dict(
            self.env["rrs.prs.concern"]
            .sudo()
            ._read_group(domains["concerns"] & in_cases, ["case_id"], ["__count"])
        )
        concerns = {case.id: count for case, count in concerns.items()}
        states = dict(self.env["rrs.prs.report"]._fields["state"]._description_selection(self.env))
        # sudo(): the names of the listed cases' workers, read in one query (a worker's
        # name is printed on the report, nothing else of the user)
        cases.user_id.sudo().mapped("name")
        cases.prs_level_id.mapped("name")
        end = self.date_to
        cutoff = min(fields.Date.context_today(self), end + relativedelta(days=1))
        rows = []
        for case in cases:
            report = reports.get(case.id)
            submitted = False
            if not report:
                due = (
                    case.service_start_date <= end + relativedelta(days=1, months=-1)
                    and (not case.closing_date or case.closing_date > end)
                    and case.prs_report_due_date
                    and case.prs_report_due_date < cutoff
                )
                status = self.env._("Missing") if due else self.env._("Not due")
            elif report.state == "submitted":
                submitted = report.submitted_date
                if self._on_time(report.period_end, report.submitted_date):
                    status = self.env._("Submitted on time")
                else:
                    status = self.env._("Submitted late")
            else:
                status = self.env._(
                    "%(state)s, not submitted", state=states.get(report.state, report.state)
                )
            rows.append(
                [
                    case.name,
                    # sudo(): the worker's name only (read above)
                    case.user_id.sudo().name or "",
                    case.prs_level_id.name or "",
                    status,
                    submitted,
                    case.prs_report_due_date,
                    report.contact_count if report else 0,
                    report.home_visit_count if report else 0,
                    concerns.get(case.id, 0),
                    ", ".join(sorted(area.name for area in areas.get(case.id, ()))),
                ]
            )
        return rows

    # ------------------------------------------------------------- the report
    def _rrs_report_title(self):
        return self.env._("ORR monthly summary of post-release services")

    def _rrs_report_filters(self):
        month = format_date(self.env, self.date_from, date_format="MMMM y")
        return [(self.env._("Month"), month), *super()._rrs_report_filters()]

    def _rrs_report_sections(self):
        self.ensure_one()
        summary = self._orr_summary()
        levels = self.env["rrs.prs.level"].with_context(active_test=False).search([])
        areas = self.env["rrs.prs.service.area"].with_context(active_test=False).search([])
        categories = (
            self.env["rrs.prs.concern"]._fields["category"]._description_selection(self.env)
        )
        count = [
            {"label": self.env._("Figure"), "type": "text"},
            {"label": self.env._("Number"), "type": "int"},
        ]
        level_rows = [[level.name, summary["by_level"].get(level, 0)] for level in levels]
        no_level = summary["by_level"].get(self.env["rrs.prs.level"], 0)
        if no_level:
            level_rows.append([self.env._("No level"), no_level])
        reports = summary["reports"]
        sections = [
            {
                "title": self.env._("Cases in the month"),
                "columns": count,
                "rows": [
                    [self.env._("Cases open during the month"), summary["open"]],
                    [self.env._("New cases (services started in the month)"), summary["new"]],
                    [self.env._("Cases closed in the month"), summary["closed"]],
                ],
                "total": None,
                "notes": [],
            },
            {
                "title": self.env._("Open cases by PRS level"),
                "columns": [
                    {"label": self.env._("PRS level"), "type": "text"},
                    {"label": self.env._("Cases"), "type": "int"},
                ],
                "rows": level_rows,
                "total": [self.env._("All"), summary["open"]],
                "notes": [],
            },
            {
                "title": self.env._("Reports to ORR"),
                "columns": count,
                "rows": [
                    [self.env._("Monthly reports due"), summary["due"]],
                    [self.env._("Submitted on time"), summary["on_time"]],
                    [self.env._("Submitted late"), summary["late"]],
                    [self.env._("Written, not submitted"), summary["not_submitted"]],
                    [self.env._("Missing"), summary["missing"]],
                    [
                        self.env._("Closure reports submitted in the month"),
                        summary["closure_reports"],
                    ],
                    [
                        self.env._("Cases closed in the month without a submitted closure report"),
                        summary["closed_without_report"],
                    ],
                ],
                "total": None,
                "notes": [
                    self.env._(
                        "A monthly report is due for the period ending in the month, once the "
                        "case has been in service for a month; on time: submitted by the day "
                        "after its period ends."
                    )
                ],
            },
            {
                "title": self.env._("Notifications of concern"),
                "columns": [
                    {"label": self.env._("Concern"), "type": "text"},
                    {"label": self.env._("Notifications"), "type": "int"},
                ],
                "rows": [[label, summary["concerns"].get(value, 0)] for value, label in categories],
                "total": [self.env._("All"), sum(summary["concerns"].values())],
                "notes": [],
            },
            {
                "title": self.env._("Contacts and placement (monthly reports of the month)"),
                "columns": count,
                "rows": [
                    [self.env._("Monthly reports of the month"), reports],
                    [self.env._("Contacts with the child or the sponsor"), summary["contacts"]],
                    [self.env._("Home visits"), summary["home_visits"]],
                    [self.env._("Children living with their sponsor"), summary["with_sponsor"]],
                ],
                "total": None,
                "notes": [],
            },
            {
                "title": self.env._("Service areas accessed"),
                "columns": [
                    {"label": self.env._("Service area"), "type": "text"},
                    {"label": self.env._("Children"), "type": "int"},
                ],
                "rows": [[area.name, summary["areas"].get(area, 0)] for area in areas],
                "total": None,
                "notes": [self.env._("Every service area accessed is reported (rule PRS-5).")],
            },
            {
                "title": self.env._("Case by case"),
                "columns": [
                    {"label": self.env._("Case"), "type": "text"},
                    {"label": self.env._("Case worker"), "type": "text"},
                    {"label": self.env._("PRS level"), "type": "text"},
                    {"label": self.env._("Monthly report"), "type": "text"},
                    {"label": self.env._("Submitted on"), "type": "date"},
                    {"label": self.env._("Next report due"), "type": "date"},
                    {"label": self.env._("Contacts"), "type": "int"},
                    {"label": self.env._("Home visits"), "type": "int"},
                    {"label": self.env._("Concerns"), "type": "int"},
                    {"label": self.env._("Service areas"), "type": "text"},
                ],
                "rows": self._orr_case_rows(),
                "total": None,
                "notes": [
                    self.env._(
                        "Only the cases you may read are listed; the figures above count every "
                        "case of the report's scope, restricted cases included."
                    )
                ],
            },
        ]
        return sections
