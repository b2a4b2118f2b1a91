# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Query counts of the case list, the note list and the case form's counters.

Each path is measured at two data sizes and must cost the same number of queries.
"""

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command
from odoo.tests import tagged

from .common import RrsCaseCommon

CASE_LIST = {
    "priority": {},
    "name": {},
    "head_partner_id": {"fields": {"display_name": {}}},
    "member_count": {},
    "program_id": {"fields": {"display_name": {}}},
    "country_of_origin_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "planned_end_date": {},
    "state": {},
}
NOTE_LIST = {
    "contact_date": {},
    "case_id": {"fields": {"display_name": {}}},
    "member_id": {"fields": {"display_name": {}}},
    "contact_type": {},
    "subject": {},
    "author_id": {"fields": {"display_name": {}}},
    "written_date": {},
    "is_late": {},
    "confidential": {},
}
# the case form's smart buttons
CASE_COUNTERS = {
    "note_count": {},
    "late_note_count": {},
    "consent_count": {},
    "referral_count": {},
    "plan_count": {},
    "review_count": {},
    "case_activity_count": {},
    "case_activity_minutes": {},
    "home_visit_count": {},
    "checklist_overdue_count": {},
    "member_count": {},
}
PLAN_LIST = {
    "case_id": {"fields": {"display_name": {}}},
    "version": {},
    "plan_date": {},
    "goal_count": {},
    "user_id": {"fields": {"display_name": {}}},
    "signed_date": {},
    "state": {},
}


@tagged("post_install", "-at_install")
class TestPerformance(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        syria = cls.env.ref("base.sy")
        cls.cases = cls.env["rrs.case"]
        for i in range(30):
            case = cls._case(
                head=cls._person(f"Head {i}", age=30 + i % 20),
                members=[(cls._person(f"Child {i}", age=i % 17), "child")],
                country_of_origin_id=syria.id,
            )
            cls.env["rrs.case.note"].create(
                [
                    {"case_id": case.id, "subject": f"Note {n}", "contact_type": "phone"}
                    for n in range(3)
                ]
            )
            cls.env["rrs.service.plan"].create(
                {
                    "case_id": case.id,
                    "goal_ids": [
                        Command.create(
                            {
                                "name": f"Goal {g}",
                                "desired_outcome": "Outcome",
                                "target_date": cls.today,
                                "services": "Services",
                            }
                        )
                        for g in range(2)
                    ],
                }
            )
            cls.cases |= case
        # ordinary contacts and another worker's households (never on this worker's list)
        cls.landlords = cls.env["res.partner"].create(
            [{"name": f"Child {i} landlord", "country_id": syria.id} for i in range(30)]
        )
        cls.cases_other = cls.env["rrs.case"]
        for i in range(3):
            cls.cases_other |= cls._case(
                user=cls.worker_other, head=cls._person(f"Other head {i}", age=40)
            )

    def _measure(self, model, domain, spec, limit):
        records = self.env[model].with_user(self.worker)
        records.web_search_read(domain, spec, limit=limit)  # warm the caches (rules, views)
        self.env.invalidate_all()
        return records

    def test_case_list_query_count(self):
        for limit in (5, 30):
            Case = self._measure("rrs.case", [], CASE_LIST, limit)
            with self.assertQueryCount(14):
                result = Case.web_search_read([], CASE_LIST, limit=limit)
            self.assertEqual(len(result["records"]), limit)
            self.env.invalidate_all()

    def test_note_list_query_count(self):
        for limit in (5, 60):
            Note = self._measure("rrs.case.note", [], NOTE_LIST, limit)
            with self.assertQueryCount(10):
                result = Note.web_search_read([], NOTE_LIST, limit=limit)
            self.assertEqual(len(result["records"]), limit)
            self.env.invalidate_all()

    def test_plan_list_query_count(self):
        for limit in (5, 30):
            Plan = self._measure("rrs.service.plan", [], PLAN_LIST, limit)
            with self.assertQueryCount(9):
                result = Plan.web_search_read([], PLAN_LIST, limit=limit)
            self.assertEqual(len(result["records"]), limit)
            self.assertEqual({r["goal_count"] for r in result["records"]}, {2})
            self.env.invalidate_all()

    def test_review_cron_batch_query_count(self):
        """Rule PLAN-4: one batch of review reminders costs the same for 5 or 20 cases."""
        Case = self.env["rrs.case"]
        start = self.today - relativedelta(months=3)
        active = Case
        for i in range(30):
            active |= self._active_case(head=self._person(f"Reviewed {i}", age=40))
        active.write({"service_start_date": start})
        self.env.flush_all()
        active[:5]._schedule_review_activities()  # warm-up: defaults, activity type, users
        for size, batch in ((5, active[5:10]), (20, active[10:])):
            self.env.invalidate_all()
            with self.assertQueryCount(18):
                batch._schedule_review_activities()
            activities = self.env["mail.activity"].search(
                [("res_model", "=", "rrs.case"), ("res_id", "in", batch.ids)]
            )
            self.assertEqual(len(activities), size)
            self.assertEqual(activities.user_id, self.supervisor)

    def test_plan4_review_cron_batch_queries_do_not_grow_with_assignees(self):
        """Rule PLAN-4, issue 17: a batch of review reminders costs the same whether its cases
        are reviewed by one supervisor or by twenty, at 5 or 20 cases."""
        workers = self._supervised_workers(20, "rrs_plan4")
        Case = self.env["rrs.case"]
        start = self.today - relativedelta(months=3)

        def cases(users):
            batch = Case
            for i, user in enumerate(users):
                batch |= self._active_case(user=user, head=self._person(f"Reviewed {i}", age=40))
            batch.write({"service_start_date": start})
            return batch

        small = cases([self.worker] * 5)
        one = cases([self.worker] * 20)
        spread = cases(workers)
        every = small | one | spread
        Activity = self.env["mail.activity"]
        Followers = self.env["mail.followers"]
        mine = [("res_model", "=", "rrs.case"), ("res_id", "in", every.ids)]

        def reset():
            Activity.search(mine).unlink()
            Followers.search(mine).unlink()

        def check(batch):
            # the reminders exist, each for its case's supervisor, who follows the case
            activities = Activity.search(
                [("res_model", "=", "rrs.case"), ("res_id", "in", batch.ids)]
            )
            self.assertEqual(len(activities), len(batch))
            for case in batch:
                activity = activities.filtered(lambda a, c=case: a.res_id == c.id)
                self.assertEqual(activity.user_id, case.supervisor_user_id)
                self.assertIn(activity.user_id.partner_id, case.message_partner_ids)

        batches = (("warm-up", small), ("5 cases", small), ("one", one), ("20", spread))
        counts = self._batch_query_counts(
            batches, lambda batch: batch._schedule_review_activities(), reset, check
        )
        self.assertEqual(len(spread.supervisor_user_id), 20)
        self.assertEqual(one.supervisor_user_id, self.supervisor)
        self.assertEqual(counts["one"], counts["20"], counts)
        self.assertEqual(counts["5 cases"], counts["one"], counts)

    def test_case_counters_query_count(self):
        for size in (1, 30):
            cases = self.cases[:size].with_user(self.worker)
            for _warm_up in range(2):  # steady state: rules, ACLs and the user are cached
                cases.web_read(CASE_COUNTERS)
                self.env.invalidate_all()
            # the access-log entries written at the commit included (REC-4)
            with self.assertQueryCount(15):
                values = cases.web_read(CASE_COUNTERS)
            self.assertEqual({v["note_count"] for v in values}, {3})
            self.assertEqual({v["plan_count"] for v in values}, {1})
            self.env.invalidate_all()

    # ------------------------------------------------ protected contacts (CON-2, REC-4)
    def _contact_list_spec(self):
        """The fields of the contact list, taken from the list view the web client opens."""
        views = self.env["res.partner"].get_views([(False, "list")])
        arch = etree.fromstring(views["views"]["list"]["arch"])
        fields_info = views["models"]["res.partner"]["fields"]
        relational = ("many2one", "many2many", "one2many")
        return {
            node.get("name"): (
                {"fields": {"display_name": {}}}
                if fields_info[node.get("name")]["type"] in relational
                else {}
            )
            for node in arch.xpath("/list/field")
        }

    def test_contact_list_query_count(self):
        """Integrity: the record rules on people served cost the same at any list size.

        The list is restricted to this test's contacts so that demo data does not change what
        a page holds: the worker's clients, ordinary contacts and another worker's clients
        (never listed). The rules run in SQL for the list and in memory for the activities
        column, in a few batched queries whatever the number of people served on the page."""
        spec = self._contact_list_spec()
        self.assertIn("complete_name", spec)
        served = self.cases.member_ids.partner_id
        hidden = self.cases_other.member_ids.partner_id
        contacts = served | self.landlords | hidden
        Partner = self.env["res.partner"].with_user(self.worker).with_context(bin_size=True)
        # Odoo's accounting (installed with financial assistance) adds a column of its own to
        # the contacts list: one more query, the same at every size.
        extra = 1 if "account.move" in self.env else 0
        for domain, limits, count in (
            ([("id", "in", contacts.ids)], (10, 90), 18 + extra),
            ([("id", "in", contacts.ids), ("rrs_person_served", "=", True)], (5, 30), 17 + extra),
        ):
            for limit in limits:
                for _warm_up in range(2):
                    Partner.web_search_read(domain, spec, limit=limit)
                    self.env.invalidate_all()
                with self.assertQueryCount(count):
                    result = Partner.web_search_read(domain, spec, limit=limit)
                ids = {r["id"] for r in result["records"]}
                self.assertEqual(len(ids), limit)
                self.assertTrue(ids & set(served.ids), "the page holds people served")
                if not domain[1:]:
                    self.assertTrue(ids & set(self.landlords.ids), "and ordinary contacts")
                self.assertFalse(ids & set(hidden.ids), "another worker's clients are listed")
                self.env.invalidate_all()
        self.assertEqual(result["length"], len(served))

    def test_case_list_query_count_finance(self):
        """Integrity: finance's case list carries the restricted rule (REC-1) at no extra cost
        per case."""
        for limit in (5, 30):
            Case = self.env["rrs.case"].with_user(self.finance)
            for _warm_up in range(2):
                Case.web_search_read([], CASE_LIST, limit=limit)
                self.env.invalidate_all()
            # the access-log entry written at the commit included (REC-4)
            with self.assertQueryCount(10):
                result = Case.web_search_read([], CASE_LIST, limit=limit)
            self.assertEqual(len(result["records"]), limit)
            self.env.invalidate_all()
