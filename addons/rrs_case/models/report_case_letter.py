# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

LETTER_STATES = ("draft", "to_sign", "signed", "sent")


class ReportCaseLetter(models.AbstractModel):
    """The printed letter on behalf of the client (rule REC-2)."""

    _name = "report.rrs_case.report_case_letter"
    _description = "Printed letter on behalf of the client"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["rrs.case.note"].browse(docids)
        # rule REC-2: only who may read the note prints it (confidential notes, restricted
        # cases), checked against the rules rather than what is already loaded
        docs.check_access("read")
        docs._check_letter(LETTER_STATES)
        return {"doc_ids": docids, "doc_model": "rrs.case.note", "docs": docs}
