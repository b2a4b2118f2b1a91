# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta
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

    def test_vis1_the_days_visits_authorised_together_cost_the_same(self):
        """Rule VIS-1, issue 17: the supervisor authorising 2 or 6 of the team's visits, by the
        button or a client writing the status, costs the same queries; each visit is still
        checked, authorised by the supervisor and gets its own change-history entry (REC-4)."""
        cases = [self._active_case() for _ in range(5)]
        visits = self.env["rrs.home.visit"]
        for i in range(10):
            start = MORNING + timedelta(days=i // 5, minutes=10 * i)
            visits |= self._visit(case=cases[i % 5], start=start, sequence=i)
        Log = self.env["auditlog.log"]
        last_log = [0]

        def check(batch):
            self.assertEqual(set(batch.mapped("state")), {"authorised"})
            self.assertEqual(batch.authorised_by_id, self.supervisor)
            logs = self._stage_change_entries(batch, last_log[0])
            self.assertEqual(sorted(logs.mapped("res_id")), sorted(batch.ids))
            self.assertEqual(set(logs.mapped("user_id")), {self.supervisor})

        def reset():
            # the same visits planned again, for the other path
            with visits._rrs_system_write():
                visits.sudo().write(
                    {"state": "planned", "authorised_by_id": False, "authorised_date": False}
                )
            last_log[0] = Log.search([], order="id desc", limit=1).id

        batches = (("warm-up", visits[:2]), ("2", visits[2:4]), ("6", visits[4:]))
        for path, run in (
            ("button", lambda batch: batch.with_user(self.supervisor).action_authorise()),
            (
                "write",
                lambda batch: batch.with_user(self.supervisor).write({"state": "authorised"}),
            ),
        ):
            with self.subTest(path=path):
                counts = self._batch_query_counts(batches, run, reset, check)
                self.assertEqual(counts["2"], counts["6"], counts)
        # still checked visit by visit: one not risk-assessed stops the whole authorisation
        reset()
        with visits[-1]._rrs_system_write():
            visits[-1].sudo().write({"risk_assessed_date": False, "risk_assessed_by_id": False})
        with self.assertRefused("risk assessment", UserError):
            visits[4:].with_user(self.supervisor).action_authorise()
        self.assertEqual(set(visits[4:].mapped("state")), {"planned"})

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

    def test_vis3_checkout_alert_queries_per_visit_do_not_grow_with_assignees(self):
        """Rule VIS-3, issue 17: each late visit alerts its case's supervisor at once (a
        notification and an activity each, on purpose), so a batch costs a fixed number of
        queries per visit, the same whether the visits have one supervisor or twenty.

        Each distinct supervisor used to cost 2 queries (20 visits: 726 queries for one
        supervisor, 764 for twenty): an activity scheduled one visit at a time made
        ``mail.activity.create`` read its assignee's user and contact alone. The batch's
        activities are now one ``create``, their assignees and contacts read and made followers
        once for the batch. The 25 queries left per visit are Odoo's mail for two messages (the
        activity assigned, and the alert posted): message, recipients, e-mail, notification,
        reply-to and alias look-ups; none depends on who receives them."""
        workers = self._supervised_workers(20, "rrs_vis3")
        workers.write({"tz": "America/Chicago"})
        Visit = self.env["rrs.home.visit"]

        def visits(users):
            batch = Visit
            for i, user in enumerate(users):
                case = self._active_case(user=user)
                visit = self._visit(case=case, start=MORNING + timedelta(days=i))
                visit.with_user(case.supervisor_user_id).action_authorise()
                batch |= visit
            return batch

        warm, five, ten, one = (visits([self.worker] * n) for n in (5, 5, 10, 20))
        spread = visits(workers)
        alert_type = self.env.ref("rrs_case.mail_activity_type_visit_alert")

        def check(batch):
            self.assertTrue(all(batch.mapped("overdue_checkout")))
            for visit in batch:
                alert = visit.case_id.activity_ids.filtered(
                    lambda a: a.activity_type_id == alert_type
                )
                self.assertEqual(alert.user_id, visit.case_id.supervisor_user_id)
                self.assertIn(visit.worker_id.name, alert.summary)
                self.assertIn(alert.user_id.partner_id, visit.case_id.message_partner_ids)
                message = visit.case_id.message_ids.filtered(
                    lambda m, v=visit: v.case_id.supervisor_user_id.partner_id in m.partner_ids
                )
                self.assertIn("has not checked out", message[:1].body)

        batches = (("warm-up", warm), ("5", five), ("10", ten), ("one", one), ("20", spread))
        with freeze_time("2027-01-10 12:00"):
            counts = self._batch_query_counts(
                batches, lambda batch: batch._alert_overdue(), lambda: None, check
            )
        self.assertEqual(len(spread.case_id.supervisor_user_id), 20)
        self.assertEqual(one.case_id.supervisor_user_id, self.supervisor)
        per_visit = (counts["10"] - counts["5"]) / 5
        self.assertEqual(counts["one"], counts["10"] + 10 * per_visit, counts)
        self.assertEqual(counts["20"], counts["one"], counts)
        self.assertLessEqual(per_visit, 25, counts)

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

    def test_vis1_event_private_with_a_neutral_title(self):
        # rule VIS-1: the worker's calendar shows the case reference, never the family or the
        # purpose of the visit
        visit = self._visit()
        event = visit.with_user(self.worker).event_id
        self.assertEqual(event.name, f"Home visit ({self.case.name})")
        self.assertNotIn("heating", event.name)
        self.assertEqual(event.privacy, "private")

    def test_vis1_the_programs_hour_in_the_workers_time_zone(self):
        # rule VIS-1: the program's latest start hour (here 10:30), in the worker's time zone,
        # whoever reads the visit
        self.program.with_user(self.manager).visit_latest_start_hour = 10.5
        self._visit(start=datetime(2026, 11, 24, 16, 29))  # 10:29 in Chicago
        with self.assertRefused(r"held in the morning \(before 10:30\)"):
            self._visit(start=datetime(2026, 11, 24, 16, 30))  # 10:30
        self.program.with_user(self.manager).visit_latest_start_hour = 12.0
        morning = self._visit(start=datetime(2026, 11, 24, 17, 59))  # 11:59
        noon = self._visit(
            start=datetime(2026, 11, 24, 18, 0), afternoon_exception=True, exception_reason="School"
        )
        # the supervisor is in Tokyo, where these are 02:59 and 03:00 the next morning
        self.supervisor.tz = "Asia/Tokyo"
        self.env.invalidate_all()
        listed = (morning | noon).with_user(self.supervisor)
        self.assertEqual(listed.mapped("is_afternoon"), [False, True])
        self.assertEqual({str(d) for d in listed.mapped("visit_date")}, {"2026-11-24"})

    def test_vis1_afternoon_exception_needs_the_request_and_its_reason(self):
        # rule VIS-1: each alone is refused
        for vals in ({"afternoon_exception": True}, {"exception_reason": "Father works mornings"}):
            with self.subTest(vals=vals), self.assertRefused("Ask for an afternoon exception"):
                self._visit(start=AFTERNOON, **vals)

    def test_vis1_visit_moved_or_handed_over_is_authorised_again(self):
        # rule VIS-1: a change of address or of worker after the authorisation
        self.case.secondary_user_ids = self.worker_other
        moved, handed = self._visit(), self._visit(sequence=2)
        (moved | handed).with_user(self.supervisor).action_authorise()
        relatives = self.env["res.partner"].create({"name": "Relatives' flat"})
        moved.with_user(self.worker).address_partner_id = relatives
        handed.with_user(self.worker).worker_id = self.worker_other
        self.assertEqual((moved | handed).mapped("state"), ["planned", "planned"])
        self.assertFalse((moved | handed).authorised_by_id)

    def test_vis1_a_manager_working_on_the_case_does_not_authorise_its_visits(self):
        # rule VIS-1: never a supervisor (or manager) who works on the case
        self.case.secondary_user_ids = self.manager
        visit = self._visit()
        with self.assertRefused(
            "works on case .* cannot change the status of this visit", AccessError
        ):
            visit.with_user(self.manager).action_authorise()
        self.assertEqual(visit.state, "planned")

    def test_vis3_alert_at_the_end_of_the_working_day_exactly(self):
        # rule VIS-3: 17:00 in Chicago is 23:00 UTC: the alert comes at 17:00 itself
        visit = self._visit()
        visit.with_user(self.supervisor).action_authorise()
        with freeze_time("2026-11-24 22:59:59"):
            self._cron()
        self.assertFalse(visit.overdue_checkout)
        with freeze_time("2026-11-24 23:00:00"):
            self._cron()
        self.assertTrue(visit.overdue_checkout)
        self.assertEqual(str(visit.alert_date), "2026-11-24 23:00:00")

    def test_vis3_the_programs_end_of_the_working_day(self):
        # rule VIS-3: the program's working day ends at 18:00 (00:00 UTC the next day)
        self.program.with_user(self.manager).visit_day_end_hour = 18.0
        visit = self._visit()
        visit.with_user(self.supervisor).action_authorise()
        with freeze_time("2026-11-24 23:59"):
            self._cron()
        self.assertFalse(visit.overdue_checkout, "17:59")
        with freeze_time("2026-11-25 00:00"):
            self._cron()
        self.assertTrue(visit.overdue_checkout, "18:00")

    def test_vis3_visit_of_an_earlier_day_still_alerts(self):
        # rule VIS-3: the cron did not run that evening: the next run alerts
        visit = self._visit()
        visit.with_user(self.supervisor).action_authorise()
        with freeze_time("2026-11-26 14:00"):
            self._cron()
        self.assertTrue(visit.overdue_checkout)

    def test_vis3_check_in_on_the_visit_day_of_the_workers_time_zone(self):
        # rule VIS-3: not the day after; the day is the worker's: 08:55 in Tokyo is still the
        # day before in UTC
        late = self._visit()
        late.with_user(self.supervisor).action_authorise()
        with (
            freeze_time("2026-11-25 15:05"),
            self.assertRefused("on the day of the visit", UserError),
        ):
            late.with_user(self.worker).action_check_in()
        self.worker.tz = "Asia/Tokyo"
        early = self._visit(start=datetime(2026, 11, 24, 0, 30))  # 09:30 in Tokyo
        self.assertEqual(str(early.visit_date), "2026-11-24")
        early.with_user(self.supervisor).action_authorise()
        with freeze_time("2026-11-23 23:55"):  # 08:55 in Tokyo
            early.with_user(self.worker).action_check_in()
        self.assertEqual(early.state, "checked_in")

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
