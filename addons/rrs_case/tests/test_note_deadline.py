# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rule VIS-4: the deadline of a formal note, in business days of the company's working
calendar, each input on both sides (issue 18)."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RrsCaseCommon

# Monday 2026-03-09: five business days later is Monday 2026-03-16.
CONTACT = "2026-03-09"


@tagged("post_install", "-at_install")
class TestNoteDeadline(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._case()
        cls.calendar = cls.env.company.resource_calendar_id

    def _note(self, written, contact=CONTACT, notes=None):
        """A home-visit note the worker writes on the day ``written`` (set by the system)."""
        values = {
            "case_id": self.case.id,
            "subject": "Home visit",
            "contact_type": "home_visit",
            "contact_date": contact,
        }
        with freeze_time(written):
            if notes is None:
                notes = self.env["rrs.case.note"].with_user(self.worker)
            note = notes.create(values)
        self.assertEqual(str(note.written_date), written)
        return note

    def _holiday(self, first, last, **vals):
        values = {
            "name": "Public holiday",
            "calendar_id": self.calendar.id,
            "date_from": datetime.combine(first, datetime.min.time()),
            "date_to": datetime.combine(last, datetime.max.time().replace(microsecond=0)),
        }
        values.update(vals)
        return self.env["resource.calendar.leaves"].create(values)

    def test_vis4_a_new_program_gives_five_business_days(self):
        # rule VIS-4: 5 by default
        defaults = (
            self.env["rrs.program"].with_user(self.manager).default_get(["note_deadline_days"])
        )
        self.assertEqual(defaults["note_deadline_days"], 5)

    def test_vis4_on_the_deadline_and_the_day_after(self):
        # rule VIS-4: written on the deadline is on time, the day after is late; the case
        # counts only the late one
        day_before, on_time, late = (
            self._note(written) for written in ("2026-03-13", "2026-03-16", "2026-03-17")
        )
        self.assertEqual(on_time.deadline_date, date(2026, 3, 16))
        self.assertEqual([n.is_late for n in (day_before, on_time, late)], [False, False, True])
        self.assertEqual(self.case.with_user(self.worker).late_note_count, 1)

    def test_vis4_the_companys_working_days(self):
        # rule VIS-4: an office open on Saturdays counts them
        saturday = [
            Command.create({"name": "Saturday", "dayofweek": "5", "hour_from": 8, "hour_to": 12})
        ]
        self.calendar.attendance_ids = saturday
        note = self._note("2026-03-16")
        self.assertEqual(note.deadline_date, date(2026, 3, 14))
        self.assertTrue(note.is_late)

    def test_vis4_which_days_off_extend_the_deadline(self):
        # rule VIS-4: a public holiday of every calendar of the company extends it; another
        # company's holiday or one employee's leave do not
        other = self.env["res.company"].create({"name": "Other resettlement office"})
        self._holiday(date(2026, 3, 10), date(2026, 3, 10), calendar_id=False)
        elsewhere = self._holiday(date(2026, 3, 11), date(2026, 3, 11), calendar_id=False)
        elsewhere.company_id = other
        employee = self.env["hr.employee"].search([("user_id", "=", self.worker.id)])
        self._holiday(date(2026, 3, 12), date(2026, 3, 12), resource_id=employee.resource_id.id)
        note = self._note("2026-03-17")
        self.assertEqual(note.deadline_date, date(2026, 3, 17))
        self.assertFalse(note.is_late)
        self.assertTrue(self._note("2026-03-18").is_late)

    def test_vis4_a_holiday_of_several_days_counts_to_its_last_day(self):
        # rule VIS-4: Wednesday and Thursday off: the deadline moves two days
        self._holiday(date(2026, 3, 11), date(2026, 3, 12))
        note = self._note("2026-03-18")
        self.assertEqual(note.deadline_date, date(2026, 3, 18))
        self.assertFalse(note.is_late)

    def test_vis4_the_calendar_of_the_cases_company(self):
        # rule VIS-4: the worker is in another company's office as well: the case's company
        # counts
        other = self.env["res.company"].create({"name": "Saturday office"})
        other.resource_calendar_id.attendance_ids = [
            Command.create({"name": "Saturday", "dayofweek": "5", "hour_from": 8, "hour_to": 12})
        ]
        self.assertIn("5", other.resource_calendar_id.attendance_ids.mapped("dayofweek"))
        self.worker.company_ids = [Command.link(other.id)]
        Note = (
            self.env["rrs.case.note"]
            .with_user(self.worker)
            .with_context(allowed_company_ids=[other.id, self.company.id])
        )
        self.assertEqual(Note.env.company, other)
        note = self._note("2026-03-16", notes=Note)
        self.assertEqual(note.deadline_date, date(2026, 3, 16))
        self.assertFalse(note.is_late)

    def test_vis4_a_late_note_stays_late_unless_the_supervisor_corrects_it(self):
        # rule VIS-4: the worker cannot clear the flag by moving the contact; the supervisor can
        note = self._note("2026-03-17")
        self.assertTrue(note.is_late)
        with self.assertRefused("cannot correct the contact of a note written late", AccessError):
            note.with_user(self.worker).contact_date = "2026-03-10"
        self.assertTrue(note.is_late)
        note.with_user(self.supervisor).contact_date = "2026-03-10"
        self.assertFalse(note.is_late)
        self.assertEqual(self.case.with_user(self.supervisor).late_note_count, 0)
