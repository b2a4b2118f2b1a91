# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RrsStaffCommon


@tagged("post_install", "-at_install")
class TestAssignWizard(RrsStaffCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.arabic = cls.env.ref("rrs_case.language_ara")
        arabic_skill = cls.arabic.skill_id
        cls.env["hr.employee.skill"].create(
            {
                "employee_id": cls.employee_other.id,
                "skill_type_id": arabic_skill.skill_type_id.id,
                "skill_id": arabic_skill.id,
                "skill_level_id": cls.env.ref("hr_skills.hr_skill_level_c2").id,
            }
        )

    def _wizard(self, cases, user=None):
        return (
            self.env["rrs.case.assign.wizard"]
            .with_user(user or self.supervisor)
            .with_context(active_model="rrs.case", active_ids=cases.ids)
            .create({})
        )

    def _rank_of(self, wizard, user):
        return wizard.candidate_ids.filtered(lambda c: c.user_id == user).rank

    def test_stf1_stf4_ranking_by_load_within_the_team(self):
        # rules STF-1, STF-2: with no language to match, the lighter weighted load first
        self._case()
        self._case()
        case = self._case(user=self.supervisor)
        wizard = self._wizard(case)
        self.assertLess(
            self._rank_of(wizard, self.worker_other), self._rank_of(wizard, self.worker)
        )
        self.assertGreater(
            wizard.candidate_ids.filtered(lambda c: c.user_id == self.worker).weighted_hours, 0
        )
        # only the supervisor's team is offered, without its interpreters
        self.assertNotIn(self.worker_far, wizard.candidate_ids.user_id)
        self.employee_other.rrs_role = "interpreter"
        wizard = self._wizard(case)
        self.assertNotIn(self.worker_other, wizard.candidate_ids.user_id)
        self.assertIn(self.worker, wizard.candidate_ids.user_id)

    def test_stf1_ranking_by_language_before_load(self):
        # rule STF-1: a worker speaking the household's language comes before a lighter load
        self._case(user=self.worker_other)
        self._case(user=self.worker_other)
        case = self._case(user=self.supervisor, language_ids=[Command.set(self.arabic.ids)])
        wizard = self._wizard(case)
        other = wizard.candidate_ids.filtered(lambda c: c.user_id == self.worker_other)
        self.assertTrue(other.language_match)
        self.assertLess(other.rank, self._rank_of(wizard, self.worker))
        self.assertEqual(wizard.user_id, self.worker_other)

    def test_ineligible_worker_named_with_reason(self):
        # rules STF-3, PRS-9: an expired blocking requirement or the hard cap makes a
        # worker ineligible, with the reason
        self._certify(self.employee, valid_to=self.today - relativedelta(days=3))
        self._certify(self.employee_other)
        case = self._case(program=self.program_icm, user=self.worker_other)
        wizard = self._wizard(case)
        worker = wizard.candidate_ids.filtered(lambda c: c.user_id == self.worker)
        self.assertFalse(worker.eligible)
        self.assertIn("First Aid expired on", worker.reason)
        wizard.user_id = self.worker
        with self.assertRefused("First Aid expired on"):
            wizard.action_assign()

    def test_stf4_bulk_reassignment_moves_open_activities(self):
        # rule STF-4: several cases of an overloaded worker move in one step; the case keeps
        # the history and the worker's open activities on those cases follow them
        cases = self._case() | self._case()
        todo = self.env.ref("mail.mail_activity_data_todo")
        worker_activity = cases[0].activity_schedule(
            activity_type_id=todo.id, user_id=self.worker.id, summary="Call the landlord"
        )
        supervisor_activity = cases[0].activity_schedule(
            activity_type_id=todo.id, user_id=self.supervisor.id, summary="Review the plan"
        )
        wizard = self._wizard(cases)
        wizard.write({"user_id": self.worker_other.id, "reason": "Workload above target"})
        wizard.action_assign()
        self.assertEqual(cases.user_id, self.worker_other)
        self.assertEqual(worker_activity.user_id, self.worker_other)
        self.assertEqual(supervisor_activity.user_id, self.supervisor)
        for case in cases:
            self.assertTrue(
                case.message_ids.filtered(
                    lambda m: (
                        "reassigned from" in (m.body or "") and "Workload above target" in m.body
                    )
                )
            )

    def test_stf4_reassigning_many_cases_costs_no_more_a_case(self):
        """Rule STF-4, issue 17: the supervisor moving 2 or 6 cases in one step costs the same:
        their worker, the relation the rules search on, each case's note and change-history
        entry (the former workers by name) are written once for all. The open activities that
        follow the cases (``test_stf4_bulk_reassignment_moves_open_activities``) are one write,
        but Odoo tells the new worker of each one by mail."""
        cases = self.env["rrs.case"].concat(*[self._case() for _ in range(10)])

        def run(batch):
            wizard = self._wizard(batch)
            wizard.write({"user_id": self.worker_other.id, "reason": "Workload above target"})
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            wizard.action_assign()
            self.env.flush_all()
            return self.cr.sql_log_count - before

        counts = {
            name: run(batch)
            for name, batch in (("warm-up", cases[:2]), ("2", cases[2:4]), ("6", cases[4:]))
        }
        self.assertEqual(counts["2"], counts["6"], counts)
        self.assertEqual(cases.user_id, self.worker_other)
        self.assertEqual(cases.worker_user_ids, self.worker_other)
        for case in cases:
            [note] = case.message_ids.filtered(lambda m: "reassigned from" in (m.body or ""))
            self.assertIn("Workload above target", note.body)
            self.assertEqual(note.author_id, self.supervisor.partner_id)
            self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
            history = self.env["auditlog.log"].search(
                [("model_id.model", "=", "rrs.case"), ("res_id", "=", case.id)]
            )
            self.assertIn(self.supervisor, history.user_id, "the change is the supervisor's")

    def test_bulk_reassignment_refused_above_cap(self):
        # rule PRS-9: a bulk move never takes a worker above the program's hard cap
        program = self.program.copy({"code": "CAP", "caseload_target": 1, "caseload_cap": 2})
        cases = self._case(program=program) | self._case(program=program)
        self._case(program=program, user=self.worker_other)
        wizard = self._wizard(cases)
        other = wizard.candidate_ids.filtered(lambda c: c.user_id == self.worker_other)
        self.assertFalse(other.eligible)
        self.assertIn("above the hard cap of 2", other.reason)
        wizard.user_id = self.worker_other
        with self.assertRefused("allows at most 2 per case worker"):
            wizard.action_assign()
        self.assertEqual(cases.user_id, self.worker)

    def test_stf4_case_worker_may_not_reassign(self):
        # rule STF-4: supervisors reassign, case workers do not
        case = self._case()
        with self.assertRaisesRegex(AccessError, "not allowed to create"):
            self._wizard(case, user=self.worker)

    def test_ranking_queries_constant_in_cases(self):
        # rules STF-1, STF-2: ranking the team reads the same number of queries whether the
        # workers carry 5 or 40 cases
        Wizard = self.env["rrs.case.assign.wizard"].with_user(self.supervisor)
        case = self._case(user=self.supervisor, language_ids=[Command.set(self.arabic.ids)])

        def rank():
            # each ranking as a new request: the records' cache and what the contact rule
            # reads once per transaction (a worker's people) are read again
            self.env.invalidate_all()
            self.env["res.partner"]._rrs_forget_people_of_users()
            before = self.cr.sql_log_count
            Wizard._rank_rows(case.with_user(self.supervisor))
            return self.cr.sql_log_count - before

        for _i in range(5):
            self._case()
        rank()  # warm the rule and field caches
        small = rank()
        for _i in range(35):
            self._case(user=self.worker_other)
        self.assertEqual(rank(), small)
