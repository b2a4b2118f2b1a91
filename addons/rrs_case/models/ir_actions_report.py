# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Letterhead and page numbers on the suite's documents with any wkhtmltopdf build.

Odoo prints the letterhead and the "Page x / y" footer through wkhtmltopdf's header and footer
options, which only its "patched Qt" build (wkhtmltox 0.12.6.1, what Odoo recommends) supports.
The build most Linux distributions ship (Debian's included) ignores them, and a client's
documents would come out with neither. With such a build, the suite's documents get the
letterhead at the top of the document and the footer at its end, and each page is stamped
with its number afterwards. Odoo's own documents are left as Odoo prints them.
"""

import io
import logging

import lxml.html

from odoo import models
from odoo.addons.base.models.ir_actions_report import _wkhtml
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

_logger = logging.getLogger(__name__)

SUITE_REPORT_PREFIXES = ("rrs_",)


def _patched_qt():
    return "(with patched qt)" in (_wkhtml().version or "")


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        # rule REC-4: who printed a case file, a note, an assessment or a minor's record
        report = self._get_report(report_ref)
        Model = self.env[report.model] if report.model in self.env else None
        if (
            res_ids
            and Model is not None
            and not self.env.su
            and isinstance(Model, self.pool["rrs.access.logged.mixin"])
        ):
            ids = [res_ids] if isinstance(res_ids, int) else list(res_ids)
            self.env["rrs.access.log"]._rrs_collect(Model.browse(ids), "print")
        return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)

    def _rrs_needs_fallback(self, report_ref=False):
        report = self._get_report(report_ref) if report_ref else self
        return (
            len(report) == 1
            and (report.report_name or "").startswith(SUITE_REPORT_PREFIXES)
            and not _patched_qt()
        )

    def _prepare_html(self, html, report_model=False):
        if not self._rrs_needs_fallback():
            return super()._prepare_html(html, report_model=report_model)
        root = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))

        def divs(klass):
            return root.xpath(
                f"//div[contains(concat(' ', normalize-space(@class), ' '), ' {klass} ')]"
            )

        # the n-th header and footer belong to the n-th document (web.external_layout)
        for article, header, footer in zip(
            divs("article"), divs("header"), divs("footer"), strict=False
        ):
            header.getparent().remove(header)
            header.set("class", header.get("class").replace("header", "o_rrs_letterhead"))
            article.insert(0, header)
            footer.getparent().remove(footer)
            # the page numbers are stamped on each page instead (see _run_wkhtmltopdf)
            for node in footer.xpath(".//span[contains(concat(' ', @class, ' '), ' page ')]"):
                holder = node.getparent()  # "Page <span class="page"/> / <span .../>"
                holder.getparent().remove(holder)
            footer.set("class", footer.get("class").replace("footer", "o_rrs_footer mt-4"))
            article.append(footer)
        html = lxml.html.tostring(root, encoding="unicode")
        return super()._prepare_html(html, report_model=report_model)

    def _run_wkhtmltopdf(
        self,
        bodies,
        report_ref=False,
        header=None,
        footer=None,
        landscape=False,
        specific_paperformat_args=None,
        set_viewport_size=False,
    ):
        pdf = super()._run_wkhtmltopdf(
            bodies,
            report_ref=report_ref,
            header=header,
            footer=footer,
            landscape=landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size,
        )
        if not self._rrs_needs_fallback(report_ref):
            return pdf
        return self._rrs_stamp_page_numbers(pdf)

    def _rrs_stamp_page_numbers(self, pdf):
        """Write "Page x / y" at the foot of each page of a one-document PDF."""
        from reportlab.pdfgen import canvas  # noqa: PLC0415 - as Odoo's own pdf tools do

        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        total = len(reader.pages)
        packet = io.BytesIO()
        stamp = canvas.Canvas(packet)
        for number, page in enumerate(reader.pages, start=1):
            width = float(abs(page.mediabox.width))
            stamp.setPageSize((width, float(abs(page.mediabox.height))))
            stamp.setFont("Helvetica", 8)
            stamp.setFillGray(0.35)
            stamp.drawCentredString(
                width / 2, 18, self.env._("Page %(page)s / %(total)s", page=number, total=total)
            )
            stamp.showPage()
        stamp.save()
        stamps = PdfFileReader(packet)
        writer = PdfFileWriter()
        for page, page_stamp in zip(reader.pages, stamps.pages, strict=True):
            page.merge_page(page_stamp)
            writer.add_page(page)
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()
