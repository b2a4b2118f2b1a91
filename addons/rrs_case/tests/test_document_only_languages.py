# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The client's documents in the languages the suite translates only its documents into
(issue 11): Dari and Pashto, right to left, and Ukrainian and Swahili, left to right, each with
its dates in the language's format and without the note of another language. Dari and Pashto
are languages the suite adds (data/res_lang_data.xml), inactive until activated: activating one
in Settings > Languages loads the suite's terms for it (i18n/fa_AF.po, i18n/ps.po)."""

from datetime import timedelta

from odoo import Command
from odoo.tests import tagged
from odoo.tools import format_date, html_escape

from .common import RrsCaseCommon
from .test_document_language import NOTE, translation

# Odoo language -> the .po it reads the suite's document terms from, and the page direction
LANGS = {
    "fa_AF": ("fa_AF", "rtl"),
    "ps_AF": ("ps", "rtl"),
    "uk_UA": ("uk", "ltr"),
    "sw": ("sw", "ltr"),
}


@tagged("post_install", "-at_install")
class TestDocumentOnlyLanguages(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        langs = (
            cls.env["res.lang"]
            .with_context(active_test=False)
            .search([("code", "in", list(LANGS))])
        )
        # as an administrator does it in Settings > Languages: activates them, loads the terms
        cls.env["base.language.install"].create(
            {"lang_ids": [Command.set(langs.ids)]}
        ).lang_install()
        cls.language = {
            "fa_AF": cls.env.ref("rrs_case.language_prs"),
            "ps_AF": cls.env.ref("rrs_case.language_pus"),
            "uk_UA": cls.env.ref("rrs_case.language_ukr"),
            "sw": cls.env.ref("rrs_case.language_swa"),
        }
        cls.agreement = cls.env.ref("rrs_case.action_report_service_agreement")
        cls.consent = cls.env.ref("rrs_case.action_report_consent")
        cls.plan = cls.env.ref("rrs_case.plan_rahimi_1_demo")
        cls.clinic = cls.env["res.partner"].create(
            {"name": "Lakeside Family Clinic", "is_company": True}
        )

    def _html(self, action, records, user):
        return action.with_user(user)._render_qweb_html(action.id, records.ids)[0].decode()

    def _says(self, html, code, *msgids):
        po = LANGS[code][0]
        for msgid in msgids:
            self.assertIn(html_escape(translation(po, msgid)), html, (code, msgid))
            self.assertNotIn(f">{msgid}<", html, (code, msgid))

    def _laid_out(self, html, code, *dates):
        self.assertIn(f'dir="{LANGS[code][1]}"', html)
        self.assertNotIn(NOTE, html)
        lang = self.env["res.lang"]._lang_get(code)
        for value in dates:
            self.assertIn(value.strftime(lang.date_format), html)
            self.assertIn(format_date(self.env(context={"lang": code}), value), html)

    def _agreement_in(self, code):
        worker = self.plan.case_id.user_id
        self.plan.with_user(worker).document_language_id = self.language[code]
        self.assertEqual(self.plan._rrs_document_lang(), (code, False))
        html = self._html(self.agreement, self.plan, worker)
        self._says(
            html, code, "Service agreement", "Goals", "Who took part in planning", "Signatures"
        )
        self._laid_out(html, code, self.plan.plan_date)
        return html

    def _consent_forms_in(self, code):
        case = self._active_case(primary_language_id=self.language[code].id)
        head = case.member_ids.filtered("is_head")
        release = (
            self.env["rrs.consent"]
            .with_user(self.worker)
            .create(
                {
                    "case_id": case.id,
                    "consent_type": "release",
                    "member_id": head.id,
                    "signer_role": "client",
                    "signer_partner_id": head.partner_id.id,
                    "signature_date": self.today,
                    "party_partner_id": self.clinic.id,
                    "scope": "Appointment dates, to book the health screening",
                    "expiry_date": self.today + timedelta(days=180),
                }
            )
        )
        confidentiality = case.consent_ids.filtered(lambda c: c.consent_type == "confidentiality")
        self.assertEqual(len(confidentiality), 1)
        self.assertEqual(confidentiality._rrs_document_lang(), (code, False))
        po = LANGS[code][0]
        html = self._html(self.consent, confidentiality, self.worker)
        self._says(
            html, code, "Confidentiality form", "The limits of confidentiality", "Signatures"
        )
        statement = translation(
            po,
            "I, %(name)s, have had this form explained to me in a language I understand. "
            "I understand what confidentiality means and its limits.",
        )
        self.assertIn(
            html_escape(statement % {"name": confidentiality.signer_partner_id.name}), html
        )
        self._laid_out(html, code, confidentiality.signature_date)
        html = self._html(self.consent, release, self.worker)
        self._says(html, code, "Release of information", "Valid until")
        self.assertIn("Lakeside Family Clinic", html)
        self._laid_out(html, code, release.signature_date, release.expiry_date)

    def test_plan3_agreement_in_dari_right_to_left(self):
        self.assertEqual(
            self.plan.document_language_id, self.language["fa_AF"], "the Rahimi family"
        )
        html = self._agreement_in("fa_AF")
        self.assertNotIn("Persian", html)

    def test_plan3_agreement_in_pashto_right_to_left(self):
        self._agreement_in("ps_AF")

    def test_plan3_agreement_in_ukrainian(self):
        self._agreement_in("uk_UA")

    def test_plan3_agreement_in_swahili(self):
        self._agreement_in("sw")

    def test_con1_con2_forms_in_dari_right_to_left(self):
        self._consent_forms_in("fa_AF")

    def test_con1_con2_forms_in_pashto_right_to_left(self):
        self._consent_forms_in("ps_AF")

    def test_con1_con2_forms_in_ukrainian(self):
        self._consent_forms_in("uk_UA")

    def test_con1_con2_forms_in_swahili(self):
        self._consent_forms_in("sw")

    def test_con1_dari_form_prints_as_a_pdf(self):
        case = self._active_case(primary_language_id=self.language["fa_AF"].id)
        charter = case.consent_ids.filtered(lambda c: c.consent_type == "charter")
        pdf, kind = (
            self.consent.with_user(self.worker)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(self.consent.id, charter.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_rec2_letter_in_dari_right_to_left(self):
        """A letter on the client's behalf printed in Dari, the language chosen on the
        letter (rule REC-2)."""
        case = self.plan.case_id
        landlord = self.env["res.partner"].create({"name": "Maple Street Apartments"})
        letter = (
            self.env["rrs.case.note"]
            .with_user(case.user_id)
            .create(
                {
                    "case_id": case.id,
                    "subject": "Heating repair",
                    "contact_type": "correspondence",
                    "direction": "out",
                    "channel": "letter",
                    "purpose": "Ask for the repair",
                    "correspondent_partner_id": landlord.id,
                    "on_behalf_of_client": True,
                    "body": "<p>The family has had no heating since Monday.</p>",
                    "document_language_id": self.language["fa_AF"].id,
                }
            )
        )
        self.assertEqual(letter._rrs_document_lang(), ("fa_AF", False))
        action = self.env.ref("rrs_case.action_report_case_letter")
        html = self._html(action, letter, case.user_id)
        self.assertIn(translation("fa_AF", "<strong>Subject:</strong>"), html)
        self.assertNotIn("<strong>Subject:</strong>", html)
        self.assertIn('dir="rtl"', html)
        self.assertNotIn(NOTE, html)
