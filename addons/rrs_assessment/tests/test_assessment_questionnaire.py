# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import xmlrpc.client

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RrsAssessmentCommon


@tagged("post_install", "-at_install")
class TestQuestionnaire(RrsAssessmentCommon):
    """The questionnaire widget's server side: one answer saved per tap."""

    def setUp(self):
        super().setUp()
        self.case = self._family_case(child_age=15)  # no child under 13: childcare skipped
        self.a1 = self.case.assessment_ids.filtered(lambda a: a.point == "a1")[0].with_user(
            self.worker
        )

    def test_questionnaire_lists_applicable_factors(self):
        data = self.a1.get_questionnaire()
        self.assertEqual([f["name"] for f in data["factors"]], ["Housing", "Employment"])
        self.assertEqual(data["question_count"], 6)
        self.assertEqual(data["answered_count"], 0)
        self.assertTrue(data["editable"])
        self.assertEqual(len(data["factors"][0]["questions"][0]["options"]), 5)

    def test_each_answer_is_saved_at_once(self):
        data = self.a1.get_questionnaire()
        questions = [q for f in data["factors"] for q in f["questions"]]
        for question in questions[:4]:
            option = question["options"][3]
            summary = self.a1.save_answer(question["id"], option["id"])
        self.assertEqual(self.a1.state, "in_progress")
        self.assertEqual((summary["answered_count"], summary["question_count"]), (4, 6))
        self.assertAlmostEqual(summary["progress"], 66.67, places=1)
        housing = data["factors"][0]["id"]
        self.assertEqual(summary["factor_levels"][str(housing)], "High")
        # changing an answer updates it, never duplicates it
        self.a1.save_answer(questions[0]["id"], questions[0]["options"][0]["id"])
        self.assertEqual(len(self.a1.answer_ids.filtered("option_id")), 4)
        again = self.a1.get_questionnaire()
        self.assertEqual(
            again["factors"][0]["questions"][0]["option_id"], questions[0]["options"][0]["id"]
        )

    def test_answer_of_another_question_refused(self):
        data = self.a1.get_questionnaire()
        q1, q2 = data["factors"][0]["questions"][:2]
        with self.assertRefused("belongs to another question"):
            self.a1.save_answer(q1["id"], q2["options"][0]["id"])

    def test_completed_or_foreign_assessment_refused(self):
        data = self.a1.get_questionnaire()
        for question in (q for f in data["factors"] for q in f["questions"]):
            self.a1.save_answer(question["id"], question["options"][1]["id"])
        self.a1.action_complete()
        self.assertFalse(self.a1.get_questionnaire()["editable"])
        with self.assertRefused("no longer change", exception=UserError):
            self.a1.save_answer(question["id"], question["options"][0]["id"])
        other = self.a1.with_user(self.worker_far)
        with self.assertRaises(AccessError):
            other.get_questionnaire()

    def test_questionnaire_data_travels_over_xmlrpc_and_json(self):
        """What the widget gets is what XML-RPC and JSON carry: no None, no records, text
        keys, dates as text."""
        self.a1.sudo().due_date = "2026-03-02"
        data = self.a1.get_questionnaire()
        question = data["factors"][0]["questions"][0]
        summary = self.a1.save_answer(question["id"], question["options"][0]["id"])
        for payload in (data, summary):
            xmlrpc.client.dumps((payload,), allow_none=False)
            self.assertEqual(json.loads(json.dumps(payload)), payload)
        self.assertEqual(summary["due_date"], "2026-03-02")
        self.assertTrue(all(isinstance(k, str) for k in summary["factor_levels"]))

    def test_wrong_answers_are_refused_before_anything_is_written(self):
        data = self.a1.get_questionnaire()
        q1, q2 = data["factors"][0]["questions"][:2]
        for question_id, option_id, message in (
            ("x", q1["options"][0]["id"], "given by its id"),
            ([q1["id"]], q1["options"][0]["id"], "given by its id"),
            (q1["id"], "first", "one of the question's options"),
            (q1["id"], q2["options"][0]["id"], "belongs to another question"),
            (2147483647, False, "not part of the questionnaire"),
        ):
            with self.assertRefused(message):
                self.a1.save_answer(question_id, option_id)
            self.assertEqual(self.a1.state, "planned")
            self.assertFalse(self.a1.answer_ids.filtered("option_id"))
        with self.assertRefused("one assessment at a time", UserError):
            self.a1.browse().get_questionnaire()
        with self.assertRefused("one assessment at a time", UserError):
            (self.a1 | (self.case.assessment_ids - self.a1)[:1]).save_answer(q1["id"], False)
