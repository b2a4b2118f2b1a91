# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rule CON-2: the family's first names, the place and the time go to the volunteer only
under a valid release of information naming the volunteer; the match keeps the release."""

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RrsVolunteerCommon

NO_RELEASE = "No valid release of information names Paula Portal"


@tagged("post_install", "-at_install")
class TestCon2Release(RrsVolunteerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._case(head=cls._person("Samir Nasser", age=45))
        cls.proposed = cls._match(cls.case, cls.vol)
        cls.proposed.with_user(cls.worker).meeting_place = "Community centre"

    def _approve(self, match=None):
        return (match or self.proposed).with_user(self.worker).action_approve()

    def test_con2_approval_refused_without_a_release_naming_the_volunteer(self):
        with self.assertRefused(NO_RELEASE, UserError):
            self._approve()
        # a release naming someone else does not count
        self._release(self.case, self.vol_other.partner_id)
        with self.assertRefused(NO_RELEASE, UserError):
            self._approve()
        # nor does a release of another family naming the volunteer
        self._release(self._case(head=self._person("Other Head", age=50)), self.vol.partner_id)
        with self.assertRefused(NO_RELEASE, UserError):
            self._approve()
        self.assertEqual(self.proposed.state, "proposed")
        self.assertFalse(self.proposed.consent_id)
        release = self._release(self.case, self.vol.partner_id)
        self._approve()
        self.assertEqual(self.proposed.state, "active")
        self.assertEqual(self.proposed.consent_id, release)
        self.assertEqual(self.proposed.approved_by_id, self.worker)
        self.assertEqual(self.proposed.approved_date, self.today)

    def test_con2_a_revoked_or_expired_release_does_not_allow_the_match(self):
        revoked = self._release(self.case, self.vol.partner_id)
        revoked.with_user(self.worker).action_revoke()
        with self.assertRefused(NO_RELEASE, UserError):
            self._approve()
        expired = self._release(
            self.case,
            self.vol.partner_id,
            signature_date=self.today - relativedelta(days=30),
            expiry_date=self.today - relativedelta(days=1),
        )
        self.assertFalse(expired.is_valid)
        with self.assertRefused(NO_RELEASE, UserError):
            self._approve()
        self.assertEqual(self.proposed.state, "proposed")

    def test_con2_release_valid_through_its_expiry_day(self):
        last_day = self.today + relativedelta(days=3)
        release = self._release(self.case, self.vol.partner_id, expiry_date=last_day)
        with freeze_time(last_day + relativedelta(days=1)):
            with self.assertRefused(NO_RELEASE, UserError):
                self._approve()
        with freeze_time(last_day):
            self._approve()
        self.assertEqual(self.proposed.consent_id, release)

    def test_con2_approval_needs_the_first_names_and_the_place(self):
        self._release(self.case, self.vol.partner_id)
        match = self.proposed.with_user(self.worker)
        match.meeting_place = False
        with self.assertRefused("Write where the volunteer meets the family", UserError):
            match.action_approve()
        match.meeting_place = "Library"
        match.family_first_names = False
        with self.assertRefused("Write the first names the volunteer may use", UserError):
            match.action_approve()
        match.family_first_names = "Samir"
        match.action_approve()
        self.assertEqual(match.state, "active")

    def test_con2_the_release_is_set_by_the_system_only(self):
        release = self._release(self.case, self.vol.partner_id)
        for user in (self.worker, self.coordinator):
            with self.assertRefused("is set by the system", UserError):
                self.proposed.with_user(user).write({"consent_id": release.id})
        self.assertFalse(self.proposed.consent_id)

    def test_con2_a_task_without_a_family_needs_no_release(self):
        task = self._match(False, self.vol)
        self.assertEqual(task.state, "proposed")
        task.with_user(self.coordinator).meeting_place = "Airport, arrivals hall"
        with self.assertRefused(
            "Only a volunteer coordinator starts a task without a family", UserError
        ):
            task.with_user(self.worker).action_approve()
        task.with_user(self.coordinator).action_approve()
        self.assertEqual(task.state, "active")
        self.assertFalse(task.consent_id)
        self.assertEqual(task.approved_by_id, self.coordinator)
