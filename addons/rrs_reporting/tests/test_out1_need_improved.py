# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.rrs_assessment.tests.common import RrsAssessmentCommon
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PARTS


@tagged("post_install", "-at_install")
class TestOut1NeedImproved(RrsAssessmentCommon):
    """Four households of one program, both adults assessed with the Needs Assessment Matrix:

    | household | A1 (both adults) | A2                    | counted  |
    | improved  | very high (all 4)| moderate to low (1s)  | improved |
    | same      | moderate (2s)    | moderate (2s)         | no       |
    | worse     | low (0s)         | high (3s)             | no       |
    | once      | high (3s)        | not yet               | left out |
    | mixed     | high / moderate  | moderate / moderate: the household's level is its highest
                                       need: high, then moderate: improved |

    Households whose need improved: 2 of 4 (50 %)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.households = {}
        plan = {
            "improved": ([4] * 8, [1] * 8),
            "same": ([2] * 8, [2] * 8),
            "worse": ([0] * 8, [3] * 8),
            "once": ([3] * 8, None),
        }
        for name, (first, second) in plan.items():
            case = cls._family_case()
            cls.households[name] = case
            cls._assess(case, "a1", first, first)
            if second:
                cls._assess(case, "a2", second, second)
        mixed = cls._family_case()
        cls.households["mixed"] = mixed
        cls._assess(mixed, "a1", [3] * 8, [2] * 8)
        cls._assess(mixed, "a2", [2] * 8, [2] * 8)
        cls.model = (
            cls.env["rrs.logic.model"]
            .with_user(cls.manager)
            .create(
                {
                    "name": "Stabilised families",
                    "program_id": cls.program_sched.id,
                    **PARTS,
                    "outcome_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "Less need",
                                "indicator": "need_improved",
                                "target": 60.0,
                                "date_from": cls.today.replace(day=1),
                                "date_to": cls.today,
                            },
                        ),
                    ],
                }
            )
        )
        cls.outcome = cls.model.outcome_ids

    @classmethod
    def _assess(cls, case, point, head_scores, spouse_scores):
        adults = case.member_ids.filtered(lambda m: m.relationship in ("head", "spouse"))
        for member, scores in zip(adults.sorted("id"), (head_scores, spouse_scores), strict=True):
            assessment = case.assessment_ids.filtered(
                lambda a, m=member: a.point == point and a.member_id == m
            )
            cls._answer(assessment, scores)
            assessment.action_complete()

    def test_out1_need_improved_counts_households_assessed_twice(self):
        # rule OUT-1: the household's level at its first and latest assessment (the highest
        # need of its adults at each point); assessed once: left out
        changes = {name: case.need_change for name, case in self.households.items()}
        self.assertEqual(
            changes,
            {
                "improved": "improved",
                "same": "same",
                "worse": "worse",
                "once": False,
                "mixed": "improved",
            },
        )
        self.assertEqual(self.households["mixed"].need_first_level_id, self.levels["high"])
        outcome = self.outcome.with_user(self.manager)
        self.assertEqual((outcome.numerator, outcome.denominator), (2, 4))
        self.assertAlmostEqual(outcome.value, 50.0)
        self.assertFalse(outcome.met)
        action = outcome.action_view_numerator()
        found = self.env[action["res_model"]].with_user(self.manager).search(action["domain"])
        self.assertEqual(found, self.households["improved"] | self.households["mixed"])
        # the worker's own caseload: every household here is the worker's
        self.assertEqual(self.outcome.with_user(self.worker).denominator, 4)
        self.assertEqual(self.outcome.with_user(self.worker_far).denominator, 0)

    def test_out1_need_improved_by_group_and_on_the_dashboard(self):
        # rules OUT-1, OUT-2: broken down by the household's characteristics, not a person's
        breakdown = (
            self.env["rrs.outcome.breakdown"]
            .with_user(self.manager)
            .create(
                {
                    "indicator": "need_improved",
                    "dimension": "program",
                    "date_from": self.outcome.date_from,
                    "date_to": self.outcome.date_to,
                    "program_ids": [(6, 0, self.program_sched.ids)],
                }
            )
        )
        total, _groups = breakdown._rrs_breakdown()
        self.assertEqual((total["numerator"], total["denominator"]), (2, 4))
        breakdown.dimension = "gender"
        with self.assertRaisesRegex(UserError, "household's"):
            breakdown._rrs_breakdown()
        self.model.with_user(self.manager).outcome_ids.create(
            {
                "logic_model_id": self.model.id,
                "name": "Jobs",
                "indicator": "employed_180",
                "target": 50.0,
                "date_from": self.outcome.date_from,
                "date_to": self.outcome.date_to,
            }
        )
        self.model.with_user(self.manager).action_activate()
        Dashboard = self.env["rrs.dashboard.outcomes"].with_user(self.manager)
        dashboard = Dashboard.browse(
            Dashboard.rrs_open_dashboard({"dimension": "gender"})["res_id"]
        )
        line = dashboard.line_ids.filtered(lambda line: line.outcome_id == self.outcome)
        # 4 households: fewer than the threshold of 5, hidden as a whole
        self.assertTrue(line.hidden)
        self.env.company.rrs_small_cell_threshold = 2
        dashboard = Dashboard.browse(
            Dashboard.rrs_open_dashboard({"dimension": "gender"})["res_id"]
        )
        line = dashboard.line_ids.filtered(lambda line: line.outcome_id == self.outcome)
        self.assertEqual((line.numerator, line.denominator), (2, 4))
        # gender falls back to the program for households: one group, nobody behind it
        self.assertFalse(line.lowest_group)
