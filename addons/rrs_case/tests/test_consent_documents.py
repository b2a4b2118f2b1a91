# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The confidentiality form, the Client Charter and a release of information print for the
client in the client's language (rules CON-1, CON-2, issue 11): the case's document language
unless changed on the form; right to left for Arabic; dates in the language's format; a
language the suite is not translated into prints in the agency's language with a note."""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import format_date, html_escape

from .common import RrsCaseCommon
from .test_document_language import NOTE, translation

DRAFT_MARK = "o_rrs_draft_mark"
ACCESS_REFUSED = r"not allowed to access|top-secret records"


@tagged("post_install", "-at_install")
class TestConsentDocuments(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("ar_001", "es_ES"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(["rrs_case"], ["ar_001", "es_ES"])
        cls.arabic = cls.env.ref("rrs_case.language_ara")
        cls.spanish = cls.env.ref("rrs_case.language_spa")
        cls.tigrinya = cls.env.ref("rrs_case.language_tir")
        cls.action = cls.env.ref("rrs_case.action_report_consent")
        cls.agency = cls.company.partner_id.lang or "en_US"
        cls.clinic = cls.env["res.partner"].create(
            {"name": "Lakeside Family Clinic", "is_company": True, "city": "Springfield"}
        )

    # ----------------------------------------------------------------- helpers
    def _case_in(self, language):
        case = self._active_case(primary_language_id=language.id)
        self.assertEqual(case.document_language_id, language)
        return case

    def _form(self, case, kind):
        form = case.consent_ids.filtered(lambda c: c.consent_type == kind)[:1]
        self.assertTrue(form, kind)
        return form

    def _release(self, case, **vals):
        head = case.member_ids.filtered("is_head")
        values = {
            "case_id": case.id,
            "consent_type": "release",
            "member_id": head.id,
            "signer_role": "client",
            "signer_partner_id": head.partner_id.id,
            "signature_date": self.today,
            "party_partner_id": self.clinic.id,
            "scope": "Appointment dates and the family's address, to book the health screening",
            "expiry_date": self.today + timedelta(days=180),
        }
        values.update(vals)
        return self.env["rrs.consent"].with_user(self.worker).create(values)

    def _html(self, forms, user=None):
        action = self.action.with_user(user or self.worker)
        return action._render_qweb_html(self.action.id, forms.ids)[0].decode()

    def _date(self, lang, value):
        return format_date(self.env(context={"lang": lang}), value)

    def _sentence(self, lang, msgid, **params):
        """The shipped translation of a sentence of the form, with its values."""
        return html_escape(translation(lang, msgid) % params)

    # ------------------------------------------------------------------- tests
    def test_con1_confidentiality_form_in_arabic_right_to_left(self):
        case = self._case_in(self.arabic)
        form = self._form(case, "confidentiality")
        self.assertEqual(form.document_language_id, self.arabic)
        self.assertEqual(form._rrs_document_lang(), ("ar_001", False))
        html = self._html(form)
        for msgid in ("Confidentiality form", "The limits of confidentiality", "Signatures"):
            self.assertIn(html_escape(translation("ar", msgid)), html)
        self.assertNotIn(">Confidentiality form<", html)
        self.assertIn('dir="rtl"', html)
        self.assertIn(self._date("ar_001", form.signature_date), html)
        self.assertIn(
            self._sentence(
                "ar",
                "I, %(name)s, have had this form explained to me in a language I understand. "
                "I understand what confidentiality means and its limits.",
                name=form.signer_partner_id.name,
            ),
            html,
        )
        # countersigned by the case worker: final, without the note of another language
        self.assertIn(html_escape(form.countersign_user_id.name), html)
        self.assertNotIn(DRAFT_MARK, html)
        self.assertNotIn(NOTE, html)

    def test_con1_confidentiality_form_draft_until_staff_countersign(self):
        case = self._case_in(self.spanish)
        member = case.member_ids.filtered("is_head")
        form = (
            self.env["rrs.consent"]
            .with_user(self.worker)
            .create(
                {
                    "case_id": case.id,
                    "consent_type": "confidentiality",
                    "member_id": member.id,
                    "signer_role": "client",
                    "signer_partner_id": member.partner_id.id,
                }
            )
        )
        html = self._html(form)
        self.assertIn(DRAFT_MARK, html)
        reason = translation("es", "not yet countersigned by the agency's staff.")
        self.assertIn(html_escape(reason), html)
        form.with_user(self.worker).action_countersign()
        html = self._html(form)
        self.assertNotIn(DRAFT_MARK, html)
        self.assertIn(self._date("es_ES", form.countersign_date), html)

    def test_con1_client_charter_in_spanish(self):
        case = self._case_in(self.spanish)
        charter = self._form(case, "charter")
        html = self._html(charter)
        for msgid in (
            "Client Charter",
            "Your rights",
            "Your responsibilities",
            "What you can expect from our staff",
        ):
            self.assertIn(html_escape(translation("es", msgid)), html)
        self.assertIn('dir="ltr"', html)
        self.assertIn(self._date("es_ES", charter.signature_date), html)
        self.assertIn(
            self._sentence(
                "es",
                "I, %(name)s, have had this charter explained to me in a language I "
                "understand, and I have received a copy.",
                name=charter.signer_partner_id.name,
            ),
            html,
        )
        self.assertNotIn(NOTE, html)
        self.assertNotIn(DRAFT_MARK, html, "the charter is final once the client signs it")

    def test_con1_client_charter_in_arabic(self):
        charter = self._form(self._case_in(self.arabic), "charter")
        html = self._html(charter)
        self.assertIn(html_escape(translation("ar", "Client Charter")), html)
        self.assertIn(html_escape(translation("ar", "Your rights")), html)
        self.assertIn('dir="rtl"', html)
        self.assertIn(self._date("ar_001", charter.signature_date), html)

    def test_con2_release_names_party_scope_and_expiry_in_arabic(self):
        case = self._case_in(self.arabic)
        release = self._release(case)
        html = self._html(release)
        self.assertIn(html_escape(translation("ar", "Release of information")), html)
        self.assertIn(html_escape(translation("ar", "Information covered and purpose")), html)
        self.assertIn('dir="rtl"', html)
        self.assertIn("Lakeside Family Clinic", html)
        self.assertIn("to book the health screening", html)
        expiry = self._date("ar_001", release.expiry_date)
        self.assertIn(expiry, html)
        self.assertIn(
            self._sentence(
                "ar",
                "I, %(name)s, agree that %(agency)s shares the information described above "
                "with %(party)s until %(date)s.",
                name=release.signer_partner_id.name,
                agency=self.company.name,
                party=self.clinic.name,
                date=expiry,
            ),
            html,
        )
        self.assertNotIn(NOTE, html)

    def test_con2_release_in_spanish_chosen_on_the_form(self):
        case = self._case_in(self.arabic)
        release = self._release(case)
        release.with_user(self.worker).document_language_id = self.spanish
        self.assertEqual(case.document_language_id, self.arabic, "the case keeps its own")
        html = self._html(release)
        self.assertIn(html_escape(translation("es", "Release of information")), html)
        self.assertIn('dir="ltr"', html)
        self.assertIn(self._date("es_ES", release.expiry_date), html)

    def test_con1_con2_each_form_in_tigrinya_prints_in_the_agencys_language_with_a_note(self):
        case = self._case_in(self.tigrinya)
        release = self._release(case)
        forms = self._form(case, "confidentiality") | self._form(case, "charter") | release
        for form, title in zip(
            forms,
            ("Confidentiality form", "Client Charter", "Release of information"),
            strict=True,
        ):
            self.assertEqual(form._rrs_document_lang(), (self.agency, True))
            html = self._html(form)
            self.assertIn(NOTE, html)
            self.assertIn("not yet available in Tigrinya", html)
            self.assertIn(f">{title}<", html)
            self.assertIn(format_date(self.env, form.signature_date), html)

    def test_con2_revoked_release_says_so_and_keeps_its_content(self):
        case = self._case_in(self.spanish)
        release = self._release(case)
        release.with_user(self.worker).action_revoke()
        html = self._html(release)
        self.assertIn(
            self._sentence(
                "es",
                "Revoked on %(date)s: the client withdrew this consent, which no longer applies.",
                date=self._date("es_ES", release.revoked_date),
            ),
            html,
        )
        # the language is a print choice; the form itself and the system's fields stay
        release.with_user(self.worker).document_language_id = self.arabic
        self.assertIn('dir="rtl"', self._html(release))
        with self.assertRefused("revocation is final", UserError):
            release.with_user(self.worker).scope = "Everything"
        with self.assertRefused("set by the system", UserError):
            release.with_user(self.worker).revoked_date = self.today - timedelta(days=3)

    def test_con1_con2_only_readers_print_the_form(self):
        case = self._case_in(self.arabic)
        release = self._release(case)
        # finance never reads forms; a worker of another team does not read this case's
        for user in (self.finance, self.worker_far, self.volunteer):
            with self.assertRaisesRegex(AccessError, ACCESS_REFUSED):
                self._html(release, user)
            with self.assertRaisesRegex(AccessError, ACCESS_REFUSED):
                release.with_user(user).action_print()
        self.assertEqual(release.with_user(self.worker).action_print()["type"], "ir.actions.report")
        # a minor's (restricted) case: its forms only for its staff, not the auditor
        self.assertIn("Lakeside Family Clinic", self._html(release, self.auditor))
        case.restricted = True  # rrs_minors says which cases are minors' records
        with self.assertRaisesRegex(AccessError, ACCESS_REFUSED):
            self._html(release, self.auditor)
        self.assertIn("Lakeside Family Clinic", self._html(release))

    def test_con1_form_prints_as_a_pdf(self):
        charter = self._form(self._case_in(self.arabic), "charter")
        pdf, kind = (
            self.action.with_user(self.worker)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(self.action.id, charter.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
