# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Query counts of the case list, the note list and the case form's counters.

Each path is measured at two data sizes and must cost the same number of queries.
"""

from dateutil.relativedelta import relativedelta

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

    def test_case_counters_query_count(self):
        for size in (1, 30):
            cases = self.cases[:size].with_user(self.worker)
            for _warm_up in range(2):  # steady state: rules, ACLs and the user are cached
                cases.web_read(CASE_COUNTERS)
                self.env.invalidate_all()
            with self.assertQueryCount(14):
                values = cases.web_read(CASE_COUNTERS)
            self.assertEqual({v["note_count"] for v in values}, {3})
            self.assertEqual({v["plan_count"] for v in values}, {1})
            self.env.invalidate_all()
