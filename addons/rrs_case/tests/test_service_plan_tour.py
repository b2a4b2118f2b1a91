# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo.tests import HttpCase, tagged

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestServicePlanTour(HttpCase, RrsCaseCommon):
    def test_worker_creates_and_signs_a_plan_then_sends_a_referral(self):
        """Rules PLAN-1, PLAN-5, PLAN-6, CON-2 in the browser, as a case worker."""
        provider = self.env["res.partner"].create(
            {"name": "WorkBridge Tour Services", "is_company": True, "rrs_is_provider": True}
        )
        case = self._active_case(head=self._person("Fatima Tourtest", age=38))
        self.env["rrs.consent"].create(
            {
                "case_id": case.id,
                "consent_type": "release",
                "member_id": case.member_ids.id,
                "signer_role": "client",
                "signer_partner_id": case.head_partner_id.id,
                "signature_date": self.today,
                "party_partner_id": provider.id,
                "scope": "Employment history and work permit",
                "expiry_date": self.today + relativedelta(years=1),
            }
        )
        self.start_tour(
            f"/odoo/action-rrs_case.rrs_case_action/{case.id}",
            "rrs_service_plan",
            login="rrs_worker",
        )
        plan = case.service_plan_ids
        self.assertEqual(plan.state, "signed")
        self.assertEqual(plan.goal_ids.name, "Ahmad in paid work")
        self.assertTrue(plan.client_signature)
        self.assertEqual(plan.client_signature_date, self.today)
        self.assertEqual(plan.worker_signer_id, self.worker)
        self.assertTrue(plan.agreement_attachment_id)
        referral = case.referral_ids
        self.assertEqual(referral.state, "sent")
        self.assertEqual(referral.provider_id, provider)
