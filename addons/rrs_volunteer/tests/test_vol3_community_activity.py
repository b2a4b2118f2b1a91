# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rule VOL-3: a community capacity building activity is documented once it took place, with
the partner organisations engaged or its attendees, and its outcomes; documented, it stays as
it is."""

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RrsVolunteerCommon

NOT_YET = "it has not taken place yet"
NO_ONE = "the partner organisations engaged or the attendees"
NO_OUTCOMES = "its outcomes"


@tagged("post_install", "-at_install")
class TestVol3CommunityActivity(RrsVolunteerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.school = cls.env["res.partner"].create({"name": "Eastside School", "is_company": True})

    def _activity(self, user=None, **vals):
        values = {"name": "Welcome evening", "activity_type": "event", "date": self.today}
        values.update(vals)
        return self.env["rrs.community.activity"].with_user(user or self.coordinator).create(values)

    def test_vol3_documenting_refused_without_who_took_part_and_outcomes(self):
        activity = self._activity()
        with self.assertRefused(
            f"Welcome evening cannot be documented: {NO_ONE}; {NO_OUTCOMES}\\.", UserError
        ):
            activity.action_document()
        activity.write({"outcomes": "Two employers offered interviews"})
        with self.assertRefused(f"cannot be documented: {NO_ONE}\\.$", UserError):
            activity.action_document()
        activity.write({"outcomes": "   ", "attendee_count": 25})
        with self.assertRefused(f"cannot be documented: {NO_OUTCOMES}\\.$", UserError):
            activity.write({"state": "done"})
        self.assertEqual(activity.state, "planned")
        self.assertFalse(activity.documented_by_id)

    def test_vol3_documented_with_partners_or_attendees_and_outcomes(self):
        with_partner = self._activity(
            partner_ids=[self.school.id], outcomes="The school hosts a homework club"
        )
        with_partner.action_document()
        self.assertEqual(with_partner.state, "done")
        self.assertEqual(with_partner.documented_by_id, self.coordinator)
        self.assertEqual(with_partner.documented_date, self.today)
        # a case worker documents too, with attendees only
        with_attendees = self._activity(
            user=self.worker, attendee_count=12, outcomes="Twelve parents know the school"
        )
        with_attendees.write({"state": "done"})
        self.assertEqual(with_attendees.state, "done")
        self.assertEqual(with_attendees.documented_by_id, self.worker)

    def test_vol3_documented_once_it_took_place(self):
        tomorrow = self.today + relativedelta(days=1)
        activity = self._activity(
            date=tomorrow, partner_ids=[self.school.id], outcomes="A partnership agreement"
        )
        with self.assertRefused(f"cannot be documented: {NOT_YET}\\.$", UserError):
            activity.action_document()
        with freeze_time(self.today):
            with self.assertRefused(NOT_YET, UserError):
                activity.action_document()
        with freeze_time(tomorrow):
            activity.action_document()
        self.assertEqual(activity.state, "done")
        self.assertEqual(activity.documented_date, tomorrow)

    def test_vol3_a_documented_activity_is_frozen(self):
        activity = self._activity(
            user=self.worker, partner_ids=[self.school.id], outcomes="A referral route"
        )
        activity.action_document()
        for user in (self.coordinator, self.worker, self.manager):
            with (
                self.subTest(user=user.login),
                self.assertRefused("Welcome evening is Documented: it stays as it is", UserError),
            ):
                activity.with_user(user).write({"outcomes": "Something else"})
        with self.assertRefused("cannot go from “Documented” to “Planned”", UserError):
            activity.with_user(self.coordinator).write({"state": "planned"})
        with self.assertRefused("is set by the system", UserError):
            activity.with_user(self.coordinator).write({"documented_by_id": self.coordinator.id})
        self.assertEqual(activity.outcomes, "A referral route")
        self.assertEqual(activity.state, "done")

    def test_vol3_finance_and_volunteers_do_not_document(self):
        activity = self._activity(partner_ids=[self.school.id], outcomes="A partnership")
        for user in (self.finance, self.volunteer, self.portal_user):
            with (
                self.subTest(user=user.login),
                self.assertRefused("not allowed to|You are not allowed|doesn't have", AccessError),
            ):
                activity.with_user(user).action_document()
        self.assertEqual(activity.state, "planned")
        activity.with_user(self.coordinator).action_document()
        self.assertEqual(activity.state, "done")
