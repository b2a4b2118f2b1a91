# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestCaseloadWarning(RrsCaseCommon):
    """The caseload warning of the form is a field any client reads (rule PRS-9)."""

    def _worker_creates_case(self):
        head = self._person("Sponsored child", age=15)
        return (
            self.env["rrs.case"]
            .with_user(self.worker)
            .create(
                {
                    "program_id": self.program_prs.id,
                    "member_ids": [Command.create({"partner_id": head.id, "relationship": "head"})],
                }
            )
        )

    def test_prs9_26th_case_warns_25th_does_not(self):
        # rule PRS-9: 1:25 per case manager, may go up to 1:40
        program = self.program_prs
        self.assertEqual(program.caseload_target, 25)
        for _i in range(24):
            self._case(program=program)
        case_25 = self._worker_creates_case()
        self.assertEqual(case_25.user_id, self.worker)
        self.assertFalse(case_25.caseload_warning)

        case_26 = self._worker_creates_case()
        self.assertIn("already has 25 open cases", case_26.caseload_warning)
        self.assertIn("above the target of 25", case_26.caseload_warning)
        # read as an API client reads it
        [values] = case_26.read(["caseload_warning"])
        self.assertIn("target of 25", values["caseload_warning"])
        # the worker is above the target on each of the cases now
        self.env.invalidate_all()
        self.assertTrue(case_25.caseload_warning)

        # back within the target once a case is closed as referred out
        case_26.sudo().write(
            {
                "closing_reason": "referred_out",
                "referred_out_partner_id": self._person("Other agency").id,
                "applicant_informed_date": self.today,
            }
        )
        case_26.sudo().action_refer_out()
        self.env.invalidate_all()
        self.assertFalse(case_25.caseload_warning)
        self.assertFalse(case_26.caseload_warning)

    def test_prs9_caseload_warning_for_a_case_not_saved_yet(self):
        # rule PRS-9: the form shows the warning before the 26th case is saved, and its
        # onchange pops it up as the worker is chosen: not for the 25th, for the 26th
        def new_case():
            return (
                self.env["rrs.case"]
                .with_user(self.worker)
                .new({"program_id": self.program_prs.id, "user_id": self.worker.id})
            )

        for _i in range(24):
            self._case(program=self.program_prs)
        self.assertIsNone(new_case()._onchange_caseload_target(), "the 25th case")
        self._case(program=self.program_prs)
        new = new_case()
        popup = new._onchange_caseload_target()
        self.assertEqual(popup["warning"]["title"], "Caseload above target")
        self.assertIn("already has 25 open cases", popup["warning"]["message"])
        self.assertIn("already has 25 open cases", new.caseload_warning)
        new.user_id = self.worker_other
        self.assertFalse(new.caseload_warning)
        self.assertIsNone(new._onchange_caseload_target())
