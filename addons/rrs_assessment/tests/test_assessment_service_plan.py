# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RrsAssessmentCommon


@tagged("post_install", "-at_install")
class TestAssessmentServicePlan(RrsAssessmentCommon):
    def test_plan1_plan_keeps_the_need_level_it_was_based_on(self):
        # rule PLAN-1: the plan is based on the assessment
        case = self._family_case()
        a1 = case.assessment_ids.filtered(lambda a: a.point == "a1")[0]
        self._answer(a1, [4, 4, 3, 3, 1, 0, 2, 2])
        a1.action_complete()
        self.assertEqual(case.need_level_id, self.levels["moderate"])
        plan = self.env["rrs.service.plan"].create(
            {
                "case_id": case.id,
                "goal_ids": [
                    Command.create(
                        {
                            "name": "Stable housing",
                            "desired_outcome": "Lease in the family's name",
                            "target_date": "2026-06-30",
                            "services": "Housing search",
                        }
                    )
                ],
            }
        )
        self.assertEqual(plan.need_level_id, self.levels["moderate"])
        report = self.env.ref("rrs_case.action_report_service_agreement")
        html = report._render_qweb_html(report, plan.ids)[0].decode()
        self.assertIn("Need level at planning", html)
        self.assertIn(self.levels["moderate"].name, html)
        # a later assessment does not rewrite the level the plan was made at
        case.need_level_id = self.levels["low"]
        self.assertEqual(plan.need_level_id, self.levels["moderate"])
        # nor can a client choose it (integrity: a field the system sets)
        with self.assertRaisesRegex(UserError, "is set by the system"):
            plan.with_user(case.user_id).write({"need_level_id": self.levels["low"].id})
        self.assertEqual(plan.need_level_id, self.levels["moderate"])

    def test_res4_time_per_need_level(self):
        # rule RES-4: totals per need level, as the case stood when the effort was made
        case = self._family_case()
        a1 = case.assessment_ids.filtered(lambda a: a.point == "a1")[0]
        self._answer(a1, [4, 4, 3, 3, 1, 0, 2, 2])
        a1.action_complete()
        Activity = self.env["rrs.case.activity"]
        topic = self.env.ref("rrs_case.activity_topic_housing")
        Activity.create(
            [
                {"case_id": case.id, "topic_id": topic.id, "minutes": 90},
                {"case_id": case.id, "topic_id": topic.id, "minutes": 30},
            ]
        )
        case.need_level_id = self.levels["low"]
        Activity.create({"case_id": case.id, "topic_id": topic.id, "minutes": 15})
        totals = dict(
            Activity._read_group([("case_id", "=", case.id)], ["need_level_id"], ["minutes:sum"])
        )
        self.assertEqual(totals, {self.levels["moderate"]: 120, self.levels["low"]: 15})
