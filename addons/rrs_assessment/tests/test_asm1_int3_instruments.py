# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta
from psycopg2.errors import CheckViolation

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RrsAssessmentCommon


@tagged("post_install", "-at_install")
class TestShippedInstrumentsInUse(RrsAssessmentCommon):
    """Rules ASM-1 and INT-3: the shipped matrix and intake assessment as the code uses them."""

    def _icm_first_assessment(self, child_birthdate):
        """The head's A1 of an ICM case (the shipped matrix), with one child born on
        ``child_birthdate``; the factors apply by ages on the A1 due date, 2026-02-15."""
        child = self._person("Child", birthdate=child_birthdate)
        case = self._active_case(
            program=self.program_icm,
            immigration_category_id=self.cat_gar.id,
            members=[(child, "child")],
        )
        case.service_start_date = "2026-01-15"
        a1 = case.assessment_ids.filtered(lambda a: a.point == "a1" and a.member_id.is_head)
        self.assertEqual(
            (a1.instrument_id, a1.due_date),
            (self.env.ref("rrs_assessment.instrument_css_matrix"), date(2026, 2, 15)),
        )
        return a1, child

    def test_asm1_factors_for_children_by_age_on_the_assessment_date(self):
        # rule ASM-1: childcare and parenting apply with a child under 13; the school-age
        # factors with a child aged 5 to 17; the others to every household
        on = date(2026, 2, 15)
        a1, child = self._icm_first_assessment(on - relativedelta(years=12, days=-1))

        def codes(age, days=0):
            """The factors applying when the only child is ``age`` (+ ``days``) on the date."""
            child.birthdate_date = on - relativedelta(years=age, days=days)
            self.env.invalidate_all()
            return set(a1.with_user(self.worker)._applicable_factors().mapped("code"))

        young = {"childcare", "parenting"}
        school = {"school_children", "extracurricular"}
        common = {"health", "housing", "employment", "language", "transportation"}
        for age, days, expected in (
            (4, 364, young),  # the day before the 5th birthday
            (5, 0, young | school),
            (12, 364, young | school),  # the day before the 13th birthday
            (13, 0, school),
            (17, 364, school),  # the day before the 18th birthday
            (18, 0, set()),
        ):
            found = codes(age, days)
            self.assertEqual(found & (young | school), expected, f"child of {age} (+{days} d)")
            self.assertLessEqual(common, found)
        self.assertEqual(len(codes(13)), 14)
        self.assertEqual(len(codes(8)), 16)

    @mute_logger("odoo.sql_db")
    def test_asm1_answers_scored_0_to_4(self):
        # rule ASM-1: a program manager (who builds instruments) scores answers 0 to 4, not
        # below nor above
        Instrument = self.env["rrs.assessment.instrument"].with_user(self.manager)
        draft = Instrument.create(
            {
                "name": "Draft matrix",
                "code": "draft_matrix",
                "factor_ids": [
                    Command.create(
                        {
                            "name": "Housing",
                            "code": "housing",
                            "question_ids": [Command.create({"name": "Talks to the landlord"})],
                        }
                    )
                ],
            }
        )
        question = draft.factor_ids.question_ids
        Option = self.env["rrs.assessment.option"].with_user(self.manager)
        for score in (0, 4):
            option = Option.create({"question_id": question.id, "name": f"{score}", "score": score})
            option.flush_recordset()
            self.assertEqual(option.score, score)
        for score in (-1, 5):
            with (
                self.assertRaisesRegex(CheckViolation, "rrs_assessment_option_score_range"),
                self.cr.savepoint(),
            ):
                Option.create({"question_id": question.id, "name": f"{score}", "score": score})
                self.env.flush_all()

    def test_int3_intake_once_for_the_household_in_the_first_month(self):
        # rule INT-3: an accepted resettlement case in service gets one intake assessment
        # (RRS 4.05) for the household, due a month after the start of services
        spouse = self._person("Spouse", age=38)
        child = self._person("Child", age=7)
        case = self._active_case(members=[(spouse, "spouse"), (child, "child")])
        self.assertEqual(case.program_id, self.program)
        intake = case.assessment_ids.filtered(lambda a: a.point == "intake")
        self.assertEqual(len(intake), 1)
        self.assertEqual(
            (intake.member_id, intake.instrument_id, intake.kind, intake.state),
            (
                case.member_ids.filtered("is_head"),
                self.env.ref("rrs_assessment.instrument_rrs_intake"),
                "intake",
                "planned",
            ),
        )
        self.assertEqual(intake.due_date, case.service_start_date + relativedelta(months=1))
        self.assertEqual(len(case.assessment_ids), 1)

    def test_int3_intake_gives_no_case_need_level(self):
        # rule INT-3: the intake assessment has its own level; the case's need level (which
        # weighs the workload and spares low-need clients an A2) comes from the matrix only
        case = self._active_case()
        intake = case.assessment_ids.filtered(lambda a: a.point == "intake").with_user(self.worker)
        self._answer(intake, [4] * 25)
        intake.action_complete()
        self.assertEqual(intake.state, "done")
        self.assertEqual(intake.need_level_id, self.levels["very_high"])
        self.assertFalse(case.need_level_id)
