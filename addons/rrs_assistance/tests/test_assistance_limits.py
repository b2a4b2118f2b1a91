# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Program limits with a program manager's recorded override (FIN-2), and the per-capita
minimum of the Reception & Placement agreement (FIN-4), on both sides of each number."""

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import RrsAssistanceCommon


@tagged("post_install", "-at_install")
class TestAssistanceLimits(RrsAssistanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env["rrs.assistance.policy"].create(
            {
                "program_id": cls.program.id,
                "purpose_id": cls.furniture.id,
                "request_limit": 500.0,
                "case_limit": 800.0,
                "person_limit": 600.0,
                "period_limit": 700.0,
                "period_unit": "month",
                "eligibility_days": 90,
            }
        )

    def test_fin2_request_limit_both_sides(self):
        at_limit = self._submitted(500.0)
        self.assertFalse(at_limit.over_limit)
        self.assertFalse(at_limit.limit_reasons)
        above = self._submitted(500.01, beneficiary_id=self.member.id)
        self.assertTrue(above.over_limit)
        self.assertRegex(above.limit_reasons, "above the per-request limit of .*500\\.00")

    def test_fin2_case_person_and_period_limits(self):
        self._submitted(300.0)
        second = self._submitted(300.0)
        # 600 for the person: at the per-person limit, under the period's 700
        self.assertFalse(second.over_limit, second.limit_reasons)
        third = self._submitted(150.0)
        self.assertRegex(
            third.limit_reasons, "This person would receive .*750\\.00, above the per-person limit"
        )
        self.assertRegex(third.limit_reasons, "between .* above the limit of .*700\\.00 per month")
        self.assertNotRegex(third.limit_reasons, "per-case limit")
        fourth = self._submitted(60.0)
        self.assertRegex(
            fourth.limit_reasons, "The case would receive .*810\\.00, above the per-case limit"
        )

    def test_fin2_person_limit_counts_that_person_and_the_period_limit_is_reached_exactly(self):
        # rule FIN-2: the per-person limit adds what that person received, not the household;
        # reaching the period's limit exactly is within it, a cent more is above it
        spouse = self._person("Spouse", age=40)
        self.case.member_ids = [Command.create({"partner_id": spouse.id, "relationship": "spouse"})]
        spouse_member = self.case.member_ids - self.member
        self._submitted(500.0)  # for the head of household
        other = self._submitted(200.0, beneficiary_id=spouse_member.id)  # 700 this month
        self.assertFalse(other.over_limit, other.limit_reasons)
        cent = self._submitted(0.01, beneficiary_id=spouse_member.id)
        self.assertRegex(cent.limit_reasons, "between .* above the limit of .*700\\.00 per month")
        self.assertNotRegex(cent.limit_reasons, "per-person|per-case")

    def test_fin2_cancelled_and_rejected_requests_do_not_count(self):
        first = self._submitted(500.0)
        first.action_cancel()
        second = self._submitted(400.0)
        self.assertFalse(second.over_limit, second.limit_reasons)

    def test_fin2_eligibility_window_day_of_and_after(self):
        self.case.arrival_date = self.today - relativedelta(days=90)
        on_day = self._submitted(10.0)
        self.assertFalse(on_day.over_limit, on_day.limit_reasons)
        self.case.arrival_date = self.today - relativedelta(days=91)
        day_after = self._submitted(10.0)
        self.assertRegex(
            day_after.limit_reasons, "Requested 91 days after arrival; .* within 90 days"
        )

    def test_fin2_over_limit_needs_a_program_managers_recorded_override(self):
        request = self._submitted(650.0)
        self.assertTrue(request.over_limit)
        with self.assertRefused("over the program's limits and needs a program manager's override"):
            request.with_user(self.supervisor).action_approve()
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.review_ids.status, "pending", "the refused approval left no trace")
        wizard = self.env["rrs.assistance.override.wizard"]
        with self.assertRaisesRegex(
            AccessError, "Override the program's assistance limits|not allowed"
        ):
            wizard.with_user(self.supervisor).create({"request_id": request.id, "reason": "x"})
        with self.assertRefused("Only a program manager overrides", AccessError):
            request.with_user(self.supervisor)._rrs_record_override("Large family")
        with self.assertRefused("override_user_id|Override by.* is set by the system", UserError):
            request.with_user(self.manager).write({"override_user_id": self.manager.id})
        with self.assertRefused("Say why the limits are overridden"):
            request.with_user(self.manager)._rrs_record_override("  ")
        wizard.with_user(self.manager).create(
            {"request_id": request.id, "reason": "Family of nine; two beds are not enough"}
        ).action_confirm()
        self.assertEqual(request.override_user_id, self.manager)
        self.assertEqual(request.override_reason, "Family of nine; two beds are not enough")
        self.assertTrue(request.override_date)
        request.with_user(self.supervisor).action_approve()
        self.assertEqual(request.state, "approved")

    def test_fin2_limits_are_checked_again_at_approval(self):
        request = self._submitted(300.0)
        self.assertFalse(request.over_limit)
        # the program lowered its per-person limit while the request waited
        self.policy.person_limit = 250.0
        with self.assertRefused(
            "needs a program manager's override before approval:\n- This person would receive"
        ):
            request.with_user(self.supervisor).action_approve()
        self.assertEqual(request.state, "submitted")
        self.policy.person_limit = 300.0
        request.with_user(self.supervisor).action_approve()
        self.assertEqual(request.state, "approved")

    def test_policy_refuses_negative_limits(self):
        with self.assertRefused("cannot be negative; use 0 for no limit", ValidationError):
            self.policy.write({"case_limit": -1})

    # -------------------------------------------------------------------- FIN-4
    def _per_capita(self, days=90):
        return self.env["rrs.assistance.per.capita"].create(
            {
                "name": "R&P agreement (example values)",
                "program_id": self.program.id,
                "date_from": self.year_start.replace(year=self.today.year - 1),
                "date_to": self.year_end,
                "amount_per_capita": 2375.0,
                "direct_minimum": 100.0,
                "days_after_arrival": days,
            }
        )

    def test_fin4_case_shows_given_against_the_minimum_and_the_deadline(self):
        terms = self._per_capita()
        partner = self._person("Second member", age=12)
        self.case.write(
            {"member_ids": [(0, 0, {"partner_id": partner.id, "relationship": "child"})]}
        )
        self.assertEqual(self.case.per_capita_id, terms)
        self.assertEqual(self.case.per_capita_persons, 2)
        self.assertEqual(self.case.per_capita_required, 200.0)
        self.assertEqual(
            self.case.per_capita_deadline, self.case.arrival_date + relativedelta(days=90)
        )
        self.assertEqual(self.case.per_capita_status, "open")
        self._validated(199.99)
        self.case.invalidate_recordset()
        self.assertAlmostEqual(self.case.per_capita_spent, 199.99)
        self.assertEqual(self.case.per_capita_status, "open")
        self._validated(0.01)
        self.case.invalidate_recordset()
        self.assertEqual(self.case.per_capita_status, "met")

    def test_fin4_deadline_passed_is_missed_and_later_assistance_does_not_count(self):
        self._per_capita(days=9)
        # arrival 10 days ago: the 9-day window closed yesterday
        self._validated(500.0)
        self.case.invalidate_recordset()
        self.assertEqual(self.case.per_capita_deadline, self.today - relativedelta(days=1))
        self.assertEqual(self.case.per_capita_spent, 0.0)
        self.assertEqual(self.case.per_capita_status, "missed")

    def test_fin4_fiscal_years_do_not_overlap_and_terms_are_coherent(self):
        self._per_capita()
        with self.assertRefused("fiscal years cannot overlap"):
            self._per_capita()
        with self.assertRefused("must be between 0 and the per-capita amount"):
            self.env["rrs.assistance.per.capita"].create(
                {
                    "name": "Wrong",
                    "program_id": self.program_icm.id,
                    "date_from": self.year_start,
                    "date_to": self.year_end,
                    "amount_per_capita": 100.0,
                    "direct_minimum": 150.0,
                    "days_after_arrival": 30,
                }
            )
