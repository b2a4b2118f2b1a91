# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Integrity rows of the staff addon: assignment against requirements, certifications,
program requirements and workload weights, by a plain write as every role (rules STF-2,
STF-3)."""

from dateutil.relativedelta import relativedelta

from odoo.addons.rrs_case.tests.integrity import OK, IntegrityCommon, Row
from odoo.tests import tagged

from .common import RrsStaffCommon

EXPIRED = ("rule", "First Aid expired on .*: renew it before assigning cases")

STAFF_ROWS = (
    Row(
        "STF-3",
        "give a case to a worker whose blocking First Aid expired",
        "rrs.case",
        "_icm_case_of_other_worker",
        vals={"user_id": "worker"},
        expect={"supervisor": EXPIRED, "manager": EXPIRED},
    ),
    Row(
        "STF-3",
        "extend a requirement certification's validity",
        "hr.employee.skill",
        "_worker_first_aid",
        vals={"valid_to": "2099-12-31"},
        expect={"manager": OK},
    ),
    Row(
        "STF-3",
        "move a program's requirement to another program",
        "rrs.program.requirement",
        "_icm_first_aid_requirement",
        vals={"program_id": None},
        expect={"manager": ("rule", "stays with the Program it was created for")},
    ),
    Row(
        "STF-3",
        "make a requirement blocking",
        "rrs.program.requirement",
        "_icm_first_aid_requirement",
        vals={"blocking": False},
        expect={"manager": OK},
    ),
    Row(
        "STF-2",
        "change a need level's workload hours",
        "rrs.workload.weight",
        "_moderate_weight",
        vals={"case_hours": 25},
        expect={"manager": OK},
    ),
)


@tagged("post_install", "-at_install")
class TestIntegrityStaff(IntegrityCommon, RrsStaffCommon):
    ROWS = STAFF_ROWS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._certify(cls.employee_other)
        cls._certify(cls.employee, valid_to=cls.today - relativedelta(days=2))

    def _resolve(self, vals):
        resolved = super()._resolve(vals)
        if "program_id" in resolved and resolved["program_id"] is None:
            resolved["program_id"] = self.program.id
        return resolved

    def _icm_case_of_other_worker(self):
        return self._case(program=self.program_icm, user=self.worker_other)

    def _worker_first_aid(self):
        return self.env["hr.employee.skill"].search(
            [("employee_id", "=", self.employee.id), ("skill_id", "=", self.first_aid.id)]
        )

    def _icm_first_aid_requirement(self):
        return self.env.ref("rrs_staff.requirement_icm_first_aid")

    def _moderate_weight(self):
        return self.env.ref("rrs_staff.workload_weight_moderate")

    def test_integrity_table(self):
        # rules STF-2, STF-3 by every role, through plain writes
        counts = self.run_table()
        self.assertEqual(sum(counts.values()), len(self.ROWS) * 7)
        self.assertGreater(counts["allowed"], 0)
        self.assertGreater(counts["refused"], counts["allowed"])
