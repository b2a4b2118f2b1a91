# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.fields import Domain
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

COLUMNS = (
    (_lt("Request"), 16),
    (_lt("Case"), 16),
    (_lt("Request date"), 12),
    (_lt("Purpose"), 18),
    (_lt("Beneficiary"), 24),
    (_lt("Payee"), 28),
    (_lt("Amount"), 12),
    (_lt("State"), 12),
    (_lt("Requested by"), 20),
    (_lt("Approved by"), 28),
    (_lt("Approved on"), 18),
    (_lt("Validated by"), 20),
    (_lt("Validated on"), 12),
    (_lt("Bill"), 18),
    (_lt("Payment"), 14),
    (_lt("Paid on"), 12),
    (_lt("Anomalies"), 40),
)


class RrsAssistanceGrantXlsx(models.AbstractModel):
    """Every request and payment of one grant in one month (rule FIN-1), for the funder and
    the auditor: case reference, purpose, amounts, approvers and dates."""

    _name = "report.rrs_assistance.grant_month_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Assistance per grant and month (XLSX)"

    def _requests(self, wizard):
        start, end = wizard._bounds()
        # The caller's own rights: finance and auditors read the grant's requests.
        domain = Domain("grant_id", "=", wizard.grant_id.id) & (
            (Domain("date", ">=", start) & Domain("date", "<=", end))
            | (Domain("validated_date", ">=", start) & Domain("validated_date", "<=", end))
            | (Domain("paid_date", ">=", start) & Domain("paid_date", "<=", end))
        )
        return self.env["rrs.assistance.request"].search(domain, order="date, id")

    def generate_xlsx_report(self, workbook, data, wizards):
        wizard = wizards[:1]
        start, end = wizard._bounds()
        requests = self._requests(wizard)
        sheet = workbook.add_worksheet(start.strftime("%Y-%m"))
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        date_fmt = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write(0, 0, self.env._("Grant"), bold)
        sheet.write(0, 1, wizard.grant_id.display_name)
        sheet.write(1, 0, self.env._("Award number"), bold)
        sheet.write(1, 1, wizard.grant_id.rrs_award_number or "")
        sheet.write(2, 0, self.env._("Month"), bold)
        sheet.write(2, 1, start.strftime("%Y-%m"))
        header_row = 4
        for col, (title, width) in enumerate(COLUMNS):
            sheet.write(header_row, col, str(title), bold)
            sheet.set_column(col, col, width)
        states = dict(requests._fields["state"]._description_selection(self.env))
        payments = dict(requests._fields["payment_state"]._description_selection(self.env))
        row = header_row
        for request in requests:
            row += 1
            values = (
                request.name,
                request.case_ref,
                request.date,
                request.purpose_id.name,
                request.beneficiary_label or "",
                request.payee_id.display_name,
                request.amount,
                states.get(request.state, request.state),
                request.requested_by_id.name or "",
                ", ".join(request.approved_by_ids.mapped("name")),
                request.approved_date.strftime("%Y-%m-%d %H:%M") if request.approved_date else "",
                request.validated_by_id.name or "",
                request.validated_date,
                request.move_id.name or "",
                payments.get(request.payment_state, "") if request.payment_state else "",
                request.paid_date,
                request.anomaly_reasons or "",
            )
            for col, value in enumerate(values):
                if col == 6:
                    sheet.write_number(row, col, value, money)
                elif hasattr(value, "year"):
                    sheet.write_datetime(row, col, value, date_fmt)
                elif value is False or value is None:
                    sheet.write_blank(row, col, None)
                else:
                    sheet.write(row, col, value)
        total_row = row + 2
        sheet.write(total_row, 5, self.env._("Total"), bold)
        sheet.write_number(total_row, 6, sum(requests.mapped("amount")), money)
        paid = requests.filtered(lambda r: r.state == "paid")
        sheet.write(total_row + 1, 5, self.env._("Paid"), bold)
        sheet.write_number(total_row + 1, 6, sum(paid.mapped("amount")), money)
