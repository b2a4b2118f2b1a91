# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Integrity of the resettlement services: home visits and their escalation steps, the
calendar events that carry them, the reception checklist, orientation sessions,
case-management activities and household members. Each row tries one move or one system-set
field by a plain write or create and through the button, as every role (rules VIS-1 to VIS-3,
RES-1, RES-2, RES-4, REC-3)."""

from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..models.rrs_guard_mixin import rrs_disposing
from .integrity import OK, SYSTEM_SET, IntegrityCommon, Row, writers

NOT_A_MOVE = ("rule", "cannot go from")
BY_ITSELF = ("rule", "by itself when its conditions are met")
FROZEN = ("rule", "stays as it is")
# Odoo's refusal by a record rule (a private calendar event of another user).
RULE_ACCESS = ("access", "not allowed to|doesn't have|do not have|cannot")
OWN_VISIT = ("access", "Only Rrs Worker checks in and out")
# The event of a visit is private to its worker: only the worker writes the visit itself.
PRIVATE = ("access", "doesn't have '(write|unlink)' access")


def owner(expectation):
    """The visit's worker gets ``expectation``; supervisor and manager never write it."""
    return {"worker": expectation, "supervisor": PRIVATE, "manager": PRIVATE}


VISIT_ROWS = (
    Row(
        "VIS-1",
        "authorise a visit by writing its status: its own worker never does",
        "rrs.home.visit",
        "_visit_assessed",
        vals={"state": "authorised"},
        expect=writers(OK, worker=("access", "never authorises their own visits")),
        check="_check_authorised",
    ),
    Row(
        "VIS-1",
        "authorise a visit by the button",
        "rrs.home.visit",
        "_visit_assessed",
        action="action_authorise",
        expect=writers(OK, worker=("access", "never authorises their own visits")),
        check="_check_authorised",
    ),
    Row(
        "VIS-2",
        "authorise a visit without its pre-visit risk assessment",
        "rrs.home.visit",
        "_visit_planned",
        vals={"state": "authorised"},
        expect=writers(
            ("rule", "pre-visit risk assessment"),
            worker=("access", "never authorises their own visits"),
        ),
    ),
    Row(
        "VIS-2",
        "record the risk assessment (who and when are the system's)",
        "rrs.home.visit",
        "_visit_planned",
        action="action_assess_risk",
        expect=owner(OK),
        check="_check_risk_assessed",
    ),
    Row(
        "VIS-2",
        "forge the risk assessment",
        "rrs.home.visit",
        "_visit_planned",
        vals={"risk_assessed_date": "2026-01-05 08:00:00", "risk_assessed_by_id": 2},
        expect=owner(SYSTEM_SET),
    ),
    Row(
        "VIS-1",
        "forge the supervisor's authorisation",
        "rrs.home.visit",
        "_visit_assessed",
        vals={"authorised_by_id": 2, "authorised_date": "2026-01-05 08:00:00"},
        expect=owner(SYSTEM_SET),
    ),
    Row(
        "VIS-1",
        "create a visit already authorised",
        "rrs.home.visit",
        "_vals_visit_authorised",
        create=True,
        expect=owner(("access", "never authorises their own visits")),
    ),
    Row(
        "VIS-1",
        "create a visit with a forged authoriser",
        "rrs.home.visit",
        "_vals_visit_forged",
        create=True,
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "VIS-1",
        "move an authorised visit: it is authorised again",
        "rrs.home.visit",
        "_visit_authorised",
        vals={"start": "2026-11-24 08:00:00"},
        expect=owner(OK),
        check="_check_back_to_planned",
    ),
    Row(
        "VIS-1",
        "ask for an afternoon exception after the authorisation: authorised again",
        "rrs.home.visit",
        "_visit_authorised",
        vals={"afternoon_exception": True, "exception_reason": "Father works mornings"},
        expect=owner(OK),
        check="_check_back_to_planned",
    ),
    Row(
        "VIS-2",
        "change the risks after the authorisation: assessed and authorised again",
        "rrs.home.visit",
        "_visit_authorised",
        vals={"risk_weapons": True},
        expect=owner(OK),
        check="_check_reassess",
    ),
    Row(
        "VIS-3",
        "check in by writing the status",
        "rrs.home.visit",
        "_visit_authorised",
        vals={"state": "checked_in"},
        expect=writers(OWN_VISIT, worker=OK),
        check="_check_checked_in",
    ),
    Row(
        "VIS-3",
        "check in by the button",
        "rrs.home.visit",
        "_visit_authorised",
        action="action_check_in",
        expect=writers(OWN_VISIT, worker=OK),
        check="_check_checked_in",
    ),
    Row(
        "VIS-3",
        "check in before the authorisation",
        "rrs.home.visit",
        "_visit_assessed",
        vals={"state": "checked_in"},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "VIS-3",
        "forge the check-in and check-out times",
        "rrs.home.visit",
        "_visit_checked_in",
        vals={"check_in_date": "2026-01-05 08:00:00", "check_out_date": "2026-01-05 09:00:00"},
        expect=owner(SYSTEM_SET),
    ),
    Row(
        "VIS-3",
        "check out by writing the status",
        "rrs.home.visit",
        "_visit_checked_in",
        vals={"state": "checked_out"},
        expect=writers(OWN_VISIT, worker=OK),
        check="_check_checked_out",
    ),
    Row(
        "VIS-3",
        "check out by the button",
        "rrs.home.visit",
        "_visit_checked_in",
        action="action_check_out",
        expect=writers(OWN_VISIT, worker=OK),
        check="_check_checked_out",
    ),
    Row(
        "VIS-3",
        "clear the end-of-day alert",
        "rrs.home.visit",
        "_visit_overdue",
        vals={"overdue_checkout": False, "alert_date": False},
        expect=owner(SYSTEM_SET),
    ),
    Row(
        "VIS-3",
        "end the alert by writing the status checked out",
        "rrs.home.visit",
        "_visit_overdue",
        vals={"state": "checked_out"},
        expect=writers(BY_ITSELF),
    ),
    Row(
        "VIS-3",
        "cancel a visit whose alert is open, by the button",
        "rrs.home.visit",
        "_visit_overdue",
        action="action_cancel",
        expect=writers(("rule", "management was alerted")),
    ),
    Row(
        "VIS-3",
        "cancel a visit whose alert is open, by writing the status",
        "rrs.home.visit",
        "_visit_overdue",
        vals={"state": "cancelled"},
        expect=writers(("rule", "management was alerted")),
    ),
    Row(
        "VIS-1",
        "cancel a visit still to come, by the button",
        "rrs.home.visit",
        "_visit_authorised_later",
        action="action_cancel",
        expect=writers(OK),
        check="_check_cancelled",
    ),
    Row(
        "VIS-1",
        "cancel a visit that has started: its worker or their supervisor",
        "rrs.home.visit",
        "_visit_authorised",
        vals={"state": "cancelled"},
        expect=writers(OK),
        check="_check_cancelled",
    ),
    Row(
        "VIS-1",
        "a cancelled visit back to planned",
        "rrs.home.visit",
        "_visit_cancelled",
        vals={"state": "planned"},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "VIS-1",
        "move a visit that was held",
        "rrs.home.visit",
        "_visit_checked_out",
        vals={"start": "2026-11-25 08:00:00", "purpose": "Other"},
        expect=owner(FROZEN),
    ),
    Row(
        "VIS-1",
        "delete an authorised visit",
        "rrs.home.visit",
        "_visit_authorised",
        action="unlink",
        expect=owner(("rule", "stays in the case file")),
    ),
    Row(
        "VIS-1",
        "delete a planned visit (its calendar slot goes with it)",
        "rrs.home.visit",
        "_visit_planned",
        action="unlink",
        expect=owner(OK),
        check="_check_visit_and_event_gone",
    ),
    # the visit extends its calendar event: the event of a visit is the visit
    Row(
        "VIS-3",
        "delete the calendar event of an authorised visit (the visit would go with it)",
        "calendar.event",
        "_event_authorised",
        action="unlink",
        expect={"worker": ("rule", "stays in the case file")},
        default=RULE_ACCESS,
    ),
    Row(
        "VIS-1",
        "delete the calendar event of a planned visit",
        "calendar.event",
        "_event_planned",
        action="unlink",
        expect={"worker": OK},
        default=RULE_ACCESS,
        check="_check_event_gone",
    ),
    Row(
        "VIS-1",
        "drag the event of an authorised visit to another morning: authorised again",
        "calendar.event",
        "_event_authorised",
        vals={"start": "2026-11-25 08:00:00", "stop": "2026-11-25 09:00:00"},
        expect={"worker": OK},
        default=RULE_ACCESS,
        check="_check_event_visit_planned",
    ),
    Row(
        "VIS-1",
        "drag the event of a visit that was held",
        "calendar.event",
        "_event_checked_out",
        vals={"start": "2026-11-25 08:00:00", "stop": "2026-11-25 09:00:00"},
        expect={"worker": FROZEN},
        default=RULE_ACCESS,
    ),
)

ESCALATION_ROWS = (
    Row(
        "VIS-3",
        "resolve the alert: the worker is safe",
        "rrs.home.visit.escalation",
        "_vals_step_resolved",
        create=True,
        expect={"supervisor": OK, "manager": OK},
        check="_check_found_safe",
    ),
    Row(
        "VIS-3",
        "record a step in someone else's name",
        "rrs.home.visit.escalation",
        "_vals_step_other_user",
        create=True,
        expect={"supervisor": SYSTEM_SET, "manager": SYSTEM_SET},
    ),
    Row(
        "VIS-3",
        "rewrite a recorded step",
        "rrs.home.visit.escalation",
        "_step_recorded",
        vals={"reached": True},
        expect={
            "supervisor": ("rule", "stays as it was recorded"),
            "manager": ("rule", "stays as it was recorded"),
        },
    ),
    Row(
        "VIS-3",
        "delete a recorded step",
        "rrs.home.visit.escalation",
        "_step_recorded",
        action="unlink",
        expect={"manager": ("rule", "never deleted")},
    ),
)

CHECKLIST_ROWS = (
    Row(
        "RES-1",
        "mark a task done by writing its status",
        "rrs.case.checklist.item",
        "_task_todo",
        vals={"state": "done"},
        expect=writers(OK),
        check="_check_task_done",
    ),
    Row(
        "RES-1",
        "mark a task done by the button",
        "rrs.case.checklist.item",
        "_task_todo",
        action="action_done",
        expect=writers(OK),
        check="_check_task_done",
    ),
    Row(
        "RES-1",
        "forge who did a task and when",
        "rrs.case.checklist.item",
        "_task_todo",
        vals={"done_by_id": 2, "done_date": "2020-01-01"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "RES-1",
        "set a task aside without saying why",
        "rrs.case.checklist.item",
        "_task_todo",
        vals={"state": "not_applicable"},
        expect=writers(("rule", "does not apply to this case")),
    ),
    Row(
        "RES-1",
        "a task done back to do: a supervisor reopens it",
        "rrs.case.checklist.item",
        "_task_done",
        vals={"state": "todo"},
        expect=writers(OK, worker=("access", "Only a supervisor or a program manager reopens")),
        check="_check_task_reopened",
    ),
    Row(
        "RES-1",
        "rewrite a task done",
        "rrs.case.checklist.item",
        "_task_done",
        vals={"name": "Something else"},
        expect=writers(FROZEN),
    ),
    Row(
        "RES-1",
        "delete a task done",
        "rrs.case.checklist.item",
        "_task_done",
        action="unlink",
        expect={
            "supervisor": ("rule", "stays on the case"),
            "manager": ("rule", "stays on the case"),
        },
    ),
    Row(
        "RES-1",
        "create a task already done: done by its creator, today",
        "rrs.case.checklist.item",
        "_vals_task_done",
        create=True,
        expect=writers(OK),
        check="_check_task_done",
    ),
    Row(
        "RES-1",
        "create a task with a forged completion",
        "rrs.case.checklist.item",
        "_vals_task_forged",
        create=True,
        expect=writers(SYSTEM_SET),
    ),
)

SERVICES_ROWS = (
    Row(
        "REC-3",
        "remove a household member named by signed forms",
        "rrs.case.member",
        "_member_signed",
        action="unlink",
        expect=writers(("rule", "stays in the household .*Consent or Signed Form: 2")),
    ),
    Row(
        "REC-3",
        "remove a household member nothing names yet",
        "rrs.case.member",
        "_member_unnamed",
        action="unlink",
        expect=writers(OK),
        check="_check_member_gone",
    ),
)


@tagged("post_install", "-at_install")
class TestIntegrityServices(IntegrityCommon):
    ROWS = VISIT_ROWS + ESCALATION_ROWS + CHECKLIST_ROWS + SERVICES_ROWS
    # The day the table runs: 10:00 UTC (the workers' time zone), visits at 09:00 and 11:00.
    DAY = "2026-11-24"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.worker | cls.supervisor | cls.manager).write({"tz": "UTC"})
        cls.now = datetime.fromisoformat(f"{cls.DAY} 10:00:00")
        cls.child = cls._person("Child", age=8)

    def _case_fixture(self):
        return self._active_case(
            members=[(self.child, "child")], applicant_informed_date=self.now.date()
        )

    # ------------------------------------------------------------------ visits
    def _visit_vals(self, hour=9, **vals):
        case = vals.pop("case", None) or self._case_fixture()
        values = {
            "case_id": case.id,
            "worker_id": self.worker.id,
            "start": datetime.combine(self.now.date(), time(hour)),
            "purpose": "Check the heating",
            "risk_level": "low",
        }
        values.update(vals)
        return values

    def _visit_planned(self, **vals):
        visit = self.env["rrs.home.visit"].create(self._visit_vals(**vals))
        self._event = visit.event_id
        return visit

    def _visit_assessed(self, **vals):
        visit = self._visit_planned(**vals)
        visit.with_user(self.worker).action_assess_risk()
        return visit

    def _visit_authorised(self, **vals):
        visit = self._visit_assessed(**vals)
        visit.with_user(self.supervisor).action_authorise()
        return visit

    def _visit_authorised_later(self):
        return self._visit_authorised(hour=11)

    def _visit_checked_in(self):
        visit = self._visit_authorised()
        visit.with_user(self.worker).action_check_in()
        return visit

    def _visit_checked_out(self):
        visit = self._visit_checked_in()
        visit.with_user(self.worker).action_check_out()
        return visit

    def _visit_cancelled(self):
        visit = self._visit_authorised_later()
        visit.with_user(self.worker).action_cancel()
        return visit

    def _visit_overdue(self, **vals):
        visit = self._visit_authorised(**vals)
        with visit._rrs_system_write():
            visit.write({"overdue_checkout": True, "alert_date": self.now - timedelta(hours=1)})
        return visit

    def _vals_visit_authorised(self):
        return self._visit_vals(state="authorised")

    def _vals_visit_forged(self):
        return self._visit_vals(authorised_by_id=self.supervisor.id)

    def _event_authorised(self):
        return self._visit_authorised().event_id

    def _event_planned(self):
        return self._visit_planned().event_id

    def _event_checked_out(self):
        return self._visit_checked_out().event_id

    # ------------------------------------------------------------- escalation
    def _vals_step(self, visit, **vals):
        return {"visit_id": visit.id, "step": "worker_called", "reached": False, **vals}

    def _vals_step_no_alert(self):
        return self._vals_step(self._visit_authorised())

    def _vals_step_resolved(self):
        return self._vals_step(
            self._visit_overdue(), step="resolved", note="Worker called back: phone died"
        )

    def _vals_step_other_user(self):
        return self._vals_step(self._visit_overdue(), user_id=self.worker.id)

    def _step_recorded(self):
        visit = self._visit_overdue()
        return self.env["rrs.home.visit.escalation"].create(self._vals_step(visit))

    # -------------------------------------------------------------- checklist
    def _task_todo(self):
        case = self._case_fixture()
        return case.checklist_item_ids.filtered(lambda i: i.state == "todo")[:1]

    def _task_done(self):
        task = self._task_todo()
        task.with_user(self.worker).action_done()
        return task

    def _vals_task_done(self):
        return {"case_id": self._case_fixture().id, "name": "Bus pass bought", "state": "done"}

    def _vals_task_forged(self):
        return {
            "case_id": self._case_fixture().id,
            "name": "Bus pass bought",
            "done_date": "2020-01-01",
        }

    # --------------------------------------------------- sessions, activities
    def _vals_session_future(self):
        case = self._case_fixture()
        return {
            "case_id": case.id,
            "session_date": self.today + timedelta(days=1),
            "topic_ids": [Command.set(self.env["rrs.orientation.topic"].search([]).ids[:2])],
            "member_ids": [Command.set(case.member_ids.filtered("is_head").ids)],
        }

    def _vals_activity_future(self):
        return {
            "case_id": self._case_fixture().id,
            "topic_id": self.env.ref("rrs_case.activity_topic_housing").id,
            "minutes": 30,
            "activity_date": self.today + timedelta(days=1),
        }

    def _vals_activity_other_referral(self):
        other = self._case_fixture()
        referral = self.env["rrs.referral"].create(
            {
                "case_id": other.id,
                "provider_id": self.env["res.partner"]
                .create({"name": "Food bank", "rrs_is_provider": True})
                .id,
                "service_category_id": self.env["rrs.service.category"].search([], limit=1).id,
                "reason": "Food",
            }
        )
        return dict(
            self._vals_activity_future(), activity_date=self.now.date(), referral_id=referral.id
        )

    def _member_signed(self):
        return self._case_fixture().member_ids.filtered("is_head")

    def _member_unnamed(self):
        return self._case_fixture().member_ids.filtered(lambda m: m.partner_id == self.child)

    # ------------------------------------------------------------------ checks
    def _check_authorised(self, visit):
        self.assertEqual(visit.state, "authorised")
        self.assertIn(visit.authorised_by_id, self.supervisor | self.manager)
        self.assertEqual(visit.authorised_date, self.now)

    def _check_risk_assessed(self, visit):
        self.assertIn(visit.risk_assessed_by_id, self.worker | self.supervisor | self.manager)
        self.assertEqual(visit.risk_assessed_date, self.now)

    def _check_back_to_planned(self, visit):
        self.assertEqual(visit.state, "planned")
        self.assertFalse(visit.authorised_by_id or visit.authorised_date)

    def _check_reassess(self, visit):
        self._check_back_to_planned(visit)
        self.assertFalse(visit.risk_assessed_date, "the risk assessment is done again")

    def _check_checked_in(self, visit):
        self.assertEqual((visit.state, visit.check_in_date), ("checked_in", self.now))

    def _check_checked_out(self, visit):
        self.assertEqual((visit.state, visit.check_out_date), ("checked_out", self.now))

    def _check_cancelled(self, visit):
        self.assertEqual(visit.state, "cancelled")

    def _check_visit_and_event_gone(self, visit):
        self.assertFalse(visit.exists())
        self.assertFalse(self._event.exists(), "the calendar slot goes with the visit")

    def _check_event_gone(self, event):
        self.assertFalse(event.exists())
        self.assertFalse(self.env["rrs.home.visit"].search([("event_id", "=", event.id)]))

    def _check_event_visit_planned(self, event):
        visit = self.env["rrs.home.visit"].search([("event_id", "=", event.id)])
        self._check_back_to_planned(visit)
        self.assertEqual(str(visit.visit_date), "2026-11-25")

    def _check_found_safe(self, step):
        visit = step.visit_id
        self.assertEqual((visit.state, visit.overdue_checkout), ("checked_out", False))
        self.assertEqual(visit.check_out_date, self.now)

    def _check_task_done(self, task):
        self.assertEqual(task.state, "done")
        self.assertEqual(task.done_date, self.now.date())
        self.assertIn(task.done_by_id, self.worker | self.supervisor | self.manager)

    def _check_task_reopened(self, task):
        self.assertEqual(task.state, "todo")
        self.assertFalse(task.done_date or task.done_by_id)

    def _check_member_gone(self, member):
        self.assertFalse(member.exists())

    # ------------------------------------------------------------------- tests
    def test_integrity_table(self):
        # rules VIS-1, VIS-2, VIS-3, RES-1, RES-2, RES-4, REC-3 by every role, through write,
        # create and the buttons
        with freeze_time(self.now):
            counts = self.run_table()
        self.assertEqual(sum(counts.values()), len(self.ROWS) * 7)
        self.assertGreater(counts["allowed"], 0)
        self.assertGreater(counts["refused"], counts["allowed"])

    def test_vis_visit_cancelled_only_by_its_worker_or_supervisor(self):
        # rule VIS-3: the visit is the worker's (its event is private); a colleague on the case
        # cannot cancel it, which would end the end-of-day safety check; the worker and their
        # supervisor can
        with freeze_time(self.now):
            case = self._case_fixture()
            case.secondary_user_ids = [Command.link(self.worker_other.id)]
            started = self._visit_authorised(case=case)
            later = self._visit_authorised(case=case, hour=11)
            for visit in (started, later):
                with self.assertRefused("cannot change the status of this visit", AccessError):
                    visit.with_user(self.worker_other).action_cancel()
            later.with_user(self.worker).action_cancel()
            started.with_user(self.supervisor).write({"state": "cancelled"})
            self.assertEqual((started | later).mapped("state"), ["cancelled", "cancelled"])

    def test_vis_event_of_a_visit_deleted_only_with_it(self):
        # rule VIS-3: the calendar event carries the visit; deleting it as superuser or by
        # the worker keeps a visit that may not be deleted, and its escalation steps
        with freeze_time(self.now):
            visit = self._visit_overdue()
            step = self.env["rrs.home.visit.escalation"].create(self._vals_step(visit))
            for event in (visit.event_id, visit.event_id.with_user(self.worker)):
                with self.assertRefused("stays in the case file", UserError):
                    event.unlink()
            self.assertTrue(visit.exists() and step.exists())
            # disposal at the end of retention (REC-3) still destroys them
            with rrs_disposing():
                visit.event_id.unlink()
            self.assertFalse(visit.exists() or step.exists())

    def test_rec3_member_kept_until_disposal(self):
        # rule REC-3: the household member named by signed forms goes only by disposal
        member = self._member_signed()
        with self.assertRefused("stays in the household", UserError):
            member.case_id.with_user(self.worker).write({"member_ids": [Command.delete(member.id)]})
        with self.assertRefused("stays in the household", UserError):
            member.unlink()
        with rrs_disposing():
            member.unlink()
        self.assertFalse(member.exists())

    def test_parent_never_changes(self):
        # the case (or visit) a record belongs to never changes, whoever writes it
        with freeze_time(self.now):
            other = self._case_fixture()
            visit = self._visit_overdue()
            step = self.env["rrs.home.visit.escalation"].create(self._vals_step(visit))
            case = visit.case_id
            records = [
                (visit, "case_id", other.id),
                (step, "visit_id", self._visit_overdue(case=case).id),
                (case.checklist_item_ids[:1], "case_id", other.id),
                (case.member_ids[:1], "case_id", other.id),
                (
                    self.env["rrs.case.activity"].create(
                        {
                            "case_id": case.id,
                            "topic_id": self.env.ref("rrs_case.activity_topic_housing").id,
                            "minutes": 20,
                        }
                    ),
                    "case_id",
                    other.id,
                ),
                (
                    self.env["rrs.orientation.session"].create(
                        {
                            "case_id": case.id,
                            "topic_ids": [
                                Command.set(self.env["rrs.orientation.topic"].search([]).ids[:1])
                            ],
                            "member_ids": [Command.set(case.member_ids[:1].ids)],
                        }
                    ),
                    "case_id",
                    other.id,
                ),
            ]
            for record, fname, value in records:
                user = self.supervisor if record._name.endswith("escalation") else self.worker
                with self.assertRefused("stays with the|stays as it", UserError):
                    record.with_user(user).write({fname: value})
                self.assertNotEqual(record[fname].id, value, record._name)

    def test_vis_context_cannot_keep_an_authorisation(self):
        # rule VIS-1: the old context key no longer keeps an authorisation of a moved visit
        with freeze_time(self.now):
            visit = self._visit_authorised()
            visit.with_user(self.worker).with_context(rrs_visit_keep_authorisation=True).write(
                {"start": datetime.combine(self.now.date(), time(8))}
            )
            self.assertEqual(visit.state, "planned")
            with self.assertRefused("is set by the system", UserError):
                visit.with_user(self.worker).with_context(rrs_granted=True).write(
                    {"authorised_by_id": self.supervisor.id}
                )

    def test_vis_read_only_roles_cannot_cancel_any_visit(self):
        # the former sudo() cancellation: every role without a right on the visit is refused
        with freeze_time(self.now):
            visit = self._visit_authorised_later()
            no_access = "not allowed to access 'Home Visit'"
            for role, message in (
                ("finance", no_access),
                # the auditor reads the visit, and changes nothing of it
                ("auditor", "Only the supervisor of .* or a program manager can change the status"),
                ("volunteer", no_access),
                ("portal", no_access),
                ("worker_far", "doesn't have 'read' access to:\n- Home Visit"),
            ):
                with self.assertRefused(message, AccessError):
                    visit.with_user(getattr(self, role)).action_cancel()
            self.assertEqual(visit.state, "authorised")

    def test_refused_on_creation_by_their_constraints(self):
        # rules VIS-3, RES-4: steps before any alert, activities to come or for another case
        with freeze_time(self.now):
            Step = self.env["rrs.home.visit.escalation"].with_user(self.supervisor)
            with self.assertRefused("once management is alerted"):
                Step.create(self._vals_step(self._visit_authorised()))
            Activity = self.env["rrs.case.activity"].with_user(self.worker)
            with self.assertRefused("in the future"):
                Activity.create(self._vals_activity_future())
            with self.assertRefused("must belong to"):
                Activity.create(self._vals_activity_other_referral())

    def test_vis1_event_dragged_to_the_afternoon_is_the_visits_change(self):
        # rule VIS-1: moving the event in the calendar is moving the visit: the morning rule
        # holds, and the visit moved is authorised again
        with freeze_time(self.now):
            visit = self._visit_authorised()
            event = visit.event_id.with_user(self.worker)
            afternoon = datetime.combine(self.now.date(), time(15))
            with self.assertRefused("held in the morning"):
                event.write({"start": afternoon, "stop": afternoon + timedelta(hours=1)})
            self.assertEqual(visit.state, "authorised")
            visit.with_user(self.worker).write(
                {"afternoon_exception": True, "exception_reason": "Works mornings"}
            )
            event.write({"start": afternoon, "stop": afternoon + timedelta(hours=1)})
            self.assertEqual((visit.state, visit.is_afternoon), ("planned", True))

    def test_res2_session_boundary_days(self):
        # rule RES-2: today is recorded, tomorrow is not
        vals = self._vals_session_future()
        Session = self.env["rrs.orientation.session"].with_user(self.worker)
        with self.assertRefused("once it took place", ValidationError):
            Session.create(vals)
        Session.create(dict(vals, session_date=self.today))
        Session.create(dict(vals, session_date=self.today - timedelta(days=1)))
