# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Incident reports, submitted by the end of the shift (rule REC-5)."""

from datetime import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import RrsCaseCommon

# Monday 2 March 2026; the worker's shift is 9:00-12:00 and 13:00-17:00 UTC, Monday to Friday.
MONDAY = datetime(2026, 3, 2)


def at(day, hour, minute=0):
    return MONDAY.replace(day=MONDAY.day + day, hour=hour, minute=minute)


@tagged("post_install", "-at_install")
class TestIncident(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        attendances = [
            Command.create(
                {
                    "name": f"Day {day} {period}",
                    "dayofweek": str(day),
                    "hour_from": start,
                    "hour_to": stop,
                    "day_period": period,
                }
            )
            for day in range(5)
            for start, stop, period in ((9, 12, "morning"), (13, 17, "afternoon"))
        ]
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Day shift", "tz": "UTC", "attendance_ids": attendances}
        )
        cls.worker_employee = cls.env["hr.employee"].search([("user_id", "=", cls.worker.id)])
        cls.worker_employee.write({"resource_calendar_id": cls.calendar.id, "tz": "UTC"})
        cls.case = cls._active_case()
        cls.Incident = cls.env["rrs.incident"]
        cls.late_type = cls.env.ref("rrs_case.mail_activity_type_incident_late")

    def _values(self, occurred=None, **vals):
        return {
            "occurred_date": occurred or at(0, 10),
            "location": "Client's apartment, 12 Maple Street",
            "description": "The client's son fell on the stairs during the home visit.",
            "people_involved": "The client's son (9), the client, the case worker.",
            "severity": "moderate",
            "actions_taken": "First aid given; the mother took him to the clinic.",
            "case_id": self.case.id,
            **vals,
        }

    def _report(self, user=None, occurred=None, **vals):
        with freeze_time(occurred or at(0, 10)):
            return self.Incident.with_user(user or self.worker).create(
                self._values(occurred, **vals)
            )

    def _late_activities(self, incident):
        return incident.activity_ids.filtered(lambda a: a.activity_type_id == self.late_type)

    # ------------------------------------------------------------ the shift's end
    def test_rec5_due_at_the_end_of_the_shift_of_the_incident(self):
        cases = {
            "during the morning": (at(0, 10), at(0, 17)),
            "in the lunch break": (at(0, 12, 30), at(0, 17)),
            "during the afternoon": (at(0, 16), at(0, 17)),
            "before the shift starts": (at(0, 7), at(0, 17)),
            "after the shift ended": (at(0, 19), at(1, 17)),
            "on Friday night": (at(4, 20), at(7, 17)),
        }
        for label, (occurred, due) in cases.items():
            with self.subTest(label):
                self.assertEqual(self._report(occurred=occurred).due_date, due)

    def test_rec5_leave_moves_the_shift(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Tuesday off",
                "calendar_id": self.calendar.id,
                "resource_id": self.worker_employee.resource_id.id,
                "date_from": at(1, 0),
                "date_to": at(1, 23, 59),
            }
        )
        self.assertEqual(self._report(occurred=at(0, 19)).due_date, at(2, 17))

    def test_rec5_the_reporters_own_hours_before_the_companys(self):
        # rule REC-5: the shift is the reporter's own (an evening shift here), the company's
        # working hours only without one
        evening = self.env["resource.calendar"].create(
            {
                "name": "Evening shift",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Evening {day}",
                            "dayofweek": str(day),
                            "hour_from": 14,
                            "hour_to": 22,
                            "day_period": "afternoon",
                        }
                    )
                    for day in range(5)
                ],
            }
        )
        self.env.company.resource_calendar_id = self.calendar
        self.worker_employee.resource_calendar_id = evening
        self.assertEqual(self._report(occurred=at(0, 15)).due_date, at(0, 22))
        self.worker_employee.resource_calendar_id = False
        self.assertEqual(self._report(occurred=at(0, 15)).due_date, at(0, 17))

    def test_rec5_company_hours_without_an_employee_calendar(self):
        self.worker_employee.resource_calendar_id = False
        self.env.company.resource_calendar_id = self.calendar
        self.assertEqual(self._report(occurred=at(0, 19)).due_date, at(1, 17))

    # ------------------------------------------------------------ late or on time
    def test_rec5_submitted_the_minute_before_the_shift_ends_is_on_time(self):
        incident = self._report()
        with freeze_time(at(0, 16, 59)):
            incident.with_user(self.worker).action_submit()
        self.assertEqual(incident.state, "submitted")
        self.assertEqual(incident.submitted_date, at(0, 16, 59))
        self.assertFalse(incident.late)
        self.assertFalse(self._late_activities(incident))

    def test_rec5_due_minute_on_time_for_a_submission_and_for_the_cron(self):
        # rule REC-5: late means after the minute the shift ends: at that minute a report is
        # still on time, whether the reporter submits it or the cron looks at the draft
        submitted = self._report()
        draft = self._report()
        no_commit = patch.object(
            type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: float("inf")
        )
        with no_commit, freeze_time(at(0, 17)):
            submitted.with_user(self.worker).action_submit()
            self.Incident._cron_late_incidents()
        self.assertEqual(submitted.due_date, at(0, 17))
        self.assertFalse(submitted.late)
        self.assertFalse(draft.late)
        self.assertFalse(self._late_activities(draft))
        with no_commit, freeze_time(at(0, 17, 1)):
            self.Incident._cron_late_incidents()
        self.assertTrue(draft.late)

    def test_rec5_a_report_flagged_late_stays_late_once_its_time_is_corrected(self):
        # rule REC-5: the cron's late flag is kept when the reporter then moves the time of
        # the incident to a later shift and submits before that shift ends
        incident = self._report()
        no_commit = patch.object(
            type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: float("inf")
        )
        with no_commit, freeze_time(at(0, 17, 1)):
            self.Incident._cron_late_incidents()
        self.assertTrue(incident.late)
        with freeze_time(at(0, 19)):
            incident.with_user(self.worker).occurred_date = at(0, 18)
            self.assertEqual(incident.due_date, at(1, 17))
            incident.with_user(self.worker).action_submit()
        self.assertTrue(incident.late)
        self.assertEqual(len(self._late_activities(incident)), 1)

    def test_rec5_submitted_the_minute_after_the_shift_ends_is_late(self):
        incident = self._report()
        with freeze_time(at(0, 17, 1)):
            incident.with_user(self.worker).action_submit()
        self.assertTrue(incident.late)
        self.assertTrue(incident.supervisor_alerted)
        activity = self._late_activities(incident)
        self.assertEqual(activity.user_id, self.supervisor)
        self.assertIn(incident.name, activity.note)

    def test_rec5_a_plain_write_of_the_stage_is_the_same_submission(self):
        incident = self._report()
        with freeze_time(at(0, 17, 1)):
            incident.with_user(self.worker).write({"state": "submitted"})
        self.assertEqual(incident.submitted_date, at(0, 17, 1))
        self.assertTrue(incident.late)
        self.assertEqual(self._late_activities(incident).user_id, self.supervisor)

    def test_rec5_created_submitted_at_once_through_the_api(self):
        with freeze_time(at(0, 16)):
            incident = self.Incident.with_user(self.worker).create(self._values(state="submitted"))
        self.assertEqual(incident.state, "submitted")
        self.assertEqual(incident.submitted_date, at(0, 16))
        self.assertFalse(incident.late)

    def test_rec5_cron_flags_drafts_still_missing_at_the_end_of_the_shift_once(self):
        due = self._report()
        not_yet = self._report(occurred=at(0, 18))  # due on Tuesday
        no_commit = patch.object(
            type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: float("inf")
        )
        with no_commit, freeze_time(at(0, 16, 59)):
            self.Incident._cron_late_incidents()
        self.assertFalse(due.late)
        with no_commit, freeze_time(at(0, 17, 1)):
            self.Incident._cron_late_incidents()
            self.Incident._cron_late_incidents()
        self.assertTrue(due.late)
        self.assertEqual(len(self._late_activities(due)), 1)
        self.assertFalse(not_yet.late)
        self.assertFalse(self._late_activities(not_yet))
        # submitted later, the report stays late and the supervisor is not alerted twice
        with freeze_time(at(0, 18)):
            due.with_user(self.worker).action_submit()
        self.assertTrue(due.late)
        self.assertEqual(len(self._late_activities(due)), 1)

    def test_rec5_without_a_supervisor_the_program_managers_are_alerted(self):
        self.worker_employee.parent_id = False
        incident = self._report()
        with freeze_time(at(0, 17, 1)):
            incident.with_user(self.worker).action_submit()
        self.assertIn(self.manager, self._late_activities(incident).user_id)

    def test_rec5_late_alert_queries_per_report_do_not_grow_with_assignees(self):
        """Rule REC-5, issue 17: each late report alerts its reporter's supervisor at once (a
        note that notifies them and an activity, on purpose), so a batch costs a fixed number
        of queries per report, the same whether the reports have one supervisor or twenty.

        Each distinct reporter and supervisor used to cost 2 queries (20 reports: 740 queries
        for one supervisor, 778 for twenty): each report read its reporter's employee and its
        supervisor's user alone. They are read once for the batch, the batch's activities
        made in one ``create`` with their assignees made followers once, and the reports
        flagged in one write (36 queries per report before, 13 now: Odoo's mail for the one
        note and its e-mail to the supervisor)."""
        workers = self._supervised_workers(20, "rrs_rec5")

        def reports(users):
            batch = self.Incident
            for user in users:
                batch |= self._report(user=user, case_id=False)
            return batch

        warm, five, ten, one = (reports([self.worker] * n) for n in (5, 5, 10, 20))
        spread = reports(workers)

        def check(batch):
            self.assertTrue(all(batch.mapped("late")))
            self.assertTrue(all(batch.mapped("supervisor_alerted")))
            for incident in batch:
                supervisor = incident.reporter_id.employee_ids.parent_id.user_id
                activity = self._late_activities(incident)
                self.assertEqual(activity.user_id, supervisor)
                self.assertIn(incident.name, activity.note)
                message = incident.message_ids.filtered(
                    lambda m, p=supervisor.partner_id: p in m.partner_ids
                )
                self.assertIn(incident.name, message.body)

        batches = (("warm-up", warm), ("5", five), ("10", ten), ("one", one), ("20", spread))
        with freeze_time(at(7, 12)):
            counts = self._batch_query_counts(
                batches, lambda batch: batch._alert_late(), lambda: None, check
            )
        self.assertEqual(len(spread.reporter_id.employee_ids.parent_id.user_id), 20)
        self.assertEqual(one.reporter_id.employee_ids.parent_id.user_id, self.supervisor)
        per_report = (counts["10"] - counts["5"]) / 5
        self.assertEqual(counts["one"], counts["10"] + 10 * per_report, counts)
        self.assertEqual(counts["20"], counts["one"], counts)
        self.assertLessEqual(per_report, 13, counts)

    # ------------------------------------------------------------------ integrity
    def test_rec5_the_system_sets_the_times_and_the_late_flag(self):
        incident = self._report()
        as_worker = incident.with_user(self.worker)
        for vals in (
            {"late": True},
            {"submitted_date": at(0, 12)},
            {"reporter_id": self.worker_other.id},
            {"due_date": at(3, 17)},
        ):
            with self.subTest(vals=vals), self.assertRefused("is set by the system", UserError):
                as_worker.write(vals)
        with self.assertRefused("is set by the system", UserError):
            self.Incident.with_user(self.worker).create(
                self._values(reporter_id=self.worker_other.id)
            )

    def test_rec5_each_report_of_a_batch_is_numbered_in_its_creation(self):
        """A batch of reports (an import) gets its numbers in the creation itself: a write per
        report after it snapshotted the batch for the change history once per report
        (issue 17). The number stays the system's."""
        with freeze_time(at(0, 10)):
            incidents = self.Incident.with_user(self.worker).create(
                [self._values(description=f"Report {i}") for i in range(4)]
            )
        self.assertTrue(all(name.startswith("INC") for name in incidents.mapped("name")))
        self.assertEqual(len(set(incidents.mapped("name"))), 4)
        self.assertFalse(
            self.env["auditlog.log"].search(
                [
                    ("model_id.model", "=", "rrs.incident"),
                    ("res_id", "in", incidents.ids),
                    ("method", "=", "write"),
                ]
            )
        )
        with self.assertRefused("is set by the system", UserError):
            self.Incident.with_user(self.worker).create(self._values(name="INC/forged"))

    def test_rec5_a_submitted_report_stays_as_it_was_submitted(self):
        incident = self._report()
        with freeze_time(at(0, 16)):
            incident.with_user(self.worker).action_submit()
        for user in (self.worker, self.supervisor, self.manager):
            with self.subTest(user=user.login):
                with self.assertRefused("is Submitted: it stays as it is", UserError):
                    incident.with_user(user).write({"description": "Nothing happened."})
                with self.assertRefused("cannot go from", UserError):
                    incident.with_user(user).write({"state": "draft"})
        with self.assertRefused("never deleted", UserError):
            incident.unlink()

    def test_rec5_a_draft_is_deleted_by_its_reporter_only(self):
        incident = self._report()
        with self.assertRaisesRegex(AccessError, "doesn't have 'unlink' access"):
            incident.with_user(self.worker_other).unlink()
        incident.with_user(self.worker).unlink()
        self.assertFalse(incident.exists())

    def test_rec5_members_involved_belong_to_the_case(self):
        other = self._active_case(user=self.worker)
        with self.assertRefused("must belong to the incident's case"):
            self._report(member_ids=[Command.set(other.member_ids.ids)])
        incident = self._report(member_ids=[Command.set(self.case.member_ids.ids)])
        self.assertEqual(incident.member_ids, self.case.member_ids)

    def test_rec5_reported_once_it_happened(self):
        with freeze_time(at(0, 10)), self.assertRefused("once it has happened"):
            self.Incident.with_user(self.worker).create(self._values(occurred=at(0, 11)))

    # ------------------------------------------------------------------- review
    def _submitted(self):
        incident = self._report()
        with freeze_time(at(0, 16)):
            incident.with_user(self.worker).action_submit()
        return incident

    def test_rec5_the_supervisor_reviews_with_a_follow_up(self):
        incident = self._submitted()
        as_supervisor = incident.with_user(self.supervisor)
        with self.assertRefused("Write the follow-up", UserError):
            as_supervisor.action_review()
        as_supervisor.write({"review_note": "Talked with the family; stair rail reported."})
        with freeze_time(at(1, 9)):
            as_supervisor.action_review()
        self.assertEqual(incident.state, "reviewed")
        self.assertEqual(incident.reviewer_id, self.supervisor)
        self.assertEqual(incident.reviewed_date, at(1, 9))
        with self.assertRefused("keeps the follow-up it was reviewed with", UserError):
            as_supervisor.write({"review_note": "Changed afterwards."})

    def test_rec5_the_reporter_never_reviews_their_own_report(self):
        incident = self._submitted()
        with self.assertRefused("Only a supervisor or a program manager reviews", AccessError):
            incident.with_user(self.worker).write({"review_note": "All fine."})
        report = self._report(user=self.supervisor)
        with freeze_time(at(0, 16)):
            report.with_user(self.supervisor).action_submit()
        with self.assertRefused("someone other than its reporter", UserError):
            report.with_user(self.supervisor).write({"review_note": "Mine, all fine."})
        report.with_user(self.manager).write({"review_note": "Checked by the manager."})
        report.with_user(self.manager).action_review()
        self.assertEqual(report.reviewer_id, self.manager)

    def test_rec5_no_follow_up_on_a_draft(self):
        incident = self._report()
        with self.assertRefused("once the report is submitted", UserError):
            incident.with_user(self.supervisor).write({"review_note": "Early."})

    # ------------------------------------------------------------------- access
    def test_rec5_who_reads_and_changes_a_report(self):
        incident = self._report()
        # the reporter, the case's worker (here the same), the team's supervisor, managers
        for user in (self.worker, self.supervisor, self.manager, self.auditor):
            with self.subTest(user=user.login):
                self.assertEqual(incident.with_user(user).location, incident.location)
        for user in (self.worker_far, self.supervisor_other):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "doesn't have 'read' access"):
                    incident.with_user(user).check_access("read")
        for user in (self.finance, self.volunteer):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "not allowed to access"):
                    incident.with_user(user).check_access("read")
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            incident.with_user(self.auditor).write({"location": "Elsewhere"})
        for user in (self.finance, self.volunteer, self.auditor):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "not allowed to create"):
                    self.Incident.with_user(user).create(self._values())

    def test_rec5_the_case_worker_reads_a_colleague_report_on_the_case_not_changes_it(self):
        self.case.secondary_user_ids = self.worker_other
        incident = self._report(user=self.supervisor)
        as_worker = incident.with_user(self.worker_other)
        self.assertEqual(as_worker.reporter_id, self.supervisor)
        with self.assertRaisesRegex(AccessError, "doesn't have 'write' access"):
            as_worker.write({"location": "Elsewhere"})
        with self.assertRaisesRegex(AccessError, "doesn't have 'write' access"):
            as_worker.action_submit()

    def test_rec5_case_counter(self):
        self._report()
        self._report(case_id=False)
        self.assertEqual(self.case.with_user(self.worker).incident_count, 1)
        self.env.invalidate_all()
        self.assertEqual(self.case.with_user(self.finance).incident_count, 0)

    def test_rec5_invalid_values_are_refused_clearly(self):
        with self.assertRefused("Happened on", ValidationError):
            self.Incident.with_user(self.worker).create(self._values(occurred="yesterday"))
        with self.assertRefused("Severity|severity", ValidationError):
            self.Incident.with_user(self.worker).create(self._values(severity="apocalyptic"))
