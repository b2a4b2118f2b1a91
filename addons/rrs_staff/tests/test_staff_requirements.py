# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import tagged

from .common import RrsStaffCommon


@tagged("post_install", "-at_install")
class TestStaffRequirements(RrsStaffCommon):
    def _icm_case(self, user):
        return self._case(program=self.program_icm, user=user).with_user(self.supervisor)

    def test_stf3_assignment_refused_while_blocking_requirement_expired(self):
        # rule STF-3: an expired blocking certification refuses the assignment, naming it
        # and since when; accepted once renewed
        expired_on = self.today - relativedelta(days=1)
        self._certify(self.employee, valid_to=expired_on)
        self._certify(self.employee_other)
        case = self._case(program=self.program_icm, user=self.worker_other)
        message = (
            f"{self.worker.name}'s First Aid expired on {expired_on}: renew it before "
            "assigning cases in Intensive Case Management"
        )
        # a plain write of the primary worker, as the supervisor who assigns
        with self.assertRefused(message):
            case.with_user(self.supervisor).write({"user_id": self.worker.id})
        # a new case
        Case = self.env["rrs.case"].with_user(self.supervisor)
        with self.assertRefused(message):
            Case.create(
                {
                    "program_id": self.program_icm.id,
                    "user_id": self.worker.id,
                    "member_ids": [
                        Command.create(
                            {"partner_id": self._person("Head", age=40).id, "relationship": "head"}
                        )
                    ],
                }
            )
        # renewed by the program manager: accepted
        self._certify(self.employee, env=self.env(user=self.manager))
        case.with_user(self.supervisor).write({"user_id": self.worker.id})
        self.assertEqual(case.user_id, self.worker)

    def test_stf3_assignment_boundary_day_of_expiry(self):
        # rule STF-3: a certification valid until today still counts; the day after it does not
        self._certify(self.employee, valid_to=self.today)
        case = self._icm_case(self.worker)
        self.assertEqual(case.user_id, self.worker)
        self._certify(self.employee_other, valid_to=self.today - relativedelta(days=1))
        with self.assertRefused(f"{self.worker_other.name}'s First Aid expired on"):
            self._icm_case(self.worker_other)

    def test_stf3_missing_blocking_requirement_refused(self):
        # rule STF-3: a blocking requirement never recorded is named as missing
        with self.assertRefused(
            f"{self.worker.name} has no First Aid on file: record it before assigning cases "
            "in Intensive Case Management"
        ):
            self._icm_case(self.worker)

    def test_stf3_non_blocking_requirement_does_not_refuse(self):
        # rule STF-3: non-blocking requirements show on the compliance list only
        self.assertFalse(self.env.ref("rrs_staff.requirement_reception_first_aid").blocking)
        case = self._case(program=self.program, user=self.worker)
        self.assertEqual(case.user_id, self.worker)
        Status = self.env["rrs.staff.requirement.status"]
        row = Status.search(
            [
                ("employee_id", "=", self.employee.id),
                ("program_id", "=", self.program.id),
                ("skill_id", "=", self.first_aid.id),
            ]
        )
        self.assertEqual(row.status, "missing")
        self.assertIn("First Aid is missing", row.problem)

    def test_stf3_compliance_status_and_employee_problems(self):
        # rule STF-3: missing, expired, expiring within 60 days and valid, on the list and
        # on the employee
        self._certify(self.employee, valid_to=self.today - relativedelta(days=1))
        self._certify(
            self.employee, self.police_check, valid_to=self.today + relativedelta(days=60)
        )
        self._certify(self.employee_other, valid_to=self.today + relativedelta(days=61))
        Status = self.env["rrs.staff.requirement.status"]

        def status(employee, skill):
            return Status.search(
                [
                    ("employee_id", "=", employee.id),
                    ("program_id", "=", self.program_icm.id),
                    ("skill_id", "=", skill.id),
                ]
            ).status

        self.assertEqual(status(self.employee, self.first_aid), "expired")
        self.assertEqual(status(self.employee, self.police_check), "expiring")
        self.assertEqual(status(self.employee_other, self.first_aid), "valid")
        self.assertEqual(status(self.employee_other, self.police_check), "missing")
        self.assertIn("First Aid valid until", self.employee.rrs_requirement_problems)
        self.assertFalse(self.employee.rrs_requirements_ok)
        problem_free = self.env["hr.employee"].search([("rrs_requirements_ok", "=", True)])
        self.assertNotIn(self.employee, problem_free)

    def test_stf3_reminders_once_per_employee(self):
        # rule STF-3: the daily reminder schedules one activity per employee with
        # requirements to renew, never two
        self._certify(self.employee, valid_to=self.today + relativedelta(days=10))
        reminder = self.env.ref("hr_skills.mail_activity_data_upload_certification")
        Activity = self.env["mail.activity"]
        domain = [
            ("res_model", "=", "hr.employee"),
            ("res_id", "=", self.employee.id),
            ("activity_type_id", "=", reminder.id),
        ]
        Activity.search(domain).unlink()
        employees = self.employee | self.employee_other
        employees._rrs_remind_requirements()
        activity = Activity.search(domain)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.worker)
        self.assertIn("First Aid valid until", activity.note)
        employees._rrs_remind_requirements()
        self.assertEqual(len(Activity.search(domain)), 1)

    def test_stf3_reminder_cron_batch_queries_do_not_grow_with_assignees(self):
        """Rule STF-3, issue 17: each employee is reminded in their own name, so a batch of
        employees is a batch of as many assignees: it costs the same for 1, 5 or 20."""
        workers = self._supervised_workers(27, "rrs_stf3")
        employees = self.env["hr.employee"].search([("user_id", "in", workers.ids)])
        employees.write({"rrs_program_ids": [Command.set(self.program_icm.ids)]})
        for employee in employees[::2]:
            self._certify(employee, valid_to=self.today + relativedelta(days=10))
        reminder = self.env.ref("hr_skills.mail_activity_data_upload_certification")
        Activity = self.env["mail.activity"]
        mine = [("res_model", "=", "hr.employee"), ("res_id", "in", employees.ids)]

        def reset():
            Activity.search(mine).unlink()
            self.env["mail.followers"].search(mine).unlink()

        def check(batch):
            for employee in batch:
                activity = Activity.search(
                    [
                        ("res_model", "=", "hr.employee"),
                        ("res_id", "=", employee.id),
                        ("activity_type_id", "=", reminder.id),
                    ]
                )
                self.assertEqual(activity.user_id, employee.user_id)
                self.assertIn("First Aid", activity.note)
                self.assertIn(employee.user_id.partner_id, employee.message_partner_ids)

        batches = (
            ("warm-up", employees[:1]),
            ("1", employees[1:2]),
            ("5", employees[2:7]),
            ("20", employees[7:]),
        )
        counts = self._batch_query_counts(
            batches, lambda batch: batch._rrs_remind_requirements(), reset, check
        )
        self.assertEqual(len(employees[7:].user_id), 20)
        self.assertEqual(counts["1"], counts["20"], counts)
        self.assertEqual(counts["5"], counts["20"], counts)
