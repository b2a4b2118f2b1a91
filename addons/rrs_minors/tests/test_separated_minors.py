# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RrsMinorsCommon


@tagged("post_install", "-at_install")
class TestSeparatedMinors(RrsMinorsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.nephew = cls._person("Nephew", age=14)
        cls.case = cls._active_case(members=[(cls.nephew, "other_relative")])
        cls.minor = cls.case.member_ids.filtered(lambda m: m.partner_id == cls.nephew)
        cls.uncle = cls.case.head_partner_id

    def _assessment(self, **vals):
        return (
            self.env["rrs.minor.caregiver.assessment"]
            .with_user(self.worker)
            .create(self._caregiver_assessment_vals(self.minor, self.uncle, **vals))
        )

    def test_min1_categories_only_for_minors_and_restrict_the_record(self):
        # rule MIN-1
        self.assertFalse(self.case.is_minor_record)
        self.case.with_user(self.auditor).read(["name"])
        with self.assertRefused("only a person under 18 is a separated minor"):
            self.case.member_ids.filtered("is_head").separated_minor_category = "married"
        self.minor.separated_minor_category = "with_relatives"
        self.assertTrue(self.case.is_minor_record)
        for user in (self.auditor, self.finance):
            with self.assertRaises(AccessError):
                self.case.with_user(user).read(["name"])
        self.case.with_user(self.worker).read(["name"])

    def test_min2_caregiver_assessment_identity_placement_schedule(self):
        # rule MIN-2
        self.minor.separated_minor_category = "with_relatives"
        self.assertEqual(self.minor.caregiver_assessment_due_date, self.case.intake_date)
        with self.assertRefused("Verify the caregiver's identity"):
            self._assessment(identity_verified=False)
        with self.assertRefused("Say how"):
            self._assessment(identity_method=False)
        with self.assertRefused("must all be adequate"):
            self._assessment(financial_stability="concern")
        self._assessment(financial_stability="concern", outcome="with_support")
        due = self.today + relativedelta(months=self.program.review_interval_months)
        self.assertEqual(self.minor.caregiver_assessment_due_date, due)
        # the supervisor's filter of the case list: not overdue on the due date, overdue the
        # day after
        for day, overdue in ((due - relativedelta(days=1), False), (due, False)):
            with freeze_time(day):
                found = self._search_filter(
                    "rrs.case", "caregiver_overdue", self.supervisor, [("id", "=", self.case.id)]
                )
                self.assertEqual(bool(found), overdue, f"on {day}")
        with freeze_time(due + relativedelta(days=1)):
            found = self._search_filter("rrs.case", "caregiver_overdue", self.supervisor)
            self.assertIn(self.case, found)

    def test_min2_each_check_alone_must_be_adequate_for_suitable(self):
        # rule MIN-2: housing space, safety, financial stability, each alone, concern or not
        # assessed, keeps the placement from "suitable"
        self.minor.separated_minor_category = "with_relatives"
        for check in ("housing_space", "safety", "financial_stability"):
            for value in ("concern", "not_assessed"):
                with self.subTest(check=check, value=value):
                    with self.assertRefused("must all be adequate"):
                        self._assessment(**{check: value})
        self.assertEqual(self._assessment().outcome, "suitable")

    def test_min3_services_to_the_child_and_caregiver_education(self):
        # rule MIN-3
        self.minor.separated_minor_category = "joining_relatives"
        topics = self.env["rrs.minor.caregiver.topic"].search([])
        self.assertEqual(len(topics), 6, "the six caregiver education topics of RRS 7.05")
        Service = self.env["rrs.minor.service"].with_user(self.worker)
        tracing = Service.create(
            {
                "member_id": self.minor.id,
                "service_type": "tracing",
                "relative_name": "Mother, last seen in Goma",
                "tracing_partner_id": self.env["res.partner"]
                .create({"name": "Red Cross Restoring Family Links", "is_company": True})
                .id,
            }
        )
        Service.create(
            {
                "member_id": self.minor.id,
                "service_type": "caregiver_education",
                "caregiver_partner_id": self.uncle.id,
                "topic_ids": [Command.set(topics[:2].ids)],
                "status": "done",
            }
        )
        self.assertEqual(len(self.case.minor_service_ids), 2)
        with self.assertRaises(AccessError):
            tracing.with_user(self.worker_far).read(["relative_name"])
        with self.assertRaises(AccessError):
            tracing.with_user(self.auditor).read(["relative_name"])
