# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RrsCaseCommon

ACTIVITY_LIST = {
    "activity_date": {},
    "case_id": {"fields": {"display_name": {}}},
    "topic_id": {"fields": {"display_name": {}}},
    "minutes": {},
    "mode": {},
    "member_ids": {"fields": {"display_name": {}}},
    "description": {},
    "user_id": {"fields": {"display_name": {}}},
}
D = relativedelta


@tagged("post_install", "-at_install")
class TestResettlementServices(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.arrival = cls.today - D(days=20)
        cls.housing = cls.env.ref("rrs_case.activity_topic_housing")

    def _case_arrived(self, **kwargs):
        kwargs.setdefault("arrival_date", self.arrival)
        return self._active_case(**kwargs)

    # ------------------------------------------------------------------ RES-1/3
    def test_res1_checklist_instantiated_once_per_case(self):
        # rules RES-1, RES-3
        lines = self.program.checklist_line_ids
        self.assertTrue(lines.filtered(lambda line: line.area == "reception"))
        self.assertTrue(lines.filtered(lambda line: line.area == "community"))
        intake = self._case(arrival_date=self.arrival)
        self.assertFalse(intake.checklist_item_ids, "tasks come with acceptance")
        case = self._case_arrived()
        self.assertEqual(case.checklist_item_ids.template_line_id, lines)
        case._sync_checklist()
        case.write({"state": "active"})
        self.assertEqual(len(case.checklist_item_ids), len(lines), "never twice")
        food = case.checklist_item_ids.filtered(
            lambda i: i.template_line_id == self.env.ref("rrs_case.checklist_rrs_food")
        )
        self.assertEqual(food.due_date, self.arrival)

    def test_res1_program_change_keeps_history(self):
        # rule RES-1: the new program's tasks come; the old ones still to do no longer apply
        case = self._case_arrived()
        done = case.checklist_item_ids[:1]
        done.action_done()
        self.program_icm.checklist_line_ids = [
            Command.create({"name": "ICM welcome call", "due_days": 1})
        ]
        case.write({"program_id": self.program_icm.id, "immigration_category_id": self.cat_gar.id})
        self.assertEqual(done.state, "done")
        old = case.checklist_item_ids.filtered(
            lambda i: i.template_line_id.program_id == self.program and i != done
        )
        self.assertEqual(set(old.mapped("state")), {"not_applicable"})
        self.assertTrue(case.checklist_item_ids.filtered(lambda i: i.name == "ICM welcome call"))

    def test_res1_due_dates_follow_the_arrival(self):
        # rule RES-1: benefits referral within 7 days of arrival (the overdue count of the
        # case: test_res1_case_counts_tasks_overdue_from_the_day_after_their_due_date)
        case = self._case_arrived()
        benefits = case.checklist_item_ids.filtered(
            lambda i: i.template_line_id == self.env.ref("rrs_case.checklist_rrs_benefits")
        )
        due = self.arrival + D(days=7)
        self.assertEqual(benefits.due_date, due)
        case.arrival_date = self.arrival - D(days=3)
        self.assertEqual(benefits.due_date, due - D(days=3), "follows the arrival date")

    def test_res1_not_applicable_needs_a_reason_done_is_dated(self):
        # rule RES-1
        case = self._case_arrived()
        item = case.checklist_item_ids[:1]
        with self.assertRefused("does not apply to this case"):
            item.with_user(self.worker).state = "not_applicable"
        item.with_user(self.worker).write({"state": "not_applicable", "reason": "Lives with kin"})
        other = case.checklist_item_ids[1:2]
        other.with_user(self.worker).action_done()
        self.assertEqual((other.done_date, other.done_by_id), (self.today, self.worker))

    def test_res1_cron_reminds_once_per_case_with_overdue_tasks(self):
        # rule RES-1
        case = self._case_arrived()
        Activity = self.env["mail.activity"]
        domain = [
            ("res_model", "=", "rrs.case"),
            ("res_id", "=", case.id),
            ("activity_type_id", "=", self.env.ref("rrs_case.mail_activity_type_checklist").id),
        ]
        no_commit = patch.object(
            type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: float("inf")
        )
        first_due = min(case.checklist_item_ids.mapped("due_date"))
        with no_commit, freeze_time(first_due):
            self.env["rrs.case"]._cron_checklist()
            self.assertFalse(Activity.search(domain))
        with no_commit, freeze_time(first_due + D(days=1)):
            self.env["rrs.case"]._cron_checklist()
            self.env["rrs.case"]._cron_checklist()
            self.assertEqual(len(Activity.search(domain)), 1)

    def test_res1_case_counts_tasks_overdue_from_the_day_after_their_due_date(self):
        # rule RES-1: the benefits referral, due 7 days after arrival, is overdue from day 8;
        # the case's own count, as its worker reads it
        case = self._case_arrived()
        benefits = case.checklist_item_ids.filtered(
            lambda i: i.template_line_id == self.env.ref("rrs_case.checklist_rrs_benefits")
        )
        due = self.arrival + D(days=7)
        self.assertEqual(benefits.due_date, due)
        mine = case.with_user(self.worker)
        # due before day 7: housing, airport pickup, food (day 0), clothing (1), home
        # orientation (2); due on day 7: benefits referral and identity documents
        for day, overdue in ((due - D(days=1), 5), (due, 5), (due + D(days=1), 7)):
            with freeze_time(day):
                self.env.invalidate_all()
                self.assertEqual(mine.checklist_overdue_count, overdue, f"on {day}")
        # a task done or set aside is no longer overdue
        ref = self.env.ref
        food, pickup = (
            case.checklist_item_ids.filtered(lambda i, x=x: i.template_line_id == ref(x))
            for x in ("rrs_case.checklist_rrs_food", "rrs_case.checklist_rrs_airport")
        )
        food.with_user(self.worker).action_done()
        pickup.with_user(self.worker).write(
            {"state": "not_applicable", "reason": "Arrived by car with relatives"}
        )
        with freeze_time(due + D(days=1)):
            self.env.invalidate_all()
            self.assertEqual(mine.checklist_overdue_count, 5)
            self.assertEqual(mine.checklist_todo_count, len(case.checklist_item_ids) - 2)

    def test_res1_task_due_from_the_start_of_services(self):
        # rule RES-1: a task counted from the start of services, not from the arrival
        line = (
            self.env["rrs.checklist.template.line"]
            .with_user(self.manager)
            .create(
                {
                    "program_id": self.program.id,
                    "name": "First budget session",
                    "due_from": "service_start",
                    "due_days": 3,
                }
            )
        )
        case = self._case_arrived()
        item = case.checklist_item_ids.filtered(lambda i: i.template_line_id == line)
        self.assertNotEqual(case.service_start_date, case.arrival_date)
        self.assertEqual(item.due_date, case.service_start_date + D(days=3))
        food = case.checklist_item_ids.filtered(
            lambda i: i.template_line_id == self.env.ref("rrs_case.checklist_rrs_food")
        )
        self.assertEqual(food.due_date, case.arrival_date, "the arrival tasks keep the arrival")

    def test_res1_reminder_due_on_the_earliest_task_still_to_do(self):
        # rule RES-1: tasks done no longer count for the reminder's date
        case = self._case_arrived()
        first = case.checklist_item_ids.filtered(lambda i: i.due_date == self.arrival)
        self.assertEqual(len(first), 3, "housing, airport pickup, food")
        first.with_user(self.worker).action_done()
        no_commit = patch.object(
            type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: float("inf")
        )
        with no_commit, freeze_time(self.arrival + D(days=3)):
            self.env["rrs.case"]._cron_checklist()
        reminder = self.env["mail.activity"].search(
            [
                ("res_model", "=", "rrs.case"),
                ("res_id", "=", case.id),
                ("activity_type_id", "=", self.env.ref("rrs_case.mail_activity_type_checklist").id),
            ]
        )
        self.assertEqual(reminder.date_deadline, self.arrival + D(days=1), "the clothing")
        self.assertEqual(reminder.user_id, self.worker)

    def test_res1_task_done_reopened_only_by_a_supervisor(self):
        # rule RES-1: the record of who did a task stays reliable
        case = self._case_arrived()
        task = case.checklist_item_ids[:1]
        task.with_user(self.worker).action_done()
        with self.assertRefused("Only a supervisor or a program manager reopens", AccessError):
            task.with_user(self.worker).state = "todo"
        self.assertEqual((task.state, task.done_by_id), ("done", self.worker))
        task.with_user(self.supervisor).state = "todo"
        self.assertEqual((task.state, task.done_date, task.done_by_id.id), ("todo", False, False))

    # -------------------------------------------------------------------- RES-2
    def test_res2_orientation_topics_per_person(self):
        # rule RES-2
        spouse = self._person("Spouse", age=35)
        child = self._person("Child", age=10)
        case = self._case_arrived(members=[(spouse, "spouse"), (child, "child")])
        required = self.env["rrs.orientation.topic"].search([("required", "=", True)])
        self.assertEqual(len(required), 6)
        head = case.member_ids.filtered("is_head")
        self.assertIn(head.partner_id.name, case.orientation_missing)
        self.assertNotIn("Child", case.orientation_missing, "adults attend")
        Session = self.env["rrs.orientation.session"].with_user(self.worker)
        Session.create(
            {
                "case_id": case.id,
                "topic_ids": [Command.set(required.ids)],
                "member_ids": [Command.set(head.ids)],
            }
        )
        self.assertNotIn(head.partner_id.name, case.orientation_missing)
        self.assertIn("Spouse", case.orientation_missing)
        Session.create(
            {
                "case_id": case.id,
                "topic_ids": [Command.set(required[:5].ids)],
                "member_ids": [
                    Command.set(case.member_ids.filtered(lambda m: m.partner_id == spouse).ids)
                ],
            }
        )
        self.assertEqual(case.orientation_missing, f"Spouse: {required[5].name}")

    def test_res2_topics_count_across_sessions_for_each_person_attending(self):
        # rule RES-2: the six topics (laws, safety, transport, tenancy, employment, norms),
        # attended over several sessions, by everyone of a session
        spouse = self._person("Spouse", age=35)
        case = self._case_arrived(members=[(spouse, "spouse")])
        required = self.env["rrs.orientation.topic"].search([("required", "=", True)])
        self.assertEqual(
            set(required.mapped("code")),
            {"laws", "safety", "transport", "tenancy", "employment", "norms"},
        )
        optional = self.env["rrs.orientation.topic"].search([("required", "=", False)])
        self.assertTrue(optional, "the shipped optional topics (health system, schools ...)")
        mine = case.with_user(self.worker)
        for name in ("Head of household", "Spouse"):
            self.assertIn(name, mine.orientation_missing)
        Session = self.env["rrs.orientation.session"].with_user(self.worker)
        adults = case.member_ids
        self.assertEqual(len(adults), 2)
        for topics in (required[:3], required[3:]):
            Session.create(
                {
                    "case_id": case.id,
                    "session_date": self.today - D(days=len(topics)),
                    "topic_ids": [Command.set(topics.ids)],
                    "member_ids": [Command.set(adults.ids)],
                }
            )
        self.assertFalse(mine.orientation_missing, "optional topics are not required")
        other = self._case_arrived()
        with self.assertRefused("Only members of the household attend"):
            Session.create(
                {
                    "case_id": case.id,
                    "topic_ids": [Command.set(required.ids)],
                    "member_ids": [Command.set(other.member_ids.ids)],
                }
            )

    # -------------------------------------------------------------------- RES-4
    def test_res4_activities_logged_by_topic_with_time(self):
        # rule RES-4
        case = self._case_arrived()
        Activity = self.env["rrs.case.activity"].with_user(self.worker)
        with self.assertRefused("between 1 minute and 24 hours"):
            Activity.create({"case_id": case.id, "topic_id": self.housing.id, "minutes": 0})
        with self.assertRefused("between 1 minute and 24 hours"):
            Activity.create({"case_id": case.id, "topic_id": self.housing.id, "minutes": 1441})
        with self.assertRefused("in the future"):
            Activity.create(
                {
                    "case_id": case.id,
                    "topic_id": self.housing.id,
                    "minutes": 30,
                    "activity_date": self.today + D(days=1),
                }
            )
        other = self._case_arrived()
        with self.assertRefused("must belong to the activity's case"):
            Activity.create(
                {
                    "case_id": case.id,
                    "topic_id": self.housing.id,
                    "minutes": 30,
                    "member_ids": [Command.set(other.member_ids.ids)],
                }
            )
        Activity.create({"case_id": case.id, "topic_id": self.housing.id, "minutes": 1440})
        Activity.create(
            {
                "case_id": case.id,
                "topic_id": self.env.ref("rrs_case.activity_topic_employment").id,
                "minutes": 45,
            }
        )
        self.assertEqual(case.case_activity_count, 2)
        self.assertEqual(case.case_activity_minutes, 1485)
        self.assertEqual(len(self.env["rrs.activity.topic"].search([])), 11)

    def test_res4_one_minute_to_a_day_and_the_cases_own_referral(self):
        # rule RES-4: 1 minute is the least time logged; yesterday's activity is logged; the
        # referral of another case is refused, the case's own accepted
        case = self._case_arrived()
        Activity = self.env["rrs.case.activity"].with_user(self.worker)
        vals = {"case_id": case.id, "topic_id": self.housing.id}
        Activity.create(dict(vals, minutes=1, activity_date=self.today - D(days=1)))
        Referral = self.env["rrs.referral"].with_user(self.worker)
        provider = self.env["res.partner"].create({"name": "Food bank", "rrs_is_provider": True})
        category = self.env["rrs.service.category"].search([], limit=1)

        def referral(for_case):
            return Referral.create(
                {
                    "case_id": for_case.id,
                    "provider_id": provider.id,
                    "service_category_id": category.id,
                    "reason": "Food",
                }
            )

        other = self._case_arrived()
        with self.assertRefused("must belong to the activity's case"):
            Activity.create(dict(vals, minutes=20, referral_id=referral(other).id))
        Activity.create(dict(vals, minutes=20, referral_id=referral(case).id))
        self.assertEqual((case.case_activity_count, case.case_activity_minutes), (2, 21))

    def test_res_security_and_activity_list_query_count(self):
        case = self._case_arrived()
        Activity = self.env["rrs.case.activity"]
        activity = Activity.with_user(self.worker).create(
            {"case_id": case.id, "topic_id": self.housing.id, "minutes": 30}
        )
        for record in (activity, case.checklist_item_ids[:1]):
            for user in (self.worker_far, self.volunteer, self.finance):
                with self.assertRaises(AccessError):
                    record.with_user(user).read(["display_name"])
            record.with_user(self.auditor).read(["display_name"])
        with self.assertRaises(AccessError):
            Activity.with_user(self.volunteer).create(
                {"case_id": case.id, "topic_id": self.housing.id, "minutes": 5}
            )
        with self.assertRaises(AccessError):
            self.housing.with_user(self.worker).write({"name": "Renamed"})
        for _i in range(29):
            Activity.with_user(self.worker).create(
                {
                    "case_id": case.id,
                    "topic_id": self.housing.id,
                    "minutes": 10,
                    "member_ids": [Command.set(case.member_ids.ids)],
                }
            )
        List = Activity.with_user(self.worker)
        for limit in (5, 25):
            for _warm in range(2):
                List.web_search_read([], ACTIVITY_LIST, limit=limit)
                self.env.invalidate_all()
            with self.assertQueryCount(11):
                result = List.web_search_read([], ACTIVITY_LIST, limit=limit)
            self.assertEqual(len(result["records"]), limit)
            self.env.invalidate_all()

    def test_res1_checklist_cron_batch_query_count(self):
        # rule RES-1: one reminder batch costs the same for 5 or 20 cases
        cases = self.env["rrs.case"]
        for i in range(26):
            cases |= self._case_arrived(head=self._person(f"Arrived {i}", age=30))
        self.env.flush_all()
        cases[:1]._schedule_checklist_reminders()  # warm-up
        for batch in (cases[1:6], cases[6:]):
            self.env.invalidate_all()
            with self.assertQueryCount(16):
                batch._schedule_checklist_reminders()
            activities = self.env["mail.activity"].search(
                [("res_model", "=", "rrs.case"), ("res_id", "in", batch.ids)]
            )
            self.assertEqual(len(activities), len(batch))

    def test_res1_checklist_cron_batch_queries_do_not_grow_with_assignees(self):
        """Rule RES-1, issue 17: a batch of overdue-task reminders costs the same whether its
        cases belong to one worker or to twenty, at 5 or 20 cases."""
        workers = self._supervised_workers(20, "rrs_res1")

        def cases(users):
            return self.env["rrs.case"].browse(
                [
                    self._case_arrived(user=user, head=self._person(f"Arrived {i}", age=30)).id
                    for i, user in enumerate(users)
                ]
            )

        small = cases([self.worker] * 5)
        one = cases([self.worker] * 20)
        spread = cases(workers)
        Activity = self.env["mail.activity"]
        checklist = self.env.ref("rrs_case.mail_activity_type_checklist")
        mine = [("res_model", "=", "rrs.case"), ("res_id", "in", (small | one | spread).ids)]

        def reset():
            Activity.search(mine).unlink()
            self.env["mail.followers"].search(mine).unlink()

        def check(batch):
            activities = Activity.search(
                [("res_model", "=", "rrs.case"), ("res_id", "in", batch.ids)]
            )
            self.assertEqual(activities.activity_type_id, checklist)
            self.assertEqual(sorted(activities.mapped("res_id")), sorted(batch.ids))
            for case in batch:
                activity = activities.filtered(lambda a, c=case: a.res_id == c.id)
                self.assertEqual(activity.user_id, case.user_id)
                self.assertIn(case.user_id.partner_id, case.message_partner_ids)

        batches = (("warm-up", small), ("5 cases", small), ("one", one), ("20", spread))
        counts = self._batch_query_counts(
            batches, lambda batch: batch._schedule_checklist_reminders(), reset, check
        )
        self.assertEqual(len(spread.user_id), 20)
        self.assertEqual(counts["one"], counts["20"], counts)
        self.assertEqual(counts["5 cases"], counts["one"], counts)
