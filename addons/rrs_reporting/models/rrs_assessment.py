# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RrsAssessment(models.Model):
    _inherit = "rrs.assessment"

    def _rrs_after_move(self, source, target):
        """A completed A4 (month 12, rule ASM-2) asks the family's satisfaction (rule OUT-3)."""
        res = super()._rrs_after_move(source, target)
        if target == "done" and self.point == "a4":
            self.case_id._rrs_invite_to_satisfaction_survey("a4")
        return res
