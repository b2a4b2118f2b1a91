# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""An incident on a post-release services case starts a notification of concern (REC-5 with
PRS-7); a supervisor who opens a minor's case in an emergency reads its PRS records (REC-4)."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import RrsMinorsCommon

REASON = "The sponsor called the night line: the child has not come home."


@tagged("post_install", "-at_install")
class TestIncidentConcern(RrsMinorsCommon):
    def _incident(self, case, user=None):
        return (
            self.env["rrs.incident"]
            .with_user(user or self.worker)
            .create(
                {
                    "occurred_date": fields.Datetime.now() - timedelta(hours=2),
                    "location": "Sponsor's home",
                    "description": "The child ran away after an argument with the sponsor.",
                    "severity": "high",
                    "actions_taken": "Called the police and the sponsor's family.",
                    "case_id": case.id,
                }
            )
        )

    def test_rec5_an_incident_starts_a_notification_of_concern_in_one_step(self):
        case = self._prs_case()
        incident = self._incident(case)
        action = incident.with_user(self.worker).action_start_concern()
        self.assertEqual(action["res_model"], "rrs.prs.concern")
        form = Form(
            self.env["rrs.prs.concern"].with_user(self.worker).with_context(**action["context"])
        )
        form.category = "running_away"
        concern = form.save()
        self.assertEqual(concern.case_id, case)
        self.assertEqual(concern.incident_id, incident)
        self.assertIn("ran away after an argument", concern.description)
        self.assertIn("Called the police", concern.description)
        self.assertEqual(incident.concern_ids, concern)
        # filing it alerted the supervisor, as any notification of concern (PRS-7)
        self.assertEqual(concern.activity_ids.user_id, self.supervisor)

    def test_rec5_only_for_a_post_release_services_case(self):
        incident = self._incident(self._active_case())
        with self.assertRaisesRegex(UserError, "filed for a post-release services case"):
            incident.action_start_concern()

    def test_rec5_the_concern_stays_with_the_incident_case(self):
        incident = self._incident(self._prs_case())
        other = self._prs_case()
        with self.assertRaisesRegex(ValidationError, "must belong to case"):
            self.env["rrs.prs.concern"].with_user(self.worker).create(
                {
                    "case_id": other.id,
                    "incident_id": incident.id,
                    "category": "other",
                    "description": "Linked to another child's incident.",
                }
            )
        self.assertFalse(incident.concern_ids)

    def test_rec4_emergency_access_reads_the_minor_records(self):
        case = self._prs_case(user=self.worker)
        concern = self.env["rrs.prs.concern"].create(
            {"case_id": case.id, "category": "other", "description": "Worry at school."}
        )
        outsider = self.supervisor_other
        with self.assertRaisesRegex(AccessError, "doesn't have 'read' access"):
            concern.with_user(outsider).check_access("read")
        wizard = (
            self.env["rrs.emergency.access.wizard"]
            .with_user(outsider)
            .create({"case_reference": case.name, "reason": REASON, "duration_hours": 1})
        )
        wizard.action_open()
        self.env.invalidate_all()
        self.assertEqual(concern.with_user(outsider).description, "Worry at school.")
        self.assertTrue(case.with_user(outsider).restricted)
        with self.assertRaisesRegex(AccessError, "doesn't have 'write' access"):
            concern.with_user(outsider).write({"agency_note": "Police"})
