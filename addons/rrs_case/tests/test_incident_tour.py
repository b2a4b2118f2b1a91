# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser tour: a case worker reports an incident and submits it (rule REC-5)."""

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestIncidentTour(HttpCase, RrsCaseCommon):
    def test_worker_reports_and_submits_an_incident(self):
        before = fields.Datetime.now().replace(microsecond=0)
        self.start_tour(
            "/odoo/action-rrs_case.rrs_incident_action", "rrs_incident_report", login="rrs_worker"
        )
        incident = self.env["rrs.incident"].search([("reporter_id", "=", self.worker.id)])
        self.assertEqual(len(incident), 1)
        self.assertEqual(incident.state, "submitted")
        self.assertEqual(incident.severity, "high")
        self.assertEqual(incident.location, "Agency office, waiting room")
        self.assertGreaterEqual(incident.submitted_date, before)
        self.assertEqual(incident.late, incident.submitted_date > incident.due_date)
