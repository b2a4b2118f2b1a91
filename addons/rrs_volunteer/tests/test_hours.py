# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Volunteer hours: logged by the volunteer on the portal, approved by the coordinator at the
company's rate of the approval day, then frozen; the totals for in-kind match reporting."""

from dateutil.relativedelta import relativedelta
from psycopg2.errors import CheckViolation

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import RrsVolunteerCommon


@tagged("post_install", "-at_install")
class TestVolunteerHours(RrsVolunteerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.rrs_volunteer_hourly_rate = 20.0
        cls.case1 = cls._case(head=cls._person("Hana Rahimi", age=38))
        cls.case2 = cls._case(head=cls._person("Karim Diallo", age=41), program=cls.program_icm)
        cls.m1 = cls._active_match(cls.case1)
        cls.m2 = cls._active_match(cls.case2)
        cls.m3 = cls._active_match(cls.case1, volunteer=cls.vol_other, task=cls.task_transport)

    def _log(self, user=None, **vals):
        values = {"hours": 1.0, "activity": "Visit"}
        values.update(vals)
        if "match_id" in values and not isinstance(values["match_id"], (int, str)):
            values["match_id"] = values["match_id"].id
        Hours = self.env["rrs.volunteer.hours"].with_user(user or self.portal_user)
        return Hours.create(values)

    def _approve(self, lines):
        lines.with_user(self.coordinator).action_approve()
        return lines

    # ------------------------------------------------------------------ flow
    def test_hours_logged_on_the_portal_and_approved_at_the_days_rate(self):
        line = self._log(match_id=self.m1, hours=2.5, activity="Bus routes")
        self.assertEqual(line.volunteer_id, self.vol)
        self.assertEqual(line.state, "submitted")
        self.assertEqual(line.date, self.today)
        sudo_line = line.sudo()
        self.assertEqual(sudo_line.case_id, self.case1)
        self.assertEqual(sudo_line.program_id, self.program)
        self.assertEqual(line.task_type_id, self.task_mentoring)
        # the volunteer corrects it until it is approved
        line.write({"hours": 3.0})
        self._approve(line)
        self.assertEqual(line.state, "approved")
        self.assertEqual(sudo_line.approved_by_id, self.coordinator)
        self.assertEqual(line.approved_date, self.today)
        self.assertEqual(sudo_line.hourly_rate, 20.0)
        self.assertAlmostEqual(sudo_line.value, 3.0 * 20.0)
        # a later rate does not change the value of approved hours
        self.company.rrs_volunteer_hourly_rate = 35.0
        self.env.invalidate_all()
        self.assertEqual(sudo_line.hourly_rate, 20.0)
        self.assertAlmostEqual(sudo_line.value, 60.0)
        later = self._approve(self._log(match_id=self.m1, hours=2.0))
        self.assertAlmostEqual(later.sudo().value, 2.0 * 35.0)
        self.assertAlmostEqual(self.vol.with_user(self.coordinator).hours_approved, 5.0)

    def test_hours_the_volunteer_cannot_approve_their_own(self):
        line = self._log(match_id=self.m1, hours=2.0)
        with self.assertRefused("Only a volunteer coordinator approves hours", UserError):
            line.write({"state": "approved"})
        with self.assertRefused("Only a volunteer coordinator approves hours", UserError):
            line.action_approve()
        with self.assertRefused('the field "hourly_rate"', AccessError):
            line.write({"hourly_rate": 100.0})
        with self.assertRefused("is set by the system", UserError):
            line.with_user(self.coordinator).write({"hourly_rate": 100.0})
        self.assertEqual(line.sudo().state, "submitted")
        self.assertFalse(line.sudo().hourly_rate)
        # nor may the family's case worker, who reads them
        with self.assertRefused("not allowed to|You are not allowed|doesn't have", AccessError):
            line.with_user(self.worker).action_approve()

    def test_hours_approved_together_cost_the_same(self):
        """Issue 17: the coordinator approving 2 or 6 lines of several volunteers, by the
        list's button on a selection or a client writing the status, costs the same queries
        (the lines' own writes, which the ORM flushes together); each line still checked and
        valued at the day's rate."""
        Hours = self.env["rrs.volunteer.hours"]
        lines = Hours.create(
            [
                {
                    "volunteer_id": (self.vol if i % 2 else self.vol_other).id,
                    "match_id": (self.m1 if i % 2 else self.m3).id,
                    "hours": 1.0 + i / 4,
                    "activity": f"Visit {i}",
                }
                for i in range(10)
            ]
        )

        def check(batch):
            sudo_batch = batch.sudo()
            self.assertEqual(set(batch.mapped("state")), {"approved"})
            self.assertEqual(sudo_batch.approved_by_id, self.coordinator)
            self.assertEqual(set(sudo_batch.mapped("hourly_rate")), {20.0})
            for line in sudo_batch:
                self.assertAlmostEqual(line.value, line.hours * 20.0)

        def reset():
            with lines._rrs_system_write():
                lines.sudo().write(
                    {
                        "state": "submitted",
                        "approved_by_id": False,
                        "approved_date": False,
                        "hourly_rate": 0.0,
                    }
                )

        batches = (("warm-up", lines[:2]), ("2", lines[2:4]), ("6", lines[4:]))
        for path, run in (
            ("button", lambda batch: batch.with_user(self.coordinator).action_approve()),
            ("write", lambda batch: batch.with_user(self.coordinator).write({"state": "approved"})),
        ):
            with self.subTest(path=path):
                counts = self._batch_query_counts(batches, run, reset, check)
                self.assertEqual(counts["2"], counts["6"], counts)
        # still checked line by line: a volunteer never approves their own lines
        reset()
        with self.assertRefused("Only a volunteer coordinator approves hours", UserError):
            own = lines.filtered(lambda line: line.volunteer_id == self.vol)
            own.with_user(self.portal_user).write({"state": "approved"})
        self.assertEqual(set(lines.mapped("state")), {"submitted"})

    def test_hours_approved_or_rejected_are_frozen(self):
        approved = self._approve(self._log(match_id=self.m1, hours=2.0))
        with self.assertRefused("not allowed to|You are not allowed|doesn't have", AccessError):
            approved.with_user(self.portal_user).write({"hours": 8.0})
        with self.assertRefused("it stays as it is", UserError):
            approved.with_user(self.coordinator).write({"hours": 8.0})
        rejected = self._log(match_id=self.m1, hours=9.0).with_user(self.coordinator)
        with self.assertRefused("Say why the hours are not approved", UserError):
            rejected.action_reject()
        rejected.write({"reject_reason": "No visit that day"})
        rejected.action_reject()
        self.assertEqual(rejected.state, "rejected")
        with self.assertRefused("cannot go from “Rejected” to “Approved”", UserError):
            rejected.action_approve()
        self.assertEqual(approved.hours, 2.0)

    # ------------------------------------------------------------ bad values
    def test_hours_more_than_zero_and_at_most_sixteen(self):
        self.assertEqual(self._log(hours=16.0).hours, 16.0)
        Hours = self.env["rrs.volunteer.hours"]
        for hours in (16.01, 24.0, 0.0, -2.0):
            # the database refuses the row; a client (RPC, portal form) is answered with the
            # constraint's message by Odoo's request handling
            with self.subTest(hours=hours):
                with self.assertRaises(CheckViolation) as refused, self.env.cr.savepoint():
                    self._log(hours=hours)
                self.assertRegex(
                    Hours._sql_error_to_message(refused.exception),
                    "Hours are more than 0 and at most 16 a day",
                )
                self.env.invalidate_all()
        line = self._log(hours=4.0)
        for hours in (17.0, 0.0):
            with self.assertRefused("Hours are more than 0 and at most 16 a day"):
                line.write({"hours": hours})
        self.assertEqual(line.hours, 4.0)

    def test_hours_not_in_advance_nor_before_the_match(self):
        tomorrow = self.today + relativedelta(days=1)
        with self.assertRefused("Hours are logged once given, not in advance"):
            self._log(date=tomorrow)
        yesterday = self.today - relativedelta(days=1)
        with self.assertRefused("The match started on .*: hours before it cannot be logged"):
            self._log(match_id=self.m1, date=yesterday)
        # hours without a match (an event of the agency) may be logged for a past day
        self.assertEqual(self._log(date=yesterday).date, yesterday)

    def test_hours_wrong_types_from_an_api_client(self):
        for vals, regex in (
            ({"hours": "abc"}, "Hours"),
            ({"match_id": "x"}, "Match"),
            ({"date": "not a date"}, "Date"),
            ({"hours": [1, 2]}, "Hours"),
        ):
            with self.subTest(vals=vals), self.assertRefused(regex, ValidationError):
                self._log(**vals)
        line = self._log(hours=1.0)
        with self.assertRefused("Hours", ValidationError):
            line.write({"hours": "many"})

    # ---------------------------------------------------------------- totals
    def test_hours_totals_by_volunteer_program_family_and_month(self):
        last_month = self.today - relativedelta(days=40)
        h1 = self._log(match_id=self.m1, hours=2.0)
        h2 = self._log(match_id=self.m1, hours=3.5)
        self._approve(h1 | h2)  # at 20.0: 40 + 70
        self.company.rrs_volunteer_hourly_rate = 30.0
        h3 = self._log(match_id=self.m2, hours=4.0)
        h4 = self._log(self.portal_user_other, match_id=self.m3, hours=1.5)
        h6 = self._log(self.portal_user_other, hours=2.5, date=last_month)
        self._approve(h3 | h4 | h6)  # at 30.0: 120, 45, 75
        self._log(match_id=self.m1, hours=1.0)  # submitted: not counted
        rejected = self._log(match_id=self.m2, hours=6.0).with_user(self.coordinator)
        rejected.reject_reason = "Duplicate"
        rejected.action_reject()

        Hours = self.env["rrs.volunteer.hours"].with_user(self.coordinator)
        mine = [("volunteer_id", "in", (self.vol | self.vol_other).ids)]
        self.assertEqual(
            Hours.totals(["volunteer_id"], mine),
            {(self.vol,): (9.5, 230.0), (self.vol_other,): (4.0, 120.0)},
        )
        no_program = self.env["rrs.program"]
        self.assertEqual(
            Hours.totals(["program_id"], mine),
            {
                (self.program,): (7.0, 155.0),
                (self.program_icm,): (4.0, 120.0),
                (no_program,): (2.5, 75.0),
            },
        )
        self.assertEqual(
            Hours.totals(["case_id"], mine),
            {
                (self.case1,): (7.0, 155.0),
                (self.case2,): (4.0, 120.0),
                (self.env["rrs.case"],): (2.5, 75.0),
            },
        )
        this_month = self.today.replace(day=1)
        self.assertEqual(
            Hours.totals(["date:month"], mine),
            {(this_month,): (11.0, 275.0), (last_month.replace(day=1),): (2.5, 75.0)},
        )
        self.assertEqual(
            Hours.totals(["volunteer_id", "case_id"], mine + [("case_id", "=", self.case1.id)]),
            {
                (self.vol, self.case1): (5.5, 110.0),
                (self.vol_other, self.case1): (1.5, 45.0),
            },
        )
