# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pathlib import Path

from babel.messages.pofile import read_po

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


@tagged("post_install", "-at_install")
class TestQuestionnaireTourArabicPhone(HttpCase, RrsAssessmentCommon):
    """Issue 11: the questionnaire in Arabic, right to left, on a phone."""

    browser_size = "375x667"
    touch_enabled = True

    def test_questionnaire_in_arabic_right_to_left_on_a_phone(self):
        # the Arabic words the tour looks for are the shipped translations
        with (Path(__file__).resolve().parents[1] / "i18n" / "ar.po").open("rb") as f:
            arabic = read_po(f)
        for msgid, word in (("Next factor", "العامل التالي"), ("High", "مرتفع")):
            self.assertEqual(arabic.get(msgid).string, word)
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(["rrs_case", "rrs_assessment"], ["ar_001"])
        self.worker.lang = "ar_001"
        case = self._family_case(child_age=15)
        a1 = case.assessment_ids.filtered(lambda a: a.point == "a1" and a.member_id.is_head)
        self.start_tour(
            f"/odoo/action-rrs_assessment.rrs_assessment_action/{a1.id}",
            "rrs_assessment_questionnaire_arabic",
            login="rrs_worker",
        )
        self.assertEqual(len(a1.answer_ids.filtered("option_id")), 6)
        self.assertEqual(sorted(a1.answer_ids.mapped("score")), [0, 1, 2, 3, 3, 3])
        self.assertEqual(a1.need_level_id, self.levels["moderate"])
