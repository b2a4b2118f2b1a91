# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import RrsCaseCommon

REFERRAL_LIST = {
    "case_id": {"fields": {"display_name": {}}},
    "member_id": {"fields": {"display_name": {}}},
    "service_category_id": {"fields": {"display_name": {}}},
    "provider_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "sent_date": {},
    "outcome": {},
    "state": {},
}


@tagged("post_install", "-at_install")
class TestReferral(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._active_case()
        cls.legal_aid = cls.env["res.partner"].create(
            {
                "name": "Legal Aid Immigration Clinic",
                "is_company": True,
                "rrs_is_provider": True,
                "rrs_service_category_ids": [
                    (6, 0, cls.env.ref("rrs_case.service_category_legal").ids)
                ],
            }
        )
        cls.legal = cls.env.ref("rrs_case.service_category_legal")

    def _referral(self, **vals):
        values = {
            "case_id": self.case.id,
            "provider_id": self.legal_aid.id,
            "service_category_id": self.legal.id,
            "reason": "Advice on family sponsorship for the spouse still abroad",
        }
        values.update(vals)
        return self.env["rrs.referral"].create(values)

    def _release(self, **vals):
        head = self.case.member_ids.filtered("is_head")
        values = {
            "case_id": self.case.id,
            "consent_type": "release",
            "member_id": head.id,
            "signer_role": "client",
            "signer_partner_id": head.partner_id.id,
            "party_partner_id": self.legal_aid.id,
            "scope": "Immigration history needed for the sponsorship application",
            "signature_date": "2026-01-05",
            "expiry_date": "2026-12-31",
        }
        values.update(vals)
        return self.env["rrs.consent"].create(values)

    # rule CON-2 ---------------------------------------------------------------
    @freeze_time("2026-03-02")
    def test_con2_referral_sharing_information_needs_a_release(self):
        referral = self._referral()
        with self.assertRefused("No valid release of information names", exception=UserError):
            referral.action_send()
        self.assertEqual(referral.state, "draft")
        release = self._release()
        referral.action_send()
        self.assertEqual((referral.state, referral.consent_id), ("sent", release))
        self.assertEqual(referral.sent_date, date(2026, 3, 2))

    @freeze_time("2027-01-05")
    def test_con2_expired_release_refused_legal_exception_allowed(self):
        self._release()  # expired on 2026-12-31
        referral = self._referral()
        with self.assertRefused("No valid release", exception=UserError):
            referral.action_send()
        referral.legal_exception = "subpoena"
        with self.assertRefused("Explain why the legal exception applies", exception=UserError):
            referral.action_send()
        referral.legal_exception_detail = "Court order of 2027-01-02 for the custody hearing."
        referral.action_send()
        self.assertEqual(referral.state, "sent")
        self.assertFalse(referral.consent_id)

    def test_con2_referral_without_client_information(self):
        referral = self._referral(shares_client_info=False)
        referral.action_send()
        self.assertEqual(referral.state, "sent")

    # rule PLAN-6: tracked to the outcome ----------------------------------------
    def test_plan6_closed_loop_to_the_outcome(self):
        referral = self._referral(shares_client_info=False)
        with self.assertRefused("this step is not possible", exception=UserError):
            referral.action_accept()
        referral.action_send()
        referral.action_accept()
        referral.action_start_service()
        with self.assertRefused("Record the outcome", exception=UserError):
            referral.action_complete()
        referral.write({"outcome": "achieved", "outcome_note": "Application filed"})
        referral.action_complete()
        self.assertEqual(referral.state, "completed")
        self.assertTrue(referral.completed_date)
        self.assertEqual(self.case.referral_count, 1)

    def test_plan6_declined_needs_a_reason(self):
        referral = self._referral(shares_client_info=False)
        referral.action_send()
        with self.assertRefused("why the provider declined", exception=UserError):
            referral.action_decline()
        referral.decline_reason = "Waiting list closed until spring"
        referral.action_decline()
        self.assertEqual(referral.state, "declined")

    def test_plan6_follow_up_after_the_programs_own_delay(self):
        # rule PLAN-6: the delay is the program's setting, not the shipped 7 days
        self.program.referral_follow_up_days = 10
        with freeze_time("2026-03-02"):
            referral = self._referral(shares_client_info=False)
            referral.action_send()
        self.assertEqual(referral.follow_up_date, date(2026, 3, 12))
        self.program.referral_follow_up_days = 3
        self.assertEqual(referral.follow_up_date, date(2026, 3, 5))

    def test_plan6_follow_up_when_the_provider_does_not_answer(self):
        # rule PLAN-6: the program's follow-up delay (7 days), at the boundary days
        with freeze_time("2026-03-02"):
            referral = self._referral(shares_client_info=False)
            referral.action_send()
        self.assertEqual(referral.follow_up_date, date(2026, 3, 9))
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", "rrs.referral"), ("res_id", "=", referral.id)]
        Referral = self.env["rrs.referral"]
        # outside a real cron run, _commit_progress would commit the test transaction
        no_commit = patch.object(
            type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: float("inf")
        )
        with no_commit, freeze_time("2026-03-08"):
            Referral._cron_referral_follow_up()
            self.assertFalse(Activity.search(domain))
        with no_commit, freeze_time("2026-03-09"):
            Referral._cron_referral_follow_up()
            Referral._cron_referral_follow_up()
            activity = Activity.search(domain)
            self.assertEqual(len(activity), 1, "one follow-up however often the cron runs")
            self.assertEqual(activity.user_id, self.worker)
        referral.action_accept()
        self.assertFalse(Activity.search(domain), "the answer closes the follow-up")

    def test_plan6_follow_up_cron_batch_queries_do_not_grow_with_assignees(self):
        """Rule PLAN-6, issue 17: a batch of follow-ups costs the same whether its referrals
        belong to one worker or to twenty, at 5 or 20 referrals."""
        workers = self._supervised_workers(20, "rrs_plan6")

        def referrals(users):
            batch = self.env["rrs.referral"]
            for i, user in enumerate(users):
                case = self._active_case(user=user, head=self._person(f"Referred {i}", age=30))
                batch |= self._referral(case_id=case.id, shares_client_info=False)
            with freeze_time(self.today - relativedelta(days=10)):
                batch.action_send()
            return batch

        small = referrals([self.worker] * 5)
        one = referrals([self.worker] * 20)
        spread = referrals(workers)
        Activity = self.env["mail.activity"]
        follow_up = self.env.ref("rrs_case.mail_activity_type_referral_follow_up")
        mine = [("res_model", "=", "rrs.referral"), ("res_id", "in", (small | one | spread).ids)]

        def reset():
            Activity.search(mine).unlink()
            self.env["mail.followers"].search(mine).unlink()

        def check(batch):
            activities = Activity.search(
                [("res_model", "=", "rrs.referral"), ("res_id", "in", batch.ids)]
            )
            self.assertEqual(activities.activity_type_id, follow_up)
            self.assertEqual(sorted(activities.mapped("res_id")), sorted(batch.ids))
            for referral in batch:
                activity = activities.filtered(lambda a, r=referral: a.res_id == r.id)
                self.assertEqual(activity.user_id, referral.case_id.user_id)
                self.assertIn(activity.user_id.partner_id, referral.message_partner_ids)

        batches = (("warm-up", small), ("5 referrals", small), ("one", one), ("20", spread))
        counts = self._batch_query_counts(
            batches, lambda batch: batch._schedule_follow_ups(), reset, check
        )
        self.assertEqual(len(spread.user_id), 20)
        self.assertEqual(counts["one"], counts["20"], counts)
        self.assertEqual(counts["5 referrals"], counts["one"], counts)

    # permissions ----------------------------------------------------------------
    def test_referral_permissions(self):
        referral = self._referral(shares_client_info=False)
        self.assertEqual(self.env["rrs.referral"].with_user(self.worker).search([]), referral)
        self.assertEqual(self.env["rrs.referral"].with_user(self.supervisor).search([]), referral)
        for user in (self.worker_far, self.supervisor_other):
            with self.assertRaises(AccessError):
                referral.with_user(user).read(["reason"])
        for user in (self.volunteer, self.finance):
            with self.assertRaises(AccessError):
                self.env["rrs.referral"].with_user(user).search([])
        with self.assertRaises(AccessError):
            referral.with_user(self.auditor).write({"reason": "x"})
        self.assertTrue(referral.with_user(self.auditor).read(["reason"]))
        with self.assertRaises(AccessError):
            referral.with_user(self.worker).unlink()
        # the service categories are configuration: read by all, changed by managers only
        Category = self.env["rrs.service.category"]
        for user in (self.volunteer, self.worker, self.supervisor, self.finance, self.auditor):
            self.assertTrue(Category.with_user(user).search([]))
            with self.assertRaises(AccessError):
                Category.with_user(user).create({"name": "Invented", "code": f"x_{user.id}"})
        Category.with_user(self.manager).create({"name": "Translation", "code": "translation"})

    def test_provider_portal_user_never_reads_referrals(self):
        """A provider's staff given portal access to Odoo see no referral, not even theirs."""
        referral = self._referral(shares_client_info=False)
        portal = new_test_user(self.env, login="rrs_provider_portal", groups="base.group_portal")
        portal.partner_id.parent_id = referral.provider_id
        for model, record in (("rrs.referral", referral), ("rrs.case", referral.case_id)):
            with self.assertRaises(AccessError):
                self.env[model].with_user(portal).search([])
            with self.assertRaises(AccessError):
                record.with_user(portal).read(["display_name"])

    def test_referral_list_query_count(self):
        for _ in range(25):
            self._referral(shares_client_info=False)
        Referral = self.env["rrs.referral"].with_user(self.worker)
        for limit in (5, 25):
            for _warm in range(2):
                Referral.web_search_read([], REFERRAL_LIST, limit=limit)
                self.env.invalidate_all()
            with self.assertQueryCount(10):
                result = Referral.web_search_read([], REFERRAL_LIST, limit=limit)
            self.assertEqual(len(result["records"]), limit)
