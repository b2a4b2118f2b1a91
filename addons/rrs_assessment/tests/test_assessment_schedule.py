# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RrsAssessmentCommon


@tagged("post_install", "-at_install")
class TestAssessmentSchedule(RrsAssessmentCommon):
    def _scheduled(self, case, point=None):
        assessments = case.assessment_ids.filtered(lambda a: a.state != "cancelled")
        return assessments.filtered(lambda a: a.point == point) if point else assessments

    def test_asm2_schedule_created_when_service_starts(self):
        # rule ASM-2: A1 in month 1, A2 at 4, A3 at 8, A4 at 12, for each adult (ASM-4)
        case = self._family_case(start="2026-01-15")
        adults = case.member_ids.filtered(lambda m: not m.is_minor)
        self.assertEqual(len(adults), 2)
        for point, month in (("a1", 1), ("a2", 4), ("a3", 8), ("a4", 12)):
            found = self._scheduled(case, point)
            self.assertEqual(found.member_id, adults, point)
            self.assertEqual(
                set(found.mapped("due_date")), {self._months("2026-01-15", month)}, point
            )
        self.assertFalse(self._scheduled(case, "a5"), "A5 only for extended cases")
        self.assertEqual(len(self._scheduled(case)), 8)
        self.assertEqual(case.assessment_count, 8)

    def test_asm2_no_schedule_before_service(self):
        # rule ASM-2: the schedule is created when the case starts service
        case = self._accepted_case(
            program=self.program_sched, immigration_category_id=self.cat_gar.id
        )
        self.assertFalse(case.assessment_ids)

    def test_asm2_never_duplicates(self):
        # rule ASM-2: the schedule never duplicates an assessment
        case = self._family_case()
        before = self._scheduled(case)
        case._sync_assessment_schedule()
        case.write({"urgent_needs": "none", "service_start_date": "2026-01-15"})
        case._sync_assessment_schedule()
        self.assertEqual(self._scheduled(case), before)
        with mute_logger("odoo.sql_db"), self.assertRefused("one_per_point", exception=Exception):
            before[:1].copy({"state": "planned"})

    def test_asm2_extension_adds_a5_and_withdrawal_cancels_it(self):
        # rule ASM-2: A5 at 16 months only for cases extended past 12 months
        case = self._family_case(start="2026-01-15")
        case.write({"extension": 12, "extension_reason": "High needs at A4"})
        a5 = self._scheduled(case, "a5")
        self.assertEqual(len(a5), 2)
        self.assertEqual(set(a5.mapped("due_date")), {date(2027, 5, 15)})
        case.write({"extension": 0, "extension_reason": False})
        self.assertEqual(set(a5.mapped("state")), {"cancelled"})
        case.write({"extension": 6, "extension_reason": "Housing crisis"})
        self.assertEqual(len(self._scheduled(case, "a5")), 2, "re-created, not duplicated")

    def test_asm2_a5_only_when_extended_even_within_a_longer_program(self):
        # rule ASM-2: A5 (month 16) is for extended cases only, also where the program's
        # standard length reaches month 16
        self.program_sched.write({"service_duration": 18, "duration_unit": "month"})
        case = self._family_case(start="2026-01-15")
        self.assertFalse(self._scheduled(case, "a5"), "not extended: no A5")
        self.assertEqual(len(self._scheduled(case, "a4")), 2)
        case.write({"extension": 2, "extension_reason": "Housing crisis"})
        self.assertEqual(set(self._scheduled(case, "a5").mapped("due_date")), {date(2027, 5, 15)})

    def test_asm2_moved_start_moves_only_undone(self):
        # rule ASM-2: the schedule follows the start date; completed assessments stay
        case = self._family_case(start="2026-01-15")
        a1 = self._scheduled(case, "a1")
        done = a1[0]
        self._answer(done, [1] * 8)
        done.action_complete()
        started = self._scheduled(case, "a2")[:1]
        started.action_start()
        self.assertEqual(started.state, "in_progress")
        case.service_start_date = "2026-02-01"
        self.assertEqual(done.due_date, date(2026, 2, 15), "completed assessment keeps its date")
        self.assertEqual(a1[1].due_date, date(2026, 3, 1))
        self.assertEqual(started.due_date, date(2026, 6, 1), "one in progress moves too")
        self.assertEqual(set(self._scheduled(case, "a4").mapped("due_date")), {date(2027, 2, 1)})

    def test_asm4_minors_are_not_assessed_with_the_matrix(self):
        # rule ASM-4: adults receive the matrix; minors' needs stay in the family case
        case = self._family_case()
        child = case.member_ids.filtered("is_minor")
        self.assertNotIn(child, case.assessment_ids.member_id)
        with self.assertRefused("under 18"):
            self.env["rrs.assessment"].create(
                {
                    "case_id": case.id,
                    "member_id": child.id,
                    "instrument_id": self.instrument.id,
                }
            )

    @freeze_time("2026-03-01")
    def test_asm4_youth_turning_18_enters_the_schedule(self):
        # rule ASM-4: adults receive the matrix, from the assessment after their 18th birthday
        case = self._family_case(start="2026-01-15", child_birthdate="2008-06-01")
        child = case.member_ids.filtered(lambda m: m.relationship == "child")
        # 18 on 2026-06-01: a minor at A1 (02-15) and A2 (05-15), an adult at A3 and A4
        points = set(self._scheduled(case).filtered(lambda a: a.member_id == child).mapped("point"))
        self.assertEqual(points, {"a3", "a4"})

    def test_asm2_low_need_may_skip_a2(self):
        # rule ASM-2: a low-need client after A1 may skip A2
        case = self._family_case()
        a1, a2 = self._scheduled(case, "a1")[0], self._scheduled(case, "a2")[0]
        with self.assertRefused("may be skipped only when", exception=UserError):
            a2.action_skip()
        self._answer(a1, [0, 0, 1, 0, 0, 0, 0, 0])
        a1.action_complete()
        self.assertEqual(a1.need_level_id, self.levels["low"])
        a2.action_skip()
        self.assertEqual(a2.state, "skipped")
        self.assertIn("Low need", a2.skip_reason)
        other_a2 = self._scheduled(case, "a2") - a2
        a1_other = self._scheduled(case, "a1") - a1
        self._answer(a1_other, [4, 3, 4, 3, 2, 3, 4, 4])
        a1_other.action_complete()
        with self.assertRefused("last assessed at Very High", exception=UserError):
            other_a2.action_skip()

    # --- due dates, overdue and reminders at the boundary days (freezegun) -----------
    def _a1(self):
        case = self._family_case(start="2026-01-15")  # A1 due 2026-02-15
        return self._scheduled(case, "a1")

    def test_asm2_overdue_boundaries(self):
        # rule ASM-2: every due date of the schedule, the day before, the day of, the day after
        case = self._family_case(start="2026-01-15")
        case.write({"extension": 12, "extension_reason": "High needs"})
        due = {
            "a1": "2026-02-15",
            "a2": "2026-05-15",
            "a3": "2026-09-15",
            "a4": "2027-01-15",
            "a5": "2027-05-15",
        }
        for point, day in due.items():
            scheduled = self._scheduled(case, point)
            self.assertEqual(set(scheduled.mapped("due_date")), {date.fromisoformat(day)}, point)
            on_the_day = date.fromisoformat(day)
            for offset, overdue in ((-1, False), (0, False), (1, True)):
                with freeze_time(on_the_day + relativedelta(days=offset)):
                    scheduled._process_reminders()
                    self.assertEqual(
                        set(scheduled.mapped("is_overdue")), {overdue}, (point, offset)
                    )
        a1 = self._scheduled(case, "a1")
        with freeze_time("2026-02-16"):
            self._answer(a1[0], [2] * 8)
            a1[0].action_complete()
            self.assertFalse(a1[0].is_overdue)

    def test_asm2_reminder_boundaries_and_idempotence(self):
        # rule ASM-2: activities remind the worker ahead of the due date, once
        a1 = self._a1()  # program reminds 14 days ahead: from 2026-02-01
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", "rrs.assessment"), ("res_id", "in", a1.ids)]
        with freeze_time("2026-01-31"):
            a1._process_reminders()
            self.assertFalse(Activity.search(domain))
        with freeze_time("2026-02-01"):
            a1._process_reminders()
            a1._process_reminders()
            activities = Activity.search(domain)
            self.assertEqual(len(activities), 2)
            self.assertEqual(set(activities.mapped("date_deadline")), {date(2026, 2, 15)})
            self.assertEqual(activities.user_id, self.worker)
        with freeze_time("2026-02-02"):
            self._answer(a1[0], [1] * 8)
            a1[0].action_complete()
            self.assertEqual(len(Activity.search(domain)), 1, "completing marks the reminder done")

    def test_asm2_reminder_at_the_programs_own_days(self):
        # rule ASM-2: the days ahead are the program's setting, not the shipped 14
        a1 = self._a1()  # due 2026-02-15
        a1.program_id.assessment_reminder_days = 7
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", "rrs.assessment"), ("res_id", "in", a1.ids)]
        with freeze_time("2026-02-07"):
            a1._process_reminders()
            self.assertFalse(Activity.search(domain), "8 days ahead: not yet")
        with freeze_time("2026-02-08"):
            a1._process_reminders()
            self.assertEqual(len(Activity.search(domain)), 2, "7 days ahead: reminded")

    def test_asm2_cron_reads_only_what_may_need_it_in_committed_batches(self):
        # rule ASM-2: the daily cron keeps flags true in committed batches, reading only the
        # open assessments that may need it (issue 17): flagged overdue, or due within the
        # longest reminder period of the programs; not the later points of the schedule
        Assessment = self.env["rrs.assessment"]
        with freeze_time("2026-03-01"):
            cases = [self._family_case(start="2026-01-15") for _ in range(3)]
            a1 = Assessment.union(*(self._scheduled(case, "a1") for case in cases))
            later = Assessment.union(*(self._scheduled(case) for case in cases)) - a1
            self.assertEqual((len(a1), len(later)), (6, 18))
            # a later one come due within the reminder period (14 days), and one whose
            # overdue flag is out of date (its due date moved after the flag was set)
            soon, stale = later[0], later[1]
            soon.due_date = "2026-03-10"
            with stale._rrs_system_write():
                stale.is_overdue = True
        self.assertEqual(self.program_sched.assessment_reminder_days, 14)
        calls, seen = [], []
        process = type(Assessment)._process_reminders

        def progress(self_, processed=0, remaining=None, deactivate=False):
            calls.append((processed, remaining))
            return float("inf")

        def recording(self_):
            seen.extend(self_.ids)
            return process(self_)

        with (
            patch("odoo.addons.rrs_assessment.models.rrs_assessment.BATCH_SIZE", 7),
            patch.object(type(self.env["ir.cron"]), "_commit_progress", progress),
            patch.object(type(Assessment), "_process_reminders", recording),
            freeze_time("2026-03-01"),
        ):
            Assessment._cron_assessment_reminders()
        self.assertEqual(sum(p for p, _r in calls), len(seen))
        self.assertTrue(all(p <= 7 for p, _r in calls))
        self.assertEqual(calls[-1][1], 0)
        self.assertLessEqual(a1 | soon | stale, Assessment.browse(seen))
        self.assertFalse((later - soon - stale) & Assessment.browse(seen))
        self.assertTrue(all(a1.mapped("is_overdue")))
        self.assertFalse(any(later.mapped("is_overdue")), "the stale flag is cleared")
        reminded = self.env["mail.activity"].search(
            [("res_model", "=", "rrs.assessment"), ("res_id", "in", later.ids)]
        )
        self.assertEqual(reminded.mapped("res_id"), soon.ids, "due in 9 days: reminded")

    def test_asm3_case_need_level_is_the_latest_matrix(self):
        # rule ASM-3: the case shows the level of the latest completed matrix
        case = self._family_case()
        a1 = self._scheduled(case, "a1")
        self.assertFalse(case.need_level_id)
        with freeze_time("2026-02-10"):
            self._answer(a1[0], [3] * 8)
            a1[0].action_complete()
        self.assertEqual(case.need_level_id, self.levels["high"])
        with freeze_time("2026-02-12"):
            self._answer(a1[1], [1] * 8)
            a1[1].action_complete()
        self.assertEqual(case.need_level_id, self.levels["moderate_low"])

    def test_adhoc_assessment_requires_case_member(self):
        case = self._family_case()
        other = self._family_case()
        with self.assertRefused("is not a member of case"):
            self.env["rrs.assessment"].create(
                {
                    "case_id": case.id,
                    "member_id": other.member_ids[0].id,
                    "instrument_id": self.instrument.id,
                }
            )


@tagged("post_install", "-at_install")
class TestScheduleOnInstall(RrsAssessmentCommon):
    def test_asm2_cases_already_in_service_get_their_schedule(self):
        # rule ASM-2: installing the addon on live data schedules cases in service
        from .. import post_init_hook

        case = self._family_case()
        case.assessment_ids.unlink()
        self.assertFalse(case.assessment_ids)
        post_init_hook(self.env)
        self.assertEqual(len(case.assessment_ids.filtered(lambda a: a.state == "planned")), 8)

    def test_asm2_case_created_in_service_is_scheduled(self):
        # rule ASM-2
        head = self._person("Imported head", age=44)
        case = self.env["rrs.case"].create(
            {
                "program_id": self.program_sched.id,
                "user_id": self.worker.id,
                "state": "active",
                "immigration_category_id": self.cat_gar.id,
                "applicant_informed_date": "2026-01-02",
                "service_start_date": "2026-01-15",
                "member_ids": [(0, 0, {"partner_id": head.id, "relationship": "head"})],
            }
        )
        self.assertEqual(sorted(case.assessment_ids.mapped("point")), ["a1", "a2", "a3", "a4"])
