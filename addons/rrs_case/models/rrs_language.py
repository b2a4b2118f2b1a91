# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pathlib import Path

from odoo import fields, models, tools

# The case records a client's language by its ISO 639-3 code (Dari, Tigrinya, Rohingya have
# no two-letter code of their own); Odoo's languages carry ISO 639-1 codes. Dari prints in
# Persian, the written standard Odoo has for it.
ISO_639_3_TO_1 = {
    "ara": "ar",
    "prs": "fa",
    "fas": "fa",
    "pus": "ps",
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
    def _rrs_translated_isos(self):
        """The languages the suite's documents are translated into (its ``i18n/*.po``)."""
        folder = Path(__file__).resolve().parents[1] / "i18n"
        return frozenset(path.stem.split("_")[0] for path in folder.glob("*.po"))

    def _rrs_document_lang(self, company):
        """The Odoo language a client's document prints in: this language where the suite is
        translated into it and Odoo has it installed, else the agency's. Returns ``(code,
        fallback)``: ``fallback`` is True when the client's language could not be used, so
        that the document says it is in the agency's language instead."""
        agency = company.partner_id.lang or "en_US"
        if not self or not self.code:
            return agency, False
        iso = ISO_639_3_TO_1.get(self.code.lower(), self.code.lower())
        if iso == agency.split("_")[0]:
            return agency, False
        if iso != "en" and iso not in self._rrs_translated_isos():
            return agency, True
        # sudo(): which languages the database has installed, to print in one of them
        langs = self.env["res.lang"].sudo().search([("active", "=", True)], order="id")
        matching = langs.filtered(lambda lang: lang.code.split("_")[0] == iso)
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
