# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""PRS clocks (rules PRS-1 to PRS-4, PRS-6) in the compliance report of rrs_reporting."""

from odoo import models
from odoo.fields import Domain

from ..models.rrs_dashboard_overdue import prs_overdue


class RrsComplianceReport(models.TransientModel):
    _inherit = "rrs.compliance.report"

    def _rrs_clocks(self):
        return [
            *super()._rrs_clocks(),
            ("prs", self.env._("PRS cases with a clock overdue (PRS-1 to PRS-4, PRS-6)")),
        ]

    def _rrs_clock_queries(self):
        queries = super()._rrs_clock_queries()
        scope, _label = self.env.user.rrs_report_scope()
        # the clocks as they stand today, counted on the report's end date (a step done
        # after it is not told apart, as for case reviews)
        queries["prs"] = (
            "rrs.case",
            scope
            & Domain("program_id", "in", self._rrs_programs().ids)
            & prs_overdue(self.date_to),
            "user_id",
        )
        return queries
