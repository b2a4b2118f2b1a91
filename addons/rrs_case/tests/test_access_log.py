# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The access log of the case file and its daily review (rule REC-4)."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RrsCaseCommon

CASE_FORM = {"name": {}, "state": {}, "head_partner_id": {"fields": {"display_name": {}}}}
CASE_LIST = {"name": {}, "state": {}, "user_id": {"fields": {"display_name": {}}}}
NOTE_FORM = {"subject": {}, "body": {}}
REASON = "The family called the night line: the father was taken to hospital."
DAY = datetime(2026, 3, 2, 10, 0)


@tagged("post_install", "-at_install")
class TestAccessLog(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._active_case()
        cls.note = cls.env["rrs.case.note"].create(
            {"case_id": cls.case.id, "subject": "Housing", "author_id": cls.worker.id}
        )
        cls.Log = cls.env["rrs.access.log"]

    def _flush(self):
        """What the end of the request does: the collected entries are written."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _entries(self, **domain):
        return self.Log.search([(k, "=", v) for k, v in domain.items()], order="id")

    # ---------------------------------------------------------------- what is logged
    def test_rec4_opening_a_case_is_logged_with_who_when_and_the_case(self):
        with freeze_time(DAY):
            self.case.with_user(self.worker).web_read(CASE_FORM)
            self._flush()
        entry = self._entries(user_id=self.worker.id, action="open")
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.date, DAY)
        self.assertEqual((entry.res_model, entry.res_id), ("rrs.case", self.case.id))
        self.assertEqual(entry.case_id, self.case)
        self.assertFalse(entry.outside_caseload)
        self.assertFalse(entry.unusual)

    def test_rec4_one_entry_per_record_and_request(self):
        as_worker = self.case.with_user(self.worker)
        as_worker.web_read(CASE_FORM)
        as_worker.web_read(CASE_FORM)
        self.note.with_user(self.worker).web_read(NOTE_FORM)
        self._flush()
        entries = self._entries(user_id=self.worker.id)
        self.assertEqual(
            sorted((e.res_model, e.action) for e in entries),
            [("rrs.case", "open"), ("rrs.case.note", "open")],
        )
        self.assertEqual(entries.case_id, self.case)

    def test_rec4_a_list_is_one_entry_with_its_records(self):
        cases = self.case | self._active_case() | self._active_case()
        self.env.flush_all()
        result = (
            self.env["rrs.case"]
            .with_user(self.worker)
            .web_search_read([("id", "in", cases.ids)], CASE_LIST)
        )
        self.assertEqual(result["length"], 3)
        self._flush()
        entry = self._entries(user_id=self.worker.id)
        self.assertEqual(entry.action, "list")
        self.assertEqual(entry.record_count, 3)
        self.assertEqual(sorted(map(int, entry.res_ids.split(","))), sorted(cases.ids))
        # the records a list reads are not each "opened"
        self.assertFalse(self._entries(user_id=self.worker.id, action="open"))

    def test_rec4_exports_are_logged_and_unusual(self):
        self.case.with_user(self.manager).export_data(["name", "state"])
        self._flush()
        entry = self._entries(user_id=self.manager.id, action="export")
        self.assertEqual(entry.case_id, self.case)
        self.assertEqual((entry.unusual, entry.unusual_reason), (True, "export"))

    def test_rec4_prints_are_logged(self):
        letter = self.env["rrs.case.note"].create(
            {
                "case_id": self.case.id,
                "subject": "Heating repairs",
                "contact_type": "correspondence",
                "direction": "out",
                "channel": "letter",
                "purpose": "Ask for the heating to be repaired",
                "correspondent_partner_id": self.env["res.partner"]
                .create({"name": "Maple Street Apartments", "is_company": True})
                .id,
                "on_behalf_of_client": True,
                "body": "<p>The family has had no heating since November 2.</p>",
                "author_id": self.worker.id,
            }
        )
        report = self.env.ref("rrs_case.action_report_case_letter")
        self.env["ir.actions.report"].with_user(self.worker)._render_qweb_pdf(report.id, letter.ids)
        self._flush()
        entry = self._entries(user_id=self.worker.id, action="print")
        self.assertEqual((entry.res_model, entry.res_id), ("rrs.case.note", letter.id))
        self.assertEqual(entry.case_id, self.case)

    def test_rec4_the_team_supervisor_is_inside_the_caseload_a_manager_outside(self):
        self.case.with_user(self.supervisor).web_read(CASE_FORM)
        self.case.with_user(self.manager).web_read(CASE_FORM)
        self._flush()
        self.assertFalse(self._entries(user_id=self.supervisor.id).outside_caseload)
        self.assertTrue(self._entries(user_id=self.manager.id).outside_caseload)
        # an ordinary case read outside the caseload is not unusual by itself
        self.assertFalse(self._entries(user_id=self.manager.id).unusual)

    def test_rec4_a_minors_record_read_outside_its_case_staff_is_unusual(self):
        self.case.restricted = True
        self.case.with_user(self.worker).web_read(CASE_FORM)
        self.case.with_user(self.manager).web_read(CASE_FORM)
        self._flush()
        own = self._entries(user_id=self.worker.id)
        self.assertTrue(own.restricted)
        self.assertFalse(own.unusual)
        outside = self._entries(user_id=self.manager.id)
        self.assertEqual((outside.unusual, outside.unusual_reason), (True, "restricted"))

    def test_rec4_reads_in_an_emergency_are_marked(self):
        self.env["rrs.emergency.access.wizard"].with_user(self.supervisor_other).create(
            {"case_reference": self.case.name, "reason": REASON, "duration_hours": 1}
        ).action_open()
        self.case.with_user(self.supervisor_other).web_read(CASE_FORM)
        self._flush()
        entry = self._entries(user_id=self.supervisor_other.id, action="open")
        self.assertTrue(entry.emergency)
        self.assertEqual(entry.unusual_reason, "emergency")

    def test_rec4_a_read_after_the_emergency_access_expired_is_not_marked_emergency(self):
        # rule REC-4: a read is an emergency read only before the access's expiry; here the
        # supervisor, since made a program manager, reads the case after it expired and
        # before the cron recorded its end
        with freeze_time(DAY):
            self.env["rrs.emergency.access.wizard"].with_user(self.supervisor_other).create(
                {"case_reference": self.case.name, "reason": REASON, "duration_hours": 1}
            ).action_open()
        self.supervisor_other.write(
            {"group_ids": [(4, self.env.ref("rrs_case.group_program_manager").id)]}
        )
        with freeze_time(DAY + timedelta(minutes=59)):
            self.case.with_user(self.supervisor_other).web_read(CASE_FORM)
            self._flush()
        with freeze_time(DAY + timedelta(hours=1)):
            self.env.invalidate_all()
            self.case.with_user(self.supervisor_other).web_read(CASE_FORM)
            self._flush()
        before, after = self._entries(user_id=self.supervisor_other.id, action="open")
        self.assertEqual((before.emergency, before.unusual_reason), (True, "emergency"))
        self.assertTrue(after.outside_caseload)
        self.assertEqual((after.emergency, after.unusual), (False, False))

    def test_rec4_refused_reads_are_logged_though_the_request_fails(self):
        with self.enter_registry_test_mode():
            for user, records, spec in (
                (self.finance, self.note, NOTE_FORM),
                (self.volunteer, self.case, CASE_FORM),
                (self.worker_far, self.case, CASE_FORM),
            ):
                with self.subTest(user=user.login):
                    with self.assertRaisesRegex(AccessError, "not allowed|doesn't have"):
                        records.with_user(user).web_read(spec)
            with self.assertRaisesRegex(AccessError, "not allowed"):
                self.env["rrs.case.note"].with_user(self.volunteer).web_search_read([], NOTE_FORM)
        for user, model in (
            (self.finance, "rrs.case.note"),
            (self.volunteer, "rrs.case"),
            (self.worker_far, "rrs.case"),
            (self.volunteer, "rrs.case.note"),
        ):
            with self.subTest(user=user.login, model=model):
                entry = self._entries(user_id=user.id, res_model=model, action="refused")
                self.assertEqual(len(entry), 1)
                self.assertEqual(entry.unusual_reason, "refused")

    def test_rec4_superuser_code_is_not_a_user_reading(self):
        self.case.sudo().web_read(CASE_FORM)
        self.case.with_user(self.worker).sudo().web_read(CASE_FORM)
        self._flush()
        self.assertFalse(self._entries(res_id=self.case.id))

    # ------------------------------------------------------------------ append-only
    def test_rec4_no_one_writes_changes_or_deletes_the_log(self):
        self.case.with_user(self.worker).web_read(CASE_FORM)
        self._flush()
        entry = self._entries(user_id=self.worker.id)
        for user in (self.manager, self.auditor, self.supervisor):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "not allowed to modify"):
                    entry.with_user(user).write({"action": "list"})
                with self.assertRaisesRegex(AccessError, "not allowed to delete"):
                    entry.with_user(user).unlink()
                with self.assertRaisesRegex(AccessError, "not allowed to create"):
                    self.Log.with_user(user).create(
                        {
                            "date": DAY,
                            "user_id": self.worker_far.id,
                            "action": "open",
                            "res_model": "rrs.case",
                        }
                    )
        # not even the superuser
        with self.assertRaisesRegex(UserError, "The access log is never changed"):
            entry.write({"user_id": self.worker_far.id})
        with self.assertRaisesRegex(UserError, "never deleted"):
            entry.unlink()
        self.assertEqual(entry.user_id, self.worker)

    def test_rec4_who_reads_the_log(self):
        self.case.with_user(self.worker).web_read(CASE_FORM)
        far_case = self._active_case(user=self.worker_far)
        far_case.with_user(self.worker_far).web_read(CASE_FORM)
        self._flush()
        entries = self._entries(action="open")
        self.assertEqual(len(entries), 2)
        for user in (self.manager, self.auditor):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.Log.with_user(user).search([("id", "in", entries.ids)]), entries
                )
        # a supervisor reads the entries of the team (users and cases) only
        self.assertEqual(
            self.Log.with_user(self.supervisor).search([("id", "in", entries.ids)]).user_id,
            self.worker,
        )
        for user in (self.worker, self.finance, self.volunteer):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "not allowed to access"):
                    self.Log.with_user(user).search([])

    def test_rec4_a_supervisor_reads_outsiders_entries_of_the_teams_cases_only(self):
        """The supervisor's rule has two arms: the team's users' entries and the entries of the
        team's cases, whoever read them. The second is searched from the workers' index
        (issue 17): counting the team's entries joins no case to the log."""
        far_case = self._active_case(user=self.worker_far)
        self.case.with_user(self.manager).web_read(CASE_FORM)
        far_case.with_user(self.manager).web_read(CASE_FORM)
        far_case.with_user(self.worker_far).web_read(CASE_FORM)
        self._flush()
        on_team_case = self._entries(user_id=self.manager.id, case_id=self.case.id)
        outside = self._entries(case_id=far_case.id)
        self.assertEqual(len(on_team_case), 1)
        self.assertEqual(len(outside), 2)
        Log = self.Log.with_user(self.supervisor)
        ids = (on_team_case | outside).ids
        self.assertEqual(Log.search([("id", "in", ids)]), on_team_case)
        on_team_case.with_user(self.supervisor).check_access("read")
        with self.assertRaises(AccessError):
            outside.with_user(self.supervisor).check_access("read")
        # the other team's supervisor reads the far worker's and the far case's entries only
        self.assertEqual(
            self.Log.with_user(self.supervisor_other).search([("id", "in", ids)]), outside
        )
        # a case's workers changing moves its entries with it, in the same transaction
        far_case.write({"secondary_user_ids": [Command.link(self.worker.id)]})
        self.assertEqual(Log.search([("id", "in", ids)]), on_team_case | outside)
        query = Log._search([])
        sql = query.select().code
        self.assertIn("rrs_case_worker_user_rel", sql)
        self.assertNotIn('JOIN "rrs_case"', sql)

    def test_rec4_a_supervisors_log_list_costs_the_same_with_2_and_20_entries(self):
        """Issue 17: the supervisor's access log list (page and count) reads the same queries
        with 2 of the team's entries as with 20, read through both arms of the rule: a
        manager's opens of the team's case and the team's worker's own."""
        spec = {"date": {}, "user_id": {"fields": {"display_name": {}}}, "action": {}}
        Log = self.Log.with_user(self.supervisor)
        # warm-up: the rules and the model names read once
        Log.web_search_read([], spec, limit=80)
        counts = []
        for size in (2, 20):
            for _i in range(size // 2):
                self.case.with_user(self.manager).web_read(CASE_FORM)
                self._flush()
                self.case.with_user(self.worker).web_read(CASE_FORM)
                self._flush()
            self.env.invalidate_all()
            self.env.cr.cache.clear()
            before = self.env.cr.sql_log_count
            result = Log.web_search_read([], spec, limit=80, count_limit=10001)
            counts.append(self.env.cr.sql_log_count - before)
            self.assertGreaterEqual(result["length"], size)
        self.assertEqual(counts[0], counts[1])

    def test_rec4_the_log_goes_with_its_case_at_disposal_only(self):
        self.case.with_user(self.worker).web_read(CASE_FORM)
        self._flush()
        entry = self._entries(user_id=self.worker.id)
        self.assertEqual(entry.case_id, self.case)
        with self.assertRaisesRegex(UserError, "never deleted"):
            entry.unlink()

    # ------------------------------------------------------------------ daily review
    def test_rec4_daily_review_flags_many_case_files_outside_the_caseload(self):
        self.env.company.rrs_access_outside_threshold = 3
        cases = [self._active_case(user=self.worker_far) for _i in range(3)]
        with freeze_time(DAY):
            for case in cases[:2]:
                case.with_user(self.auditor).web_read(CASE_FORM)
            self._flush()
        Review = self.env["rrs.access.review"]
        Review._cron_daily_review(DAY.date())
        self.assertFalse(Review.search([("date", "=", DAY.date())]))
        self.assertFalse(self._entries(user_id=self.auditor.id).filtered("unusual"))
        # the third case file outside the caseload the same day crosses the threshold
        with freeze_time(DAY + timedelta(hours=3)):
            cases[2].with_user(self.auditor).web_read(CASE_FORM)
            self._flush()
        Review._cron_daily_review(DAY.date())
        entries = self._entries(user_id=self.auditor.id)
        self.assertEqual(set(entries.mapped("unusual_reason")), {"outside"})
        review = Review.search([("date", "=", DAY.date())])
        self.assertEqual(review.unusual_count, 3)
        # the program managers and the supervisor of the cases' worker get the review, once
        reviewers = review.activity_ids.user_id
        self.assertLessEqual(self.manager | self.supervisor_other, reviewers)
        self.assertFalse(reviewers & (self.supervisor | self.worker | self.worker_far))
        self.assertTrue(all(u.has_group("rrs_case.group_supervisor") for u in reviewers))
        Review._cron_daily_review(DAY.date())
        self.assertEqual(len(Review.search([("date", "=", DAY.date())])), 1)
        self.assertEqual(review.activity_ids.user_id, reviewers)
        self.assertEqual(len(review.activity_ids), len(reviewers))
        action = review.action_open_entries()
        self.assertEqual(self.Log.search(action["domain"]), entries)

    def test_rec4_who_reads_the_reviews_and_that_no_one_writes_them(self):
        review = self.env["rrs.access.review"].create(
            {"date": DAY.date(), "company_id": self.env.company.id, "unusual_count": 2}
        )
        for user in (self.supervisor, self.manager, self.auditor):
            with self.subTest(user=user.login):
                self.assertEqual(review.with_user(user).unusual_count, 2)
                with self.assertRaisesRegex(AccessError, "not allowed to modify"):
                    review.with_user(user).write({"unusual_count": 0})
        for user in (self.worker, self.finance, self.volunteer):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "not allowed to access"):
                    review.with_user(user).check_access("read")
        with self.assertRaisesRegex(AccessError, "not allowed to create"):
            self.env["rrs.access.review"].with_user(self.manager).create(
                {"date": DAY.date(), "company_id": self.env.company.id}
            )
        self.assertEqual(review.unusual_count, 2)

    def test_rec4_no_review_for_a_day_without_unusual_access(self):
        with freeze_time(DAY):
            self.case.with_user(self.worker).web_read(CASE_FORM)
            self._flush()
        self.env["rrs.access.review"]._cron_daily_review(DAY.date())
        self.assertFalse(self.env["rrs.access.review"].search([]))

    def test_rec4_daily_review_queries_do_not_grow_with_assignees(self):
        """Issue 17: the daily review costs the same whether the day's unusual access concerns
        the team of one supervisor or of twenty, and for 5 or 20 case files opened outside
        the caseload; each concerned supervisor gets the review once and follows it."""
        self.env.company.rrs_access_outside_threshold = 1
        workers = self._supervised_workers(20, "rrs_rec4")
        Case = self.env["rrs.case"]
        small = Case.concat(*(self._active_case(user=self.worker_far) for _i in range(5)))
        one = Case.concat(*(self._active_case(user=self.worker_far) for _i in range(20)))
        spread = Case.concat(*(self._active_case(user=worker) for worker in workers))
        runs = (("warm-up", small), ("5 files", small), ("one", one), ("20", spread))
        days = {}
        for offset, (name, cases) in enumerate(runs, start=1):
            days[name] = (DAY + timedelta(days=offset)).date()
            with freeze_time(DAY + timedelta(days=offset)):
                for case in cases:
                    case.with_user(self.auditor).web_read(CASE_FORM)
                self._flush()
        Review = self.env["rrs.access.review"]
        managers = self.env["res.users"]._rrs_program_managers(self.env.company)

        def check(name):
            review = Review.search([("date", "=", days[name])])
            self.assertEqual(review.unusual_count, len(dict(runs)[name]))
            supervisors = dict(runs)[name].supervisor_user_id
            self.assertEqual(review.activity_ids.user_id, managers | supervisors)
            self.assertEqual(len(review.activity_ids), len(managers | supervisors))
            self.assertLessEqual((managers | supervisors).partner_id, review.message_partner_ids)

        counts = self._batch_query_counts(
            [(name, name) for name, _cases in runs],
            lambda name: Review._cron_daily_review(days[name]),
            lambda: None,
            check,
        )
        self.assertEqual(len(spread.supervisor_user_id), 20)
        self.assertEqual(one.supervisor_user_id, self.supervisor_other)
        self.assertEqual(counts["one"], counts["20"], counts)
        self.assertEqual(counts["5 files"], counts["one"], counts)

    # ------------------------------------------------------------------ cost
    def test_rec4_the_log_costs_the_same_at_two_sizes(self):
        """A case form and a case list read, then the commit that writes their entries: the
        same queries with 2 cases as with 20. The reads themselves gain no query (their counts
        in test_performance.py are those from before the log)."""
        small = self.case | self._active_case()
        large = small.concat(small, *(self._active_case() for _i in range(18)))
        self.env.flush_all()
        # warm-up: the first entries of a registry read the model names once
        self.case.with_user(self.worker).web_read(CASE_FORM)
        self._flush()
        for cases in (small, large):
            with self.subTest(cases=len(cases)):
                as_worker = cases.with_user(self.worker)
                self.env.invalidate_all()
                as_worker[:1].web_read(CASE_FORM)
                as_worker.web_search_read([("id", "in", cases.ids)], CASE_LIST)
                self.env.flush_all()
                before = self.Log.search_count([])
                self.env.invalidate_all()
                # flush=False: Odoo's own flush before counting would write the entries
                with self.assertQueryCount(__system__=4, flush=False):
                    self.env.cr.precommit.run()
                self.assertEqual(self.Log.search_count([]) - before, 2)
