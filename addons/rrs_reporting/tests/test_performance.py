# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import RrsReportingCommon


@tagged("post_install", "-at_install")
class TestOut1Performance(RrsReportingCommon):
    def _count(self, model, user):
        outcomes = model.outcome_ids.with_user(user)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        outcomes.read(["numerator", "denominator", "value", "met"])
        return self.env.cr.sql_log_count - before

    def _add_families(self, count):
        for i in range(count):
            head = self._person(f"Head {i}", age=30 + i % 20)
            child = self._person(f"Child {i}", age=6 + i % 10)
            case = self._accepted_case(
                head=head,
                program=self.test_program,
                members=[(child, "child")],
                arrival_date=self.arrival,
            )
            self._job(head, 20 + i)
            self._enrol(child, 10 + i)
            self.assertTrue(case)

    def test_out1_outcome_figures_query_count_is_constant(self):
        # rule OUT-1: the figures are aggregates, the same number of queries at two sizes
        model = self._logic_model()
        counts = {}
        for user in (self.manager, self.worker):
            self._count(model, user)  # warm the caches of the rules and the registry
            small = self._count(model, user)
            self._add_families(10)
            large = self._count(model, user)
            counts[user.login] = (small, large)
            self.assertEqual(small, large, user.login)
            self.assertLessEqual(large, 12, user.login)
        self.assertEqual(model.with_user(self.manager).outcome_ids[0].denominator, 5 + 20)
