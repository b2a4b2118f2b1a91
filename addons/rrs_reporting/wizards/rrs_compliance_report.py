# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.rrs_assessment.models.rrs_assessment import OPEN as ASSESSMENT_OPEN
from odoo.fields import Domain


class RrsComplianceReport(models.TransientModel):
    """What is overdue on the report's end date, by worker: notes written late, case reviews,
    needs assessments, reception checklist tasks and referral follow-ups (rules VIS-4, PLAN-4,
    ASM-2, RES-1, PLAN-6), over the user's report scope."""

    _name = "rrs.compliance.report"
    _inherit = ["rrs.report.mixin"]
    _description = "Compliance by worker"
    _rrs_report_pdf = "rrs_reporting.action_report_compliance_pdf"
    _rrs_report_xlsx = "rrs_reporting.action_report_compliance_xlsx"

    @api.model
    def _default_period(self):
        """From the first of this month to today: what is overdue now."""
        today = fields.Date.context_today(self)
        return today.replace(day=1), today

    # ------------------------------------------------------------ the figures
    def _rrs_worker_ids(self):
        """The workers whose rows the user sees: None for every worker (program managers and
        auditors), the team for supervisors, themselves for case workers (a secondary worker
        on another's case reads the case, not its worker's row)."""
        user = self.env.user
        if user.has_group("rrs_case.group_program_manager") or user.has_group(
            "rrs_case.group_auditor"
        ):
            return None
        if user.has_group("rrs_case.group_supervisor"):
            return user.rrs_supervised_user_ids()
        return [user.id]

    def _rrs_clock_queries(self):
        """{clock: (model, domain, worker field)} of what is overdue on the end date."""
        self.ensure_one()
        scope, _label = self.env.user.rrs_report_scope()
        programs = self._rrs_programs().ids
        end = self.date_to
        in_scope = Domain("case_id", "any", scope) & Domain("case_id.program_id", "in", programs)
        return {
            # rule VIS-4: formal notes due in the period and written after their deadline
            # (written after the end date: still missing on it)
            "late_notes": (
                "rrs.case.note",
                in_scope
                & Domain("is_late", "=", True)
                & Domain("deadline_date", ">=", self.date_from)
                & Domain("deadline_date", "<=", end),
                "author_id",
            ),
            # rule PLAN-4: cases in service whose next review date has passed
            "reviews": (
                "rrs.case",
                scope
                & Domain("program_id", "in", programs)
                & Domain("state", "in", ("active", "closing"))
                & Domain("next_review_date", "<", end),
                "user_id",
            ),
            # rule ASM-2: due before the end date and not completed on it
            "assessments": (
                "rrs.assessment",
                in_scope
                & Domain("due_date", "<", end)
                & (
                    Domain("state", "in", ASSESSMENT_OPEN)
                    | (Domain("state", "=", "done") & Domain("completion_date", ">", end))
                ),
                "user_id",
            ),
            # rule RES-1: reception and orientation tasks due before the end date, not done
            # on it
            "checklist": (
                "rrs.case.checklist.item",
                in_scope
                & Domain("due_date", "<", end)
                & (
                    Domain("state", "=", "todo")
                    | (Domain("state", "=", "done") & Domain("done_date", ">", end))
                ),
                "user_id",
            ),
            # rule PLAN-6: sent, unanswered, and the follow-up day has passed
            "referrals": (
                "rrs.referral",
                in_scope & Domain("state", "=", "sent") & Domain("follow_up_date", "<", end),
                "user_id",
            ),
        }

    def _rrs_clocks(self):
        """(key, column title) of each clock, in the report's order."""
        return [
            ("late_notes", self.env._("Notes written late (VIS-4)")),
            ("reviews", self.env._("Case reviews overdue (PLAN-4)")),
            ("assessments", self.env._("Assessments overdue (ASM-2)")),
            ("checklist", self.env._("Checklist tasks overdue (RES-1)")),
            ("referrals", self.env._("Referral follow-ups overdue (PLAN-6)")),
        ]

    @api.private
    def rrs_compliance_figures(self):
        """{worker (res.users, possibly empty): {clock: count}}, one grouped query per clock."""
        self.ensure_one()
        by_worker = {}
        clocks = [key for key, _title in self._rrs_clocks()]
        worker_ids = self._rrs_worker_ids()
        for clock, (model, domain, field) in self._rrs_clock_queries().items():
            if worker_ids is not None:
                domain &= Domain(field, "in", worker_ids)
            # sudo(): rrs_report_scope() checked the user's role and gave the cases; the rows
            # are limited to the user's own, or their team's; restricted cases are counted,
            # never listed (the report names no case)
            Model = self.env[model].sudo()
            rows = Model._read_group(domain, [field], ["__count"])
            for worker, count in rows:
                by_worker.setdefault(worker, dict.fromkeys(clocks, 0))[clock] += count
        return by_worker

    # ------------------------------------------------------------- the report
    def _rrs_report_title(self):
        return self.env._("Compliance by worker")

    def _rrs_report_filters(self):
        lang = self.env["res.lang"]._get_data(code=self.env.lang or "en_US")
        date_format = lang.date_format if lang else "%Y-%m-%d"
        return [
            *super()._rrs_report_filters(),
            (self.env._("Overdue on"), self.date_to.strftime(date_format)),
        ]

    def _rrs_report_sections(self):
        self.ensure_one()
        by_worker = self.rrs_compliance_figures()
        workers = sorted(by_worker, key=lambda worker: (not worker, worker.name or ""))
        rows = []
        clocks = self._rrs_clocks()
        for worker in workers:
            counts = [by_worker[worker][clock] for clock, _title in clocks]
            rows.append([worker.name or self.env._("No worker"), *counts, sum(counts)])
        totals = [sum(row[index] for row in rows) for index in range(1, len(clocks) + 2)]
        return [
            {
                "title": self.env._("Overdue by worker"),
                "columns": [
                    {"label": self.env._("Worker"), "type": "text"},
                    *({"label": title, "type": "int"} for _key, title in clocks),
                    {"label": self.env._("Total"), "type": "int"},
                ],
                "rows": rows,
                "total": [self.env._("All"), *totals],
                "notes": [
                    self.env._(
                        "Overdue on the end date: due before it and not done on it. Notes: "
                        "formal notes due in the period and written after their deadline, by "
                        "their author. Reviews, assessments, tasks and referrals: by the "
                        "worker responsible."
                    ),
                    self.env._(
                        "Case reviews and referral follow-ups are counted as they stand today: "
                        "a review done or an answer received after the end date is not counted."
                    ),
                    self.env._("Workers with nothing overdue are not listed."),
                ],
            }
        ]
