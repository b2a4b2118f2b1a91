# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A volunteer logs hours from a phone, in the browser (rule VOL-2); the coordinator approves
the week's lines together."""

from odoo.tests import HttpCase, tagged

from .portal_common import VolunteerPortalCommon


@tagged("post_install", "-at_install")
class TestVolunteerHoursTour(HttpCase, VolunteerPortalCommon):
    browser_size = "375x667"
    touch_enabled = True

    def test_vol2_volunteer_logs_hours_on_phone(self):
        Hours = self.env["rrs.volunteer.hours"]
        self.assertFalse(Hours.search([("volunteer_id", "=", self.vol.id)]))
        self.start_tour(
            "/my/volunteer/matches", "rrs_volunteer_hours_tour", login=self.vol_user.login
        )
        line = Hours.search([("volunteer_id", "=", self.vol.id)])
        self.assertRecordValues(
            line,
            [
                {
                    "match_id": self.match.id,
                    "date": self.today,
                    "hours": 1.75,
                    "activity": "Walked to the bank together",
                    "state": "submitted",
                    "create_uid": self.vol_user.id,
                }
            ],
        )
        self.assertFalse(Hours.search([("volunteer_id", "=", self.other_vol.id)]))


@tagged("post_install", "-at_install")
class TestCoordinatorHoursTour(HttpCase, VolunteerPortalCommon):
    def test_vol2_coordinator_approves_the_selected_hours_together(self):
        """The coordinator selects lines of the hours to approve and approves them with the
        list's button, in one step (issue 17); the line left out waits."""
        Hours = self.env["rrs.volunteer.hours"]
        lines = Hours.create(
            [
                {
                    "volunteer_id": self.vol.id,
                    "match_id": self.match.id,
                    "hours": hours,
                    "activity": activity,
                }
                for hours, activity in (
                    (1.5, "Walked to the bank together"),
                    (2.0, "Read the school letters"),
                    (1.0, "Filled in the bus pass form"),
                )
            ]
        )
        self.start_tour(
            "/odoo/action-rrs_volunteer.rrs_volunteer_hours_action",
            "rrs_volunteer_hours_approve_selected",
            login=self.coordinator.login,
        )
        self.assertEqual(lines.mapped("state"), ["approved", "approved", "submitted"])
        self.assertEqual(lines[:2].sudo().approved_by_id, self.coordinator)
        self.assertFalse(lines[2].sudo().approved_by_id)
