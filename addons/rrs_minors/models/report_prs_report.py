# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportPrsReport(models.AbstractModel):
    """The printed report to ORR (rule PRS-6)."""

    _name = "report.rrs_minors.report_prs_report"
    _description = "Printed report to ORR"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["rrs.prs.report"].browse(docids)
        # rule PRS-6: only who may read the report prints it, checked against the rules rather
        # than what is already loaded
        docs.check_access("read")
        return {"doc_ids": docids, "doc_model": "rrs.prs.report", "docs": docs}
