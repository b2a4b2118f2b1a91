# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import RrsMinorsCommon


@tagged("post_install", "-at_install")
class TestPrsConcernTour(HttpCase, RrsMinorsCommon):
    def test_worker_files_a_notification_of_concern(self):
        """Rule PRS-7 in the browser, as the child's case worker."""
        case = self._prs_case()
        before = fields.Datetime.now().replace(microsecond=0)
        self.start_tour(
            f"/odoo/action-rrs_case.rrs_case_action/{case.id}",
            "rrs_prs_concern",
            login="rrs_worker",
        )
        concern = self.env["rrs.prs.concern"].search([("case_id", "=", case.id)])
        self.assertEqual(len(concern), 1)
        self.assertEqual(concern.category, "running_away")
        self.assertIn("Did not come home", concern.description)
        self.assertEqual(concern.agency_note, "Police (911) at 7:20")
        self.assertEqual(concern.reported_by_id, self.worker)
        self.assertGreaterEqual(concern.reported_date, before)
        self.assertGreaterEqual(concern.orr_notified_date, concern.reported_date)
        self.assertEqual(case.prs_concern_count, 1)
        alert = concern.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("rrs_minors.mail_activity_type_prs_concern")
            )
        )
        self.assertEqual(alert.user_id, self.supervisor, "filing alerts the supervisor")
