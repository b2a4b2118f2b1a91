# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestProgram(RrsCaseCommon):
    def test_shipped_programs_carry_the_standards_numbers(self):
        # the numbers are data an agency can change, shipped with the standards' values
        self.assertEqual(
            (
                self.program_icm.service_duration,
                self.program_icm.max_extension,
                self.program_icm.duration_unit,
            ),
            (12, 12, "month"),
        )
        self.assertEqual(
            (self.program_icm.caseload_target, self.program_icm.caseload_cap), (55, 60)
        )
        self.assertEqual(
            (self.program_prs.service_duration, self.program_prs.duration_unit), (90, "day")
        )
        self.assertEqual(
            (self.program_prs.caseload_target, self.program_prs.caseload_cap), (25, 40)
        )
        self.assertEqual(self.program.review_interval_months, 3)
        self.assertEqual(self.program.note_deadline_days, 5)

    def test_planned_end_date(self):
        self.assertEqual(self.program.get_planned_end_date(date(2026, 1, 31)), date(2027, 1, 30))
        self.assertEqual(
            self.program.get_planned_end_date(date(2026, 1, 31), 12), date(2028, 1, 30)
        )
        self.assertEqual(self.program_prs.get_planned_end_date(date(2026, 1, 1)), date(2026, 3, 31))
        self.assertFalse(self.program.get_planned_end_date(False))

    def test_caseload_cap_never_below_target(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.program.write({"caseload_target": 50, "caseload_cap": 40})
            self.program.flush_recordset()

    def test_open_case_count(self):
        program = self.program.copy({"code": "COUNT"})
        self._case(program=program)
        self._case(program=program)
        self.assertEqual(program.case_count, 2)
        action = program.action_view_cases()
        self.assertEqual(self.env["rrs.case"].search(action["domain"]).program_id, program)

    def test_program_manager_keeps_the_agreement_policies(self):
        """Rule PLAN-3: the policies printed on the service agreement are set by a program
        manager from the suite's settings, without Odoo administration rights."""
        settings = self.env["rrs.config.settings"].with_user(self.manager).create({})
        self.assertIn("conflict of interest", settings.rrs_conflict_of_interest_policy)
        settings.rrs_conflict_of_interest_policy = "<p>Staff never accept gifts.</p>"
        settings.action_save()
        self.assertIn("never accept gifts", self.company.rrs_conflict_of_interest_policy)
        for user in (self.supervisor, self.auditor, self.finance):
            with self.assertRaisesRegex(AccessError, "not allowed to (create|access)"):
                self.env["rrs.config.settings"].with_user(user).create({})
