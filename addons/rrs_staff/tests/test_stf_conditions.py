# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Each condition of the staff rules alone (issue 18): rules STF-1 to STF-4."""

from dateutil.relativedelta import relativedelta
from psycopg2.errors import CheckViolation

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import RrsStaffCommon


@tagged("post_install", "-at_install")
class TestStaffConditions(RrsStaffCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.arabic = cls.env.ref("rrs_case.language_ara")
        cls.agency = cls.env["res.partner"].create({"name": "Other agency", "is_company": True})

    def _closed_case(self, user=None, program=None):
        """A case referred out at intake: closed, never served."""
        case = self._case(
            user=user,
            program=program,
            applicant_informed_date=self.today,
            referred_out_partner_id=self.agency.id,
        )
        case.action_refer_out()
        self.assertEqual(case.state, "closed")
        return case

    def _workload(self, user, program=None):
        self.env.invalidate_all()  # a view: each screen reads it afresh
        return (
            self.env["rrs.staff.workload"]
            .with_user(self.supervisor)
            .search([("user_id", "=", user.id), ("program_id", "=", (program or self.program).id)])
        )

    def _wizard(self, cases):
        return (
            self.env["rrs.case.assign.wizard"]
            .with_user(self.supervisor)
            .with_context(active_model="rrs.case", active_ids=cases.ids)
            .create({})
        )

    def _speaks_arabic(self, employee):
        skill = self.arabic.skill_id
        self.env["hr.employee.skill"].create(
            {
                "employee_id": employee.id,
                "skill_type_id": skill.skill_type_id.id,
                "skill_id": skill.id,
                "skill_level_id": self.env.ref("hr_skills.hr_skill_level_c2").id,
            }
        )

    def _candidate(self, wizard, user):
        return wizard.candidate_ids.filtered(lambda c: c.user_id == user)

    # ------------------------------------------------------------------- STF-1
    def test_stf1_closed_cases_are_not_caseload(self):
        # rule STF-1: the caseload and the workload view count open cases only
        child = self._person("Child", age=6)
        self._case(members=[(child, "child")])
        self._closed_case()
        load = self.worker.rrs_caseload(self.program)[(self.worker.id, self.program.id)]
        self.assertEqual((load.cases, load.clients), (1, 2))
        row = self._workload(self.worker)
        self.assertEqual((row.case_count, row.client_count, row.program_case_count), (1, 2, 1))

    def test_stf1_other_programs_do_not_count(self):
        # rule STF-1: target and open cases are per program: a case in another program
        # neither adds to this program's count nor puts the worker over its target
        program = self.program.copy({"code": "CAP", "caseload_target": 1, "caseload_cap": 2})
        self._case(program=program)
        self._case()
        row = self._workload(self.worker, program)
        self.assertEqual((row.program_case_count, row.over_target, row.at_cap), (1, False, False))
        self._case(program=program)
        row = self._workload(self.worker, program)
        self.assertEqual((row.program_case_count, row.over_target, row.at_cap), (2, True, True))
        self.assertEqual(self._workload(self.worker).program_case_count, 1)

    def test_stf1_eligible_workers_ranked_first_and_preselected(self):
        # rule STF-1: an ineligible worker (no First Aid, blocking in ICM) comes after an
        # eligible one, even speaking the language with no load; with no one eligible,
        # no worker is preselected
        self._speaks_arabic(self.employee)
        first_aid = self._certify(self.employee_other)
        self._case(user=self.worker_other)
        self._case(user=self.worker_other)
        case = self._case(
            program=self.program_icm,
            user=self.worker_other,
            language_ids=[Command.set(self.arabic.ids)],
        )
        wizard = self._wizard(case)
        worker = self._candidate(wizard, self.worker)
        other = self._candidate(wizard, self.worker_other)
        self.assertEqual((worker.eligible, worker.language_match), (False, True))
        self.assertTrue(other.eligible)
        self.assertLess(other.rank, worker.rank)
        self.assertEqual(wizard.user_id, self.worker_other)
        # the First Aid of the only eligible worker expires: no one is preselected
        first_aid.valid_to = self.today - relativedelta(days=1)
        wizard = self._wizard(case)
        self.assertFalse(wizard.candidate_ids.filtered("eligible"))
        self.assertFalse(wizard.user_id)

    def test_stf1_primary_language_matched(self):
        # rule STF-1: the household's primary language counts as a language to match
        self._speaks_arabic(self.employee_other)
        self._case(user=self.worker_other)
        case = self._case(user=self.supervisor, primary_language_id=self.arabic.id)
        self.assertFalse(case.language_ids)
        wizard = self._wizard(case)
        other = self._candidate(wizard, self.worker_other)
        self.assertTrue(other.language_match)
        self.assertFalse(self._candidate(wizard, self.worker).language_match)
        self.assertLess(other.rank, self._candidate(wizard, self.worker).rank)

    # ------------------------------------------------------------------- STF-2
    def test_stf2_hours_per_part_and_clients_on_the_workload(self):
        # rule STF-2: each need level's total is its case, activity and referral hours;
        # the workload adds each part per case, and counts the clients in the cases
        totals = {w.code: w.total_hours for w in self.env["rrs.workload.weight"].search([])}
        self.assertEqual(
            {k: totals[k] for k in ("very_high", "high", "moderate", "moderate_low", "low")},
            {"very_high": 49, "high": 44, "moderate": 50, "moderate_low": 34, "low": 24},
        )
        child = self._person("Child", age=6)
        self._case(members=[(child, "child")])
        self._case()
        row = self._workload(self.worker)
        self.assertEqual(
            (row.case_count, row.client_count, row.case_hours, row.activity_hours),
            (2, 3, 40, 38),
        )
        self.assertEqual((row.referral_hours, row.total_hours), (22, 100))

    def test_stf2_weighted_by_the_case_need_level(self):
        # rule STF-2: with needs assessments installed, a case weighs its need level's hours
        if "need_level_id" not in self.env["rrs.case"]._fields:
            self.skipTest("needs assessments (rrs_staff_assessment) are not installed")
        low = self.env.ref("rrs_assessment.need_level_low")
        very_high = self.env.ref("rrs_assessment.need_level_very_high")
        cases = self._case() | self._case() | self._case()
        # the level of the latest matrix, set here as its completion would
        self.env.cr.execute(
            "UPDATE rrs_case SET need_level_id = %s WHERE id = %s", (low.id, cases[0].id)
        )
        self.env.cr.execute(
            "UPDATE rrs_case SET need_level_id = %s WHERE id = %s", (very_high.id, cases[1].id)
        )
        Workload = self.env["rrs.staff.workload"].with_user(self.supervisor)
        self.env.invalidate_all()
        rows = Workload.search([("user_id", "=", self.worker.id)])
        self.assertEqual(
            {row.weight_id.code: row.total_hours for row in rows},
            {"low": 24, "very_high": 49, "not_assessed": 50},
        )

    @mute_logger("odoo.sql_db")
    def test_stf2_workload_hours_not_negative(self):
        # rule STF-2: a program manager configures the hours (not a supervisor nor a case
        # worker), never below zero
        low = self.env.ref("rrs_staff.workload_weight_low")
        for user in (self.worker, self.supervisor):
            with self.assertRaisesRegex(AccessError, "not allowed to modify 'Workload Weight'"):
                low.with_user(user).write({"case_hours": 12})
        weight = low.with_user(self.manager)
        weight.write({"case_hours": 0, "activity_hours": 0, "referral_hours": 0})
        weight.flush_recordset()
        self.assertEqual(weight.total_hours, 0)
        for field in ("case_hours", "activity_hours", "referral_hours"):
            with (
                self.assertRaisesRegex(CheckViolation, "rrs_workload_weight_hours_positive"),
                self.cr.savepoint(),
            ):
                weight.write({field: -1})
                weight.flush_recordset()
            self.env.invalidate_all()

    # ------------------------------------------------------------------- STF-3
    def test_stf3_certification_from_a_future_date_does_not_count(self):
        # rule STF-3: a First Aid valid only from tomorrow is not on file today
        skill = self.first_aid
        self.env["hr.employee.skill"].create(
            {
                "employee_id": self.employee.id,
                "skill_type_id": skill.skill_type_id.id,
                "skill_id": skill.id,
                "skill_level_id": self.level_done.id,
                "valid_from": self.today + relativedelta(days=1),
                "valid_to": self.today + relativedelta(years=1),
            }
        )
        with self.assertRefused(f"{self.worker.name} has no First Aid on file"):
            self._case(program=self.program_icm, user=self.worker)
        status = (
            self.env["rrs.staff.requirement.status"]
            .with_user(self.manager)
            .search(
                [
                    ("employee_id", "=", self.employee.id),
                    ("program_id", "=", self.program_icm.id),
                    ("skill_id", "=", skill.id),
                ]
            )
        )
        self.assertEqual(status.status, "missing")

    def test_stf3_latest_certification_counts_whatever_the_order(self):
        # rule STF-3: the renewal counts even when an older, expired certification is
        # recorded after it; a certification without expiry counts too
        self._certify(self.employee, days_valid=200)
        self._certify(self.employee, valid_to=self.today - relativedelta(days=30))
        case = self._case(program=self.program_icm, user=self.worker)
        self.assertEqual(case.user_id, self.worker)
        permanent = self._certify(self.employee_other)
        permanent.valid_to = False
        self._certify(self.employee_other, valid_to=self.today - relativedelta(days=30))
        case = self._case(program=self.program_icm, user=self.worker_other)
        self.assertEqual(case.user_id, self.worker_other)
        Status = self.env["rrs.staff.requirement.status"].with_user(self.manager)
        row = Status.search(
            [
                ("employee_id", "=", self.employee_other.id),
                ("program_id", "=", self.program_icm.id),
                ("skill_id", "=", self.first_aid.id),
            ]
        )
        self.assertEqual((row.status, row.valid_to, row.problem), ("valid", False, False))

    def test_stf3_status_on_the_day_of_expiry_and_60_days_before(self):
        # rule STF-3: valid until today is "expiring", not expired; expiring in exactly 60
        # days counts on the worker's workload, in 61 days it does not
        self._certify(self.employee, valid_to=self.today)
        Status = self.env["rrs.staff.requirement.status"].with_user(self.manager)
        row = Status.search(
            [
                ("employee_id", "=", self.employee.id),
                ("program_id", "=", self.program_icm.id),
                ("skill_id", "=", self.first_aid.id),
            ]
        )
        self.assertEqual(row.status, "expiring")
        self._case(user=self.worker_other)
        self._certify(self.employee_other, valid_to=self.today + relativedelta(days=60))
        self.assertEqual(self._workload(self.worker_other).requirements_expiring, 1)
        self._certify(self.employee_other, valid_to=self.today + relativedelta(days=61))
        self.assertEqual(self._workload(self.worker_other).requirements_expiring, 0)

    def test_stf3_expired_requirement_is_a_problem_of_the_employee(self):
        # rule STF-3: in a program demanding First Aid only, an expired First Aid is the
        # employee's problem (and out of the "in order" filter); renewed, they are in order
        program = self.program.copy({"code": "FA"})
        self.env["rrs.program.requirement"].create(
            {"program_id": program.id, "skill_id": self.first_aid.id}
        )
        employee = self.employee_other
        employee.rrs_program_ids = [Command.set(program.ids)]
        self._certify(employee, valid_to=self.today - relativedelta(days=1))
        # the HR officer, who reads staff records
        officer = new_test_user(self.env, login="rrs_hr_officer", groups="hr.group_hr_user")
        Employee = self.env["hr.employee"].with_user(officer)
        in_order = Employee.search([("rrs_requirements_ok", "=", True)])
        self.assertNotIn(employee, in_order)
        self.assertIn(employee, Employee.search([("rrs_requirements_ok", "=", False)]))
        mine = Employee.browse(employee.id)
        self.assertFalse(mine.rrs_requirements_ok)
        self.assertIn("First Aid valid until", mine.rrs_requirement_problems)
        self._certify(employee)
        self.env.invalidate_all()
        self.assertIn(employee, Employee.search([("rrs_requirements_ok", "=", True)]))
        self.assertTrue(mine.rrs_requirements_ok)

    def test_stf3_archived_employee_leaves_the_compliance_list(self):
        # rule STF-3: the compliance list is of the current staff
        Status = self.env["rrs.staff.requirement.status"].with_user(self.manager)
        domain = [("employee_id", "=", self.employee_far.id)]
        self.assertEqual(
            len(Status.search(domain)),
            len((self.program | self.program_icm | self.program_prs).requirement_ids),
        )
        self.employee_far.action_archive()
        self.env.invalidate_all()
        self.assertFalse(Status.search(domain))

    def test_stf3_cultural_brokers_and_interpreters_carry_no_cases(self):
        # rule STF-3 (RRS 2.05): interpreters and cultural brokers support cases; they are
        # not offered cases to carry
        case = self._case()
        for role in ("cultural_broker", "interpreter"):
            self.employee_other.rrs_role = role
            self.assertNotIn(self.worker_other, self._wizard(case).candidate_ids.user_id, role)
        self.employee_other.rrs_role = "case_worker"
        self.assertIn(self.worker_other, self._wizard(case).candidate_ids.user_id)

    # ------------------------------------------------------------------- STF-4
    def test_stf4_only_supervisors_rank_the_team(self):
        # rule STF-4: the ranking is the supervisor's tool; a case worker calling it is
        # refused
        case = self._case()
        Wizard = self.env["rrs.case.assign.wizard"]
        with self.assertRaisesRegex(AccessError, "Only supervisors and program managers assign"):
            Wizard.with_user(self.worker)._rank_rows(case.with_user(self.worker))
        rows = Wizard.with_user(self.supervisor)._rank_rows(case.with_user(self.supervisor))
        self.assertIn(self.worker_other.id, [row["user_id"] for row in rows])

    def test_stf4_reassign_open_cases_of_the_row_only(self):
        # rule STF-4: from a workload row, the worker's open cases in that program move;
        # closed ones and other programs' stay; a colleague's activity stays theirs; a case
        # already with the new worker gets no reassignment message
        open_case = self._case()
        closed = self._closed_case()
        self._case(program=self.program_prs)
        row = self._workload(self.worker)
        action = row.action_reassign()
        wizard = (
            self.env["rrs.case.assign.wizard"].with_user(self.supervisor).browse(action["res_id"])
        )
        self.assertEqual(wizard.case_ids, open_case)
        opened = row.action_open_cases()
        self.assertEqual(
            self.env["rrs.case"].with_user(self.supervisor).search(opened["domain"]), open_case
        )
        todo = self.env.ref("mail.mail_activity_data_todo")
        colleague = open_case.activity_schedule(
            activity_type_id=todo.id, user_id=self.worker_other.id, summary="Interpret"
        )
        theirs = self._case(user=self.worker_far)
        other_activity = theirs.activity_schedule(
            activity_type_id=todo.id, user_id=self.worker.id, summary="Cover the visit"
        )
        already = self._case(user=self.worker_other)
        Wizard = self.env["rrs.case.assign.wizard"].with_user(self.manager)
        bulk = Wizard.with_context(
            active_model="rrs.case", active_ids=(open_case | closed | theirs | already).ids
        ).create({})
        bulk.write({"user_id": self.worker_other.id, "reason": "Leave"})
        bulk.action_assign()
        self.assertEqual(open_case.user_id, self.worker_other)
        self.assertEqual(closed.user_id, self.worker)
        self.assertEqual(colleague.user_id, self.worker_other)
        self.assertEqual(other_activity.user_id, self.worker)
        self.assertFalse(
            already.message_ids.filtered(lambda m: "reassigned from" in (m.body or ""))
        )

    def test_stf4_team_is_the_supervisor_not_the_coach(self):
        # rule STF-4: the team of a workload row is the worker's supervisor in the
        # hierarchy, whoever coaches them
        self._case(user=self.worker_other)
        self.employee_other.coach_id = self.employee_far
        self.assertEqual(self._workload(self.worker_other).supervisor_user_id, self.supervisor)

    def test_stf3_closed_case_handed_over_whatever_the_requirements(self):
        # rule STF-3: only open cases are assignments; a supervisor hands a closed ICM case
        # (its file) to a worker whose First Aid expired, not an open one
        self._certify(self.employee_other)
        self._certify(self.employee, valid_to=self.today - relativedelta(days=1))
        closed = self._closed_case(user=self.worker_other, program=self.program_icm)
        open_case = self._case(user=self.worker_other, program=self.program_icm)
        with self.assertRefused(f"{self.worker.name}'s First Aid expired on"):
            open_case.with_user(self.supervisor).write({"user_id": self.worker.id})
        self.assertEqual(open_case.user_id, self.worker_other)
        closed.with_user(self.supervisor).write({"user_id": self.worker.id})
        self.assertEqual(closed.user_id, self.worker)
