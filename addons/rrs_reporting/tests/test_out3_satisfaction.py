# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.rrs_assessment.tests.common import RrsAssessmentCommon
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOut3Satisfaction(RrsAssessmentCommon):
    """The client satisfaction questionnaire: asked at closing and at A4, read under the
    case's rules (rule OUT-3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("rrs_reporting.survey_client_satisfaction")

    def _answers(self, case):
        return self.env["survey.user_input"].search([("rrs_case_id", "=", case.id)])

    def _closing_case(self, **kwargs):
        case = self._active_case(**kwargs)
        case.with_user(self.worker).action_start_closing()
        case.with_user(self.worker).write(
            {"closing_reason": "goals_met", "closing_summary": "Goals met", **self._aftercare()}
        )
        return case

    def test_out3_closing_invites_the_client(self):
        # rule OUT-3: closing the case by its button creates the family's questionnaire once,
        # addressed to the head of the household
        case = self._closing_case()
        self.assertFalse(self._answers(case))
        case.with_user(self.worker).action_close()
        answer = self._answers(case)
        self.assertEqual(len(answer), 1)
        self.assertEqual(
            (answer.survey_id, answer.rrs_occasion, answer.partner_id, answer.state),
            (self.survey, "closing", case.head_partner_id, "new"),
        )
        self.assertEqual(answer.rrs_invited_date, self.today)
        # reopened and closed again: still one questionnaire for the closing
        case.with_user(self.supervisor).action_reopen()
        case.with_user(self.worker).action_start_closing()
        case.with_user(self.worker).write(
            {"closing_reason": "goals_met", "closing_summary": "Goals met", **self._aftercare()}
        )
        case.with_user(self.worker).action_close()
        self.assertEqual(len(self._answers(case)), 1)

    def test_out3_closing_by_a_plain_write_invites_too(self):
        # rule OUT-3: a write of the stage is the same move as the button
        case = self._closing_case()
        case.with_user(self.worker).write({"state": "closed"})
        self.assertEqual(self._answers(case).rrs_occasion, "closing")

    def test_out3_referred_out_is_not_asked(self):
        # rule OUT-3: a family referred out from intake was never served: no questionnaire
        case = self._case()
        partner = self.env["res.partner"].create({"name": "Other agency", "is_company": True})
        case.write({"referred_out_partner_id": partner.id, "applicant_informed_date": self.today})
        case.with_user(self.worker).action_refer_out()
        self.assertEqual(case.state, "closed")
        self.assertFalse(self._answers(case))

    def _a4(self):
        case = self._family_case(user=self.worker)
        head = case.member_ids.filtered("is_head")
        a4 = case.assessment_ids.filtered(lambda a: a.point == "a4" and a.member_id == head)
        self.assertEqual(len(a4), 1)
        self._answer(a4, [2] * 20)
        return case, a4

    def test_out3_a4_completed_invites_the_client(self):
        # rule OUT-3: completing A4 (month 12) asks the family; completing A3 does not
        case, a4 = self._a4()
        a3 = case.assessment_ids.filtered(lambda a: a.point == "a3" and a.member_id == a4.member_id)
        self._answer(a3, [2] * 20)
        a3.with_user(self.worker).action_complete()
        self.assertFalse(self._answers(case))
        a4.with_user(self.worker).action_complete()
        answer = self._answers(case)
        self.assertEqual(answer.rrs_occasion, "a4")
        # the spouse's A4, completed by a plain write of its status: still one per family
        spouse_a4 = case.assessment_ids.filtered(
            lambda a: a.point == "a4" and a.member_id != a4.member_id
        )
        self._answer(spouse_a4, [2] * 20)
        spouse_a4.with_user(self.worker).write({"state": "done"})
        self.assertEqual(spouse_a4.state, "done")
        self.assertEqual(self._answers(case), answer)

    def test_out3_worker_starts_it_with_the_client(self):
        # rule OUT-3: the worker opens the questionnaire to fill it in with the client (the
        # survey's own page, by the answer's token); another team's worker may not
        case = self._active_case()
        action = case.with_user(self.worker).action_satisfaction_survey()
        answer = self._answers(case)
        self.assertEqual(answer.rrs_occasion, "worker")
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"answer_token={answer.access_token}", action["url"])
        # asked again: the same questionnaire, not a new one
        case.with_user(self.worker).action_satisfaction_survey()
        self.assertEqual(self._answers(case), answer)
        with self.assertRaises(AccessError):
            case.with_user(self.worker_far).action_satisfaction_survey()
        answer._mark_done()
        with self.assertRaisesRegex(UserError, "already answered"):
            case.with_user(self.worker).action_satisfaction_survey()

    def test_out3_satisfied_from_two_thirds_of_the_score(self):
        # rule OUT-3: 10 of 15 is satisfied, 9 of 15 is not
        for scores, satisfied in (([2, 2, 2, 2, 2], True), ([2, 2, 2, 2, 1], False)):
            case = self._active_case()
            answer = case._rrs_invite_to_satisfaction_survey("worker")
            questions = self.survey.question_ids.filtered(
                lambda q: q.question_type == "simple_choice"
            ).sorted("sequence")
            for question, score in zip(questions, scores, strict=True):
                choice = question.suggested_answer_ids.filtered(
                    lambda a, s=score: a.answer_score == s
                )
                answer._save_lines(question, choice.id)
            self.assertFalse(answer.rrs_satisfied)  # not before it is completed
            answer._mark_done()
            self.assertEqual(answer.rrs_satisfied, satisfied, scores)

    def test_out3_answers_follow_the_case_security(self):
        # rule OUT-3: the case's worker, their supervisor and program managers read the
        # answers; the auditor reads; another team, finance and volunteers do not; a survey
        # officer of the Surveys app does not read clients' answers; a restricted case's
        # answers are case staff's
        case = self._active_case()
        answer = case._rrs_invite_to_satisfaction_survey("worker")
        Input = self.env["survey.user_input"]
        for user in (self.worker, self.supervisor, self.manager, self.auditor):
            self.assertEqual(
                Input.with_user(user).search([("id", "=", answer.id)]), answer, user.login
            )
            self.assertTrue(answer.with_user(user).read(["state", "survey_id"]))
            self.assertTrue(answer.survey_id.with_user(user).read(["title"]))
        for user in (self.worker_far, self.supervisor_other):
            self.assertFalse(Input.with_user(user).search([("id", "=", answer.id)]), user.login)
        for user in (self.finance, self.volunteer, self.worker_far):
            with self.assertRaises(AccessError):
                answer.with_user(user).read(["state"])
        for user in (self.worker, self.auditor):
            with self.assertRaises(AccessError):
                answer.with_user(user).write({"nickname": "x"})
        officer = new_test_user(
            self.env, login="rrs_survey_officer", groups="base.group_user,survey.group_survey_user"
        )
        self.assertFalse(Input.with_user(officer).search([("id", "=", answer.id)]))
        # the suite's groups do not widen survey's rules: another survey's answers stay out
        other = self.env["survey.survey"].create({"title": "Staff picnic", "survey_type": "survey"})
        staff_answer = other._create_answer(partner=self.worker.partner_id)
        for user in (self.worker, self.manager, self.auditor):
            self.assertFalse(Input.with_user(user).search([("id", "=", staff_answer.id)]))
            with self.assertRaises(AccessError):
                other.with_user(user).read(["title"])
        case.restricted = True
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            answer.with_user(self.auditor).read(["state"])
        self.assertTrue(answer.with_user(self.worker).read(["state"]))
        self.assertEqual(case.with_user(self.worker).satisfaction_input_count, 1)
