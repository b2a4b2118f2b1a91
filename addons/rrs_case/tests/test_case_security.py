# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Permission matrix: what each role may and may NOT do on cases, notes and consents."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestCaseSecurity(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._active_case(user=cls.worker)
        cls.case_other = cls._active_case(user=cls.worker_other)  # same supervisor
        cls.case_far = cls._active_case(user=cls.worker_far)  # another supervisor's team
        Note = cls.env["rrs.case.note"]
        cls.note = Note.create({"case_id": cls.case.id, "subject": "Housing search"})
        cls.note_conf = Note.create(
            {"case_id": cls.case.id, "subject": "Safety concern", "confidential": True}
        )
        cls.note_far = Note.create({"case_id": cls.case_far.id, "subject": "Employment"})
        cls.consent = cls.case.consent_ids[:1]

    def assertCanRead(self, user, *recordsets):
        for record in (r for records in recordsets for r in records):
            record.with_user(user).check_access("read")
            self.assertTrue(record.with_user(user).read(["display_name"]))

    def assertCannotRead(self, user, *recordsets):
        for record in (r for records in recordsets for r in records):
            with self.assertRaises(AccessError, msg=f"{user.login} read {record}"):
                record.with_user(user).read(["display_name"])
            if not self.env[record._name].with_user(user).has_access("read"):
                continue  # no access to the model at all: searching raises too
            self.assertFalse(
                record.with_user(user).search([("id", "=", record.id)]),
                f"{user.login} finds {record}",
            )

    # ------------------------------------------------------------- case worker
    def test_worker_reads_and_writes_own_cases_only(self):
        # rule ELIG-2: the family's assigned workers see the case
        Case = self.env["rrs.case"].with_user(self.worker)
        self.assertEqual(Case.search([]), self.case)
        self.case.with_user(self.worker).write({"urgent_needs": "Winter clothing"})
        self.assertCannotRead(self.worker, self.case_other, self.case_far)
        with self.assertRaises(AccessError):
            self.case_other.with_user(self.worker).write({"urgent_needs": "x"})
        with self.assertRaises(AccessError):
            self.case.with_user(self.worker).unlink()

    def test_secondary_worker_shares_the_case(self):
        self.assertCannotRead(self.worker_other, self.case)
        self.case.secondary_user_ids = [Command.link(self.worker_other.id)]
        self.assertCanRead(self.worker_other, self.case, self.note, self.note_conf, self.consent)

    def test_worker_cannot_create_a_case_for_another_worker(self):
        head = self._person("New arrival", age=30)
        Case = self.env["rrs.case"].with_user(self.worker)
        own = Case.create(
            {
                "program_id": self.program.id,
                "member_ids": [Command.create({"partner_id": head.id, "relationship": "head"})],
            }
        )
        self.assertEqual(own.user_id, self.worker)
        with self.assertRaises(AccessError):
            Case.create({"program_id": self.program.id, "user_id": self.worker_other.id})

    def test_worker_reads_notes_and_consents_of_own_cases(self):
        self.assertCanRead(self.worker, self.note, self.note_conf, self.consent)
        self.assertCannotRead(self.worker, self.note_far, self.case_far.consent_ids)
        note = (
            self.env["rrs.case.note"]
            .with_user(self.worker)
            .create({"case_id": self.case.id, "subject": "Phone call", "contact_type": "phone"})
        )
        self.assertEqual(note.author_id, self.worker)
        with self.assertRaises(AccessError):
            self.env["rrs.case.note"].with_user(self.worker).create(
                {"case_id": self.case_far.id, "subject": "Not my case"}
            )
        with self.assertRaises(AccessError):
            note.unlink()

    def test_elig2_only_supervisors_reassign_and_reopen(self):
        # rule ELIG-2: only supervisors and program managers change the primary worker
        with self.assertRaisesRegex(
            UserError, "Only a supervisor or a program manager assigns the primary case worker"
        ):
            self.case.with_user(self.worker).write({"user_id": self.worker_other.id})
        self.case.with_user(self.worker).write(
            {"secondary_user_ids": [Command.link(self.worker_other.id)]}
        )
        self.case.with_user(self.supervisor).write({"user_id": self.worker_other.id})
        self.assertEqual(self.case.user_id, self.worker_other)
        closed = self._active_case(user=self.worker)
        closed.action_start_closing()
        closed.write(
            {
                "closing_reason": "moved",
                "closing_summary": "Moved out of state",
                **self._aftercare(),
            }
        )
        closed.action_close()
        with self.assertRaisesRegex(
            UserError, "Only a supervisor or a program manager reopens a case"
        ):
            closed.with_user(self.worker).action_reopen()
        closed.with_user(self.supervisor).action_reopen()
        self.assertEqual(closed.state, "active")

    def test_worker_cannot_change_configuration(self):
        with self.assertRaises(AccessError):
            self.program.with_user(self.worker).write({"caseload_cap": 999})
        with self.assertRaises(AccessError):
            self.env["rrs.immigration.category"].with_user(self.worker).create(
                {"name": "Invented", "code": "x"}
            )

    # -------------------------------------------------------------- supervisor
    def test_supervisor_sees_the_team_cases_only(self):
        Case = self.env["rrs.case"].with_user(self.supervisor)
        self.assertEqual(Case.search([]), self.case | self.case_other)
        self.assertCanRead(self.supervisor, self.note_conf, self.consent)
        self.case_other.with_user(self.supervisor).write({"urgent_needs": "Reviewed"})
        self.assertCannotRead(self.supervisor, self.case_far, self.note_far)
        with self.assertRaises(AccessError):
            self.case_far.with_user(self.supervisor).write({"urgent_needs": "x"})

    def test_supervisor_follows_the_hierarchy(self):
        # moving the far worker under our supervisor gives access at once
        far_employee = self.worker_far.employee_ids
        far_employee.parent_id = self.supervisor.employee_ids
        self.assertCanRead(self.supervisor, self.case_far)
        # and a supervisor of supervisors sees the whole subtree
        director = new_test_user(self.env, login="rrs_director", groups="rrs_case.group_supervisor")
        self.env["hr.employee"].create({"name": "Director", "user_id": director.id})
        self.supervisor.employee_ids.parent_id = director.employee_ids
        self.assertEqual(
            self.env["rrs.case"].with_user(director).search([]),
            self.case | self.case_other | self.case_far,
        )

    def test_vis1_supervisor_checks_follow_the_hierarchy_at_once(self):
        """The team a supervisor's checks read (signing, reviewing, authorising) is kept
        between requests (issue 17) and follows every change of the hierarchy at once."""
        far_employee = self.worker_far.employee_ids
        action = "review this case"

        def supervises():
            try:
                self.case_far._check_supervisor_of(self.supervisor, action)
            except AccessError:
                return False
            return True

        self.assertFalse(supervises())
        self.assertFalse(supervises(), "the kept team")
        far_employee.parent_id = self.supervisor.employee_ids
        self.assertTrue(supervises())
        self.assertIn(self.worker_far.id, self.supervisor.rrs_supervised_user_ids())
        far_employee.parent_id = self.supervisor_other.employee_ids
        self.assertFalse(supervises())
        # an employee linked to another user, and one deleted, count at once too
        far_employee.parent_id = self.supervisor.employee_ids
        self.assertTrue(supervises())
        far_employee.user_id = False
        self.assertFalse(supervises())
        far_employee.user_id = self.worker_far
        self.assertTrue(supervises())
        far_employee.unlink()
        self.assertFalse(supervises())

    # --------------------------------------------------------- program manager
    def test_program_manager_sees_everything_of_the_company(self):
        Case = self.env["rrs.case"].with_user(self.manager)
        self.assertEqual(
            Case.search([("id", "in", (self.case | self.case_other | self.case_far).ids)]),
            self.case | self.case_other | self.case_far,
        )
        self.assertCanRead(self.manager, self.note_conf, self.note_far, self.consent)
        self.program.with_user(self.manager).write({"caseload_target": 30})
        self.note_far.with_user(self.manager).unlink()

    def test_multi_company_isolation(self):
        other_company = self.env["res.company"].create({"name": "Other agency"})
        self.manager.write({"company_ids": [Command.link(other_company.id)]})
        program_b = self.program.copy({"company_id": other_company.id, "code": "RRS-B"})
        worker_b = self._company_worker(other_company, "rrs_worker_b")
        case_b = (
            self.env["rrs.case"]
            .with_company(other_company)
            .create(
                {
                    "program_id": program_b.id,
                    "user_id": worker_b.id,
                    "company_id": other_company.id,
                }
            )
        )
        # the manager works in the first company: the other company's case is invisible
        manager_a = self.manager.with_context(allowed_company_ids=[self.company.id])
        self.assertFalse(
            self.env["rrs.case"]
            .with_user(manager_a)
            .with_context(allowed_company_ids=[self.company.id])
            .search([("id", "=", case_b.id)])
        )
        self.assertCannotRead(worker_b, self.case)

    # ----------------------------------------------------------------- finance
    def test_finance_reads_cases_never_notes_or_consents(self):
        self.assertCanRead(self.finance, self.case, self.case_far, self.case.member_ids)
        with self.assertRaises(AccessError):
            self.case.with_user(self.finance).write({"urgent_needs": "x"})
        with self.assertRaises(AccessError):
            self.env["rrs.case.note"].with_user(self.finance).search([])
        with self.assertRaises(AccessError):
            self.note.with_user(self.finance).read(["body"])
        with self.assertRaises(AccessError):
            self.env["rrs.consent"].with_user(self.finance).search([])
        # the stat counters on the case do not leak the notes either
        self.assertEqual(self.case.with_user(self.finance).note_count, 0)

    # ----------------------------------------------------------------- auditor
    def test_auditor_reads_all_but_confidential_notes_and_changes_nothing(self):
        self.assertCanRead(
            self.auditor, self.case, self.case_far, self.note, self.note_far, self.consent
        )
        with self.assertRaises(AccessError):
            self.note_conf.with_user(self.auditor).read(["body"])
        self.assertNotIn(
            self.note_conf, self.env["rrs.case.note"].with_user(self.auditor).search([])
        )
        with self.assertRaises(AccessError):
            self.case.with_user(self.auditor).write({"urgent_needs": "x"})
        with self.assertRaises(AccessError):
            self.note.with_user(self.auditor).write({"subject": "x"})
        with self.assertRaises(AccessError):
            self.consent.with_user(self.auditor).write({"revoked": True})

    # ------------------------------------------------------ confidential notes
    def test_confidential_notes_only_for_workers_supervisor_and_managers(self):
        readers = self.worker | self.supervisor | self.manager
        for user in readers:
            self.assertCanRead(user, self.note_conf)
        for user in (
            self.worker_other
            | self.worker_far
            | self.supervisor_other
            | self.finance
            | self.auditor
            | self.volunteer
        ):
            self.assertCannotRead(user, self.note_conf)

    # --------------------------------------------------------------- volunteer
    def test_volunteer_reads_no_case_data(self):
        for model in ("rrs.case", "rrs.case.member", "rrs.case.note", "rrs.consent"):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.volunteer).search([])
        with self.assertRaises(AccessError):
            self.case.with_user(self.volunteer).read(["name"])
        self.assertTrue(self.program.with_user(self.volunteer).read(["name"]))
