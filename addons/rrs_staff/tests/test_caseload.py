# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import RrsStaffCommon


@tagged("post_install", "-at_install")
class TestCaseload(RrsStaffCommon):
    def _count_queries(self, func):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        return self.cr.sql_log_count - before

    def test_stf1_caseload_counts_open_cases_and_clients(self):
        # rule STF-1: one computation of open cases and clients per worker and program
        child = self._person("Child", age=5)
        self._case(members=[(child, "child")])
        self._case()
        third = self._case()
        load = self.worker.rrs_caseload(self.program)
        self.assertEqual(load[(self.worker.id, self.program.id)].cases, 3)
        self.assertEqual(load[(self.worker.id, self.program.id)].clients, 4)
        load = self.worker.rrs_caseload(self.program, exclude_cases=third)
        self.assertEqual(load[(self.worker.id, self.program.id)].cases, 2)
        self.assertNotIn((self.worker_other.id, self.program.id), load)

    def test_prs9_41st_case_refused(self):
        # rule PRS-9: 25 per case manager, up to 40, never above 40 (the hook counts them)
        program = self.program_prs
        self.assertEqual((program.caseload_target, program.caseload_cap), (25, 40))
        for _i in range(40):
            self._case(program=program)
        load = self.worker.rrs_caseload(program)[(self.worker.id, program.id)]
        self.assertEqual(load.cases, 40)
        with self.assertRefused("already has 40 open cases"):
            self._case(program=program)
        self.assertEqual(
            self._case(program=program, user=self.worker_other).user_id, self.worker_other
        )

    def test_stf2_workload_weighted_by_need_level_weights(self):
        # rule STF-2: CSS hours per need level, configurable; cases not assessed weigh as
        # Moderate (20 + 19 + 11)
        weights = {
            w.code: (w.case_hours, w.activity_hours, w.referral_hours)
            for w in self.env["rrs.workload.weight"].search([])
        }
        self.assertEqual(weights["very_high"], (17, 22, 10))
        self.assertEqual(weights["high"], (19, 15, 10))
        self.assertEqual(weights["moderate"], (20, 19, 11))
        self.assertEqual(weights["moderate_low"], (16, 13, 5))
        self.assertEqual(weights["low"], (10, 10, 4))
        self._case()
        self._case()
        Workload = self.env["rrs.staff.workload"].with_user(self.supervisor)
        [(hours, cases)] = Workload._read_group(
            [("user_id", "=", self.worker.id)], [], ["total_hours:sum", "case_count:sum"]
        )
        self.assertEqual((hours, cases), (100, 2))
        # per team: the supervisor's workers together (STF-4)
        [(team_cases,)] = Workload._read_group(
            [("supervisor_user_id", "=", self.supervisor.id)], [], ["case_count:sum"]
        )
        self.assertEqual(team_cases, 2)
        self.env.ref("rrs_staff.workload_weight_not_assessed").case_hours = 30
        [(hours,)] = Workload._read_group(
            [("user_id", "=", self.worker.id)], [], ["total_hours:sum"]
        )
        self.assertEqual(hours, 120)

    def test_stf1_stf4_over_target_and_at_cap(self):
        # rules STF-1, STF-4: the supervisor sees who is over target and who is at the cap
        program = self.program.copy({"code": "CAP", "caseload_target": 1, "caseload_cap": 2})
        self._case(program=program)
        self._case(program=program, user=self.worker_other)
        Workload = self.env["rrs.staff.workload"].with_user(self.supervisor)
        row = Workload.search(
            [("user_id", "=", self.worker_other.id), ("program_id", "=", program.id)]
        )
        self.assertFalse(row.over_target)
        self._case(program=program)
        row = Workload.search([("user_id", "=", self.worker.id), ("program_id", "=", program.id)])
        self.assertEqual((row.program_case_count, row.over_target, row.at_cap), (2, True, True))
        self.assertEqual(
            Workload.search([("at_cap", "=", True), ("program_id", "=", program.id)]).user_id,
            self.worker,
        )

    def test_workload_view_queries_constant_in_cases(self):
        # rule STF-2: the supervisor's workload list and totals read the same number of
        # queries at 5 and at 40 cases
        Workload = self.env["rrs.staff.workload"].with_user(self.supervisor)
        spec = [
            "user_id",
            "program_id",
            "weight_id",
            "case_count",
            "client_count",
            "total_hours",
            "over_target",
            "at_cap",
            "requirements_expiring",
        ]

        def read_view():
            Workload.search_read([], spec)
            Workload._read_group([], ["user_id"], ["total_hours:sum", "case_count:sum"])

        for _i in range(5):
            self._case()
        read_view()  # warm the rule and field caches
        small = self._count_queries(read_view)
        for _i in range(35):
            self._case(user=self.worker_other)
        large = self._count_queries(read_view)
        self.assertEqual(small, large)
        self.assertLessEqual(large, 12)

    def test_stf2_team_workload_filters_the_team_before_counting(self):
        """Issue 17, rule STF-2: a supervisor's workload counts the team's open cases, not
        the company's first: the team filter reaches the cases (every window of the view is
        partitioned by the worker): the plan reads the cases by worker, instead of filtering
        the counted rows by worker afterwards, and the rows are the team's."""
        self._case()
        self._case(user=self.worker_other)
        Workload = self.env["rrs.staff.workload"].with_user(self.supervisor)
        plan = self._plan(Workload._search([]).select("rrs_staff_workload.user_id"))
        self.assertNotIn("rrs_staff_workload.user_id = ANY", plan)
        self.assertRegex(
            plan, r"on rrs_case c\b.*\n\s+(?:Index Cond|Recheck Cond|Filter): \(+user_id = ANY"
        )
        team = self.env["res.users"].browse(self.supervisor.rrs_supervised_user_ids())
        self.assertTrue(Workload.search([]).user_id)
        self.assertLessEqual(Workload.search([]).user_id, team)
        rows = Workload.search([])
        self.assertEqual(len(set(rows.ids)), len(rows), "each row has an id of its own")

    def test_stf3_requirements_expiring_on_the_workload(self):
        # rule STF-3: a requirement expiring within 60 days shows on the worker's load; a
        # renewal hides it; a requirement missing in several programs counts once
        self._case()
        Workload = self.env["rrs.staff.workload"].with_user(self.supervisor)

        def row():
            self.env.invalidate_all()  # a view: each screen reads it afresh
            return Workload.search([("user_id", "=", self.worker.id)])[:1]

        missing_before = row().requirements_missing
        self._certify(self.employee, days_valid=30)
        self.assertEqual(row().requirements_expiring, 1)
        self.assertEqual(row().requirements_missing, missing_before - 1)
        self._certify(self.employee, days_valid=400)
        self.assertEqual(row().requirements_expiring, 0)
