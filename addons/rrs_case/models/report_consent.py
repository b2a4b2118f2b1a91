# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import format_date


class ReportConsent(models.AbstractModel):
    """The printed confidentiality form, Client Charter or release of information (rules CON-1,
    CON-2), in the client's language."""

    _name = "report.rrs_case.report_consent"
    _description = "Printed consent form"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["rrs.consent"].browse(docids)
        # rules CON-1, CON-2: only who may read the form prints it (restricted cases, another
        # team's cases), checked against the rules rather than what is already loaded
        docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "rrs.consent",
            "docs": docs,
            "printed_texts": self._rrs_printed_texts,
        }

    @api.model
    def _rrs_printed_texts(self, consent):
        """The sentences of the printed ``consent`` that name people, dates or the agency,
        whole sentences translated in the language of the consent's environment (the template
        passes the form in the document's language). They live with the report so that the
        documents' terms are told apart from the interface's (scripts/po_sync.py: the
        languages the suite translates only its documents into)."""
        consent.ensure_one()
        env = consent.env
        signer = consent.signer_partner_id.name or ""
        person = consent.member_id.partner_id.name or ""
        agency = consent.company_id.name or ""
        party = consent.party_partner_id.name or ""
        texts = {}
        if consent.signer_role == "interpreter":
            statement = env._(
                "I, %(name)s, interpreter, will keep private everything I hear or read while "
                "interpreting for the clients of %(agency)s. I will not share it with anyone, "
                "my own community included, nor use it for any other purpose.",
                name=signer,
                agency=agency,
            )
        elif consent.consent_type == "confidentiality":
            if consent.signer_role == "guardian":
                statement = env._(
                    "I, %(name)s, parent or legal guardian of %(person)s, have had this form "
                    "explained to me in a language I understand. I understand what "
                    "confidentiality means and its limits, for me and for the child in my care.",
                    name=signer,
                    person=person,
                )
            else:
                statement = env._(
                    "I, %(name)s, have had this form explained to me in a language I "
                    "understand. I understand what confidentiality means and its limits.",
                    name=signer,
                )
        elif consent.consent_type == "charter":
            if consent.signer_role == "guardian":
                statement = env._(
                    "I, %(name)s, parent or legal guardian of %(person)s, have had this charter "
                    "explained to me in a language I understand, and I have received a copy.",
                    name=signer,
                    person=person,
                )
            else:
                statement = env._(
                    "I, %(name)s, have had this charter explained to me in a language I "
                    "understand, and I have received a copy.",
                    name=signer,
                )
        else:
            expiry = format_date(env, consent.expiry_date)
            texts["release_intro"] = env._(
                "This release allows %(agency)s to share information about %(person)s with "
                "%(party)s, as described below, until %(date)s.",
                agency=agency,
                person=person,
                party=party,
                date=expiry,
            )
            if consent.signer_role == "guardian":
                statement = env._(
                    "I, %(name)s, parent or legal guardian of %(person)s, agree that %(agency)s "
                    "shares the information described above with %(party)s until %(date)s.",
                    name=signer,
                    person=person,
                    agency=agency,
                    party=party,
                    date=expiry,
                )
            else:
                statement = env._(
                    "I, %(name)s, agree that %(agency)s shares the information described above "
                    "with %(party)s until %(date)s.",
                    name=signer,
                    agency=agency,
                    party=party,
                    date=expiry,
                )
        texts["statement"] = statement
        if consent.consent_type == "confidentiality":
            texts["countersign"] = env._(
                "I explained this form and its limits to the person who signed it, on behalf of "
                "%(agency)s.",
                agency=agency,
            )
        if consent.revoked:
            texts["revoked"] = env._(
                "Revoked on %(date)s: the client withdrew this consent, which no longer applies.",
                date=format_date(env, consent.revoked_date),
            )
        elif consent.expiry_date and consent.expiry_date < fields.Date.context_today(consent):
            texts["expired"] = env._(
                "Expired on %(date)s: this consent no longer applies.",
                date=format_date(env, consent.expiry_date),
            )
        return texts
