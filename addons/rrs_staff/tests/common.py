# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.addons.rrs_case.tests.common import RrsCaseCommon


class RrsStaffCommon(RrsCaseCommon):
    """Employees of the case fixtures working in the programs, and certification helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first_aid = cls.env.ref("rrs_staff.skill_first_aid")
        cls.police_check = cls.env.ref("rrs_staff.skill_police_check")
        cls.level_done = cls.env.ref("rrs_staff.skill_level_requirement_done")
        Employee = cls.env["hr.employee"]
        cls.employee = Employee.search([("user_id", "=", cls.worker.id)])
        cls.employee_other = Employee.search([("user_id", "=", cls.worker_other.id)])
        cls.employee_far = Employee.search([("user_id", "=", cls.worker_far.id)])
        programs = cls.program | cls.program_icm | cls.program_prs
        (cls.employee | cls.employee_other | cls.employee_far).write(
            {"rrs_program_ids": [Command.set(programs.ids)]}
        )
        # First Aid blocks new cases in Intensive Case Management (rule STF-3)
        cls.env.ref("rrs_staff.requirement_icm_first_aid").blocking = True

    @classmethod
    def _certify(cls, employee, skill=None, valid_to=None, days_valid=365, env=None):
        """A certification of ``skill`` (First Aid) for ``employee``, valid until ``valid_to``
        (default: a year from today), recorded by ``env`` (default: superuser)."""
        skill = skill or cls.first_aid
        valid_to = valid_to or cls.today + relativedelta(days=days_valid)
        return (env or cls.env)["hr.employee.skill"].create(
            {
                "employee_id": employee.id,
                "skill_type_id": skill.skill_type_id.id,
                "skill_id": skill.id,
                "skill_level_id": cls.level_done.id,
                "valid_from": min(cls.today, valid_to) - relativedelta(years=2),
                "valid_to": valid_to,
            }
        )
