# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.addons.rrs_case.models.rrs_case import OPEN_STATES
from odoo.exceptions import ValidationError


class RrsCase(models.Model):
    _inherit = "rrs.case"

    @api.constrains("user_id", "program_id")
    def _check_worker_requirements(self):
        """A worker missing a blocking requirement of the program is not assigned its cases
        (rule STF-3). New cases; a change of worker is refused before it is written."""
        self._rrs_raise_requirement_problems(
            [(case.user_id, case.program_id, case.company_id, case.state) for case in self]
        )

    def write(self, vals):
        if "user_id" in vals or "program_id" in vals:
            # who may not write the cases is refused for that, not told about a colleague
            self.check_access("write")
            users = self.env["res.users"].browse(vals.get("user_id"))
            programs = self.env["rrs.program"].browse(vals.get("program_id"))
            self._rrs_raise_requirement_problems(
                [
                    (
                        users if "user_id" in vals else case.user_id,
                        programs if "program_id" in vals else case.program_id,
                        case.company_id,
                        vals.get("state", case.state),
                    )
                    for case in self
                ]
            )
        return super().write(vals)

    @api.model
    def _rrs_raise_requirement_problems(self, assignments):
        """Refuse ``assignments`` [(user, program, company, state)] naming each blocking
        requirement a worker misses, or since when it expired (rule STF-3)."""
        wanted = {}
        for user, program, company, state in assignments:
            if user and program and state in OPEN_STATES:
                wanted.setdefault((program, company), self.env["res.users"])
                wanted[(program, company)] |= user
        problems = []
        for (program, company), users in wanted.items():
            by_user = program.rrs_blocking_problems(users, company)
            for user in users:
                problems += by_user.get(user.id, [])
        if problems:
            raise ValidationError("\n".join(problems))
