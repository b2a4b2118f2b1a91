# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from unittest.mock import patch

from odoo.addons.rrs_case.models import ir_actions_report
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import format_date, html_escape
from odoo.tools.pdf import PdfFileReader

from .common import RrsCaseCommon

DRAFT_MARK = "o_rrs_draft_mark"
ACCESS_REFUSED = r"not allowed to access|top-secret records"


@tagged("post_install", "-at_install")
class TestPrintedDocuments(RrsCaseCommon):
    """Letters on behalf of the client and service agreements print on the agency's
    letterhead, with page numbers, and marked DRAFT until final (rules REC-2, PLAN-3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.landlord = cls.env["res.partner"].create(
            {
                "name": "Maple Street Apartments",
                "is_company": True,
                "street": "80 Maple Street",
                "city": "Springfield",
            }
        )
        cls.case = cls._active_case()
        cls.letter_action = cls.env.ref("rrs_case.action_report_case_letter")
        cls.agreement_action = cls.env.ref("rrs_case.action_report_service_agreement")

    def _letter(self, **vals):
        values = {
            "case_id": self.case.id,
            "subject": "Heating repairs at 80 Maple Street, apartment 4",
            "contact_type": "correspondence",
            "direction": "out",
            "channel": "letter",
            "purpose": "Ask for the heating to be repaired",
            "correspondent_partner_id": self.landlord.id,
            "on_behalf_of_client": True,
            "body": "<p>The family has had no heating since November 2.</p>",
        }
        values.update(vals)
        return self.env["rrs.case.note"].with_user(self.worker).create(values)

    def _html(self, action, records, user):
        # the HTML wkhtmltopdf receives (report_type pdf: the page-number placeholders)
        html = action.with_user(user)._render_qweb_html(
            action.id, records.ids, data={"report_type": "pdf"}
        )[0]
        return html.decode()

    def test_rec2_letter_printed_on_letterhead_signed_and_dated(self):
        # rule REC-2
        letter = self._letter()
        html = self._html(self.letter_action, letter, self.worker)
        for text in (
            html_escape(self.company.name),
            '<span class="page"',
            '<span class="topage"',
            DRAFT_MARK,
            "not yet signed by the supervisor",
            "Maple Street Apartments",
            "Heating repairs at 80 Maple Street, apartment 4",
            "no heating since November 2",
            format_date(self.env, letter.contact_date),
        ):
            self.assertIn(text, html)
        self.assertNotIn("Signed by", html)
        letter.with_user(self.worker).action_request_signature()
        self.assertIn(DRAFT_MARK, self._html(self.letter_action, letter, self.worker))
        letter.with_user(self.supervisor).action_sign_letter()
        html = self._html(self.letter_action, letter, self.worker)
        self.assertNotIn(DRAFT_MARK, html)
        self.assertIn(
            f"Signed by <strong>{self.supervisor.name}</strong>, "
            f"<span>{format_date(self.env, letter.letter_signed_date)}</span>",
            html,
        )
        self.assertNotIn(str(letter.letter_signed_date), html)

    def test_rec2_only_readers_print_the_letter(self):
        # rule REC-2: a letter prints with the reader's rights
        letter = self._letter()
        for user in (self.worker_far, self.volunteer, self.finance):
            with self.assertRaisesRegex(AccessError, ACCESS_REFUSED):
                self._html(self.letter_action, letter, user)
        self.assertIn(letter.subject, self._html(self.letter_action, letter, self.auditor))
        # a confidential letter: the auditor may not read it, so may not print it
        letter.with_user(self.worker).confidential = True
        with self.assertRaisesRegex(AccessError, ACCESS_REFUSED):
            self._html(self.letter_action, letter, self.auditor)
        self.assertIn(letter.subject, self._html(self.letter_action, letter, self.worker))

    def test_plan3_agreement_draft_until_signed_with_the_drawn_signature(self):
        # rule PLAN-3
        signed = self.env.ref("rrs_case.plan_rahimi_1_demo")
        draft = self.env.ref("rrs_case.plan_haddad_1_demo")
        self.assertEqual((signed.state, draft.state), ("signed", "draft"))
        # in the agency's language whatever languages the database has (the language of a
        # printed document is tested in test_document_language.py)
        (signed | draft).write({"document_language_id": self.env.ref("rrs_case.language_eng").id})
        worker = signed.case_id.user_id
        html = self._html(self.agreement_action, signed, worker)
        for text in (
            html_escape(signed.company_id.name),
            '<span class="topage"',
            'alt="Signature" src="data:image/png;base64,',
            format_date(self.env, signed.signed_date),
        ):
            self.assertIn(text, html)
        self.assertNotIn(DRAFT_MARK, html)
        html = self._html(self.agreement_action, draft, draft.case_id.user_id)
        self.assertIn(DRAFT_MARK, html)
        self.assertIn("not yet signed by everyone", html)

    def test_rec2_only_letters_print_as_letters(self):
        # rule REC-2
        note = (
            self.env["rrs.case.note"]
            .with_user(self.worker)
            .create({"case_id": self.case.id, "subject": "Office visit", "contact_type": "phone"})
        )
        with self.assertRefused("is not a letter on behalf of the client", UserError):
            self._html(self.letter_action, note, self.worker)

    def test_letterhead_and_page_numbers_with_any_wkhtmltopdf_build(self):
        # Debian's wkhtmltopdf (unpatched Qt) ignores Odoo's header and footer: the suite's
        # documents then carry the letterhead in their body and a stamped page number.
        letter = self._letter(
            body="<p>" + "The heating has not worked since November. " * 150 + "</p>"
        )
        with patch.object(ir_actions_report, "_patched_qt", return_value=False):
            pdf, kind = (
                self.letter_action.with_user(self.worker)
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(self.letter_action.id, letter.ids)
            )
        self.assertEqual(kind, "pdf")
        pages = PdfFileReader(io.BytesIO(pdf)).pages
        self.assertGreater(len(pages), 1, "a letter long enough for two pages")
        texts = [page.extract_text() for page in pages]
        for number, text in enumerate(texts, start=1):
            self.assertIn(f"Page {number} / {len(pages)}", text)
        # the letterhead and the agency's footer are in the document's body, without the
        # page placeholders that only a patched build fills in
        html = self._html(self.letter_action, letter, self.worker)
        with patch.object(ir_actions_report, "_patched_qt", return_value=False):
            bodies, _ids, header, _footer, _args = self.letter_action._prepare_html(
                html, report_model="rrs.case.note"
            )
        self.assertIn("o_rrs_letterhead", bodies[0])
        self.assertIn(html_escape(self.company.name), bodies[0])
        self.assertNotIn('<span class="page"', bodies[0])
        self.assertNotIn(html_escape(self.company.name), header)
        # Odoo's own documents are left as Odoo prints them
        odoo_report = self.env["ir.actions.report"].search(
            [("report_name", "=like", "base.%")], limit=1
        )
        self.assertTrue(odoo_report)
        self.assertFalse(odoo_report._rrs_needs_fallback())
