# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rules proven as the lowest role that may act (issue 18): the case worker, not the superuser
whose ``sudo`` skips the guards that hold for everyone else. Each test also shows a role that
may not."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestRulesByRole(RrsCaseCommon):
    def _worker_case(self, **vals):
        """An intake case the worker creates for a household they register."""
        head = self._person("Amina Yusuf", age=34)
        values = {
            "program_id": self.program.id,
            "user_id": self.worker.id,
            "member_ids": [Command.create({"partner_id": head.id, "relationship": "head"})],
        }
        values.update(vals)
        return self.env["rrs.case"].with_user(self.worker).create(values)

    def test_elig1_the_worker_accepts_only_a_category_the_program_serves(self):
        # rule ELIG-1, as the case worker: no category, a category the program does not
        # serve, then one it serves
        case = self._worker_case(applicant_informed_date=self.today)
        with self.assertRefused("immigration category"):
            case.action_accept()
        case.immigration_category_id = self.cat_gar  # a Canadian class, not served by COA R&P
        with self.assertRefused("does not serve"):
            case.action_accept()
        self.assertEqual(case.state, "intake")
        case.immigration_category_id = self.cat_refugee
        case.action_accept()
        self.assertEqual(case.state, "assessment")
        # moving the accepted case to a program that does not serve refugees is refused too
        with self.assertRefused("does not serve"):
            case.write({"program_id": self.program_prs.id})
        self.assertEqual(case.program_id, self.program)
        # finance may not accept a case at all, even one that meets the rule
        ready = self._worker_case(
            applicant_informed_date=self.today, immigration_category_id=self.cat_refugee.id
        )
        with self.assertRefused("not allowed to modify .Resettlement Case", AccessError):
            ready.with_user(self.finance).action_accept()
        self.assertEqual(ready.state, "intake")

    def test_int1_the_worker_sees_emergencies_first_and_waitlists_with_a_reason(self):
        # rule INT-1, as the case worker: the worker's own list puts emergencies, then urgent
        # needs, first; the waiting list needs its reason and the date the applicant was told
        normal = self._worker_case()
        emergency = self._worker_case(priority="2", urgent_needs="No shelter tonight")
        urgent = self._worker_case(priority="1", urgent_needs="Medication runs out in 3 days")
        mine = (
            self.env["rrs.case"].with_user(self.worker).search([("user_id", "=", self.worker.id)])
        )
        ours = mine.filtered(lambda c: c in normal | emergency | urgent)
        self.assertEqual(ours.ids, [emergency.id, urgent.id, normal.id])
        with self.assertRefused("waiting list"):
            normal.action_waitlist()
        self.assertEqual(normal.state, "intake")
        normal.write({"applicant_informed_date": self.today, "waiting_reason": "Caseloads full"})
        normal.action_waitlist()
        self.assertEqual((normal.state, normal.waiting_since), ("waiting", self.today))
        # a worker of another team neither lists nor waitlists it
        self.assertFalse(
            self.env["rrs.case"].with_user(self.worker_far).search([("id", "=", urgent.id)])
        )
        with self.assertRefused("doesn.t have .(read|write). access", AccessError):
            urgent.with_user(self.worker_far).action_waitlist()

    @freeze_time("2026-03-02")
    def test_plan6_the_worker_follows_a_referral_to_its_outcome(self):
        # rule PLAN-6, as the case worker: sent, accepted, in service, completed only with its
        # outcome; the follow-up date from the program's delay; another team's worker sees none
        case = self._active_case()
        provider = self.env["res.partner"].create(
            {"name": "Legal Aid Immigration Clinic", "is_company": True, "rrs_is_provider": True}
        )
        referral = (
            self.env["rrs.referral"]
            .with_user(self.worker)
            .create(
                {
                    "case_id": case.id,
                    "provider_id": provider.id,
                    "service_category_id": self.env.ref("rrs_case.service_category_legal").id,
                    "reason": "Advice on family sponsorship",
                    "shares_client_info": False,
                }
            )
        )
        with self.assertRefused("this step is not possible", UserError):
            referral.action_accept()
        referral.action_send()
        self.assertEqual(str(referral.follow_up_date), "2026-03-09")  # 7 days, as shipped
        referral.action_accept()
        referral.action_start_service()
        with self.assertRefused("Record the outcome", UserError):
            referral.action_complete()
        referral.write({"outcome": "achieved", "outcome_note": "Application filed"})
        referral.action_complete()
        self.assertEqual(referral.state, "completed")
        with self.assertRefused("doesn.t have .(read|write). access", AccessError):
            referral.with_user(self.worker_far).read(["state"])
