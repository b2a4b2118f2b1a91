# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A volunteer logs hours from a phone, in the browser (rule VOL-2)."""

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
