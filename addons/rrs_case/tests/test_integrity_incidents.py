# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The integrity table for incident reports (REC-5), emergency accesses, breaches and the access
log (REC-4): each move and each field the system sets, by a plain write or create and through
the buttons, as every role."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .integrity import OK, SYSTEM_SET, IntegrityCommon, Row, writers

NOT_A_MOVE = ("rule", "cannot go from")
REVIEWERS = {
    "worker": ("access", "Only a supervisor or a program manager reviews"),
    "supervisor": OK,
    "manager": OK,
}
ENDERS = {
    "worker": ("access", "not allowed to modify"),
    "supervisor": ("access", "Only the person who opened the case in an emergency"),
    "manager": OK,
}
OPENERS = {
    "supervisor": OK,
    "manager": ("rule", "You can already open case"),
}
NOT_OPENER = ("access", "Only a supervisor or a program manager opens a case")
REASON = "The family called the night line: the father was taken to hospital."

MANAGER_ONLY = {"manager": OK}
ROWS = (
    Row(
        "REC-4",
        "contain a breach by writing its stage",
        "rrs.breach",
        "_breach",
        vals={"state": "contained"},
        expect=MANAGER_ONLY,
        check="_check_contained",
    ),
    Row(
        "REC-4",
        "contain a breach by the button",
        "rrs.breach",
        "_breach",
        action="action_contain",
        expect=MANAGER_ONLY,
        check="_check_contained",
    ),
    Row(
        "REC-4",
        "close a contained breach by writing its stage",
        "rrs.breach",
        "_breach_contained",
        vals={"state": "closed"},
        expect=MANAGER_ONLY,
        check="_check_closed",
    ),
    Row(
        "REC-4",
        "forge the closing of a breach",
        "rrs.breach",
        "_breach_contained",
        vals={"closed_date": "2026-03-02 12:00:00", "closed_by_id": "manager"},
        expect={"manager": SYSTEM_SET},
    ),
    Row(
        "REC-4",
        "change a closed breach",
        "rrs.breach",
        "_breach_closed",
        vals={"description": "Nothing was exposed."},
        expect={"manager": ("rule", "stays as it was closed")},
    ),
    Row(
        "REC-4",
        "create a breach already closed",
        "rrs.breach",
        "_vals_breach_closed",
        create=True,
        expect={"manager": ("rule", "cannot be created in “Closed”")},
    ),
    Row(
        "REC-4",
        "rewrite an access log entry",
        "rrs.access.log",
        "_log_entry",
        vals={"action": "list"},
    ),
    Row(
        "REC-4",
        "write an access log entry",
        "rrs.access.log",
        "_vals_log_entry",
        create=True,
    ),
    Row(
        "REC-4",
        "rewrite an entry of the change history",
        "auditlog.log",
        "_history_entry",
        vals={"name": "Nothing happened", "method": "read"},
    ),
    Row(
        "REC-4",
        "delete an entry of the change history",
        "auditlog.log",
        "_history_entry",
        action="unlink",
    ),
    Row(
        "REC-4",
        "forge an entry of the change history",
        "auditlog.log",
        "_vals_history_entry",
        create=True,
    ),
    Row(
        "REC-4",
        "rewrite a value in the change history",
        "auditlog.log.line",
        "_history_line",
        vals={"old_value_text": "Nothing", "new_value_text": "Nothing"},
    ),
    Row(
        "REC-5",
        "submit a report by writing its stage",
        "rrs.incident",
        "_incident",
        vals={"state": "submitted"},
        expect=writers(OK),
        check="_check_submitted",
    ),
    Row(
        "REC-5",
        "submit a report by the button",
        "rrs.incident",
        "_incident",
        action="action_submit",
        expect=writers(OK),
        check="_check_submitted",
    ),
    Row(
        "REC-5",
        "forge the time a report was submitted",
        "rrs.incident",
        "_incident",
        vals={"submitted_date": "2026-03-02 12:00:00"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "REC-5",
        "clear the late flag of a late report",
        "rrs.incident",
        "_incident_late",
        vals={"late": False},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "REC-5",
        "move the end of the shift",
        "rrs.incident",
        "_incident",
        vals={"due_date": "2030-01-01 17:00:00"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "REC-5",
        "change a submitted report",
        "rrs.incident",
        "_incident_submitted",
        vals={"description": "Nothing happened."},
        expect=writers(("rule", "it stays as it is")),
    ),
    Row(
        "REC-5",
        "a submitted report back to draft",
        "rrs.incident",
        "_incident_submitted",
        vals={"state": "draft"},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "REC-5",
        "review a report by writing its stage",
        "rrs.incident",
        "_incident_to_review",
        vals={"state": "reviewed"},
        expect=REVIEWERS,
        check="_check_reviewed",
    ),
    Row(
        "REC-5",
        "review a report by the button",
        "rrs.incident",
        "_incident_to_review",
        action="action_review",
        expect=REVIEWERS,
        check="_check_reviewed",
    ),
    Row(
        "REC-5",
        "forge the reviewer",
        "rrs.incident",
        "_incident_to_review",
        vals={"reviewer_id": "supervisor"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "REC-5",
        "move a report to another case",
        "rrs.incident",
        "_incident",
        vals={"case_id": "case_far"},
        expect=writers(("rule", "stays with the")),
    ),
    Row(
        "REC-5",
        "create a report in another's name",
        "rrs.incident",
        "_vals_incident_other_reporter",
        create=True,
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "REC-5",
        "create a report already reviewed",
        "rrs.incident",
        "_vals_incident_reviewed",
        create=True,
        expect=writers(("rule", "cannot be created in “Reviewed”")),
    ),
    Row(
        "REC-5",
        "create a report submitted at once",
        "rrs.incident",
        "_vals_incident_submitted",
        create=True,
        expect=writers(OK),
        check="_check_submitted",
    ),
    Row(
        "REC-4",
        "end an emergency access by writing its stage",
        "rrs.case.emergency.access",
        "_grant",
        vals={"state": "ended"},
        expect=ENDERS,
        check="_check_ended",
    ),
    Row(
        "REC-4",
        "end an emergency access by the button",
        "rrs.case.emergency.access",
        "_grant",
        action="action_end",
        expect=ENDERS,
        check="_check_ended",
    ),
    Row(
        "REC-4",
        "extend an emergency access",
        "rrs.case.emergency.access",
        "_grant",
        vals={"expiry_date": "2030-01-01 00:00:00"},
        expect={"worker": ENDERS["worker"], "supervisor": SYSTEM_SET, "manager": SYSTEM_SET},
    ),
    Row(
        "REC-4",
        "rewrite the reason of an emergency access",
        "rrs.case.emergency.access",
        "_grant",
        vals={"reason": "Another reason, written afterwards by someone"},
        expect={
            "worker": ENDERS["worker"],
            "supervisor": ("rule", "stays as it was recorded"),
            "manager": ("rule", "stays as it was recorded"),
        },
    ),
    Row(
        "REC-4",
        "open a case outside the team",
        "rrs.case.emergency.access",
        "_vals_grant",
        create=True,
        expect=OPENERS,
        default=NOT_OPENER,
        check="_check_granted",
    ),
    Row(
        "REC-4",
        "open a case in someone else's name",
        "rrs.case.emergency.access",
        "_vals_grant_other_user",
        create=True,
        expect={"supervisor": SYSTEM_SET, "manager": OPENERS["manager"]},
        default=NOT_OPENER,
    ),
    Row(
        "REC-4",
        "open a case with a forged expiry",
        "rrs.case.emergency.access",
        "_vals_grant_forged_expiry",
        create=True,
        expect={"supervisor": SYSTEM_SET, "manager": OPENERS["manager"]},
        default=NOT_OPENER,
    ),
    Row(
        "REC-4",
        "open a case and end it in one call",
        "rrs.case.emergency.access",
        "_vals_grant_ended",
        create=True,
        # logged, alerted and ended at once: the move's own check passes for its opener
        expect=OPENERS,
        default=NOT_OPENER,
    ),
)


@tagged("post_install", "-at_install")
class TestIntegrityIncidents(IntegrityCommon):
    ROWS = ROWS

    def _resolve(self, vals):
        resolved = super()._resolve(vals)
        if resolved.get("case_id") == "case_far":
            resolved["case_id"] = self.case_far.id
        return resolved

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._active_case()
        # a case of another team: ``supervisor`` cannot read it, ``supervisor_other`` can
        cls.case_far = cls._active_case(user=cls.worker_far)

    # ------------------------------------------------------------- incidents
    def _incident_values(self, **vals):
        return {
            "occurred_date": fields.Datetime.now() - timedelta(hours=1),
            "location": "Agency office, meeting room 2",
            "description": "A client fainted in the waiting room.",
            "severity": "high",
            "actions_taken": "Called an ambulance; informed the supervisor.",
            "case_id": self.case.id,
            **vals,
        }

    def _incident(self):
        return self.env["rrs.incident"].create(self._incident_values(reporter_id=self.worker.id))

    def _incident_submitted(self):
        incident = self._incident()
        incident.action_submit()
        return incident

    def _incident_late(self):
        incident = self._incident_submitted()
        incident.write({"late": True})
        return incident

    def _incident_to_review(self):
        incident = self._incident_submitted()
        incident.review_note = "Checked the waiting room; a chair was added."
        return incident

    def _vals_incident_other_reporter(self):
        return self._incident_values(reporter_id=self.worker_other.id)

    def _vals_incident_reviewed(self):
        return self._incident_values(state="reviewed")

    def _vals_incident_submitted(self):
        return self._incident_values(state="submitted")

    def _check_submitted(self, incident):
        self.assertEqual(incident.state, "submitted")
        self.assertTrue(incident.submitted_date)
        self.assertEqual(incident.late, incident.submitted_date > incident.due_date)

    def _check_reviewed(self, incident):
        self.assertEqual(incident.state, "reviewed")
        self.assertIn(incident.reviewer_id, self.supervisor | self.manager)
        self.assertTrue(incident.reviewed_date)

    # ------------------------------------------------------------ breaches
    def _breach_values(self, **vals):
        return {
            "description": "A list of families was left on a printer in the library.",
            "case_ids": [(6, 0, self.case.ids)],
            "actions": "The list was recovered and shredded.",
            **vals,
        }

    def _breach(self):
        return self.env["rrs.breach"].create(self._breach_values())

    def _breach_contained(self):
        breach = self._breach()
        breach.write(
            {
                "state": "contained",
                "informed": "The families by phone on the same day.",
                "clients_informed_date": "2026-03-02",
            }
        )
        return breach

    def _breach_closed(self):
        breach = self._breach_contained()
        breach.state = "closed"
        return breach

    def _vals_breach_closed(self):
        return self._breach_values(state="closed")

    def _check_contained(self, breach):
        self.assertEqual(breach.state, "contained")
        self.assertTrue(breach.contained_date)

    def _check_closed(self, breach):
        self.assertEqual((breach.state, breach.closed_by_id), ("closed", self.manager))
        self.assertTrue(breach.closed_date)

    # ---------------------------------------------------------- access log
    def _vals_log_entry(self):
        return {
            "date": "2026-03-02 10:00:00",
            "user_id": self.worker.id,
            "action": "open",
            "res_model": "rrs.case",
            "res_id": self.case.id,
            "case_id": self.case.id,
        }

    def _log_entry(self):
        return self.env["rrs.access.log"].create(self._vals_log_entry())

    # ------------------------------------------------------- change history
    def _history_entry(self):
        self.case.write({"priority": "1"})
        self.env.flush_all()
        return self.env["auditlog.log"].search(
            [("model_model", "=", "rrs.case"), ("res_id", "=", self.case.id)],
            order="id desc",
            limit=1,
        )

    def _vals_history_entry(self):
        return {
            "model_id": self.env["ir.model"]._get_id("rrs.case"),
            "res_id": self.case.id,
            "method": "write",
            "user_id": self.worker.id,
        }

    def _history_line(self):
        return self._history_entry().line_ids[:1]

    # ------------------------------------------------------ emergency access
    def _grant(self):
        return self.env["rrs.case.emergency.access"].create(
            {
                "case_id": self.case.id,
                "user_id": self.supervisor_other.id,
                "reason": REASON,
                "duration_hours": 2,
            }
        )

    def _vals_grant(self, **vals):
        return {"case_id": self.case_far.id, "reason": REASON, "duration_hours": 2, **vals}

    def _vals_grant_other_user(self):
        return self._vals_grant(user_id=self.worker_other.id)

    def _vals_grant_forged_expiry(self):
        return self._vals_grant(expiry_date="2030-01-01 00:00:00")

    def _vals_grant_ended(self):
        return self._vals_grant(state="ended")

    def _check_ended(self, grant):
        self.assertEqual(grant.state, "ended")
        self.assertEqual(grant.ended_by_id, self.manager)
        self.assertTrue(grant.end_date)

    def _check_granted(self, grant):
        self.assertEqual(grant.user_id, self.supervisor)
        self.assertEqual(grant.expiry_date, grant.granted_date + timedelta(hours=2))
        self.assertTrue(self.case_far.with_user(self.supervisor).emergency_access_open)

    def test_integrity_table(self):
        counts = self.run_table()
        self.assertEqual(sum(counts.values()), len(self.ROWS) * 7)
        self.assertGreater(counts["allowed"], 0)
        self.assertGreater(counts["refused"], counts["allowed"])
