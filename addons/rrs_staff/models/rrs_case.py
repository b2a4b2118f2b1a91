# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.addons.rrs_case.models.rrs_case import OPEN_STATES
from odoo.exceptions import ValidationError


class RrsCase(models.Model):
    _inherit = "rrs.case"

    @api.constrains("user_id", "program_id")
    def _check_worker_requirements(self):
        """A worker missing a blocking requirement of the program is not assigned its cases
        (rule STF-3)."""
        problems = self._rrs_requirement_problems()
        if problems:
            raise ValidationError("\n".join(problems))

    def _rrs_requirement_problems(self):
        """Sentences naming each blocking requirement the primary workers of these cases
        miss, or since when it expired."""
        cases = self.filtered(lambda c: c.state in OPEN_STATES and c.user_id and c.program_id)
        problems = []
        for (program, company), group in cases.grouped(
            lambda c: (c.program_id, c.company_id)
        ).items():
            by_user = program.rrs_blocking_problems(group.user_id, company)
            for user in group.user_id:
                problems += by_user.get(user.id, [])
        return problems
