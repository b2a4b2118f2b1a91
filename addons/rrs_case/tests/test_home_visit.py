# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.rrs_home_visit import RISKS
from .common import RrsCaseCommon

VISIT_LIST = {
    "sequence": {},
    "visit_date": {},
    "start": {},
    "worker_id": {"fields": {"display_name": {}}},
    "case_id": {"fields": {"display_name": {}}},
    "purpose": {},
    "risk_level": {},
    "afternoon_exception": {},
    "risk_assessed_date": {},
    "state": {},
}
# Chicago is UTC-6 in November: 09:00 local is 15:00 UTC, 17:00 local is 23:00 UTC.
MORNING = datetime(2026, 11, 24, 15, 0)
AFTERNOON = datetime(2026, 11, 24, 20, 0)


@tagged("post_install", "-at_install")
class TestHomeVisit(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.worker | cls.worker_other | cls.supervisor).write({"tz": "America/Chicago"})
        cls.case = cls._active_case()

    def _visit(self, case=None, user=None, start=MORNING, assess=True, **vals):
        case = case or self.case
        user = user or case.user_id
        values = {
            "case_id": case.id,
            "worker_id": user.id,
            "start": start,
            "purpose": "Check the heating and the children's school start",
            "risk_level": "low",
        }
        values.update(vals)
        visit = self.env["rrs.home.visit"].with_user(user).create(values)
        if assess:
            visit.action_assess_risk()
        return visit

    def test_vis_visit_is_a_calendar_event_of_the_worker(self):
        visit = self._visit()
        self.assertEqual(visit.event_id._name, "calendar.event")
        self.assertEqual(visit.event_id.user_id, self.worker)
        self.assertEqual(visit.event_id.privacy, "private")
        self.assertNotIn(self.case.head_partner_id.name, visit.event_id.name, "neutral title")
        self.assertEqual(str(visit.visit_date), "2026-11-24")
        self.assertEqual(self.case.home_visit_count, 1)

    def test_vis_visit_in_the_workers_calendar(self):
        """The worker attends the event, whoever records the visit (here the system, as an
        import or the demo data do): it shows in their Calendar (private, neutral title)."""
        visit = self.env["rrs.home.visit"].create(
            {
                "case_id": self.case.id,
                "worker_id": self.worker.id,
                "start": MORNING,
                "purpose": "Check the heating",
            }
        )
        self.assertEqual(visit.event_id.partner_ids, self.worker.partner_id)
        self.assertEqual(visit.event_id.attendee_ids.partner_id, self.worker.partner_id)
        mine = (
            self.env["calendar.event"]
            .with_user(self.worker)
            .search([("partner_ids", "in", self.worker.partner_id.ids)])
        )
        self.assertIn(visit.event_id, mine)
        self.assertEqual(mine.filtered(lambda e: e == visit.event_id).privacy, "private")
        # the worker hands the visit over to the case's other worker, who attends instead
        self.case.secondary_user_ids = self.worker_other
        visit.with_user(self.worker).write({"worker_id": self.worker_other.id})
        self.assertEqual(visit.event_id.partner_ids, self.worker_other.partner_id)

    def test_vis1_morning_unless_authorised_exception(self):
        # rule VIS-1: boundary at 12:00 local time
        with self.assertRefused("held in the morning"):
            self._visit(start=AFTERNOON)
        self._visit(start=datetime(2026, 11, 24, 17, 59))  # 11:59 in Chicago
        with self.assertRefused("held in the morning"):
            self._visit(start=datetime(2026, 11, 24, 18, 0))  # 12:00
        visit = self._visit(
            start=AFTERNOON, afternoon_exception=True, exception_reason="Father works mornings"
        )
        visit.with_user(self.supervisor).action_authorise()
        self.assertEqual(visit.state, "authorised")
        self.assertEqual(visit.authorised_by_id, self.supervisor)

    def test_vis1_supervisor_authorises_the_days_visits_in_order(self):
        # rule VIS-1: a worker never authorises their own visits
        other_case = self._active_case()
        first = self._visit(sequence=1)
        second = self._visit(case=other_case, start=MORNING.replace(hour=16), sequence=2)
        visits = first | second
        with self.assertRefused("never authorises their own visits", AccessError):
            visits.with_user(self.worker).action_authorise()
        with self.assertRefused("doesn't have 'read' access to:\n- Home Visit", AccessError):
            visits.with_user(self.supervisor_other).action_authorise()
        visits.with_user(self.supervisor).action_authorise()
        self.assertEqual(set(visits.mapped("state")), {"authorised"})
        listed = self.env["rrs.home.visit"].search([("id", "in", visits.ids)])
        self.assertEqual(listed.ids, [first.id, second.id], "listed in the day's order")
        # moving an authorised visit asks for a new authorisation
        first.with_user(self.worker).start = MORNING.replace(hour=14)
        self.assertEqual(first.state, "planned")
        # a supervisor assigned to a case cannot authorise their own visit either
        own_case = self._active_case()
        own_case.with_user(self.supervisor).write(
            {"secondary_user_ids": [Command.link(self.supervisor.id)]}
        )
        own = self._visit(case=own_case, user=self.supervisor)
        with self.assertRefused("never authorises their own visits", AccessError):
            own.with_user(self.supervisor).action_authorise()

    def test_vis2_risk_assessment_before_authorisation(self):
        # rule VIS-2
        visit = self._visit(assess=False, risk_level=False)
        with self.assertRefused("risk assessment", UserError):
            visit.with_user(self.supervisor).action_authorise()
        with self.assertRefused("Choose the risk level", UserError):
            visit.with_user(self.worker).action_assess_risk()
        visit.with_user(self.worker).write({"risk_level": "medium", "risk_animals": True})
        with self.assertRefused("safety measures", UserError):
            visit.with_user(self.worker).action_assess_risk()
        visit.with_user(self.worker).risk_mitigation = "Ask the family to keep the dog inside"
        visit.with_user(self.worker).action_assess_risk()
        visit.with_user(self.supervisor).action_authorise()
        self.assertEqual(visit.state, "authorised")

    def test_vis2_each_risk_alone_and_a_medium_level_alone_need_safety_measures(self):
        # rule VIS-2: any one risk found, at a low level, or a level above low with no risk
        # ticked, needs the safety measures written down
        for risk in RISKS:
            with self.subTest(risk=risk):
                visit = self._visit(assess=False, risk_level="low", **{risk: True})
                with self.assertRefused("safety measures", UserError):
                    visit.with_user(self.worker).action_assess_risk()
        for level in ("medium", "high"):
            with self.subTest(level=level):
                visit = self._visit(assess=False, risk_level=level)
                with self.assertRefused("safety measures", UserError):
                    visit.with_user(self.worker).action_assess_risk()
        calm = self._visit(assess=False, risk_level="low")
        calm.with_user(self.worker).action_assess_risk()
        calm.with_user(self.supervisor).action_authorise()
        self.assertEqual(calm.state, "authorised")

    def test_vis2_unsafe_address_blocks_scheduling(self):
        # rule VIS-2
        self.case.head_partner_id.write(
            {"rrs_unsafe_address": True, "rrs_unsafe_reason": "Threats from a neighbour"}
        )
        with self.assertRefused("marked unsafe .* home visits are waived"):
            self._visit()
        self.case.head_partner_id.rrs_unsafe_address = False
        visit = self._visit()
        # an address marked unsafe after the visit was planned stops its authorisation
        self.case.head_partner_id.rrs_unsafe_address = True
        with self.assertRefused("marked unsafe .* home visits are waived"):
            visit.with_user(self.supervisor).action_authorise()
        self.assertNotEqual(visit.state, "authorised")

    def test_vis3_check_in_and_out_by_the_worker(self):
        # rule VIS-3
        visit = self._visit()
        with freeze_time("2026-11-24 15:05"):
            with self.assertRefused("authorises the visit before you check in", UserError):
                visit.with_user(self.worker).action_check_in()
            visit.with_user(self.supervisor).action_authorise()
            with self.assertRefused("Only Rrs Worker checks in", AccessError):
                visit.with_user(self.supervisor).action_check_in()
            with self.assertRefused("Check in before checking out", UserError):
                visit.with_user(self.worker).action_check_out()
        with (
            freeze_time("2026-11-23 15:05"),
            self.assertRefused("on the day of the visit", UserError),
        ):
            visit.with_user(self.worker).action_check_in()
        with freeze_time("2026-11-24 15:05"):
            visit.with_user(self.worker).action_check_in()
        with freeze_time("2026-11-24 16:10"):
            visit.with_user(self.worker).action_check_out()
        self.assertEqual(visit.state, "checked_out")
        self.assertEqual(str(visit.check_out_date), "2026-11-24 16:10:00")

    def _cron(self):
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: float("inf")
        ):
            self.env["rrs.home.visit"]._cron_visit_checkout()

    def test_vis3_not_checked_out_by_day_end_alerts_management_once(self):
        # rule VIS-3: the working day ends at 17:00 in the worker's time zone (23:00 UTC)
        visit = self._visit()
        visit.with_user(self.supervisor).action_authorise()
        with freeze_time("2026-11-24 15:05"):
            visit.with_user(self.worker).action_check_in()
        alert_type = self.env.ref("rrs_case.mail_activity_type_visit_alert")
        alerts = self.case.activity_ids.filtered(lambda a: a.activity_type_id == alert_type)
        with freeze_time("2026-11-24 22:59"):
            self._cron()
        self.assertFalse(visit.overdue_checkout, "16:59: still the working day")
        with freeze_time("2026-11-24 23:01"):
            self._cron()
            self._cron()
        self.assertTrue(visit.overdue_checkout)
        alerts = self.case.activity_ids.filtered(lambda a: a.activity_type_id == alert_type)
        self.assertEqual(len(alerts), 1, "alerted once however often the cron runs")
        self.assertEqual(alerts.user_id, self.supervisor)
        message = self.case.message_ids.filtered(
            lambda m: self.supervisor.partner_id in m.partner_ids
        )
        self.assertIn("has not checked out", message[:1].body)

    def test_vis3_escalation_steps_recorded(self):
        # rule VIS-3: worker called, client contacted, then police
        visit = self._visit()
        visit.with_user(self.supervisor).action_authorise()
        with freeze_time("2026-11-24 23:30"):
            self._cron()
        Step = self.env["rrs.home.visit.escalation"].with_user(self.supervisor)
        Step.create({"visit_id": visit.id, "step": "worker_called", "reached": False})
        with self.assertRefused("Call the worker and the client first"):
            Step.create({"visit_id": visit.id, "step": "police_informed"})
        Step.create({"visit_id": visit.id, "step": "client_contacted", "reached": False})
        Step.create({"visit_id": visit.id, "step": "police_informed", "note": "Report 4411"})
        with self.assertRefused("how the worker was found safe"):
            Step.create({"visit_id": visit.id, "step": "resolved"})
        Step.create(
            {"visit_id": visit.id, "step": "resolved", "note": "Worker called back: phone died"}
        )
        self.assertEqual(visit.state, "checked_out")
        self.assertFalse(visit.overdue_checkout)
        self.assertEqual(len(visit.escalation_ids), 4)
        alert_type = self.env.ref("rrs_case.mail_activity_type_visit_alert")
        self.assertFalse(
            self.case.activity_ids.filtered(lambda a: a.activity_type_id == alert_type)
        )
        with self.assertRaises(AccessError):
            Step.with_user(self.worker).create({"visit_id": visit.id, "step": "worker_called"})

    def test_vis3_police_only_when_worker_and_client_were_each_tried_unanswered(self):
        # rule VIS-3: each call alone, or a call answered, is not enough for the police
        def alerted_visit():
            visit = self._visit()
            visit.with_user(self.supervisor).action_authorise()
            with freeze_time("2026-11-24 23:30"):
                self._cron()
            return visit

        Step = self.env["rrs.home.visit.escalation"].with_user(self.supervisor)
        only_client = alerted_visit()
        Step.create({"visit_id": only_client.id, "step": "client_contacted", "reached": False})
        with self.assertRefused("Call the worker and the client first"):
            Step.create({"visit_id": only_client.id, "step": "police_informed"})
        answered = alerted_visit()
        Step.create({"visit_id": answered.id, "step": "worker_called", "reached": True})
        Step.create({"visit_id": answered.id, "step": "client_contacted", "reached": False})
        with self.assertRefused("Call the worker and the client first"):
            Step.create({"visit_id": answered.id, "step": "police_informed"})
        # both tried and neither answered: the police are informed
        Step.create({"visit_id": answered.id, "step": "worker_called", "reached": False})
        Step.create({"visit_id": answered.id, "step": "police_informed", "note": "Report 4412"})
        self.assertIn("police_informed", answered.escalation_ids.mapped("step"))

    def test_vis_security_and_list_query_count(self):
        visit = self._visit()
        for user in (self.worker_far, self.volunteer, self.finance):
            with self.assertRaises(AccessError):
                visit.with_user(user).read(["purpose"])
        visit.with_user(self.auditor).read(["purpose"])
        with self.assertRaises(AccessError):
            visit.with_user(self.auditor).write({"purpose": "x"})
        for i in range(24):
            self._visit(start=MORNING.replace(hour=14, minute=i), assess=False)
        Visit = self.env["rrs.home.visit"].with_user(self.supervisor)
        for limit in (5, 20):
            for _warm in range(2):
                Visit.web_search_read([], VISIT_LIST, limit=limit)
                self.env.invalidate_all()
            with self.assertQueryCount(12):
                result = Visit.web_search_read([], VISIT_LIST, limit=limit)
            self.assertEqual(len(result["records"]), limit)
            self.env.invalidate_all()
