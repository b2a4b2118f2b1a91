# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RrsOrrMonthlyReportXlsx(models.AbstractModel):
    """The ORR monthly summary's workbook: the suite's report table (rrs_reporting) under a
    report name of its own."""

    _name = "report.rrs_reporting_minors.report_orr_monthly_xlsx"
    _inherit = "rrs.report.table.xlsx"
    _description = "ORR monthly summary (XLSX)"
