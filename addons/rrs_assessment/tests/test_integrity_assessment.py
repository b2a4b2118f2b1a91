# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Integrity of needs assessments, their answers and results by factor, the need level an
activity is logged at, and the household members they name: each row tries one move or one
system-set field by a plain write or create and through the button, as every role (rules
ASM-2, ASM-3, RES-4, REC-3)."""

from odoo import Command
from odoo.addons.rrs_case.models.rrs_guard_mixin import rrs_disposing
from odoo.addons.rrs_case.tests.integrity import (
    OK,
    SYSTEM_SET,
    IntegrityCommon,
    Row,
    writers,
)
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RrsAssessmentCommon

NOT_A_MOVE = ("rule", "cannot go from")
FROZEN = ("rule", "stays as it is")
ONLY_SUPERVISOR = ("access", "Only a supervisor reopens a completed assessment")
BY_HAND = ("rule", "computed from the answers")

ASSESSMENT_ROWS = (
    Row(
        "ASM-3",
        "complete an assessment by writing its status, too few answers",
        "rrs.assessment",
        "_a1_planned",
        vals={"state": "done"},
        expect=writers(("rule", "Not enough answers for an overall need level")),
    ),
    Row(
        "ASM-3",
        "complete an answered assessment by writing its status: the level is the answers'",
        "rrs.assessment",
        "_a1_answered",
        vals={"state": "done"},
        expect=writers(OK),
        check="_check_completed",
    ),
    Row(
        "ASM-3",
        "complete by the button",
        "rrs.assessment",
        "_a1_answered",
        action="action_complete",
        expect=writers(OK),
        check="_check_completed",
    ),
    Row(
        "ASM-3",
        "complete by writing the status with a need level of one's choice",
        "rrs.assessment",
        "_a1_answered",
        vals={"state": "done", "need_level_id": False},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "ASM-3",
        "forge the results of an assessment in progress",
        "rrs.assessment",
        "_a1_answered",
        vals={"score": 0.1, "progress": 100.0, "answered_count": 8},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "ASM-3",
        "forge when and by whom an assessment was completed",
        "rrs.assessment",
        "_a1_done",
        vals={"completion_date": "2020-01-01", "assessor_id": 2},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "ASM-3",
        "rewrite the notes of a completed assessment",
        "rrs.assessment",
        "_a1_done",
        vals={"notes": "<p>Rewritten</p>"},
        expect=writers(FROZEN),
    ),
    Row(
        "ASM-3",
        "a completed assessment back to in progress by writing its status",
        "rrs.assessment",
        "_a1_done",
        vals={"state": "in_progress"},
        expect=writers(OK, worker=ONLY_SUPERVISOR),
        check="_check_reopened",
    ),
    Row(
        "ASM-3",
        "reopen by the button",
        "rrs.assessment",
        "_a1_done",
        action="action_reopen",
        expect=writers(OK, worker=ONLY_SUPERVISOR),
        check="_check_reopened",
    ),
    Row(
        "ASM-3",
        "a completed assessment back to planned",
        "rrs.assessment",
        "_a1_done",
        vals={"state": "planned"},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "ASM-2",
        "skip an A4 by writing its status",
        "rrs.assessment",
        "_a4_after_low_a1",
        vals={"state": "skipped"},
        expect=writers(("rule", "cannot be skipped")),
    ),
    Row(
        "ASM-2",
        "skip an A4 by the button",
        "rrs.assessment",
        "_a4_after_low_a1",
        action="action_skip",
        expect=writers(("rule", "cannot be skipped")),
    ),
    Row(
        "ASM-2",
        "skip the A2 of a low-need client by writing its status",
        "rrs.assessment",
        "_a2_after_low_a1",
        vals={"state": "skipped"},
        expect=writers(OK),
        check="_check_skipped",
    ),
    Row(
        "ASM-2",
        "skip the A2 of a client at a high need level",
        "rrs.assessment",
        "_a2_after_high_a1",
        action="action_skip",
        expect=writers(("rule", "may be skipped only when")),
    ),
    Row(
        "ASM-2",
        "cancel a scheduled assessment by writing its status",
        "rrs.assessment",
        "_a1_planned",
        vals={"state": "cancelled"},
        expect=writers(("rule", "by itself when its conditions are met")),
    ),
    Row(
        "ASM-2",
        "move the due date of a scheduled assessment",
        "rrs.assessment",
        "_a1_planned",
        vals={"due_date": "2030-01-01"},
        expect=writers(("rule", "follow the program's schedule")),
    ),
    Row(
        "ASM-3",
        "create an assessment already completed",
        "rrs.assessment",
        "_vals_adhoc_done",
        create=True,
        expect=writers(("rule", "Not enough answers")),
    ),
    Row(
        "ASM-3",
        "create an assessment with its results",
        "rrs.assessment",
        "_vals_adhoc_forged",
        create=True,
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "REC-3",
        "delete a completed assessment",
        "rrs.assessment",
        "_a1_done",
        action="unlink",
        expect={"manager": ("rule", "stays in the case file")},
    ),
    # answers of a completed assessment
    Row(
        "ASM-3",
        "change an answer of a completed assessment",
        "rrs.assessment.answer",
        "_answer_done",
        vals={"comment": "changed"},
        expect=writers(("rule", "no longer change")),
    ),
    Row(
        "ASM-3",
        "delete an answer of a completed assessment",
        "rrs.assessment.answer",
        "_answer_done",
        action="unlink",
        expect=writers(("rule", "no longer change")),
    ),
    Row(
        "ASM-3",
        "add an answer to a completed assessment",
        "rrs.assessment.answer",
        "_vals_answer_done",
        create=True,
        expect=writers(("rule", "no longer change")),
    ),
    Row(
        "ASM-3",
        "answer in progress: the results follow",
        "rrs.assessment.answer",
        "_answer_open",
        vals={"option_id": False},
        expect=writers(OK),
        check="_check_results_follow",
    ),
    # results by factor are the system's
    Row(
        "ASM-3",
        "write a result by factor",
        "rrs.assessment.factor.result",
        "_result_open",
        vals={"score": 0.0},
        expect=writers(BY_HAND),
    ),
    Row(
        "ASM-3",
        "delete a result by factor",
        "rrs.assessment.factor.result",
        "_result_open",
        action="unlink",
        expect=writers(BY_HAND),
    ),
    Row(
        "ASM-3",
        "create a result by factor",
        "rrs.assessment.factor.result",
        "_vals_result",
        create=True,
        expect=writers(BY_HAND),
    ),
    # rule RES-4: the level an activity is logged at is the case's
    Row(
        "RES-4",
        "log an activity at a need level of one's choice",
        "rrs.case.activity",
        "_vals_activity_level",
        create=True,
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "RES-4",
        "log an activity: the level is the case's",
        "rrs.case.activity",
        "_vals_activity",
        create=True,
        expect=writers(OK),
        check="_check_activity_level",
    ),
    # rule REC-3: completed assessments do not go with a household member
    Row(
        "REC-3",
        "remove a household member who has a completed assessment",
        "rrs.case.member",
        "_member_assessed",
        action="unlink",
        expect=writers(("rule", "stays in the household .*Needs Assessment: 1")),
    ),
    Row(
        "REC-3",
        "remove a household member whose assessments are only planned",
        "rrs.case.member",
        "_member_planned_only",
        action="unlink",
        expect=writers(OK),
        check="_check_member_gone",
    ),
)


@tagged("post_install", "-at_install")
class TestIntegrityAssessment(IntegrityCommon, RrsAssessmentCommon):
    ROWS = ASSESSMENT_ROWS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ROWS = ASSESSMENT_ROWS + (
            Row(
                "ASM-3",
                "forge the need level of an assessment in progress",
                "rrs.assessment",
                "_a1_answered",
                vals={"need_level_id": cls.levels["low"].id},
                expect=writers(SYSTEM_SET),
            ),
            Row(
                "ASM-2",
                "attach an ad hoc assessment to the schedule",
                "rrs.assessment",
                "_vals_adhoc_scheduled",
                create=True,
                expect=writers(SYSTEM_SET),
            ),
        )

    # ---------------------------------------------------------------- fixtures
    def _case_fixture(self):
        return self._family_case()

    def _point(self, case, point):
        head = case.member_ids.filtered("is_head")
        return case.assessment_ids.filtered(lambda a: a.point == point and a.member_id == head)

    def _a1_planned(self):
        return self._point(self._case_fixture(), "a1")

    def _a1_answered(self):
        a1 = self._a1_planned()
        self._answer(a1, [3] * 8)
        return a1

    def _a1_done(self):
        a1 = self._a1_answered()
        a1.action_complete()
        return a1

    def _after_a1(self, point, scores):
        case = self._case_fixture()
        a1 = self._point(case, "a1")
        self._answer(a1, scores)
        a1.action_complete()
        return self._point(case, point)

    def _a4_after_low_a1(self):
        return self._after_a1("a4", [0] * 8)

    def _a2_after_low_a1(self):
        return self._after_a1("a2", [0] * 8)

    def _a2_after_high_a1(self):
        return self._after_a1("a2", [4] * 8)

    def _vals_adhoc(self, **vals):
        case = self._case_fixture()
        return {
            "case_id": case.id,
            "member_id": case.member_ids.filtered("is_head").id,
            "instrument_id": self.instrument.id,
            **vals,
        }

    def _vals_adhoc_done(self):
        return self._vals_adhoc(state="done")

    def _vals_adhoc_forged(self):
        return self._vals_adhoc(completion_date="2026-01-01", score=3.5)

    def _vals_adhoc_scheduled(self):
        return self._vals_adhoc(schedule_line_id=self.program_sched.assessment_schedule_ids[:1].id)

    def _answer_done(self):
        return self._a1_done().answer_ids[:1]

    def _answer_open(self):
        return self._a1_answered().answer_ids.filtered("option_id")[:1]

    def _vals_answer_done(self):
        # no child under 13: the childcare questions were not asked
        a1 = self._point(self._family_case(child_age=15), "a1")
        self._answer(a1, [3] * 6)
        a1.action_complete()
        childcare = self.instrument.factor_ids.filtered(lambda f: f.code == "childcare")
        self.assertNotIn(childcare, a1.answer_ids.factor_id)
        return {"assessment_id": a1.id, "question_id": childcare.question_ids[:1].id}

    def _result_open(self):
        return self._a1_answered().factor_result_ids[:1]

    def _vals_result(self):
        a1 = self._a1_planned()
        return {"assessment_id": a1.id, "factor_id": self.instrument.factor_ids[:1].id}

    def _vals_activity(self, **vals):
        case = self._a1_done().case_id
        return {
            "case_id": case.id,
            "topic_id": self.env.ref("rrs_case.activity_topic_housing").id,
            "minutes": 30,
            **vals,
        }

    def _vals_activity_level(self):
        return self._vals_activity(need_level_id=self.levels["low"].id)

    def _member_assessed(self):
        return self._a1_done().member_id

    def _member_planned_only(self):
        # an adult joining the household in service: scheduled, nothing signed or done yet
        case = self._case_fixture()
        cousin = self._person("Cousin", age=30)
        case.write(
            {
                "member_ids": [
                    Command.create({"partner_id": cousin.id, "relationship": "other_relative"})
                ]
            }
        )
        member = case.member_ids.filtered(lambda m: m.partner_id == cousin)
        self.assertTrue(case.assessment_ids.filtered(lambda a: a.member_id == member))
        return member

    # ------------------------------------------------------------------ checks
    def _check_completed(self, assessment):
        self.assertEqual(assessment.state, "done")
        self.assertEqual(assessment.need_level_id, self.levels["high"], "from the answers")
        self.assertEqual(assessment.completion_date, self.today)
        self.assertIn(assessment.assessor_id, self.worker | self.supervisor | self.manager)

    def _check_reopened(self, assessment):
        self.assertEqual(assessment.state, "in_progress")
        self.assertFalse(assessment.completion_date or assessment.assessor_id)

    def _check_skipped(self, assessment):
        self.assertEqual(assessment.state, "skipped")
        self.assertIn("Low need", assessment.skip_reason)

    def _check_results_follow(self, answer):
        result = answer.assessment_id.factor_result_ids.filtered(
            lambda r: r.factor_id == answer.factor_id
        )
        self.assertEqual(result.answered_count, 3, "the results follow the answers")

    def _check_activity_level(self, activity):
        self.assertEqual(activity.need_level_id, self.levels["high"])

    def _check_member_gone(self, member):
        self.assertFalse(member.exists())

    # ------------------------------------------------------------------- tests
    def test_integrity_table(self):
        # rules ASM-2, ASM-3, RES-4, REC-3 by every role, through write, create and buttons
        counts = self.run_table()
        self.assertEqual(sum(counts.values()), len(self.ROWS) * 7)
        self.assertGreater(counts["allowed"], 0)
        self.assertGreater(counts["refused"], counts["allowed"])

    def test_asm2_schedule_follows_the_stage_however_it_changes(self):
        # rule ASM-2: the schedule is made when services start, by the button, by a plain
        # write of the stage (an API client, an import) or by trusted code
        def signed_case():
            case = self._accepted_case(
                program=self.program_sched, immigration_category_id=self.cat_gar.id
            )
            self._sign_all(case)
            self.assertFalse(case.assessment_ids)
            return case

        by_button = signed_case()
        by_button.with_user(self.worker).action_start_service()
        by_write = signed_case()
        by_write.with_user(self.worker).write({"state": "active"})
        by_system = signed_case()
        by_system.write({"state": "active", "service_start_date": self.today})
        for case in (by_button, by_write, by_system):
            self.assertEqual(
                sorted(case.assessment_ids.mapped("point")), ["a1", "a2", "a3", "a4"], case.name
            )
            self.assertEqual(case.assessment_ids.schedule_line_id.program_id, self.program_sched)

    def test_asm2_schedule_moves_by_the_system_only(self):
        # rule ASM-2: a worker's case change moves the schedule; the worker cannot
        case = self._family_case(start="2026-01-15")
        a1 = self._point(case, "a1")
        case.with_user(self.worker).write({"service_start_date": "2026-02-01"})
        self.assertEqual(str(a1.due_date), "2026-03-01")
        with self.assertRefused("follow the program's schedule", UserError):
            a1.with_user(self.worker).write({"due_date": "2026-04-01"})
        case.with_user(self.supervisor).write({"extension": 12, "extension_reason": "High"})
        a5 = self._point(case, "a5")
        self.assertEqual(a5.state, "planned")
        case.with_user(self.supervisor).write({"extension": 0, "extension_reason": False})
        self.assertEqual(a5.state, "cancelled", "the schedule cancels what no longer applies")

    def test_parent_never_changes(self):
        # the case (assessment) a record belongs to never changes
        a1 = self._a1_answered()
        other = self._a1_answered()
        for record, fname, value in (
            (a1, "case_id", other.case_id.id),
            (a1, "member_id", other.case_id.member_ids.filtered("is_head").id),
            (a1.answer_ids[:1], "assessment_id", other.id),
        ):
            with self.assertRefused("stays with", UserError):
                record.with_user(self.worker).write({fname: value})

    def test_disposal_still_destroys_members_and_assessments(self):
        # rule REC-3: disposal removes a member and their completed assessments
        member = self._member_assessed()
        assessment = member.case_id.assessment_ids.filtered(lambda a: a.state == "done")
        with rrs_disposing():
            member.unlink()
        self.assertFalse(member.exists() or assessment.exists())
