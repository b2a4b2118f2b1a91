# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportConsent(models.AbstractModel):
    """The printed confidentiality form, Client Charter or release of information (rules CON-1,
    CON-2), in the client's language."""

    _name = "report.rrs_case.report_consent"
    _description = "Printed consent form"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["rrs.consent"].browse(docids)
        # rules CON-1, CON-2: only who may read the form prints it (restricted cases, another
        # team's cases), checked against the rules rather than what is already loaded
        docs.check_access("read")
        return {"doc_ids": docids, "doc_model": "rrs.consent", "docs": docs}
