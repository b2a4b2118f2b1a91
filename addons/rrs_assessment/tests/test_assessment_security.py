# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RrsAssessmentCommon


@tagged("post_install", "-at_install")
class TestAssessmentSecurity(RrsAssessmentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._family_case()
        cls.case_far = cls._family_case(user=cls.worker_far)
        cls.mine = cls.case.assessment_ids
        cls.far = cls.case_far.assessment_ids
        far_a1 = cls.far.filtered(lambda a: a.point == "a1")[0]
        cls._answer(far_a1, [3] * 8)
        far_a1.action_complete()
        cls.far_results = far_a1.factor_result_ids

    def test_worker_sees_only_assessments_of_own_cases(self):
        Assessment = self.env["rrs.assessment"].with_user(self.worker)
        self.assertEqual(Assessment.search([]), self.mine)
        with self.assertRaises(AccessError):
            self.far[0].with_user(self.worker).read(["need_level_id"])
        a1 = self.mine.filtered(lambda a: a.point == "a1")[0].with_user(self.worker)
        self._answer(a1, [2] * 8)
        a1.action_complete()
        self.assertEqual(a1.state, "done")
        self.assertTrue(a1.factor_result_ids)
        with self.assertRaises(AccessError):
            self.far[0].with_user(self.worker).action_start()
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.far_results.with_user(self.worker).read(["score"])
        self.assertFalse(
            self.env["rrs.assessment.factor.result"]
            .with_user(self.worker)
            .search([("id", "in", self.far_results.ids)])
        )

    def test_supervisor_sees_the_team(self):
        Assessment = self.env["rrs.assessment"].with_user(self.supervisor)
        self.assertEqual(Assessment.search([]), self.mine)
        self.assertEqual(
            self.env["rrs.assessment"].with_user(self.supervisor_other).search([]), self.far
        )

    def test_volunteer_and_finance_see_no_assessment(self):
        for user in (self.volunteer, self.finance):
            for model in (
                "rrs.assessment",
                "rrs.assessment.answer",
                "rrs.assessment.factor.result",
                "rrs.assessment.factor.comparison",
            ):
                with self.assertRaises(AccessError, msg=f"{user.login} {model}"):
                    self.env[model].with_user(user).search([])

    def test_auditor_reads_but_changes_nothing(self):
        Assessment = self.env["rrs.assessment"].with_user(self.auditor)
        self.assertEqual(
            Assessment.search([("case_id", "in", (self.case | self.case_far).ids)]),
            self.mine | self.far,
        )
        with self.assertRaises(AccessError):
            self.mine[0].with_user(self.auditor).write({"due_date": "2026-12-31"})

    def test_only_managers_configure_instruments(self):
        with self.assertRaises(AccessError):
            self.instrument.with_user(self.worker).action_new_version()
        with self.assertRaises(AccessError):
            self.env["rrs.assessment.instrument"].with_user(self.supervisor).create(
                {"name": "Mine", "code": "mine"}
            )
        self.instrument.with_user(self.manager).action_new_version()
        self.assertTrue(self.env["rrs.assessment.instrument"].with_user(self.worker).search([]))
