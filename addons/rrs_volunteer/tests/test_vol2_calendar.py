# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The first meeting of an active match in Odoo's calendar: the case worker's private event
with the volunteer invited, carrying the time and the match's reference only (rule VOL-2)."""

from datetime import datetime, time, timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RrsVolunteerCommon


@tagged("post_install", "-at_install")
class TestVol2Calendar(RrsVolunteerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head = cls._person("Zahra Quillfamily", age=38)
        cls.case = cls._case(head=cls.head)
        cls.meeting = datetime.combine(cls.today + timedelta(days=7), time(15, 0))

    def test_vol2_approval_puts_the_first_meeting_in_the_calendar(self):
        match = self._active_match(
            self.case, meeting_datetime=self.meeting, description="Neighbourhood walk"
        )
        event = match.event_id
        self.assertTrue(event)
        self.assertEqual(event.start, self.meeting)
        self.assertEqual(event.name, match.name)
        self.assertEqual(event.privacy, "private")
        self.assertEqual(event.user_id, self.worker)
        self.assertEqual(
            event.partner_ids, self.vol.partner_id | self.worker.partner_id, "volunteer invited"
        )
        self.assertEqual((event.res_model, event.res_id), ("rrs.volunteer.match", match.id))
        # any user searches the calendar: nothing of the family nor the place is in the event
        Event = self.env["calendar.event"].with_user(self.worker_far)
        for word in ("Zahra", "Quillfamily", "library", "Neighbourhood"):
            for fname in ("name", "location", "description"):
                self.assertFalse(Event.search([("id", "=", event.id), (fname, "ilike", word)]))

    def test_vol2_the_meeting_follows_the_match_and_leaves_when_it_ends(self):
        match = self._active_match(self.case, meeting_datetime=self.meeting)
        event = match.event_id
        later = self.meeting + timedelta(days=1)
        match.with_user(self.worker).write(
            {"meeting_datetime": later, "meeting_place": "Community centre"}
        )
        self.assertEqual(event.start, later)
        self.assertFalse(event.location)
        # the event is the system's link: no one writes it on the match
        with self.assertRefused("is set by the system", UserError):
            match.with_user(self.worker).write({"event_id": False})
        match.with_user(self.worker).write({"end_reason": "The family moved"})
        match.with_user(self.worker).action_end()
        self.assertFalse(event.active, "a future meeting leaves the calendars")

    def test_vol2_no_meeting_time_no_event(self):
        match = self._active_match(self.case)
        self.assertFalse(match.meeting_datetime)
        self.assertFalse(match.event_id)
