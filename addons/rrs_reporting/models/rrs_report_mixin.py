# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The mark of a hidden cell, the same whether the group is small or hidden with it, so that a
# reader cannot tell which of the hidden groups is the small one (rule OUT-2).
SUPPRESSED = "*"


def last_month(today):
    start = today.replace(day=1) - relativedelta(months=1)
    return start, start + relativedelta(months=1, days=-1)


class RrsReportMixin(models.AbstractModel):
    """A report with a period and programs as parameters, printed (QWeb PDF), exported (XLSX
    through OCA report_xlsx) and previewed on screen from one table, with the filters applied
    written on it.

    A report implements ``_rrs_report_title`` and ``_rrs_report_sections``; each section is a
    dict: ``title``, ``columns`` (dicts of ``label`` and ``type``: text, int, percent, float
    or date), ``rows`` (lists of values, ``SUPPRESSED`` for a hidden cell), optional ``total``
    (a row) and ``notes`` (lines). ``_rrs_report_filters`` adds its own parameters to the
    period, the programs and the scope. The PDF and XLSX reports are declared per model
    (``_rrs_report_pdf``, ``_rrs_report_xlsx``: xml ids of ``ir.actions.report``).
    """

    _name = "rrs.report.mixin"
    _description = "Report parameters"

    _rrs_report_pdf = None
    _rrs_report_xlsx = None

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_period()[0]
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: self._default_period()[1]
    )
    program_ids = fields.Many2many(
        "rrs.program",
        string="Programs",
        help="Leave empty for every program.",
    )
    computed = fields.Boolean(readonly=True)
    preview_html = fields.Html(
        string="Preview", compute="_compute_preview_html", sanitize=False, readonly=True
    )

    @api.model
    def _default_period(self):
        return last_month(fields.Date.context_today(self))

    @api.constrains("date_from", "date_to")
    def _check_rrs_report_period(self):
        for report in self:
            if report.date_to < report.date_from:
                raise ValidationError(
                    self.env._("The report's period ends before it starts: check the dates.")
                )
            if report.date_from.year < 2000:
                raise ValidationError(self.env._("Choose a period from the year 2000 on."))

    # -------------------------------------------------------------- the table
    def _rrs_report_title(self):
        raise NotImplementedError

    def _rrs_report_sections(self):
        raise NotImplementedError

    def _rrs_programs(self):
        """The programs reported: those chosen, or every program of the company."""
        self.ensure_one()
        return self.program_ids or self.env["rrs.program"].with_context(active_test=False).search(
            [("company_id", "in", [self.company_id.id, False])]
        )

    def _rrs_report_filters(self):
        self.ensure_one()
        lang = self.env["res.lang"]._get_data(code=self.env.lang or "en_US")
        date_format = lang.date_format if lang else "%Y-%m-%d"
        _scope, scope_label = self.env.user.rrs_report_scope()
        return [
            (
                self.env._("Period"),
                f"{self.date_from.strftime(date_format)} - {self.date_to.strftime(date_format)}",
            ),
            (
                self.env._("Programs"),
                ", ".join(self.program_ids.mapped("name")) or self.env._("All programs"),
            ),
            (self.env._("Cases"), scope_label),
            (
                self.env._("Prepared"),
                self.env._(
                    "%(date)s by %(user)s",
                    date=fields.Date.context_today(self).strftime(date_format),
                    user=self.env.user.name,
                ),
            ),
        ]

    def _rrs_report_data(self):
        """Everything the PDF, the workbook and the preview show."""
        self.ensure_one()
        return {
            "title": self._rrs_report_title(),
            "filters": self._rrs_report_filters(),
            "sections": self._rrs_report_sections(),
            "suppressed": SUPPRESSED,
        }

    @api.depends("date_from", "date_to", "program_ids")
    @api.depends_context("uid", "lang")
    def _compute_preview_html(self):
        for report in self:
            if not (report.id and report.date_from and report.date_to):
                report.preview_html = False
                continue
            report.preview_html = self.env["ir.qweb"]._render(
                "rrs_reporting.report_table_body", {"data": report._rrs_report_data()}
            )

    # -------------------------------------------------------------- actions
    def action_compute(self):
        """Show the report on screen (the form's preview)."""
        self.write({"computed": True})
        return self._rrs_form_action()

    def _rrs_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref(self._rrs_report_pdf).report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        return self.env.ref(self._rrs_report_xlsx).report_action(self)

    @api.model
    def rrs_format(self, value, kind):
        """A cell as the PDF and the preview print it."""
        if value == SUPPRESSED:
            return SUPPRESSED
        if value is None or value is False:
            return ""
        if kind == "percent":
            return f"{value:.1f} %"
        if kind == "float":
            return f"{value:,.1f}"
        if kind == "int":
            return f"{value:,d}"
        if kind == "date":
            return fields.Date.to_string(value)
        return str(value)
