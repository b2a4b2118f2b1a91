# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The thresholds and conditions of the assistance rules, each on both sides (issue 18):
FIN-1 (source documents, the grant and its confirmed budget for the day), FIN-3 (never
deleted, reversed by finance only, not once paid), FIN-4 (the per-capita deadline day, what
counts as given, the fiscal year) and OUT-3 (duplicates and unusual amounts)."""

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RrsAssistanceCommon

D = relativedelta


@tagged("post_install", "-at_install")
class TestAssistanceThresholds(RrsAssistanceCommon):
    def _budget(self, grant, date_from, date_to, confirm=True):
        budget = self.env["crossovered.budget"].create(
            {
                "name": f"Budget {grant.name}",
                "date_from": date_from,
                "date_to": date_to,
                "crossovered_budget_line_ids": [
                    Command.create(
                        {
                            "general_budget_id": self.budget_post.id,
                            "analytic_account_id": grant.id,
                            "date_from": date_from,
                            "date_to": date_to,
                            "planned_amount": 1000.0,
                        }
                    )
                ],
            }
        )
        if confirm:
            budget.action_budget_confirm()
        return budget

    def _grant(self, name):
        return self.env["account.analytic.account"].create({"name": name, "plan_id": self.plan.id})

    # ------------------------------------------------------------------ FIN-1
    def test_fin1_submission_needs_a_source_document_and_a_grant_for_the_program(self):
        # rule FIN-1: backed by source documents, identified to a grant that funds the program
        bare = self._request(100.0, document_ids=[Command.clear()])
        with self.assertRefused("Attach the quote, lease or invoice the amount rests on"):
            bare.action_submit()
        self.assertEqual(bare.state, "draft")
        self.grant.rrs_program_ids = self.program_icm
        other = self._request(100.0)
        with self.assertRefused("Grant .*R&P grant does not fund"):
            other.action_submit()
        self.grant.rrs_program_ids = self.program | self.program_icm
        funded = self._submitted(100.0)
        self.assertEqual(funded.state, "submitted")

    def test_fin1_a_bill_on_an_analytic_account_outside_the_funding_sources_is_refused(self):
        # rule FIN-1: the grant is an account of the Funding sources plan, not any analytic
        request = self._validated(120.0)
        other_plan = self.env["account.analytic.plan"].create({"name": "Departments"})
        department = self.env["account.analytic.account"].create(
            {"name": "Resettlement department", "plan_id": other_plan.id}
        )
        values = {
            "move_type": "in_invoice",
            "partner_id": self.landlord.id,
            "invoice_date": self.today,
            "rrs_assistance_request_id": request.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "Department only",
                        "account_id": self.expense.id,
                        "price_unit": 10.0,
                        "analytic_distribution": {str(department.id): 100},
                    }
                )
            ],
        }
        bill = self.env["account.move"].create(values)
        with self.assertRefused("needs its grant \\(Funding sources\\)", UserError):
            bill.action_post()
        values["invoice_line_ids"][0][2]["analytic_distribution"] = {
            str(department.id): 100,
            str(self.grant.id): 100,
        }
        with_grant = self.env["account.move"].create(values)
        with_grant.action_post()
        self.assertEqual(with_grant.state, "posted")

    def test_fin1_only_a_confirmed_budget_covering_the_day_pays(self):
        # rule FIN-1: the grant's confirmed budget line for the day of the validation
        draft_grant = self._grant("Draft budget grant")
        self._budget(draft_grant, self.year_start, self.year_end, confirm=False)
        request = self._approved(100.0, grant_id=draft_grant.id)
        with self.assertRefused("Grant .*Draft budget grant has no confirmed budget for"):
            request.with_user(self.finance).action_validate()
        later_grant = self._grant("Later grant")
        self._budget(later_grant, self.today + D(days=1), self.year_end + D(years=1))
        request = self._approved(100.0, grant_id=later_grant.id)
        with self.assertRefused("Grant .*Later grant has no confirmed budget for"):
            request.with_user(self.finance).action_validate()
        ending_grant = self._grant("Ending grant")
        self._budget(ending_grant, self.today - D(months=6), self.today)
        last_day = self._approved(100.0, grant_id=ending_grant.id)
        last_day.with_user(self.finance).action_validate()
        self.assertEqual(last_day.state, "validated")
        self.assertEqual(last_day.budget_line_id.date_to, self.today)

    # ------------------------------------------------------------------ FIN-3
    def test_fin3_a_draft_is_deleted_a_submitted_request_never(self):
        # rule FIN-3: once in the approval chain, a request is a financial record
        draft = self._request(50.0)
        draft.with_user(self.worker).unlink()
        self.assertFalse(draft.exists())
        submitted = self._submitted(60.0)
        with self.assertRefused(
            "was submitted: financial records are never deleted. Cancel it instead", UserError
        ):
            submitted.with_user(self.manager).unlink()
        self.assertTrue(submitted.exists())

    def test_fin3_a_partly_paid_request_is_not_cancelled(self):
        # rule FIN-3: a payment made stays; the payee's refund is recorded first
        request = self._validated(100.0)
        wizard = (
            self.env["account.payment.register"]
            .with_user(self.finance)
            .with_context(active_model="account.move", active_ids=request.move_id.ids)
            .create({"payment_date": self.today, "amount": 40.0})
        )
        wizard._create_payments()
        self.assertEqual(request.move_id.payment_state, "partial")
        with self.assertRefused(
            "is already \\(partly\\) paid: record the payee's refund", UserError
        ):
            request.with_user(self.finance).action_cancel()
        self.assertEqual(request.state, "validated")
        self.assertFalse(request.reversal_move_id)

    def test_fin3_only_finance_cancels_a_validated_request(self):
        # rule FIN-3: the bill is reversed by finance, not by case staff
        request = self._validated(100.0)
        with self.assertRefused("has a posted bill: only finance cancels it", AccessError):
            request.with_user(self.supervisor).action_cancel()
        self.assertEqual(request.state, "validated")
        request.with_user(self.finance).action_cancel()
        self.assertEqual(request.state, "cancelled")

    def test_fin3_a_draft_bill_of_a_request_is_not_deleted(self):
        # rule FIN-3: Odoo refuses to delete a posted entry; the suite also a draft one
        request = self._validated(120.0)
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.landlord.id,
                "invoice_date": self.today,
                "rrs_assistance_request_id": request.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Draft", "account_id": self.expense.id, "price_unit": 10.0}
                    )
                ],
            }
        )
        with self.assertRefused("financial records are never deleted \\(FIN-3\\)", UserError):
            bill.with_user(self.finance).unlink()
        self.assertTrue(bill.exists())

    # ------------------------------------------------------------------ FIN-4
    def _terms(self, days=90, date_from=None, date_to=None, **vals):
        values = {
            "name": "R&P agreement",
            "program_id": self.program.id,
            "date_from": date_from or self.year_start.replace(year=self.today.year - 1),
            "date_to": date_to or self.year_end,
            "amount_per_capita": 2375.0,
            "direct_minimum": 100.0,
            "days_after_arrival": days,
        }
        values.update(vals)
        return self.env["rrs.assistance.per.capita"].create(values)

    def test_fin4_on_the_deadline_day_it_is_open_and_what_is_given_counts(self):
        # rule FIN-4: arrival 10 days ago, 10 days: the deadline is today
        self._terms(days=10)
        case = self.case.with_user(self.worker)
        self.assertEqual(case.per_capita_deadline, self.today)
        self.assertEqual(case.per_capita_status, "open")
        self._validated(100.0)
        case.invalidate_recordset()
        self.assertEqual(case.per_capita_spent, 100.0)
        self.assertEqual(case.per_capita_status, "met")

    def test_fin4_validated_and_paid_count_approved_or_reversed_does_not(self):
        # rule FIN-4: given means a bill was posted (validated) or paid, and not reversed
        self._terms()
        case = self.case.with_user(self.worker)
        self._approved(30.0)
        reversed_request = self._validated(35.0)
        reversed_request.with_user(self.finance).action_cancel()
        case.invalidate_recordset()
        self.assertEqual(case.per_capita_spent, 0.0)
        paid = self._validated(40.0)
        self._pay(paid)
        self.assertEqual(paid.state, "paid")
        self._validated(25.0)
        case.invalidate_recordset()
        self.assertEqual(case.per_capita_spent, 65.0)
        self.assertEqual(case.per_capita_status, "open")

    def test_fin4_the_terms_of_the_arrival_fiscal_year(self):
        # rule FIN-4: terms per fiscal year; a year that ended before arrival does not apply
        arrival = self.case.arrival_date
        past = self._terms(
            date_from=arrival - D(years=1), date_to=arrival - D(days=1), direct_minimum=50.0
        )
        self.assertFalse(self.case.per_capita_id)
        self.assertEqual(self.case.per_capita_status, False)
        current = self._terms(date_from=arrival, date_to=arrival + D(years=1, days=-1))
        self.case.invalidate_recordset()
        self.assertEqual(self.case.per_capita_id, current)
        self.assertNotEqual(self.case.per_capita_id, past)
        self.assertEqual(self.case.per_capita_required, 100.0)

    def test_fin4_fiscal_years_meet_without_overlap_and_numbers_are_coherent(self):
        # rule FIN-4: the next year may start the day after, not on the last day
        first = self._terms(date_from=self.year_start, date_to=self.year_end)
        with self.assertRefused("fiscal years cannot overlap"):
            self._terms(date_from=first.date_to, date_to=first.date_to + D(years=1))
        second = self._terms(
            date_from=first.date_to + D(days=1), date_to=first.date_to + D(years=1)
        )
        self.assertTrue(second.exists())
        with self.assertRefused("fiscal years cannot overlap"):
            self._terms(date_from=first.date_from - D(years=1), date_to=first.date_from)
        before = self._terms(
            date_from=first.date_from - D(years=1), date_to=first.date_from - D(days=1)
        )
        self.assertTrue(before.exists())
        with self.assertRefused("the number of days after arrival must be positive"):
            self._terms(program_id=self.program_icm.id, days=0)
        with self.assertRefused("must be between 0 and the per-capita amount"):
            self._terms(program_id=self.program_icm.id, direct_minimum=-1.0)
        edge = self._terms(program_id=self.program_icm.id, days=1, direct_minimum=0.0)
        self.assertEqual((edge.days_after_arrival, edge.direct_minimum), (1, 0.0))

    # ------------------------------------------------------------------ OUT-3
    def test_out3_a_duplicate_is_the_same_payee_and_a_live_request(self):
        # rule OUT-3: the same amount to another payee, or a cancelled request, is no duplicate
        self.company.rrs_assistance_duplicate_days = 30
        self._submitted(275.0)
        other_payee = self._submitted(275.0, payee_id=self.utility.id)
        self.assertNotRegex(other_payee.anomaly_reasons or "", "Possible duplicate")
        cancelled = self._submitted(180.0)
        cancelled.with_user(self.worker).action_cancel()
        after_cancel = self._submitted(180.0)
        self.assertNotRegex(after_cancel.anomaly_reasons or "", "Possible duplicate")
        again = self._submitted(275.0)
        self.assertRegex(again.anomaly_reasons, "Possible duplicate: 1 other request")

    def test_out3_the_window_reaches_forward_as_far_as_back(self):
        # rule OUT-3: a request dated later within the window is a duplicate, beyond it not
        self.company.rrs_assistance_duplicate_days = 30
        later = self._submitted(275.0)
        later.sudo().date = self.today + D(days=31)
        beyond = self._submitted(275.0)
        self.assertNotRegex(beyond.anomaly_reasons or "", "Possible duplicate")
        later.sudo().date = self.today + D(days=30)
        within = self._submitted(275.0)
        self.assertRegex(within.anomaly_reasons, "Possible duplicate: 2 other .* within 30 days")

    def test_out3_the_window_is_the_companys_and_zero_switches_it_off(self):
        # rule OUT-3: the company's own number of days
        self.company.rrs_assistance_duplicate_days = 10
        old = self._submitted(275.0)
        old.sudo().date = self.today - D(days=11)
        self.assertNotRegex(self._submitted(275.0).anomaly_reasons or "", "Possible duplicate")
        old.sudo().date = self.today - D(days=10)
        self.assertRegex(
            self._submitted(275.0).anomaly_reasons, "Possible duplicate: .* within 10 days"
        )
        self.company.rrs_assistance_duplicate_days = 0
        self.assertNotRegex(self._submitted(275.0).anomaly_reasons or "", "Possible duplicate")

    def _history(self, amounts, purpose=None):
        self.line.planned_amount = 100000.0
        purpose = purpose or self.food
        return [
            self._approved(amount, purpose_id=purpose.id, payee_id=self.utility.id)
            .with_user(self.finance)
            .action_validate()
            for amount in amounts
        ]

    def test_out3_unusual_above_average_plus_k_deviations_k_is_the_companys(self):
        # rule OUT-3: 90, 110, 100: average 100, standard deviation 10; k = 2: above 120
        self.company.rrs_assistance_abnormal_sample = 3
        self.company.rrs_assistance_abnormal_factor = 2.0
        self._history([90.0, 110.0, 100.0])
        at = self._submitted(120.0, purpose_id=self.food.id)
        self.assertNotRegex(at.anomaly_reasons or "", "Unusual amount")
        above = self._submitted(120.01, purpose_id=self.food.id)
        self.assertRegex(
            above.anomaly_reasons,
            "Unusual amount: .*120\\.01 for Food, where the last year's 3 requests average "
            ".*100\\.00 \\(flagged above .*120\\.00\\)",
        )

    def test_out3_the_minimum_history_is_the_companys_at_and_below(self):
        # rule OUT-3: three requests of history: checked at a minimum of 3, not at 4
        self.company.rrs_assistance_abnormal_factor = 2.0
        self._history([90.0, 110.0, 100.0])
        self.company.rrs_assistance_abnormal_sample = 4
        self.assertNotRegex(
            self._submitted(500.0, purpose_id=self.food.id).anomaly_reasons or "", "Unusual"
        )
        self.company.rrs_assistance_abnormal_sample = 3
        self.assertRegex(
            self._submitted(500.0, purpose_id=self.food.id).anomaly_reasons, "Unusual amount"
        )

    def test_out3_history_is_the_purposes_validated_requests_of_the_last_year(self):
        # rule OUT-3: another purpose, older than a year or not yet validated: not history
        self.company.rrs_assistance_abnormal_sample = 3
        self.company.rrs_assistance_abnormal_factor = 2.0
        self._history([90.0, 110.0, 100.0], purpose=self.furniture)
        self.assertNotRegex(
            self._submitted(500.0, purpose_id=self.food.id).anomaly_reasons or "", "Unusual"
        )
        self._history([90.0, 110.0, 100.0])
        # submitted, not validated: no part of the history
        self._submitted(5000.0, purpose_id=self.food.id, payee_id=self.utility.id)
        flagged = self._submitted(120.01, purpose_id=self.food.id)
        self.assertRegex(flagged.anomaly_reasons, "the last year's 3 requests average .*100\\.00")
        validated = self.env["rrs.assistance.request"].search(
            [("purpose_id", "=", self.food.id), ("state", "=", "validated")]
        )
        self.assertEqual(len(validated), 3)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE rrs_assistance_request SET date = %s WHERE id IN %s",
            [self.today - D(years=1, days=1), tuple(validated.ids)],
        )
        self.env.invalidate_all()
        self.assertNotRegex(
            self._submitted(500.0, purpose_id=self.food.id).anomaly_reasons or "", "Unusual"
        )
