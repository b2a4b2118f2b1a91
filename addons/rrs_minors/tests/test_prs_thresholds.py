# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The thresholds of the post-release services rules, each on both sides (issue 18): the
program's own numbers, the day before, of and after, and each condition alone."""

from datetime import datetime
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RrsMinorsCommon

D = relativedelta


@tagged("post_install", "-at_install")
class TestPrsThresholds(RrsMinorsCommon):
    def _no_commit(self):
        return patch.object(
            type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: float("inf")
        )

    def _activities(self, case, key):
        kind = self.env.ref(f"rrs_minors.mail_activity_type_prs_{key}")
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "rrs.case"),
                ("res_id", "=", case.id),
                ("activity_type_id", "=", kind.id),
            ]
        )

    def _concern(self, case, on):
        with freeze_time(on):
            return (
                self.env["rrs.prs.concern"]
                .with_user(self.worker)
                .create(
                    {
                        "case_id": case.id,
                        "category": "running_away",
                        "description": "The child did not come home last night.",
                    }
                )
            )

    # ------------------------------------------------------------------ PRS-2
    def test_prs2_only_a_home_visit_moves_the_monthly_visit(self):
        # rule PRS-2: at a level with monthly home visits, a meeting is not the home visit
        case = self._prs_case()
        with freeze_time(self.RELEASE + D(days=10)):
            case.with_user(self.worker).prs_level_id = self.level_2
        due = self.RELEASE + D(days=10) + D(months=1)
        self.assertEqual(case.prs_home_visit_due_date, due)
        self._contact(case, "meeting", on=self.RELEASE + D(days=20))
        self.assertEqual(case.prs_home_visit_due_date, due, "a meeting is no home visit")
        self._contact(case, "home_visit", on=self.RELEASE + D(days=20))
        self.assertEqual(case.prs_home_visit_due_date, self.RELEASE + D(days=20) + D(months=1))

    def test_prs2_a_level_configured_without_monthly_visits_has_no_visit_clock(self):
        # rule PRS-2: levels are data; the monthly visits are the level's setting
        level_3 = self.env["rrs.prs.level"].create(
            {"name": "Level 3", "code": "prs_test_3", "monthly_home_visits": True}
        )
        case = self._prs_case()
        with freeze_time(self.RELEASE + D(days=5)):
            case.with_user(self.worker).prs_level_id = level_3
        self.assertEqual(case.prs_home_visit_due_date, self.RELEASE + D(days=5) + D(months=1))
        level_3.monthly_home_visits = False
        self.assertFalse(case.prs_home_visit_due_date)

    def test_prs2_the_history_records_only_todays_change_to_the_cases_level(self):
        # rule PRS-2: the history is written by the level change, not around it
        case = self._prs_case()
        History = self.env["rrs.prs.level.history"].with_user(self.worker)
        with freeze_time(self.RELEASE + D(days=10)):
            case.with_user(self.worker).prs_level_id = self.level_2
            today = self.RELEASE + D(days=10)
            message = "records each change of a case's PRS level when it is made"
            with self.assertRefused(message, UserError):
                History.create(
                    {
                        "case_id": case.id,
                        "level_id": self.level_2.id,
                        "date_from": today - D(days=1),
                    }
                )
            with self.assertRefused(message, UserError):
                History.create(
                    {"case_id": case.id, "level_id": self.level_1.id, "date_from": today}
                )
            line = History.create(
                {"case_id": case.id, "level_id": self.level_2.id, "date_from": today}
            )
        self.assertEqual((line.date_from, line.user_id), (today, self.worker))

    # ------------------------------------------------------------------ PRS-3
    def test_prs3_start_days_are_the_programs_setting(self):
        # rule PRS-3: the 2 days are the program's setting
        self.program_prs.prs_start_days = 5
        other = self._prs_case(start=False)
        self.assertEqual(other.prs_start_due_date, self.RELEASE + D(days=1) + D(days=5))
        tvpra = self._prs_case(start=False, prs_tvpra=True)
        self.assertEqual(tvpra.prs_start_due_date, self.RELEASE + D(days=5))

    def test_prs3_start_reminder_before_services_start_closed_when_they_start(self):
        # rule PRS-3: the worker is reminded to start services, until they start
        case = self._prs_case(start=False, prs_tvpra=True)
        due = self.RELEASE + D(days=2)
        with self._no_commit(), freeze_time(due - D(days=3)):
            self.env["rrs.case"]._cron_prs_clocks()
            self.assertFalse(self._activities(case, "start"))
        with self._no_commit(), freeze_time(due - D(days=2)):
            self.env["rrs.case"]._cron_prs_clocks()
            reminder = self._activities(case, "start")
            self.assertEqual((reminder.date_deadline, reminder.user_id), (due, self.worker))
        case.service_start_date = due
        self.assertFalse(self._activities(case, "start"), "services started: the reminder goes")
        with self._no_commit(), freeze_time(due):
            case._prs_schedule_clock_activities()
            self.assertFalse(self._activities(case, "start"), "not raised again once started")

    # ------------------------------------------------------------------ PRS-4
    def test_prs4_the_service_period_is_the_programs_setting(self):
        # rule PRS-4: the 90 days are the program's service duration
        self.program_prs.write({"service_duration": 120, "duration_unit": "day"})
        case = self._prs_case(age_at_release=15)
        self.assertEqual(case.prs_end_date, self.RELEASE + D(days=120))
        self.assertEqual(case.prs_end_reason, "period")

    def test_prs4_ends_on_the_18th_birthday_itself(self):
        # rule PRS-4: at age 18, for TVPRA and other cases
        for tvpra in (True, False):
            case = self._prs_case(age_at_release=17, prs_tvpra=tvpra)
            birthday = self.RELEASE + D(days=50)
            case.prs_child_member_id.partner_id.birthdate_date = birthday - D(years=18)
            self.assertEqual((case.prs_end_date, case.prs_end_reason), (birthday, "age"))

    def test_prs4_child_welfare_assessment_does_not_end_a_tvpra_case(self):
        # rule PRS-4: only non-TVPRA cases end early on a child-welfare assessment
        case = self._prs_case(age_at_release=14, prs_tvpra=True)
        case.prs_child_welfare_end_date = self.RELEASE + D(days=45)
        self.assertEqual(case.prs_end_reason, "age")
        self.assertEqual(case.prs_end_date, case.prs_child_member_id.birthdate_date + D(years=18))
        other = self._prs_case()
        other.prs_child_welfare_end_date = self.RELEASE + D(days=45)
        self.assertEqual(
            (other.prs_end_date, other.prs_end_reason), (self.RELEASE + D(days=45), "child_welfare")
        )

    def test_prs4_checkin_days_are_the_programs_setting(self):
        # rule PRS-4: "over one year" is the program's setting
        self.program_prs.prs_checkin_after_days = 400
        case = self._prs_case(age_at_release=14, prs_tvpra=True)
        with self.assertRefused("has not been active for 400 days"):
            case.write(
                {"prs_checkin_since": self.RELEASE + D(days=399), "prs_checkin_reason": "Stable"}
            )
        case.write(
            {"prs_checkin_since": self.RELEASE + D(days=400), "prs_checkin_reason": "Stable"}
        )
        self.assertEqual(case.prs_checkin_since, self.RELEASE + D(days=400))

    def test_prs4_a_concern_in_the_last_year_keeps_regular_services(self):
        # rule PRS-4: no major concern in the year before the check-ins start
        since = self.RELEASE + D(days=500)
        values = {"prs_checkin_since": since, "prs_checkin_reason": "Stable"}
        year_before = since - D(years=1)
        recent = self._prs_case(age_at_release=14, prs_tvpra=True)
        self._concern(
            recent, datetime(year_before.year, year_before.month, year_before.day, 12) + D(days=1)
        )
        with self.assertRefused("had a notification of concern in the last year"):
            recent.write(values)
        ten_days_in = self._prs_case(age_at_release=14, prs_tvpra=True)
        self._concern(
            ten_days_in,
            datetime(year_before.year, year_before.month, year_before.day, 12) + D(days=10),
        )
        with self.assertRefused("had a notification of concern in the last year"):
            ten_days_in.write(values)
        older = self._prs_case(age_at_release=14, prs_tvpra=True)
        self._concern(older, datetime(year_before.year, year_before.month, year_before.day, 12))
        older.write(values)
        self.assertEqual(older.prs_checkin_since, since)

    def test_prs4_each_meeting_or_home_visit_moves_the_next_checkin(self):
        # rule PRS-4: the monthly check-ins have their own clock, moved by each contact
        case = self._prs_case(age_at_release=14, prs_tvpra=True)
        since = self.RELEASE + D(days=365)
        case.write({"prs_checkin_since": since, "prs_checkin_reason": "Stable"})
        self.assertEqual(case.prs_checkin_due_date, since + D(months=1))
        with freeze_time(since + D(days=25)):  # a note records a contact already made
            self._contact(case, "meeting", on=since + D(days=10))
            self.assertEqual(case.prs_checkin_due_date, since + D(days=10) + D(months=1))
            self._contact(case, "home_visit", on=since + D(days=20))
        self.assertEqual(case.prs_checkin_due_date, since + D(days=20) + D(months=1))

    # ------------------------------------------------------------------ PRS-6
    def _monthly(self, case, start, **vals):
        values = {
            "case_id": case.id,
            "report_type": "monthly",
            "period_start": start,
            "period_end": start + D(months=1) - D(days=1),
            "narrative": "Settled with the sponsor.",
        }
        values.update(vals)
        return self.env["rrs.prs.report"].with_user(self.worker).create(values)

    def test_prs6_only_a_submitted_monthly_report_moves_the_next_one(self):
        # rule PRS-6: a draft or reviewed report, or a closure report, is not the month's report
        case = self._prs_case()
        start = case.service_start_date
        first_due = start + D(months=1) - D(days=1)
        self.assertEqual(case.prs_report_due_date, first_due)
        report = self._monthly(case, start)
        report.with_user(self.supervisor).action_review()
        self.assertEqual(case.prs_report_due_date, first_due, "reviewed, not submitted")
        closure = self.env["rrs.prs.report"].create(
            {
                "case_id": case.id,
                "report_type": "closure",
                "period_start": start,
                "period_end": start + D(months=2),
                "narrative": "Services completed.",
                "closure_reason": "The period ended.",
            }
        )
        closure.with_user(self.supervisor).action_review()
        closure.with_user(self.worker).action_submit()
        self.assertEqual(case.prs_report_due_date, first_due, "a closure report is not monthly")
        report.with_user(self.worker).action_submit()
        self.assertEqual(case.prs_report_due_date, report.period_end + D(months=1))

    def test_prs6_no_monthly_report_due_after_services_end(self):
        # rule PRS-6: a report due on the last day of services is due; after it, none
        case = self._prs_case()
        start = case.service_start_date
        # a submitted report whose period ends a month before the end: the next is due on it
        case.write({"prs_child_welfare_end_date": start + D(months=2) - D(days=1)})
        end = case.prs_end_date
        report = self._monthly(case, start)
        report.with_user(self.supervisor).action_review()
        report.with_user(self.worker).action_submit()
        self.assertEqual(case.prs_report_due_date, end, "due on the last day of services")
        case.write({"prs_child_welfare_end_date": end - D(days=1)})
        self.assertFalse(case.prs_report_due_date, "due the day after services end: none")

    def test_prs6_a_report_changed_after_review_is_reviewed_again(self):
        # rule PRS-6: the supervisor reviewed what is submitted
        case = self._prs_case()
        report = self._monthly(case, case.service_start_date)
        report.with_user(self.supervisor).action_review()
        self.assertEqual((report.state, report.reviewed_by_id), ("reviewed", self.supervisor))
        report.with_user(self.worker).write({"narrative": "Settled; a new school."})
        self.assertEqual(report.state, "draft")
        self.assertFalse(report.reviewed_by_id)
        with self.assertRefused("reviews the report before it is submitted", UserError):
            report.with_user(self.worker).action_submit()

    def test_prs6_the_report_lists_the_periods_concerns_and_home_visits_only(self):
        # rule PRS-6: concerns of the period, home visits counted apart from other contacts
        case = self._prs_case()
        start = case.service_start_date
        end = start + D(months=1) - D(days=1)
        inside = self._concern(
            case, datetime.combine(start + D(days=5), datetime.min.time()) + D(hours=15)
        )
        self._concern(case, datetime.combine(end + D(days=3), datetime.min.time()) + D(hours=15))
        self._contact(case, "home_visit", on=start + D(days=1))
        self._contact(case, "meeting", on=start + D(days=2))
        self._contact(case, "phone", on=start + D(days=3))
        report = self._monthly(case, start)
        report.action_generate()
        self.assertEqual(report.concern_ids, inside)
        self.assertEqual((report.contact_count, report.home_visit_count), (3, 1))

    def test_prs6_submitting_the_monthly_report_closes_its_reminder(self):
        # rule PRS-6: the report reminder goes once the month's report is submitted
        case = self._prs_case()
        due = case.prs_report_due_date
        with self._no_commit(), freeze_time(due - D(days=5)):
            case._prs_schedule_clock_activities()
        self.assertEqual(self._activities(case, "report").date_deadline, due)
        report = self._monthly(case, case.service_start_date)
        report.with_user(self.supervisor).action_review()
        report.with_user(self.worker).action_submit()
        self.assertFalse(self._activities(case, "report"))

    # ------------------------------------------------------------------ PRS-7
    def test_prs7_other_agencies_are_only_added_to(self):
        # rule PRS-7: the agencies reached by phone grow, never change
        case = self._prs_case()
        concern = self._concern(case, datetime(2026, 3, 10, 12))
        as_worker = concern.with_user(self.worker)
        as_worker.write({"agency_note": "County hotline"})
        as_worker.write({"agency_note": "County hotline; school counselor"})
        self.assertEqual(concern.agency_note, "County hotline; school counselor")
        with self.assertRefused("never remove one", UserError):
            as_worker.write({"agency_note": "School counselor"})
        with self.assertRefused("stays as it was filed", UserError):
            as_worker.write({"incident_id": False})

    def test_prs7_orr_notified_once_and_the_time_kept(self):
        # rule PRS-7: notifying ORR again keeps the first time
        case = self._prs_case()
        concern = self._concern(case, datetime(2026, 3, 10, 12))
        with freeze_time("2026-03-10 13:00:00"):
            concern.with_user(self.worker).action_notify_orr()
        with freeze_time("2026-03-11 09:00:00"):
            concern.with_user(self.worker).action_notify_orr()
        self.assertEqual(concern.orr_notified_date, datetime(2026, 3, 10, 13))

    # ------------------------------------------------------------------ PRS-8
    def test_prs8_the_move_says_when_and_where_and_services_go_on(self):
        # rule PRS-8: the case's history records the move; the case stays in service
        case = self._prs_case()
        moved = self.RELEASE + D(days=20)
        self.env["rrs.prs.residence"].with_user(self.worker).create(
            {"case_id": case.id, "date_from": moved, "city": "Fresno", "reason": "Larger flat"}
        )
        body = case.message_ids[:1].body
        self.assertIn(f"The child moved on {moved} to Fresno", body)
        self.assertIn("post-release services continue at the new residence", body)
        self.assertEqual(case.state, "active")

    def test_prs8_the_report_follows_the_moves_on_the_periods_first_and_last_day(self):
        # rule PRS-8: where the child lived when the period began and every move in it, to
        # the last day; a move the day after is the next period's
        case = self._prs_case()
        start = case.service_start_date
        end = start + D(months=1) - D(days=1)
        Residence = self.env["rrs.prs.residence"].with_user(self.worker)
        for day, street, with_sponsor in (
            (self.RELEASE - D(days=30), "1 Shelter Road", True),
            (start, "12 Elm Street", True),
            (end, "40 Oak Avenue", False),
            (end + D(days=1), "7 Late Lane", True),
        ):
            Residence.create(
                {
                    "case_id": case.id,
                    "date_from": day,
                    "street": street,
                    "city": "Fresno",
                    "with_sponsor": with_sponsor,
                }
            )
        report = self._monthly(case, start)
        report.action_generate()
        lines = report.residence_summary.splitlines()
        self.assertEqual(len(lines), 2, lines)
        self.assertIn("12 Elm Street, Fresno, with the sponsor", lines[0])
        self.assertIn("40 Oak Avenue, Fresno, not with the sponsor", lines[1])
        self.assertFalse(report.living_with_sponsor)
