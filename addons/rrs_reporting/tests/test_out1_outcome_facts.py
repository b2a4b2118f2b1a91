# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import RrsReportingCommon


@tagged("post_install", "-at_install")
class TestOut1OutcomeFacts(RrsReportingCommon):
    def test_out1_employment_is_checked_for_the_case_worker(self):
        # rule OUT-1: messages a case worker understands; a valid job is saved
        cases = (
            ({"end_date": self.arrival}, "ends .* before it starts"),
            ({"hours_per_week": -5}, "Hours per week must be between 0 and 168"),
            ({"hourly_wage": -1}, "hourly wage cannot be negative"),
        )
        for vals, message in cases:
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                self._job(self.huda, 40, user=self.worker_far, **vals)
        with (
            self.assertRaisesRegex(ValidationError, "Dina was a minor on"),
            self.env.cr.savepoint(),
        ):
            self._job(self.dina, 40, user=self.worker)
        with (
            self.assertRaisesRegex(
                ValidationError, "Sami is not a member of the household of case"
            ),
            self.env.cr.savepoint(),
        ):
            self._job(self.sami, 40, user=self.manager, case_id=self.case.id)
        job = self._job(self.huda, 40, user=self.worker_far)
        self.assertEqual(job.days_after_arrival, 40)
        self.assertEqual(job.currency_id, self.company.currency_id)

    def test_out1_school_enrolment_is_checked_for_the_case_worker(self):
        # rule OUT-1: school age from the date of birth, a school for an enrolled child, a
        # reason for one not enrolled
        with (
            self.assertRaisesRegex(ValidationError, "Tala was not of school age"),
            self.env.cr.savepoint(),
        ):
            self._enrol(self.tala, 10, user=self.worker)
        with (
            self.assertRaisesRegex(ValidationError, "Rami was not of school age"),
            self.env.cr.savepoint(),
        ):
            self._enrol(self.rami, 10, user=self.worker)
        with (
            self.assertRaisesRegex(ValidationError, "needs the school and the enrolment date"),
            self.env.cr.savepoint(),
        ):
            self._enrol(self.dina, 10, user=self.worker, school_id=False)
        with (
            self.assertRaisesRegex(ValidationError, "Say why the child is not enrolled"),
            self.env.cr.savepoint(),
        ):
            self._enrol(self.dina, 10, user=self.worker, status="not_enrolled")
        waiting = self._enrol(
            self.dina, 10, user=self.worker, status="waiting", reason="No place yet"
        )
        self.assertEqual(waiting.status, "waiting")

    def test_out1_facts_follow_the_case_security(self):
        # rule OUT-1: the worker of the case writes, another team's worker sees nothing, the
        # supervisor reads the team's, the auditor reads only, finance and volunteers nothing
        job = self.env["rrs.employment"].search([("member_id.partner_id", "=", self.amal.id)])
        enrolment = self.env["rrs.school.enrolment"].search(
            [("member_id.partner_id", "=", self.dina.id)]
        )
        for record in (job, enrolment):
            Model = self.env[record._name]
            with self.subTest(model=record._name):
                self.assertEqual(
                    Model.with_user(self.worker).search([("id", "=", record.id)]), record
                )
                record.with_user(self.worker).write({"case_id": self.case.id})
                self.assertFalse(Model.with_user(self.worker_far).search([("id", "=", record.id)]))
                with self.assertRaises(AccessError):
                    record.with_user(self.worker_far).read(["case_id"])
                self.assertEqual(
                    Model.with_user(self.supervisor).search([("id", "=", record.id)]), record
                )
                self.assertFalse(
                    Model.with_user(self.supervisor_other).search([("id", "=", record.id)])
                )
                self.assertTrue(record.with_user(self.auditor).read(["case_id"]))
                with self.assertRaises(AccessError):
                    record.with_user(self.auditor).write({"end_date": self.today})
                for user in (self.finance, self.volunteer):
                    with self.assertRaises(AccessError):
                        record.with_user(user).read(["case_id"])
        new = self._job(self.rami, 200, user=self.worker)
        self.assertEqual(new.create_uid, self.worker)
        with self.assertRaises(AccessError):
            self._job(self.rami, 210, user=self.worker_far)

    def test_out1_restricted_cases_facts_hidden_from_finance_and_auditor(self):
        # rule OUT-1 with REC-1: a restricted case's jobs and enrolments are case staff's
        self.case.restricted = True
        self.env.invalidate_all()
        for model in ("rrs.employment", "rrs.school.enrolment"):
            records = self.env[model].search([("case_id", "=", self.case.id)])
            self.assertTrue(records)
            with self.subTest(model=model):
                self.assertFalse(
                    self.env[model].with_user(self.auditor).search([("id", "in", records.ids)])
                )
                with self.assertRaises(AccessError):
                    records.with_user(self.auditor).read(["case_id"])
                with self.assertRaises(AccessError):
                    records.with_user(self.finance).read(["case_id"])
                self.assertEqual(
                    self.env[model].with_user(self.worker).search([("id", "in", records.ids)]),
                    records,
                )
                # the other, unrestricted case stays readable by the auditor
                other = self.env[model].search([("case_id", "=", self.case_far.id)])
                self.assertEqual(
                    self.env[model].with_user(self.auditor).search([("id", "in", other.ids)]), other
                )

    def test_out1_a_fact_keeps_its_case(self):
        # rule OUT-1: a job or an enrolment stays with the case it was recorded on
        job = self._job(self.omar, 100, user=self.worker)
        enrolment = self._enrol(self.dina, 100, user=self.worker, status="waiting", reason="Full")
        other = self._case(head=self._person("Other head", age=30), program=self.test_program)
        for record in (job, enrolment):
            for user in (self.worker, self.manager):
                with self.subTest(model=record._name, user=user.login):
                    with self.assertRaisesRegex(UserError, "stays with the"):
                        record.with_user(user).write({"case_id": other.id})
                    self.assertEqual(record.case_id, self.case)

    def test_out1_case_counts_its_facts(self):
        # rule OUT-1: the case's buttons count what the reader may read
        case = self.case.with_user(self.worker)
        self.assertEqual((case.employment_count, case.school_enrolment_count), (3, 1))
        action = case.action_view_employments()
        self.assertEqual(
            self.env["rrs.employment"].with_user(self.worker).search_count(action["domain"]), 3
        )
        self.assertEqual(self.case.with_user(self.auditor).employment_count, 3)
        self.assertEqual(
            self.case.member_ids.filtered(lambda m: m.partner_id == self.amal).arrival_age, 39
        )
        self.assertEqual(
            self.case.arrival_date + timedelta(days=30),
            self.env["rrs.employment"]
            .search([("member_id.partner_id", "=", self.amal.id)])
            .start_date,
        )
