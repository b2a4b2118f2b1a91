# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Client-facing documents print in the client's language (issue 11): the case's document
language (its primary language unless changed), overridable per document; right to left for
Arabic, Dari and Pashto; dates in the language's format; a language the suite is not
translated into, or that is not installed, prints in the agency's language with a note saying
so. Dari (fa_AF) and Pashto (ps_AF) are languages the suite adds; Dari is not Persian."""

from pathlib import Path

from babel.messages.pofile import read_po

from odoo.tests import tagged
from odoo.tools import format_date

from .common import RrsCaseCommon

I18N = Path(__file__).resolve().parents[1] / "i18n"
NOTE = "o_rrs_language_note"


def translation(lang, msgid):
    """The shipped translation of ``msgid`` (what a translator wrote, not what the test
    expects): the document must show it."""
    with (I18N / f"{lang}.po").open("rb") as f:
        message = read_po(f).get(msgid)
    assert message and message.string, (lang, msgid)
    return message.string


@tagged("post_install", "-at_install")
class TestDocumentLanguage(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("ar_001", "es_ES"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(["rrs_case"], ["ar_001", "es_ES"])
        cls.arabic = cls.env.ref("rrs_case.language_ara")
        cls.spanish = cls.env.ref("rrs_case.language_spa")
        cls.dari = cls.env.ref("rrs_case.language_prs")
        cls.persian = cls.env.ref("rrs_case.language_fas")
        cls.tigrinya = cls.env.ref("rrs_case.language_tir")
        cls.agreement = cls.env.ref("rrs_case.action_report_service_agreement")
        cls.letter_action = cls.env.ref("rrs_case.action_report_case_letter")
        cls.plan = cls.env.ref("rrs_case.plan_haddad_1_demo")

    def _html(self, action, records, user):
        return action.with_user(user)._render_qweb_html(action.id, records.ids)[0].decode()

    def test_document_language_agreement_in_arabic_right_to_left(self):
        case = self.plan.case_id
        self.assertEqual(case.primary_language_id, self.arabic)
        self.assertEqual(
            (case.document_language_id, self.plan.document_language_id),
            (
                self.arabic,
                self.arabic,
            ),
        )
        html = self._html(self.agreement, self.plan, case.user_id)
        self.assertIn(translation("ar", "Service agreement"), html)
        self.assertIn(translation("ar", "Goals"), html)
        self.assertNotIn(">Service agreement<", html)
        self.assertIn('dir="rtl"', html)
        arabic_date = format_date(self.env(context={"lang": "ar_001"}), self.plan.plan_date)
        self.assertIn(arabic_date, html)
        self.assertNotIn(NOTE, html)

    def test_document_language_chosen_per_document(self):
        worker = self.plan.case_id.user_id
        self.plan.with_user(worker).document_language_id = self.spanish
        self.assertEqual(self.plan.case_id.document_language_id, self.arabic, "the case keeps its")
        html = self._html(self.agreement, self.plan, worker)
        self.assertIn(translation("es", "Service agreement"), html)
        self.assertIn('dir="ltr"', html)
        spanish_date = format_date(self.env(context={"lang": "es_ES"}), self.plan.plan_date)
        self.assertIn(spanish_date, html)
        # a signed agreement is frozen, but the language it is printed in is a print choice
        signed = self.env.ref("rrs_case.plan_rahimi_1_demo")
        self.assertEqual(signed.state, "signed")
        signed.with_user(signed.case_id.user_id).document_language_id = self.spanish
        self.assertEqual(signed.document_language_id, self.spanish)

    def test_document_language_follows_the_case(self):
        case = self._active_case(primary_language_id=self.arabic.id)
        self.assertEqual(case.document_language_id, self.arabic)
        case.with_user(self.worker).document_language_id = self.spanish
        self.assertEqual(case.primary_language_id, self.arabic)
        self.assertEqual(case._rrs_document_lang(), ("es_ES", False))

    def test_document_language_falls_back_to_the_agency_with_a_note(self):
        agency = self.company.partner_id.lang or "en_US"
        signed = self.env.ref("rrs_case.plan_rahimi_1_demo")
        worker = signed.case_id.user_id
        # Tigrinya: no translation of the suite
        signed.with_user(worker).document_language_id = self.tigrinya
        self.assertEqual(signed._rrs_document_lang(), (agency, True))
        html = self._html(self.agreement, signed, worker)
        self.assertIn(NOTE, html)
        self.assertIn("not yet available in", html)
        self.assertIn("Tigrinya", html)
        self.assertIn(">Service agreement<", html)
        # Spanish translated but not installed: the same, until it is installed
        self.env["res.lang"].search([("code", "=", "es_ES")]).active = False
        signed.document_language_id = self.spanish
        self.assertEqual(signed._rrs_document_lang(), (agency, True))
        self.env["res.lang"]._activate_lang("es_ES")
        self.assertEqual(signed._rrs_document_lang(), ("es_ES", False))

    def test_document_language_dari_is_not_persian(self):
        """Dari prints in the suite's Dari (fa_AF) only, never in Odoo's Persian (fa_IR), and
        Persian, which the suite is not translated into, not in Dari."""
        agency = self.company.partner_id.lang or "en_US"
        langs = self.env["res.lang"].with_context(active_test=False)
        dari = langs.search([("code", "=", "fa_AF")])
        self.assertEqual(dari, self.env.ref("rrs_case.lang_fa_AF"))
        self.assertEqual((dari.direction, dari.date_format), ("rtl", "%Y/%m/%d"))
        dari.active = False
        self.env["res.lang"]._activate_lang("fa_IR")
        self.assertEqual(self.dari._rrs_document_lang(self.company), (agency, True))
        self.env["res.lang"]._activate_lang("fa_AF")
        self.assertEqual(self.dari._rrs_document_lang(self.company), ("fa_AF", False))
        self.assertEqual(self.persian._rrs_document_lang(self.company), (agency, True))

    def test_document_language_letter_in_the_letters_language(self):
        landlord = self.env["res.partner"].create({"name": "Maple Street Apartments"})
        case = self.plan.case_id
        letter = (
            self.env["rrs.case.note"]
            .with_user(case.user_id)
            .create(
                {
                    "case_id": case.id,
                    "subject": "Reparación de la calefacción",
                    "contact_type": "correspondence",
                    "direction": "out",
                    "channel": "letter",
                    "purpose": "Pedir la reparación",
                    "correspondent_partner_id": landlord.id,
                    "on_behalf_of_client": True,
                    "body": "<p>La familia no tiene calefacción.</p>",
                    "document_language_id": self.spanish.id,
                }
            )
        )
        html = self._html(self.letter_action, letter, case.user_id)
        self.assertIn(translation("es", "<strong>Subject:</strong>"), html)
        self.assertNotIn(NOTE, html)

    def test_document_language_letter_in_arabic_follows_the_case(self):
        """A letter without a language of its own prints in the case's: Arabic for the
        Haddad family, right to left (REC-2)."""
        landlord = self.env["res.partner"].create({"name": "Maple Street Apartments"})
        case = self.plan.case_id
        self.assertEqual(case.document_language_id, self.arabic)
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
                }
            )
        )
        self.assertEqual(letter._rrs_document_lang(), ("ar_001", False))
        html = self._html(self.letter_action, letter, case.user_id)
        self.assertIn(translation("ar", "<strong>Subject:</strong>"), html)
        self.assertNotIn("<strong>Subject:</strong>", html)
        self.assertIn('dir="rtl"', html)
        self.assertNotIn(NOTE, html)
