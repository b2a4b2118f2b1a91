# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One agency's records never name another agency's (CON-2): Odoo's company check, made once
for each field and company of a batch by the suite's models (``rrs.guard.mixin``,
issue 17), refuses what Odoo's check refuses, with Odoo's message."""

from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestCompanyCheck(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Other agency"})
        cls.program_b = cls.program.copy({"company_id": cls.company_b.id, "code": "RRS-B"})
        cls.worker_b = cls._company_worker(cls.company_b, "rrs_company_check_worker_b")
        cls.env.user.write({"company_ids": [Command.link(cls.company_b.id)]})

    def _vals(self, company, program, worker, n):
        return [
            {
                "company_id": company.id,
                "program_id": program.id,
                "user_id": worker.id,
                "member_ids": [
                    Command.create(
                        {"partner_id": self._person(f"Head {i}", age=40).id, "relationship": "head"}
                    )
                ],
            }
            for i in range(n)
        ]

    def _count_domains(self, model):
        """The calls of ``model``'s company domain, the check Odoo makes for each record."""
        cls = type(self.env[model])
        original = cls._check_company_domain
        return patch.object(cls, "_check_company_domain", autospec=True, side_effect=original)

    def test_con2_a_batch_naming_another_agencys_program_is_refused_and_named(self):
        Case = self.env["rrs.case"].with_context(allowed_company_ids=[self.company.id])
        before = Case.search_count([])
        vals = self._vals(self.company, self.program, self.worker, 3)
        vals[1]["program_id"] = self.program_b.id
        with self.assertRaises(UserError) as refused:
            Case.create(vals)
        message = str(refused.exception)
        self.assertIn("company crossover", message)
        self.assertIn(self.program_b.display_name, message)
        self.assertEqual(Case.search_count([]), before)

    def test_con2_a_batch_write_naming_another_agencys_program_is_refused(self):
        cases = self.env["rrs.case"].create(self._vals(self.company, self.program, self.worker, 3))
        with self.assertRaises(UserError) as refused:
            cases.write({"program_id": self.program_b.id})
        self.assertIn("company crossover", str(refused.exception))
        self.assertEqual(cases.program_id, self.program)

    def test_con2_a_batch_of_two_agencies_each_naming_its_own(self):
        vals = self._vals(self.company, self.program, self.worker, 2) + self._vals(
            self.company_b, self.program_b, self.worker_b, 2
        )
        cases = self.env["rrs.case"].create(vals)
        self.assertEqual(cases.company_id, self.company | self.company_b)
        self.assertEqual(
            [case.program_id for case in cases],
            [self.program, self.program, self.program_b, self.program_b],
        )
        # each agency's program against the other agency's cases: both refused
        for own, other in ((cases[:2], self.program_b), (cases[2:], self.program)):
            with self.assertRaises(UserError) as refused:
                own.write({"program_id": other.id})
            self.assertIn("company crossover", str(refused.exception))
            self.assertIn(other.display_name, str(refused.exception))

    def test_con2_a_batch_is_checked_once_for_each_field_and_company(self):
        """Issue 17: Odoo evaluates the domain for every record of a batch."""
        with self._count_domains("rrs.program") as calls:
            self.env["rrs.case"].create(self._vals(self.company, self.program, self.worker, 6))
        self.assertEqual(calls.call_count, 1)
        vals = self._vals(self.company, self.program, self.worker, 3) + self._vals(
            self.company_b, self.program_b, self.worker_b, 3
        )
        with self._count_domains("rrs.program") as calls:
            self.env["rrs.case"].create(vals)
        self.assertEqual(calls.call_count, 2)
        # a record alone is Odoo's check
        with self._count_domains("rrs.program") as calls:
            self.env["rrs.case"].create(self._vals(self.company, self.program, self.worker, 1))
        self.assertEqual(calls.call_count, 1)
