# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two finance officers validate at the same moment two requests that together exceed the
grant's remaining budget: exactly one commits (rule FIN-1).

This test needs real, separate database connections: its data is committed, then removed at
the end (the posted bill included, by SQL: the suite itself never deletes a posted entry)."""

import base64

import psycopg2.errors

from odoo import SUPERUSER_ID, Command, api, fields, sql_db
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestAssistanceConcurrency(TransactionCase):
    def _fixture(self, env):
        finance = env.ref("rrs_case.user_finance_demo")
        case = env["rrs.case"].search(
            [("restricted", "=", False), ("company_id", "=", finance.company_id.id)], limit=1
        )
        expense = env["account.account"].search(
            [("account_type", "=", "expense"), ("company_ids", "in", case.company_id.ids)],
            limit=1,
        )
        purpose = env["rrs.assistance.purpose"].create(
            {"name": "Concurrency test", "code": "concurrency_test"}
        )
        purpose.with_company(case.company_id).account_id = expense
        plan = env.ref("rrs_assistance.analytic_plan_funding")
        grant = env["account.analytic.account"].create(
            {"name": "Concurrency grant", "plan_id": plan.id, "company_id": case.company_id.id}
        )
        post = env["account.budget.post"].create(
            {
                "name": "Concurrency position",
                "account_ids": [Command.set(expense.ids)],
                "company_id": case.company_id.id,
            }
        )
        today = fields.Date.today()
        budget = env["crossovered.budget"].create(
            {
                "name": "Concurrency budget",
                "company_id": case.company_id.id,
                "date_from": today.replace(month=1, day=1),
                "date_to": today.replace(month=12, day=31),
                "crossovered_budget_line_ids": [
                    Command.create(
                        {
                            "general_budget_id": post.id,
                            "analytic_account_id": grant.id,
                            "date_from": today.replace(month=1, day=1),
                            "date_to": today.replace(month=12, day=31),
                            "planned_amount": 1000.0,
                        }
                    )
                ],
            }
        )
        budget.action_budget_confirm()
        payee = env["res.partner"].create({"name": "Concurrency Furniture", "is_company": True})
        requests = env["rrs.assistance.request"]
        for _i in range(2):
            document = env["ir.attachment"].create(
                {
                    "name": "quote.txt",
                    "datas": base64.b64encode(b"quote"),
                    "res_model": "rrs.assistance.request",
                }
            )
            # Built as superuser directly in the approved stage (trusted code): the test is
            # about the validation alone.
            requests |= requests.create(
                {
                    "case_id": case.id,
                    "beneficiary_id": case.member_ids[:1].id,
                    "payee_id": payee.id,
                    "purpose_id": purpose.id,
                    "amount": 600.0,
                    "grant_id": grant.id,
                    "justification": "Concurrency",
                    "document_ids": [Command.set(document.ids)],
                    "state": "approved",
                }
            )
        return {
            "finance": finance.id,
            "requests": requests.ids,
            "line": budget.crossovered_budget_line_ids.id,
            "cleanup": {
                "purpose": purpose.id,
                "grant": grant.id,
                "post": post.id,
                "budget": budget.id,
                "payee": payee.id,
            },
        }

    def _cleanup(self, data):
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cr.execute(
                SQL(
                    "DELETE FROM account_move WHERE rrs_assistance_request_id IN %s",
                    tuple(data["requests"]),
                )
            )
            cr.execute(
                SQL("DELETE FROM rrs_assistance_request WHERE id IN %s", tuple(data["requests"]))
            )
            ids = data["cleanup"]
            env["crossovered.budget"].browse(ids["budget"]).unlink()
            env["account.budget.post"].browse(ids["post"]).unlink()
            env["account.analytic.line"].search([("account_id", "=", ids["grant"])]).unlink()
            env["account.analytic.account"].browse(ids["grant"]).unlink()
            env["rrs.assistance.purpose"].browse(ids["purpose"]).unlink()
            env["res.partner"].browse(ids["payee"]).unlink()

    def test_fin1_two_concurrent_validations_over_budget_exactly_one_commits(self):
        db = self.env.cr.dbname
        with sql_db.db_connect(db).cursor() as cr:
            data = self._fixture(api.Environment(cr, SUPERUSER_ID, {}))
        try:
            cr_a = sql_db.db_connect(db).cursor()
            cr_b = sql_db.db_connect(db).cursor()
            try:
                env_a = api.Environment(cr_a, data["finance"], {})
                env_b = api.Environment(cr_b, data["finance"], {})
                first = env_a["rrs.assistance.request"].browse(data["requests"][0])
                second = env_b["rrs.assistance.request"].browse(data["requests"][1])
                # both transactions are open and have read the budget before either validates
                self.assertEqual(first.state, "approved")
                self.assertEqual(second.state, "approved")
                env_a["crossovered.budget.lines"].browse(data["line"]).rrs_remaining_amount  # noqa: B018
                env_b["crossovered.budget.lines"].browse(data["line"]).rrs_remaining_amount  # noqa: B018
                first.action_validate()
                env_a.flush_all()
                cr_a.commit()
                with self.assertRaises(psycopg2.Error) as caught:
                    second.action_validate()
                    env_b.flush_all()
                    cr_b.commit()
                self.assertIsInstance(
                    caught.exception,
                    (psycopg2.errors.SerializationFailure, psycopg2.errors.CheckViolation),
                )
                cr_b.rollback()
                # Odoo retries a transaction that failed to serialize: the retry sees the first
                # validation and refuses with the budget's message.
                env_b.invalidate_all()
                with self.assertRaisesRegex(
                    ValidationError, "has .*400\\.00 left for .* and the request is .*600\\.00"
                ):
                    second.action_validate()
                cr_b.rollback()
            finally:
                cr_a.close()
                cr_b.close()
            with sql_db.db_connect(db).cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                requests = env["rrs.assistance.request"].browse(data["requests"])
                self.assertEqual(sorted(requests.mapped("state")), ["approved", "validated"])
                self.assertEqual(len(requests.move_id), 1)
                line = env["crossovered.budget.lines"].browse(data["line"])
                self.assertEqual(line.rrs_allocated_amount, 600.0)
                self.assertEqual(line.rrs_remaining_amount, 400.0)
        finally:
            self._cleanup(data)

    def test_fin1_the_database_refuses_an_allocation_over_budget(self):
        """The CHECK constraint holds even against code that would skip the Python check."""
        expense = self.env["account.account"].search([("account_type", "=", "expense")], limit=1)
        post = self.env["account.budget.post"].create(
            {"name": "Check position", "account_ids": [Command.set(expense.ids)]}
        )
        today = fields.Date.today()
        budget = self.env["crossovered.budget"].create(
            {
                "name": "Check budget",
                "date_from": today,
                "date_to": today,
                "crossovered_budget_line_ids": [
                    Command.create(
                        {
                            "general_budget_id": post.id,
                            "date_from": today,
                            "date_to": today,
                            "planned_amount": 100.0,
                        }
                    )
                ],
            }
        )
        line = budget.crossovered_budget_line_ids
        self.env.flush_all()
        with self.assertRaises(psycopg2.errors.CheckViolation), self.env.cr.savepoint():
            self.env.cr.execute(
                SQL(
                    "UPDATE crossovered_budget_lines "
                    "SET rrs_allocated_amount = ABS(planned_amount) + 1 WHERE id = %s",
                    line.id,
                )
            )
