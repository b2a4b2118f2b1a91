# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The child's immigration court dates (``rrs.prs.court.date``): recorded by the case's worker,
named after their case and day, and read by no one outside the case's staff (rules PRS-1,
PRS-6: the safety call asks whether the child knows them, the monthly report lists them)."""

from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RrsMinorsCommon

NO_READ = "doesn.t have .read. access|not allowed to access"


@tagged("post_install", "-at_install")
class TestCourtDates(RrsMinorsCommon):
    def test_prs6_court_dates_recorded_by_the_worker_and_read_by_case_staff_only(self):
        case = self._prs_case()
        Hearing = self.env["rrs.prs.court.date"].with_user(self.worker)
        hearing = Hearing.create(
            {
                "case_id": case.id,
                "hearing_date": datetime(2026, 3, 10, 14, 0),
                "court": "Chicago Immigration Court",
                "hearing_type": "master",
            }
        )
        self.assertEqual(hearing.company_id, case.company_id)
        self.assertIn(case.name, hearing.display_name)
        self.assertEqual(case.prs_court_date_ids, hearing)
        hearing.outcome = "Continued to April 15"
        # the supervisor of the team reads and corrects it
        hearing.with_user(self.supervisor).write({"court": "Chicago Immigration Court, 5th fl."})
        # a hearing stays with its case
        other = self._prs_case()
        with self.assertRefused("Immigration Court Date stays with", UserError):
            hearing.write({"case_id": other.id})
        self.assertEqual(hearing.case_id, case)
        # nobody outside the case's staff reads or adds one: another team's worker, finance,
        # auditors, volunteers
        for user in (self.worker_far, self.finance, self.auditor, self.volunteer):
            with self.subTest(user=user.login):
                with self.assertRefused(NO_READ, AccessError):
                    hearing.with_user(user).read(["hearing_date"])
                with self.assertRefused("not allowed to create|doesn.t have .create.", AccessError):
                    self.env["rrs.prs.court.date"].with_user(user).create(
                        {"case_id": case.id, "hearing_date": datetime(2026, 4, 15, 15, 0)}
                    )
