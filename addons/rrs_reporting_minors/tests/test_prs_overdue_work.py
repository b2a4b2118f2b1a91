# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import timedelta

import openpyxl

from odoo import fields
from odoo.addons.rrs_minors.tests.common import RrsMinorsCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestPrsOverdueWork(RrsMinorsCommon):
    """The PRS clocks in the compliance report and the overdue work dashboard: the worker's
    child released 40 days ago and not yet in service (PRS-3: services not started in time),
    the far worker's child released today (nothing due yet)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.late = cls._prs_case(
            release=cls.today - timedelta(days=40), user=cls.worker, start=False
        )
        cls.on_time = cls._prs_case(release=cls.today, user=cls.worker_far, start=False)

    def test_prs3_overdue_clocks_by_worker_in_the_compliance_report(self):
        # rules PRS-1 to PRS-4: a PRS case with a clock overdue counts for its worker
        report = (
            self.env["rrs.compliance.report"]
            .with_user(self.manager)
            .create({"date_from": self.today - timedelta(days=30), "date_to": self.today})
        )
        [section] = report._rrs_report_sections()
        labels = [column["label"] for column in section["columns"]]
        prs = labels.index("PRS cases with a clock overdue (PRS-1 to PRS-4, PRS-6)")
        rows = {row[0]: row for row in section["rows"]}
        self.assertEqual(rows[self.worker.name][prs], 1)
        self.assertNotIn(self.worker_far.name, rows)
        self.assertEqual(section["total"][-1], sum(row[-1] for row in section["rows"]))
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_xlsx("rrs_reporting.action_report_compliance_xlsx", report.ids, None)
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        header = next(
            row for row in sheet.iter_rows(values_only=True) if row and row[0] == "Worker"
        )
        self.assertIn("PRS cases with a clock overdue (PRS-1 to PRS-4, PRS-6)", header)
        # the far worker sees their own row only: nothing overdue
        report = report.with_user(self.worker_far)
        [section] = report._rrs_report_sections()
        self.assertFalse(section["rows"])

    def test_prs3_overdue_clocks_on_the_dashboard_match_the_case_list_filter(self):
        # rules PRS-1 to PRS-4: the dashboard counts what the case list's "PRS clock overdue"
        # filter finds in the user's scope; each worker's line opens theirs
        for user in (self.manager, self.worker, self.supervisor):
            Dashboard = self.env["rrs.dashboard.overdue"].with_user(user)
            dashboard = Dashboard.browse(Dashboard.rrs_open_dashboard()["res_id"])
            scope, _label = user.rrs_report_scope()
            found = self._search_filter("rrs.case", "prs_late", user=user, domain=list(scope))
            self.assertEqual(dashboard.prs_count, len(found), user.login)
            action = dashboard.with_context(rrs_figure="prs_count").action_open_figure()
            self.assertEqual(
                self.env["rrs.case"].with_user(user).search(action["domain"]), found, user.login
            )
        worker = self.env["rrs.dashboard.overdue"].with_user(self.worker)
        worker = worker.browse(worker.rrs_open_dashboard()["res_id"])
        self.assertEqual(worker.prs_count, 1)
        line = worker.line_ids.filtered(lambda line: line.user_id == self.worker)
        self.assertEqual(line.prs_count, 1)
        self.assertEqual(line.total_count, worker.total_count)
