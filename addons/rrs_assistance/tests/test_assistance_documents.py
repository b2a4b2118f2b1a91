# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The receipt the client signs, in their language with the amount in words, and the
per-grant monthly workbook opened back (rules FIN-1, FIN-2)."""

import io

import openpyxl

from odoo.tests import tagged

from .common import RrsAssistanceCommon


@tagged("post_install", "-at_install")
class TestAssistanceDocuments(RrsAssistanceCommon):
    def _receipt_html(self, request):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "rrs_assistance.report_assistance_receipt", request.ids
        )
        return html.decode()

    def test_fin1_receipt_in_english_with_the_amount_in_words(self):
        self.case.primary_language_id = self.env.ref("rrs_case.language_eng")
        self.line.planned_amount = 5000.0
        request = self._validated(1234.5)
        html = self._receipt_html(request)
        self.assertIn("Receipt and acknowledgement of financial assistance", html)
        self.assertIn(request.name, html)
        self.assertIn("One Thousand, Two Hundred And Thirty-Four", html)
        self.assertIn("Fifty", html)
        self.assertIn('dir="ltr"', html)
        self.assertIn("Maple Street Apartments LLC", html)
        self.assertIn("Signature of the client", html)
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("rrs_assistance.report_assistance_receipt", request.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_fin1_receipt_in_spanish_and_arabic_for_the_clients_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["res.lang"]._activate_lang("ar_001")
        self.case.primary_language_id = self.env.ref("rrs_case.language_spa")
        request = self._validated(300.0)
        self.assertEqual(request._rrs_receipt_lang(), "es_ES")
        html = self._receipt_html(request)
        self.assertIn("Trescientos", html)
        self.assertIn('dir="ltr"', html)
        self.case.primary_language_id = self.env.ref("rrs_case.language_ara")
        self.assertEqual(request._rrs_receipt_lang(), "ar_001")
        html = self._receipt_html(request)
        self.assertIn("ثلاثمائة", html)
        self.assertIn('dir="rtl"', html)
        # a language Odoo does not have installed falls back to the company's
        self.case.primary_language_id = self.env.ref("rrs_case.language_tir")
        self.assertEqual(request._rrs_receipt_lang(), self.company.partner_id.lang or "en_US")

    def test_fin1_receipt_in_dari_right_to_left(self):
        """A Dari-speaking family signs a receipt in Dari (the suite's fa_AF terms, activated
        as an administrator does in Settings > Languages), right to left."""
        dari = self.env["res.lang"].with_context(active_test=False).search([("code", "=", "fa_AF")])
        self.env["base.language.install"].create({"lang_ids": [(6, 0, dari.ids)]}).lang_install()
        self.case.primary_language_id = self.env.ref("rrs_case.language_prs")
        request = self._validated(300.0)
        self.assertEqual(request._rrs_receipt_lang(), "fa_AF")
        html = self._receipt_html(request)
        self.assertIn("امضای مراجعه‌کننده", html)  # "Signature of the client"
        self.assertNotIn("Signature of the client", html)
        self.assertIn('dir="rtl"', html)

    def test_fin1_workbook_per_grant_and_month(self):
        paid = self._validated(200.0)
        self._pay(paid)
        committed = self._validated(150.0)
        self._request(80.0)
        wizard = (
            self.env["rrs.assistance.grant.report.wizard"]
            .with_user(self.finance)
            .create({"grant_id": self.grant.id, "month": self.today})
        )
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.finance)
            ._render_xlsx("rrs_assistance.grant_month_xlsx", wizard.ids, None)
        )
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet["B1"].value, "R&P grant")
        self.assertEqual(sheet["B2"].value, "SPRMCO-27")
        header = [c.value for c in sheet[5]]
        self.assertEqual(
            header[:7],
            ["Request", "Case", "Request date", "Purpose", "Beneficiary", "Payee", "Amount"],
        )
        rows = {r[0]: r for r in sheet.iter_rows(min_row=6, max_row=8, values_only=True)}
        self.assertEqual(
            set(rows),
            {
                paid.name,
                committed.name,
                self.env["rrs.assistance.request"]
                .search([("amount", "=", 80.0), ("case_id", "=", self.case.id)])
                .name,
            },
        )
        row = rows[paid.name]
        self.assertEqual(row[1], self.case.name)
        self.assertEqual(row[3], "Furniture and household items")
        self.assertEqual(row[5], "Maple Street Apartments LLC")
        self.assertEqual(row[6], 200.0)
        self.assertEqual(row[7], "Paid")
        self.assertEqual(row[8], self.worker.name)
        self.assertEqual(row[9], self.supervisor.name)
        self.assertEqual(row[11], self.finance.name)
        self.assertEqual(row[13], paid.move_id.name)
        self.assertEqual(rows[committed.name][7], "Validated")
        totals = {
            r[5]: r[6]
            for r in sheet.iter_rows(min_row=9, values_only=True)
            if r[5] in ("Total", "Paid")
        }
        self.assertEqual(totals, {"Total": 430.0, "Paid": 200.0})
