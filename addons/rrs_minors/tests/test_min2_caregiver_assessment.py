# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Caregiver assessments (rule MIN-2), the conditions the first tests left open (issue 18):
the day of the assessment, a placement found unsuitable, the program's interval, kept."""

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RrsMinorsCommon

D = relativedelta


@tagged("post_install", "-at_install")
class TestMin2CaregiverAssessment(RrsMinorsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        nephew = cls._person("Nephew", age=14)
        cls.case = cls._active_case(members=[(nephew, "other_relative")])
        cls.minor = cls.case.member_ids.filtered(lambda m: m.partner_id == nephew)
        cls.minor.separated_minor_category = "with_relatives"
        cls.uncle = cls.case.head_partner_id

    def _assessment(self, **vals):
        return (
            self.env["rrs.minor.caregiver.assessment"]
            .with_user(self.worker)
            .create(self._caregiver_assessment_vals(self.minor, self.uncle, **vals))
        )

    def test_min2_recorded_on_the_day_made_never_ahead(self):
        # rule MIN-2: today accepted, tomorrow refused
        with self.assertRefused("A caregiver assessment is recorded once made"):
            self._assessment(assessment_date=self.today + D(days=1))
        self.assertEqual(self._assessment().assessment_date, self.today)

    def test_min2_an_unsuitable_placement_needs_no_verified_identity(self):
        # rule MIN-2: the identity check is for a placement found suitable
        with self.assertRefused("Verify the caregiver's identity"):
            self._assessment(identity_verified=False, identity_method=False, outcome="with_support")
        unsuitable = self._assessment(
            identity_verified=False, identity_method=False, outcome="not_suitable"
        )
        self.assertEqual(unsuitable.outcome, "not_suitable")

    def test_min2_next_assessment_on_the_programs_interval(self):
        # rule MIN-2: updated on the program's own review interval
        self.program.review_interval_months = 2
        assessment = self._assessment()
        self.assertEqual(assessment.next_due_date, self.today + D(months=2))
        self.assertEqual(self.minor.caregiver_assessment_due_date, self.today + D(months=2))

    def test_min2_an_assessment_stays_in_the_record(self):
        # rule MIN-2: the placement's history; a new assessment updates it
        assessment = self._assessment()
        with self.assertRefused("stays in the record; record a new assessment", UserError):
            assessment.sudo().unlink()
        self.assertTrue(assessment.exists())
