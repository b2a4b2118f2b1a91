# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RrsCaseMember(models.Model):
    _inherit = "rrs.case.member"

    def _rrs_member_removable_domains(self):
        """Assessments not completed (planned by the schedule, in progress, cancelled) go with
        a member removed from the household; completed and skipped ones keep them (ASM-3)."""
        domains = super()._rrs_member_removable_domains()
        domains["rrs.assessment"] = [("state", "not in", ("done", "skipped"))]
        return domains
