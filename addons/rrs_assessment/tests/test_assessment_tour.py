# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import RrsAssessmentCommon


@tagged("post_install", "-at_install")
class TestQuestionnaireTour(HttpCase, RrsAssessmentCommon):
    def test_worker_fills_in_the_questionnaire(self):
        """A case worker answers factor by factor in the browser, each tap saved at once."""
        # rule ASM-3: the levels shown while answering are those kept on the assessment
        case = self._family_case(child_age=15)  # childcare does not apply: 6 questions
        a1 = case.assessment_ids.filtered(lambda a: a.point == "a1" and a.member_id.is_head)
        self.start_tour(
            f"/odoo/action-rrs_assessment.rrs_assessment_action/{a1.id}",
            "rrs_assessment_questionnaire",
            login="rrs_worker",
        )
        self.assertEqual(a1.state, "done")
        self.assertEqual(len(a1.answer_ids.filtered("option_id")), 6)
        self.assertEqual(sorted(a1.answer_ids.mapped("score")), [0, 1, 2, 3, 3, 3])
        self.assertEqual(a1.need_level_id, self.levels["moderate"])
