# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..models.rrs_report_mixin import SUPPRESSED


class RrsReportTableXlsx(models.AbstractModel):
    """The workbook of any report of the suite (``rrs.report.mixin``): the title, the filters
    applied, then each table with its header, rows, total and notes, numbers as numbers.

    Each report has its own report model inheriting this one (``report.<report_name>``): Odoo
    finds a report by its name, so two reports sharing one name would print the first one's
    records."""

    _name = "rrs.report.table.xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Report table (XLSX)"

    def generate_xlsx_report(self, workbook, data, reports):
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "bold": workbook.add_format({"bold": True}),
            "header": workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True}),
            "int": workbook.add_format({"num_format": "#,##0"}),
            "float": workbook.add_format({"num_format": "#,##0.0"}),
            "percent": workbook.add_format({"num_format": "0.0"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "text": None,
        }
        total_formats = {
            kind: workbook.add_format({"bold": True, "top": 1, "num_format": fmt})
            for kind, fmt in (
                ("int", "#,##0"),
                ("float", "#,##0.0"),
                ("percent", "0.0"),
                ("date", "yyyy-mm-dd"),
                ("text", "@"),
            )
        }
        for report in reports:
            table = report._rrs_report_data()
            sheet = workbook.add_worksheet(table["title"][:31])
            sheet.write(0, 0, table["title"], formats["title"])
            row = 2
            for label, value in table["filters"]:
                sheet.write(row, 0, label, formats["bold"])
                sheet.write(row, 1, value)
                row += 1
            widths = {}
            for section in table["sections"]:
                row += 1
                sheet.write(row, 0, section["title"], formats["bold"])
                row += 1
                kinds = [column["type"] for column in section["columns"]]
                for col, column in enumerate(section["columns"]):
                    label = column["label"]
                    if column["type"] == "percent":
                        label = f"{label} (%)"
                    sheet.write(row, col, label, formats["header"])
                    widths[col] = max(widths.get(col, 10), min(len(label) + 2, 40))
                for values in section["rows"]:
                    row += 1
                    self._write_row(sheet, row, values, kinds, formats, widths)
                if section.get("total"):
                    row += 1
                    self._write_row(sheet, row, section["total"], kinds, total_formats, widths)
                for note in section.get("notes") or ():
                    row += 1
                    sheet.write(row, 0, note)
                row += 1
            for col, width in widths.items():
                sheet.set_column(col, col, width)

    def _write_row(self, sheet, row, values, kinds, formats, widths):
        for col, (value, kind) in enumerate(zip(values, kinds, strict=True)):
            if value is None or value is False:
                continue
            if value == SUPPRESSED or kind == "text":
                sheet.write_string(row, col, str(value), formats.get("text"))
                widths[col] = max(widths.get(col, 10), min(len(str(value)) + 2, 60))
            elif kind == "date":
                sheet.write_datetime(row, col, value, formats["date"])
            else:
                sheet.write_number(row, col, value, formats[kind])


class RrsCssCaseloadReportXlsx(models.AbstractModel):
    _name = "report.rrs_reporting.report_css_caseload_xlsx"
    _inherit = "rrs.report.table.xlsx"
    _description = "CSS caseload by need level (XLSX)"


class RrsComplianceReportXlsx(models.AbstractModel):
    _name = "report.rrs_reporting.report_compliance_xlsx"
    _inherit = "rrs.report.table.xlsx"
    _description = "Compliance by worker (XLSX)"


class RrsOutcomeBreakdownXlsx(models.AbstractModel):
    _name = "report.rrs_reporting.outcome_breakdown_xlsx"
    _inherit = "rrs.report.table.xlsx"
    _description = "Outcome by group (XLSX)"


class RrsKpiReportXlsx(models.AbstractModel):
    _name = "report.rrs_reporting.report_kpi_xlsx"
    _inherit = "rrs.report.table.xlsx"
    _description = "Program KPIs (XLSX)"
