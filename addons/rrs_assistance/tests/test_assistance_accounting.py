# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The accounting of an assistance request: the bill of a validated request, its payment and
its cancellation, to the journal item (rules FIN-1, FIN-3)."""

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RrsAssistanceCommon


@tagged("post_install", "-at_install")
class TestAssistanceAccounting(RrsAssistanceCommon):
    def _items(self, move):
        return sorted(
            (
                line.account_id,
                line.partner_id,
                line.debit,
                line.credit,
                line.analytic_distribution or {},
            )
            for line in move.line_ids
        )

    def test_fin1_validated_request_posts_the_bill_on_the_grant(self):
        request = self._validated(300.0)
        move = request.move_id
        self.assertEqual(request.state, "validated")
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.move_type, "in_invoice")
        self.assertEqual(move.partner_id, self.landlord)
        self.assertEqual(move.rrs_assistance_request_id, request)
        self.assertEqual(move.ref, request.name)
        payable = move.line_ids.filtered(lambda x: x.account_id.account_type == "liability_payable")
        self.assertEqual(len(payable), 1)
        self.assertEqual(
            self._items(move),
            sorted(
                [
                    (self.expense, self.landlord, 300.0, 0.0, {str(self.grant.id): 100.0}),
                    (payable.account_id, self.landlord, 0.0, 300.0, {}),
                ]
            ),
        )
        # the grant's analytic line (what OCA's budget counts as spent)
        analytic = self.env["account.analytic.line"].search(
            [("move_line_id.move_id", "=", move.id)]
        )
        self.assertEqual(analytic.mapped("amount"), [-300.0])
        self.assertEqual(analytic[self.plan._column_name()], self.grant)
        # the source documents go with the bill
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "account.move"), ("res_id", "=", move.id)]
            ),
            1,
        )
        # the controls are on record (FIN-2)
        self.assertEqual(request.requested_by_id, self.worker)
        self.assertEqual(request.approved_by_ids, self.supervisor)
        self.assertEqual(request.validated_by_id, self.finance)
        self.assertEqual(request.budget_line_id, self.line)
        self.assertEqual(self.line.rrs_allocated_amount, 300.0)
        self.assertEqual(self.line.rrs_committed_amount, 300.0)
        self.assertEqual(self.line.rrs_remaining_amount, 700.0)

    def test_fin1_payment_flows_back_to_the_request(self):
        request = self._validated(250.0)
        payment = self._pay(request)
        self.assertEqual(request.state, "paid")
        self.assertEqual(request.paid_date, self.today)
        self.assertIn(request.payment_state, ("paid", "in_payment"))
        self.assertEqual(self.line.rrs_paid_amount, 250.0)
        self.assertEqual(self.line.rrs_committed_amount, 0.0)
        # the payment's own entry: the payable settled against the outstanding payments
        items = payment.move_id.line_ids
        payable = items.filtered(lambda x: x.account_id.account_type == "liability_payable")
        self.assertEqual(
            (payable.debit, payable.credit, payable.partner_id), (250.0, 0.0, self.landlord)
        )
        other = items - payable
        self.assertEqual((other.debit, other.credit), (0.0, 250.0))
        self.assertTrue(payable.reconciled)
        # undoing the payment's reconciliation moves the request back to validated
        payable.with_user(self.finance).remove_move_reconcile()
        self.assertEqual(request.state, "validated")
        self.assertFalse(request.paid_date)

    def test_fin3_cancelling_a_validated_request_reverses_the_bill(self):
        request = self._validated(400.0)
        bill = request.move_id
        request.with_user(self.finance).action_cancel()
        self.assertEqual(request.state, "cancelled")
        reversal = request.reversal_move_id
        self.assertEqual(reversal.move_type, "in_refund")
        self.assertEqual(reversal.state, "posted")
        self.assertEqual(bill.state, "posted", "a posted bill is never deleted nor reset")
        self.assertEqual(bill.payment_state, "reversed")
        payable = reversal.line_ids.filtered(
            lambda x: x.account_id.account_type == "liability_payable"
        )
        self.assertEqual(
            self._items(reversal),
            sorted(
                [
                    (self.expense, self.landlord, 0.0, 400.0, {str(self.grant.id): 100.0}),
                    (payable.account_id, self.landlord, 400.0, 0.0, {}),
                ]
            ),
        )
        self.assertEqual(self.line.rrs_allocated_amount, 0.0)
        self.assertEqual(self.line.rrs_remaining_amount, 1000.0)

    def test_fin3_a_paid_request_is_not_cancelled_and_its_bill_stays(self):
        request = self._validated(100.0)
        self._pay(request)
        with self.assertRefused("cannot go from “Paid” to “Cancelled”", UserError):
            request.with_user(self.finance).action_cancel()
        # Odoo itself refuses to delete a posted entry; the suite refuses to reset it to draft
        with self.assertRefused("delete a posted journal item", UserError):
            request.move_id.with_user(self.finance).unlink()
        with self.assertRefused(
            "cancel the request to reverse it; it is not reset to draft", UserError
        ):
            request.move_id.with_user(self.finance).button_draft()
        with self.assertRefused(
            "financial records are never deleted. Cancel it instead", UserError
        ):
            request.with_user(self.manager).unlink()
        self.assertEqual(request.state, "paid")

    def test_fin1_bill_without_the_grant_is_refused_at_posting(self):
        request = self._validated(120.0)
        copy_vals = {
            "move_type": "in_invoice",
            "partner_id": self.landlord.id,
            "invoice_date": self.today,
            "rrs_assistance_request_id": request.id,
            "invoice_line_ids": [
                (0, 0, {"name": "No grant", "account_id": self.expense.id, "price_unit": 10.0})
            ],
        }
        bill = self.env["account.move"].create(copy_vals)
        with self.assertRefused("needs its grant \\(Funding sources\\)", UserError):
            bill.action_post()

    def test_fin1_no_budget_for_the_date_refuses_validation(self):
        unbudgeted = self.env["account.analytic.account"].create(
            {"name": "Foundation gift", "plan_id": self.plan.id}
        )
        request = self._approved(100.0, grant_id=unbudgeted.id)
        with self.assertRefused("Grant .*Foundation gift has no confirmed budget for"):
            request.with_user(self.finance).action_validate()
        self.assertEqual(request.state, "approved")
        self.assertFalse(request.move_id)

    def test_fin1_validation_over_the_remaining_budget_is_refused(self):
        self._validated(700.0)
        request = self._approved(301.0)
        with self.assertRefused("has .*300\\.00 left for .* and the request is .*301\\.00"):
            request.with_user(self.finance).action_validate()
        self.assertEqual(request.state, "approved")
        # exactly what is left passes
        at_limit = self._approved(300.0)
        at_limit.with_user(self.finance).action_validate()
        self.assertEqual(self.line.rrs_remaining_amount, 0.0)

    def test_rec3_disposal_takes_the_requests_and_leaves_the_books(self):
        """rule REC-3 / FIN-3: the case's disposal destroys its requests; the posted bill, its
        payment and the reversal of a cancelled one stay in the books without the link."""
        paid = self._validated(120.0)
        self._pay(paid)
        cancelled = self._validated(80.0)
        cancelled.with_user(self.finance).action_cancel()
        bills = (paid.move_id | cancelled.move_id | cancelled.reversal_move_id).sudo()
        case_name = self.case.name
        case = self.case.with_user(self.worker)
        self._sign_all(self.case)
        self.case.write(
            {"immigration_category_id": self.cat_refugee.id, "applicant_informed_date": self.today}
        )
        case.action_accept()
        case.action_start_service()
        case.action_start_closing()
        case.write({"closing_reason": "goals_met", "closing_summary": "Goals met"})
        case.write(self._aftercare(self.today))
        case.action_close()
        with freeze_time(self.case.retention_until_date + relativedelta(days=1)):
            self.case.with_user(self.manager).action_dispose()
        self.assertFalse(paid.exists())
        self.assertFalse(cancelled.exists())
        self.assertEqual(bills.exists(), bills, "posted entries are never deleted")
        self.assertEqual(set(bills.mapped("state")), {"posted"})
        self.assertFalse(bills.rrs_assistance_request_id)
        proof = self.env["rrs.record.disposal"].search([("name", "=", case_name)])
        self.assertIn("assistance requests: 2", proof.record_counts)
