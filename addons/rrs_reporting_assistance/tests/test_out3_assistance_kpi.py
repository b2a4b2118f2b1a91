# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import timedelta

import openpyxl

from odoo.addons.rrs_assistance.tests.common import RrsAssistanceCommon
from odoo.exceptions import AccessError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestOut3AssistanceKpi(RrsAssistanceCommon):
    """The worker's case asks 275 to the landlord twice within 30 days (the second flagged as
    a possible duplicate), 100 once, and 80 that is cancelled (not counted): 3 requests, 650,
    1 flagged for 275. The case is in a program of its own, away from the demo's requests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.rrs_assistance_duplicate_days = 30
        cls.program = cls.program.copy({"name": "Assistance program", "code": "ASST"})
        cls.program.assistance_account_id = cls.expense
        cls.case = cls._case(program=cls.program, arrival_date=cls.today - timedelta(days=10))
        cls.member = cls.case.member_ids[:1]

    def setUp(self):
        super().setUp()
        self.first = self._submitted(275.0)
        self.duplicate = self._submitted(275.0)
        self.other = self._submitted(100.0, payee_id=self.utility.id)
        cancelled = self._request(80.0, payee_id=self.utility.id)
        cancelled.action_cancel()

    def _section(self, user):
        report = (
            self.env["rrs.kpi.report"]
            .with_user(user)
            .create(
                {
                    "date_from": self.today - timedelta(days=30),
                    "date_to": self.today,
                    "program_ids": [(6, 0, self.program.ids)],
                }
            )
        )
        sections = report._rrs_report_sections()
        self.assertEqual(sections[-1]["title"], "Financial assistance and anomalies")
        return report, sections[-1]

    def test_out3_anomaly_kinds_are_stored(self):
        # rule OUT-3: the check stores what it found, the reason in words and its kind
        self.assertFalse(self.first.anomaly_kinds)
        self.assertEqual(self.duplicate.anomaly_kinds, "duplicate")
        self.assertTrue(self.duplicate.has_anomaly)

    def test_out3_assistance_section_hand_computed(self):
        # rule OUT-3: 3 live requests for 650, 1 flagged for 275, a possible duplicate
        _report, section = self._section(self.manager)
        [row] = section["rows"]
        self.assertEqual(row, ["Assistance program", 3, 650.0, 1, 275.0, 1, 0, 0, 0])
        labels = [column["label"] for column in section["columns"]]
        self.assertEqual(labels[5], "Possible duplicates")

    def test_out3_assistance_section_by_scope(self):
        # rule OUT-3: the worker's own caseload; another worker's nothing; restricted cases
        # counted for the auditor; finance has no report scope and reviews its flagged list
        self.assertEqual(self._section(self.worker)[1]["rows"][0][1:4], [3, 650.0, 1])
        self.assertEqual(self._section(self.worker_far)[1]["rows"][0][1:4], [0, 0.0, 0])
        self.case.restricted = True
        self.env.invalidate_all()
        self.assertEqual(self._section(self.auditor)[1]["rows"][0][1:4], [3, 650.0, 1])
        for user in (self.finance, self.volunteer):
            with self.assertRaises(AccessError):
                self._section(user)
        flagged = (
            self.env["rrs.assistance.request"]
            .with_user(self.finance)
            .search([("has_anomaly", "=", True), ("case_id", "=", self.case.id)])
        )
        self.assertEqual(flagged, self.duplicate)

    def test_out3_assistance_section_in_workbook_and_pdf(self):
        # rule OUT-3: the section in the XLSX (read back) and the PDF
        report, _section = self._section(self.manager)
        Report = self.env["ir.actions.report"].with_user(self.manager)
        content, _kind = Report._render_xlsx(
            "rrs_reporting.action_report_kpi_xlsx", report.ids, None
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = [
            [sheet.cell(row, col).value for col in range(1, 10)]
            for row in range(1, sheet.max_row + 1)
        ]
        self.assertIn(["Assistance program", 3, 650, 1, 275, 1, 0, 0, 0], rows)
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "rrs_reporting.action_report_kpi_pdf", report.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
