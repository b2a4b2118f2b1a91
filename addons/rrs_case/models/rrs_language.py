# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pathlib import Path

from odoo import fields, models, tools
from odoo.tools.translate import get_base_langs

# The case records a client's language by its ISO 639-3 code (Dari, Tigrinya, Rohingya have
# no two-letter code of their own); Odoo's languages carry ISO 639-1 codes, with a country
# where one written language has two standards. Dari and Persian are both ``fa`` but are
# different languages for a reader: Dari is the suite's ``fa_AF`` (data/res_lang_data.xml),
# Persian Odoo's ``fa_IR``; Pashto is the suite's ``ps_AF``. A code with a country names that
# exact language, a code without one any installed language of it (ar_001, es_ES ...).
ISO_639_3_TO_ODOO = {
    "ara": "ar",
    "prs": "fa_AF",
    "fas": "fa_IR",
    "pus": "ps_AF",
    "ukr": "uk",
    "rus": "ru",
    "tir": "ti",
    "amh": "am",
    "som": "so",
    "swa": "sw",
    "kin": "rw",
    "lin": "ln",
    "fra": "fr",
    "eng": "en",
    "spa": "es",
    "hat": "ht",
    "mya": "my",
    "nep": "ne",
    "urd": "ur",
    "kur": "ku",
    "kmr": "ku",
    "tur": "tr",
    "uzb": "uz",
    "vie": "vi",
    "kir": "ky",
    "orm": "om",
}


class RrsLanguage(models.Model):
    """Languages spoken by clients (not UI languages: Dari, Tigrinya, Rohingya ...)."""

    _name = "rrs.language"
    _description = "Spoken Language"
    _inherit = ["rrs.guard.mixin"]
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(string="ISO 639 code", required=True)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Each language needs its own ISO code.")

    @tools.ormcache()
    def _rrs_translated_langs(self):
        """The languages the suite's documents are translated into: the names of its
        ``i18n/*.po`` (``es``, ``fa_AF`` ...), as Odoo loads them (``get_po_paths``)."""
        folder = Path(__file__).resolve().parents[1] / "i18n"
        return frozenset(path.stem for path in folder.glob("*.po"))

    def _rrs_document_lang(self, company):
        """The Odoo language a client's document prints in: this language where the suite is
        translated into it and Odoo has it installed, else the agency's. Returns ``(code,
        fallback)``: ``fallback`` is True when the client's language could not be used, so
        that the document says it is in the agency's language instead."""
        agency = company.partner_id.lang or "en_US"
        if not self or not self.code:
            return agency, False
        wanted = ISO_639_3_TO_ODOO.get(self.code.lower(), self.code.lower())
        if wanted in (agency, agency.split("_")[0]):
            return agency, False
        # sudo(): which languages the database has installed, to print in one of them
        langs = self.env["res.lang"].sudo().search([("active", "=", True)], order="id")
        if "_" in wanted:
            matching = langs.filtered(lambda lang: lang.code == wanted)
        else:
            matching = langs.filtered(lambda lang: lang.code.split("_")[0] == wanted)
        translated = self._rrs_translated_langs()
        matching = matching.filtered(
            lambda lang: (
                lang.code.startswith("en")
                or any(base in translated for base in get_base_langs(lang.code))
            )
        )
        if not matching:
            return agency, True
        return matching[:1].code, False

    def _rrs_fallback_note(self):
        """What a document printed in the agency's language says to the client."""
        self.ensure_one()
        return self.env._(
            "The suite's documents are not yet available in %(language)s: this copy is in the "
            "agency's language. Ask for an interpreter to go through it with you.",
            language=self.name,
        )
