# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Anomaly checks for finance (rule OUT-3): each flagged with its reason, never blocking, and
each on both sides of its threshold."""

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .common import RrsAssistanceCommon


@tagged("post_install", "-at_install")
class TestAssistanceAnomalies(RrsAssistanceCommon):
    def test_out3_same_payee_and_amount_within_the_window(self):
        self.company.rrs_assistance_duplicate_days = 30
        first = self._submitted(275.0)
        self.assertFalse(first.has_anomaly, first.anomaly_reasons)
        other_amount = self._submitted(276.0)
        self.assertNotRegex(other_amount.anomaly_reasons or "", "Possible duplicate")
        duplicate = self._submitted(275.0)
        self.assertTrue(duplicate.has_anomaly)
        self.assertRegex(
            duplicate.anomaly_reasons, "Possible duplicate: 1 other request\\(s\\) to Maple Street"
        )
        # flagged, never blocked
        duplicate.with_user(self.supervisor).action_approve()
        duplicate.with_user(self.finance).action_validate()
        self.assertEqual(duplicate.state, "validated")

    def test_out3_duplicate_outside_the_window_is_not_flagged(self):
        self.company.rrs_assistance_duplicate_days = 30
        old = self._submitted(275.0)
        old.sudo().date = self.today - relativedelta(days=31)
        recent = self._submitted(275.0)
        self.assertNotRegex(recent.anomaly_reasons or "", "Possible duplicate")
        old.sudo().date = self.today - relativedelta(days=30)
        again = self._submitted(275.0)
        self.assertRegex(again.anomaly_reasons, "Possible duplicate: 2 other")

    def test_out3_unusual_amount_for_its_purpose(self):
        self.company.rrs_assistance_abnormal_sample = 5
        self.company.rrs_assistance_abnormal_factor = 3.0
        self.line.planned_amount = 100000.0
        # five validated food requests of 100, 110, 90, 100, 100: mean 100, sample stddev ~7.07
        for amount in (100.0, 110.0, 90.0, 100.0, 100.0):
            request = self._approved(amount, purpose_id=self.food.id, payee_id=self.utility.id)
            request.with_user(self.finance).action_validate()
        usual = self._submitted(121.0, purpose_id=self.food.id)
        self.assertNotRegex(usual.anomaly_reasons or "", "Unusual amount")
        unusual = self._submitted(122.0, purpose_id=self.food.id)
        self.assertRegex(
            unusual.anomaly_reasons,
            "Unusual amount: .*122\\.00 for Food, where the last year's 5 requests "
            "average .*100\\.00",
        )

    def test_out3_unusual_amount_needs_enough_history(self):
        self.company.rrs_assistance_abnormal_sample = 10
        for amount in (100.0, 100.0, 100.0):
            self._approved(amount, purpose_id=self.food.id).with_user(
                self.finance
            ).action_validate()
        request = self._submitted(900.0, purpose_id=self.food.id)
        self.assertNotRegex(request.anomaly_reasons or "", "Unusual amount")

    def test_out3_payee_is_a_staff_members_contact(self):
        ordinary = self._submitted(50.0)
        self.assertNotRegex(ordinary.anomaly_reasons or "", "staff member")
        staff_payee = self._submitted(51.0, payee_id=self.worker_other.partner_id.id)
        self.assertRegex(
            staff_payee.anomaly_reasons, "Payee .* is a staff member's contact or bank account"
        )

    def test_out3_payee_paid_into_a_staff_bank_account(self):
        employee = self.env["hr.employee"].search([("user_id", "=", self.worker_other.id)])
        employee.bank_account_ids = self.env["res.partner.bank"].create(
            {"acc_number": "DE89 3704 0044 0532 0130 00", "partner_id": employee.work_contact_id.id}
        )
        self.env["res.partner.bank"].create(
            {"acc_number": "DE89370400440532013000", "partner_id": self.utility.id}
        )
        request = self._submitted(52.0, payee_id=self.utility.id)
        self.assertRegex(request.anomaly_reasons, "staff member's contact or bank account")

    def test_out3_split_purchase_under_the_per_request_limit(self):
        self.company.rrs_assistance_split_days = 14
        self.env["rrs.assistance.policy"].create(
            {"program_id": self.program.id, "purpose_id": self.furniture.id, "request_limit": 500.0}
        )
        first = self._submitted(250.0)
        self.assertNotRegex(first.anomaly_reasons or "", "split")
        second = self._submitted(250.0, payee_id=self.landlord.id)
        # 500 together: at the limit, not above
        self.assertNotRegex(second.anomaly_reasons or "", "split purchase")
        third = self._submitted(1.0)
        self.assertRegex(
            third.anomaly_reasons,
            "Possible split purchase: 3 requests of this case to Maple Street .* add up to "
            ".*501\\.00, above the per-request limit of .*500\\.00",
        )
