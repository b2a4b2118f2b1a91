# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.addons.rrs_case.tests.common import RrsCaseCommon
from odoo.tests import new_test_user


class RrsAssistanceCommon(RrsCaseCommon):
    """A grant with a budget of 1,000 for the year, an expense account on the program, a case
    of ``worker`` (supervised by ``supervisor``) and a landlord."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tests set their own limits, terms and tiers: the demo's are set aside.
        cls.env["rrs.assistance.policy"].search([]).active = False
        cls.env["rrs.assistance.per.capita"].search([]).unlink()
        cls.env["tier.definition"].search(
            [
                ("model", "=", "rrs.assistance.request"),
                ("id", "!=", cls.env.ref("rrs_assistance.tier_definition_supervisor").id),
            ]
        ).active = False
        cls.finance_other = new_test_user(
            cls.env, login="rrs_finance_other", groups="rrs_case.group_finance"
        )
        cls.expense = cls.env["account.account"].create(
            {"name": "Direct financial assistance", "code": "651901", "account_type": "expense"}
        )
        cls.program.assistance_account_id = cls.expense
        cls.plan = cls.env.ref("rrs_assistance.analytic_plan_funding")
        cls.grant = cls.env["account.analytic.account"].create(
            {"name": "R&P grant", "plan_id": cls.plan.id, "rrs_award_number": "SPRMCO-27"}
        )
        cls.budget_post = cls.env["account.budget.post"].create(
            {"name": "Direct assistance", "account_ids": [Command.set(cls.expense.ids)]}
        )
        cls.year_start = cls.today.replace(month=1, day=1)
        cls.year_end = cls.today.replace(month=12, day=31)
        cls.budget = cls.env["crossovered.budget"].create(
            {
                "name": "Assistance budget",
                "date_from": cls.year_start,
                "date_to": cls.year_end,
                "crossovered_budget_line_ids": [
                    Command.create(
                        {
                            "general_budget_id": cls.budget_post.id,
                            "analytic_account_id": cls.grant.id,
                            "date_from": cls.year_start,
                            "date_to": cls.year_end,
                            "planned_amount": 1000.0,
                        }
                    )
                ],
            }
        )
        cls.budget.action_budget_confirm()
        cls.line = cls.budget.crossovered_budget_line_ids
        cls.landlord = cls.env["res.partner"].create(
            {"name": "Maple Street Apartments LLC", "is_company": True}
        )
        cls.utility = cls.env["res.partner"].create({"name": "City Power", "is_company": True})
        cls.rent = cls.env.ref("rrs_assistance.purpose_rent")
        cls.food = cls.env.ref("rrs_assistance.purpose_food")
        cls.furniture = cls.env.ref("rrs_assistance.purpose_furniture")
        cls.case = cls._case(arrival_date=cls.today - relativedelta(days=10))
        cls.member = cls.case.member_ids[:1]

    # ----------------------------------------------------------------- helpers
    def _document(self, name="lease.txt", user=None):
        # uploaded by the user who attaches it, as the web client does
        return (
            self.env["ir.attachment"]
            .with_user(user or self.env.user)
            .create(
                {
                    "name": name,
                    "datas": base64.b64encode(b"Lease for unit 4B, 1,200 a month"),
                    "res_model": "rrs.assistance.request",
                }
            )
        )

    def _vals(self, amount=300.0, user=None, **vals):
        values = {
            "case_id": self.case.id,
            "beneficiary_id": self.member.id,
            "payee_type": "vendor",
            "payee_id": self.landlord.id,
            "purpose_id": self.furniture.id,
            "amount": amount,
            "grant_id": self.grant.id,
            "justification": "Beds and a table for the new apartment",
            "document_ids": [Command.set(self._document(user=user).ids)],
        }
        values.update(vals)
        return values

    def _request(self, amount=300.0, user=None, **vals):
        return (
            self.env["rrs.assistance.request"]
            .with_user(user or self.worker)
            .create(self._vals(amount, user=user or self.worker, **vals))
        )

    def _submitted(self, amount=300.0, user=None, **vals):
        request = self._request(amount, user=user, **vals)
        request.action_submit()
        return request

    def _approved(self, amount=300.0, **vals):
        request = self._submitted(amount, **vals)
        request.with_user(self.supervisor).action_approve()
        return request

    def _validated(self, amount=300.0, **vals):
        request = self._approved(amount, **vals)
        request.with_user(self.finance).action_validate()
        return request

    def _pay(self, request, user=None):
        move = request.move_id
        wizard = (
            self.env["account.payment.register"]
            .with_user(user or self.finance)
            .with_context(active_model="account.move", active_ids=move.ids)
            .create({"payment_date": self.today})
        )
        return wizard._create_payments()
