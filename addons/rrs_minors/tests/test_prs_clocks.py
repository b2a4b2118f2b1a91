# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import RrsMinorsCommon

D = relativedelta


@tagged("post_install", "-at_install")
class TestPrsClocks(RrsMinorsCommon):
    # the filter of the case list that shows each clock overdue (rules PRS-1 to PRS-4, PRS-6)
    LATE_FILTER = {
        "prs_start_due_date": "prs_start_late",
        "prs_safety_call_due_date": "prs_safety_call_late",
        "prs_home_visit_due_date": "prs_home_visit_late",
        "prs_report_due_date": "prs_report_late",
        "prs_checkin_due_date": "prs_checkin_late",
        "prs_end_date": "prs_end_passed",
    }

    def _overdue(self, case, fname, on):
        """Whether the case's worker finds ``case`` with the list's filter of that clock on day
        ``on`` (the product's filters, as the web client evaluates them); the filter of every
        overdue clock finds it exactly when one of the clocks' filters does."""
        with freeze_time(on):
            found = {
                name: bool(
                    self._search_filter("rrs.case", name, case.user_id, [("id", "=", case.id)])
                )
                for name in (*self.LATE_FILTER.values(), "prs_late")
            }
        any_clock = found.pop("prs_late")
        self.assertEqual(any_clock, any(found.values()), f"PRS clock overdue on {on}: {found}")
        return found[self.LATE_FILTER[fname]]

    def _assert_boundary(self, case, fname, due):
        self.assertEqual(case[fname], due)
        self.assertFalse(self._overdue(case, fname, due - D(days=1)), "the day before")
        self.assertFalse(self._overdue(case, fname, due), "the day it is due")
        self.assertTrue(self._overdue(case, fname, due + D(days=1)), "the day after")

    def test_prs3_start_within_two_days(self):
        # rule PRS-3: TVPRA and home-study cases from release, others from accepting the referral
        other = self._prs_case(start=False)
        self._assert_boundary(other, "prs_start_due_date", self.RELEASE + D(days=3))
        tvpra = self._prs_case(start=False, prs_tvpra=True)
        self._assert_boundary(tvpra, "prs_start_due_date", self.RELEASE + D(days=2))
        # once services start, even late, the case leaves the list of late starts
        for kind in ("confidentiality", "charter"):
            self.env["rrs.consent"].create(
                {
                    "case_id": other.id,
                    "consent_type": kind,
                    "member_id": other.prs_child_member_id.id,
                    "signer_role": "guardian",
                    "signer_partner_id": other.prs_sponsor_partner_id.id,
                    "signature_date": self.RELEASE,
                    "countersign_user_id": other.user_id.id if kind == "confidentiality" else False,
                    "countersign_date": self.RELEASE if kind == "confidentiality" else False,
                }
            )
        other.with_user(other.user_id).action_start_service()
        self.assertFalse(self._overdue(other, "prs_start_due_date", self.RELEASE + D(days=4)))
        home_study = self._prs_case(start=False, prs_home_study=True)
        self.assertEqual(home_study.prs_start_due_date, self.RELEASE + D(days=2))

    def test_prs1_safety_call_at_thirty_days(self):
        # rule PRS-1
        case = self._prs_case()
        due = self.RELEASE + D(days=30)
        self._assert_boundary(case, "prs_safety_call_due_date", due)
        self.assertFalse(case.prs_safety_call_date)
        # a call made late leaves the overdue list (the due date itself stays, as the record)
        self.env["rrs.prs.safety.call"].with_user(case.user_id).create(
            {
                "case_id": case.id,
                "call_date": due + D(days=1),
                "living_with_sponsor": "yes",
                "in_school": "yes",
                "knows_court_dates": "yes",
                "is_safe": "yes",
                "outcome": "no_concern",
            }
        )
        self.assertEqual(case.prs_safety_call_due_date, due)
        self.assertFalse(self._overdue(case, "prs_safety_call_due_date", due + D(days=2)))

    def test_prs1_safety_call_at_the_programs_own_day(self):
        # rule PRS-1: the day is the program's setting, not the shipped 30
        case = self._prs_case()
        case.program_id.prs_safety_call_days = 21
        self.assertEqual(case.prs_safety_call_due_date, self.RELEASE + D(days=21))

    def test_prs4_non_tvpra_ends_after_ninety_days(self):
        # rule PRS-4
        case = self._prs_case(age_at_release=15)
        self._assert_boundary(case, "prs_end_date", self.RELEASE + D(days=90))
        self.assertEqual(case.prs_end_reason, "period")

    def test_prs4_eighteenth_birthday_before_day_ninety(self):
        # rule PRS-4: whichever comes first
        release = self.RELEASE
        birthday = release + D(days=60)
        case = self._prs_case(age_at_release=17)
        case.prs_child_member_id.partner_id.birthdate_date = birthday - D(years=18)
        self._assert_boundary(case, "prs_end_date", birthday)
        self.assertEqual(case.prs_end_reason, "age")
        case.prs_child_member_id.partner_id.birthdate_date = release + D(days=95) - D(years=18)
        self.assertEqual(case.prs_end_date, release + D(days=90), "birthday after day 90")

    def test_prs4_tvpra_case_past_day_ninety_still_open(self):
        # rule PRS-4: TVPRA cases continue during removal proceedings until 18
        case = self._prs_case(age_at_release=14, prs_tvpra=True)
        birthday = case.prs_child_member_id.birthdate_date + D(years=18)
        self.assertEqual(case.prs_end_date, birthday)
        self.assertEqual(case.prs_end_reason, "age")
        self.assertFalse(self._overdue(case, "prs_end_date", self.RELEASE + D(days=91)))

    def test_prs4_tvpra_terminated_by_each_immigration_outcome(self):
        # rule PRS-4: voluntary departure, order of removal, immigration status obtained
        for outcome in ("voluntary_departure", "removal_order", "status_obtained"):
            case = self._prs_case(age_at_release=14, prs_tvpra=True)
            with self.assertRefused("date of the immigration case's outcome"):
                case.prs_immigration_status = outcome
            decided = self.RELEASE + D(days=200)
            case.write({"prs_immigration_status": outcome, "prs_immigration_outcome_date": decided})
            self._assert_boundary(case, "prs_end_date", decided)
            self.assertEqual(case.prs_end_reason, "immigration")
        case.write({"prs_immigration_status": "other"})
        self.assertEqual(case.prs_end_reason, "age", "other outcomes do not end services")

    def test_prs4_child_welfare_assessment_ends_early(self):
        # rule PRS-4: earlier when a child-welfare professional says services are not needed
        case = self._prs_case()
        case.prs_child_welfare_end_date = self.RELEASE + D(days=45)
        self.assertEqual(case.prs_end_date, self.RELEASE + D(days=45))
        self.assertEqual(case.prs_end_reason, "child_welfare")

    def test_prs4_monthly_checkins_for_long_tvpra_cases(self):
        # rule PRS-4: TVPRA cases active over one year with no major concerns, documented
        case = self._prs_case(age_at_release=14, prs_tvpra=True)
        with self.assertRefused("has not been active for 365 days"):
            case.write(
                {"prs_checkin_since": self.RELEASE + D(days=364), "prs_checkin_reason": "Stable"}
            )
        with self.assertRefused("Document why"):
            case.prs_checkin_since = self.RELEASE + D(days=365)
        case.write(
            {"prs_checkin_since": self.RELEASE + D(days=365), "prs_checkin_reason": "Stable"}
        )
        self.assertEqual(case.prs_checkin_due_date, self.RELEASE + D(days=365) + D(months=1))
        non_tvpra = self._prs_case()
        with self.assertRefused("Only TVPRA cases"):
            non_tvpra.write(
                {"prs_checkin_since": self.RELEASE + D(days=400), "prs_checkin_reason": "x"}
            )

    def test_prs2_level_change_and_monthly_home_visits(self):
        # rule PRS-2: level history; level 2 brings a home visit at least monthly
        case = self._prs_case()
        self.assertFalse(case.prs_home_visit_due_date, "no monthly visits at level 1")
        with freeze_time(self.RELEASE + D(days=10)):
            case.with_user(case.user_id).prs_level_id = self.level_2
        self.assertEqual(case.prs_level_history_ids.level_id, self.level_1 | self.level_2)
        # the history says when and by whom
        change = case.prs_level_history_ids.filtered(lambda h: h.level_id == self.level_2)
        self.assertEqual(change.date_from, self.RELEASE + D(days=10))
        self.assertEqual(change.user_id, case.user_id)
        self._assert_boundary(
            case, "prs_home_visit_due_date", self.RELEASE + D(days=10) + D(months=1)
        )
        self._contact(case, on=self.RELEASE + D(days=25))
        self.assertEqual(case.prs_home_visit_due_date, self.RELEASE + D(days=25) + D(months=1))

    def test_prs8_move_keeps_services_and_clocks(self):
        # rule PRS-8: services continue at the new residence
        case = self._prs_case()
        before = (case.prs_end_date, case.prs_safety_call_due_date, case.prs_report_due_date)
        self.env["rrs.prs.residence"].create(
            {
                "case_id": case.id,
                "date_from": self.RELEASE + D(days=20),
                "city": "Fresno",
                "reason": "The aunt found a larger apartment",
            }
        )
        self.assertEqual(case.state, "active")
        self.assertEqual(
            (case.prs_end_date, case.prs_safety_call_due_date, case.prs_report_due_date), before
        )
        self.assertIn("continue at the new residence", case.message_ids[:1].body)

    def test_prs_cron_raises_each_clock_once(self):
        case = self._prs_case()
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", "rrs.case"), ("res_id", "=", case.id)]
        no_commit = patch.object(
            type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: float("inf")
        )
        safety_type = self.env.ref("rrs_minors.mail_activity_type_prs_safety_call")
        due = case.prs_safety_call_due_date
        with no_commit, freeze_time(due - D(days=6)):
            self.env["rrs.case"]._cron_prs_clocks()
            self.assertFalse(Activity.search(domain + [("activity_type_id", "=", safety_type.id)]))
        with no_commit, freeze_time(due - D(days=5)):
            self.env["rrs.case"]._cron_prs_clocks()
            self.env["rrs.case"]._cron_prs_clocks()
            call = Activity.search(domain + [("activity_type_id", "=", safety_type.id)])
            self.assertEqual(len(call), 1, "one activity however often the cron runs")
            self.assertEqual(call.date_deadline, due)
            self.assertEqual(call.user_id, self.worker)
        self.env["rrs.prs.safety.call"].create(
            {
                "case_id": case.id,
                "call_date": due,
                "living_with_sponsor": "yes",
                "in_school": "yes",
                "knows_court_dates": "yes",
                "is_safe": "yes",
                "outcome": "no_concern",
            }
        )
        self.assertFalse(
            Activity.search(domain + [("activity_type_id", "=", safety_type.id)]),
            "done with the call",
        )
        self.assertEqual(case.prs_safety_call_date, due)
        with no_commit, freeze_time(due + D(days=1)):
            self.env["rrs.case"]._cron_prs_clocks()
            self.assertFalse(Activity.search(domain + [("activity_type_id", "=", safety_type.id)]))

    def test_prs_cron_batch_queries_do_not_grow_with_records_or_assignees(self):
        """Issue 17: a batch of the clocks cron costs the same queries whether its cases belong
        to one worker or to twenty, and whatever its size."""
        workers = [self.worker] + [
            new_test_user(
                self.env, login=f"rrs_clock_worker_{i}", groups="rrs_case.group_case_worker"
            )
            for i in range(19)
        ]
        Case = self.env["rrs.case"]
        small = Case.browse([self._prs_case().id for _i in range(5)])
        one_worker = Case.browse([self._prs_case().id for _i in range(20)])
        spread = Case.browse([self._prs_case(user=worker).id for worker in workers])
        Activity = self.env["mail.activity"]
        Followers = self.env["mail.followers"]
        every = small | one_worker | spread
        on = self.RELEASE + D(days=28)  # the safety call, the visit and the report come due
        counts = {}
        batches = (
            ("warm-up", small),  # the registry's caches (types, subtypes, models) fill once
            ("small", small),
            ("one worker", one_worker),
            ("20 workers", spread),
        )
        for name, batch in batches:
            # no activity and no follower yet: the batch does all its work
            Activity.search([("res_model", "=", "rrs.case"), ("res_id", "in", every.ids)]).unlink()
            Followers.search([("res_model", "=", "rrs.case"), ("res_id", "in", every.ids)]).unlink()
            self.env.invalidate_all()
            with freeze_time(on):
                before = self.env.cr.sql_log_count
                batch._prs_schedule_clock_activities()
                counts[name] = self.env.cr.sql_log_count - before
                created = Activity.search(
                    [("res_model", "=", "rrs.case"), ("res_id", "in", batch.ids)]
                )
            self.assertEqual(set(created.mapped("res_id")), set(batch.ids), name)
            self.assertGreaterEqual(len(created), 2 * len(batch), "several clocks per case")
            for case in batch:
                self.assertIn(
                    case.user_id.partner_id,
                    case.message_partner_ids,
                    "the assignee follows the case, as Odoo does for an activity",
                )
                self.assertEqual(
                    created.filtered(lambda a, c=case: a.res_id == c.id).user_id, case.user_id
                )
        self.assertEqual(counts["one worker"], counts["20 workers"], counts)
        self.assertEqual(counts["small"], counts["one worker"], counts)

    def test_rec3_prs_records_kept_three_years_after_services_or_longer(self):
        # rule REC-3: the longer of the state/accreditor period and 3 years after PRS ended
        self.program_prs.closing_requirement = "evaluation"  # as shipped for ORR PRS
        case = self._prs_case()
        end = case.prs_end_date
        case.write({"state": "closing"})
        case.write(
            {
                "closing_reason": "end_of_period",
                "closing_summary": "90 days completed",
                "closing_evaluation": "Safe placement, in school",
                "unmet_needs": "None",
                "closing_date": end + D(days=5),
                "state": "closed",
            }
        )
        self.program_prs.retention_years = 1
        self.assertEqual(case.retention_until_date, end + D(years=3))
        self.program_prs.retention_years = 5
        self.assertEqual(case.retention_until_date, end + D(days=5, years=5))
