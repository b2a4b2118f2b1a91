# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Query counts of the requests list (worker, supervisor, finance) and of the grant budget list,
at two data sizes: the same number of queries."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RrsAssistanceCommon

REQUEST_LIST = {
    "name": {},
    "case_id": {"fields": {"display_name": {}}},
    "beneficiary_label": {},
    "purpose_id": {"fields": {"display_name": {}}},
    "payee_id": {"fields": {"display_name": {}}},
    "grant_id": {"fields": {"display_name": {}}},
    "date": {},
    "amount": {},
    "currency_id": {"fields": {}},
    "requested_by_id": {"fields": {"display_name": {}}},
    "over_limit": {},
    "has_anomaly": {},
    "state": {},
    "can_review": {},
}
BUDGET_LIST = {
    "analytic_account_id": {"fields": {"display_name": {}}},
    "crossovered_budget_id": {"fields": {"display_name": {}}},
    "date_from": {},
    "date_to": {},
    "planned_amount": {},
    "rrs_awaiting_amount": {},
    "rrs_committed_amount": {},
    "rrs_paid_amount": {},
    "rrs_remaining_amount": {},
    "rrs_used_percent": {},
}


@tagged("post_install", "-at_install")
class TestAssistancePerformance(RrsAssistanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.line.planned_amount = 10**7
        Request = cls.env["rrs.assistance.request"]
        purposes = cls.env["rrs.assistance.purpose"].search([])
        vals = []
        for i in range(40):
            case = cls._case(head=cls._person(f"Head {i}", age=30 + i % 20))
            vals.append(
                {
                    "case_id": case.id,
                    "beneficiary_id": case.member_ids[:1].id,
                    "payee_id": (cls.landlord if i % 2 else cls.utility).id,
                    "purpose_id": purposes[i % len(purposes)].id,
                    "amount": 100.0 + i,
                    "grant_id": cls.grant.id,
                    "justification": "Need",
                    "requested_by_id": cls.worker.id,
                    "state": ("draft", "submitted", "approved", "validated")[i % 4],
                    "budget_line_id": cls.line.id if i % 4 == 3 else False,
                    "validated_date": cls.today if i % 4 == 3 else False,
                }
            )
        # built as superuser in their stages: the test measures reading them
        cls.requests = Request.create(vals)
        # more grants with a budget line each
        for i in range(12):
            grant = cls.env["account.analytic.account"].create(
                {"name": f"Grant {i}", "plan_id": cls.plan.id}
            )
            cls.budget.write(
                {
                    "crossovered_budget_line_ids": [
                        Command.create(
                            {
                                "general_budget_id": cls.budget_post.id,
                                "analytic_account_id": grant.id,
                                "date_from": cls.year_start,
                                "date_to": cls.year_end,
                                "planned_amount": 5000.0,
                            }
                        )
                    ]
                }
            )

    def _count(self, model, user, domain, spec, limit):
        records = self.env[model].with_user(user)
        records.web_search_read(domain, spec, limit=limit)  # warm the caches (rules, views)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = records.web_search_read(domain, spec, limit=limit)
        count = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        return count, len(result["records"])

    def _assert_constant(self, model, user, domain, spec, sizes, expected):
        counts = []
        for limit in sizes:
            count, read = self._count(model, user, domain, spec, limit)
            self.assertEqual(read, limit)
            counts.append(count)
        # the same at both sizes, and within the ceiling measured when written
        self.assertEqual(len(set(counts)), 1, f"{model} as {user.login}: {counts}")
        self.assertLessEqual(counts[0], expected, f"{model} as {user.login}: {counts}")

    def test_request_list_query_count_worker_supervisor_finance(self):
        domain = [("id", "in", self.requests.ids)]
        self._assert_constant(
            "rrs.assistance.request", self.worker, domain, REQUEST_LIST, (5, 40), 15
        )
        self._assert_constant(
            "rrs.assistance.request", self.supervisor, domain, REQUEST_LIST, (5, 40), 15
        )
        finance_domain = domain + [("state", "in", ("approved", "validated"))]
        self._assert_constant(
            "rrs.assistance.request", self.finance, finance_domain, REQUEST_LIST, (5, 20), 15
        )

    def test_a_batch_of_requests_is_numbered_in_its_creation(self):
        """Each request gets its number in the creation itself, a worker's batch and the
        system's alike: a write per request after it snapshotted the whole batch for the
        change history once per request (4 requests a second in scripts/populate, issue 17)."""
        Log = self.env["auditlog.log"]
        batch = (
            self.env["rrs.assistance.request"]
            .with_user(self.worker)
            .create([self._vals(100.0 + i, user=self.worker) for i in range(6)])
        )
        for requests in (batch, self.requests):
            names = requests.mapped("name")
            self.assertTrue(all(name.startswith("FA/") for name in names), names)
            self.assertEqual(len(set(names)), len(requests))
            logs = Log.search(
                [("model_id.model", "=", requests._name), ("res_id", "in", requests.ids)]
            )
            self.assertEqual(set(logs.mapped("method")), {"create"})
            self.assertEqual(len(logs), len(requests))
        # the number stays the system's: a client's own is refused
        with self.assertRaisesRegex(UserError, "set by the system"):
            self.env["rrs.assistance.request"].with_user(self.worker).create(
                self._vals(50.0, user=self.worker, name="FA/forged/1")
            )

    def test_budget_list_query_count(self):
        domain = [
            ("analytic_account_id.rrs_is_grant", "=", True),
            ("crossovered_budget_id", "=", self.budget.id),
        ]
        self._assert_constant(
            "crossovered.budget.lines", self.finance, domain, BUDGET_LIST, (3, 13), 8
        )
        lines = self.env["crossovered.budget.lines"].search([("id", "=", self.line.id)])
        self.assertEqual(
            lines.rrs_committed_amount,
            sum(self.requests.filtered(lambda r: r.state == "validated").mapped("amount")),
        )
        self.assertEqual(
            lines.rrs_awaiting_amount,
            sum(self.requests.filtered(lambda r: r.state == "approved").mapped("amount")),
        )
