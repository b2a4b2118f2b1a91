# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RrsConsent(models.Model):
    """Signed forms: confidentiality, Client Charter, release of information (CON-1, CON-2)."""

    _name = "rrs.consent"
    _description = "Consent or Signed Form"
    _inherit = ["mail.thread"]
    _order = "signature_date desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    consent_type = fields.Selection(
        [
            ("confidentiality", "Confidentiality form"),
            ("charter", "Client Charter"),
            ("release", "Release of information"),
        ],
        string="Form",
        required=True,
        tracking=True,
    )
    member_id = fields.Many2one(
        "rrs.case.member",
        string="For",
        domain="[('case_id', '=', case_id)]",
        help="The household member the form covers. Leave empty only for an interpreter's form.",
    )
    signer_role = fields.Selection(
        [
            ("client", "The client, for themself"),
            ("guardian", "Parent or legal guardian, for a minor"),
            ("interpreter", "Interpreter"),
        ],
        required=True,
        default="client",
    )
    signer_partner_id = fields.Many2one(
        "res.partner", string="Signed by", required=True, tracking=True
    )
    signature_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    countersign_user_id = fields.Many2one("res.users", string="Countersigned by", tracking=True)
    countersign_date = fields.Date(string="Countersigned on", tracking=True)
    party_partner_id = fields.Many2one(
        "res.partner", string="Information may be shared with", tracking=True
    )
    scope = fields.Text(string="Information covered and purpose")
    expiry_date = fields.Date(string="Valid until", tracking=True)
    revoked = fields.Boolean(tracking=True)
    revoked_date = fields.Date(tracking=True)
    document = fields.Binary(string="Scanned copy", attachment=True)
    document_name = fields.Char()
    is_valid = fields.Boolean(string="Valid today", compute="_compute_is_valid")

    @api.depends("signature_date", "expiry_date", "revoked", "revoked_date")
    def _compute_is_valid(self):
        for consent in self:
            consent.is_valid = consent._is_valid()

    def _is_valid(self, on_date=None):
        self.ensure_one()
        on_date = on_date or fields.Date.context_today(self)
        if self.signature_date > on_date:
            return False
        if self.revoked and (not self.revoked_date or self.revoked_date <= on_date):
            return False
        return not (self.expiry_date and self.expiry_date < on_date)

    @api.depends("consent_type", "signer_partner_id", "signature_date")
    def _compute_display_name(self):
        labels = dict(self._fields["consent_type"].selection)
        for consent in self:
            consent.display_name = (
                f"{labels.get(consent.consent_type, '')} – {consent.signer_partner_id.name or ''}"
            )

    @api.constrains(
        "consent_type", "signer_role", "signer_partner_id", "member_id", "signature_date"
    )
    def _check_signer(self):
        # rule CON-1: adults sign their own forms, minors are covered by a guardian,
        # interpreters sign the confidentiality form
        for consent in self:
            member = consent.member_id
            if member and member.case_id != consent.case_id:
                raise ValidationError(self.env._("The person is not a member of this case."))
            if consent.signer_role == "interpreter":
                if consent.consent_type != "confidentiality":
                    raise ValidationError(
                        self.env._("Interpreters sign the confidentiality form only.")
                    )
                continue
            if not member:
                raise ValidationError(self.env._("Choose the household member the form is for."))
            if consent.signer_role == "client":
                if consent.signer_partner_id != member.partner_id:
                    raise ValidationError(
                        self.env._(
                            "A form signed by the client is signed by %(name)s themself.",
                            name=member.partner_id.name,
                        )
                    )
                if not member.is_adult_on(consent.signature_date):
                    raise ValidationError(
                        self.env._(
                            "%(name)s was a minor on %(date)s: a parent or legal guardian signs "
                            "for them.",
                            name=member.partner_id.name,
                            date=consent.signature_date,
                        )
                    )
            elif consent.signer_role == "guardian":
                if member.is_adult_on(consent.signature_date):
                    raise ValidationError(
                        self.env._(
                            "%(name)s is 18 or older and signs their own forms.",
                            name=member.partner_id.name,
                        )
                    )
                if consent.signer_partner_id == member.partner_id:
                    raise ValidationError(self.env._("A minor cannot sign as their own guardian."))
                guardian = consent.case_id.member_ids.filtered(
                    lambda m, signer=consent.signer_partner_id: m.partner_id == signer
                )
                if guardian and not guardian.is_adult_on(consent.signature_date):
                    raise ValidationError(
                        self.env._(
                            "%(name)s is a minor and cannot sign as a guardian.",
                            name=guardian.partner_id.name,
                        )
                    )

    @api.constrains("signature_date", "countersign_date", "countersign_user_id", "expiry_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for consent in self:
            if consent.signature_date > today:
                raise ValidationError(self.env._("A form cannot be signed in the future."))
            if bool(consent.countersign_date) != bool(consent.countersign_user_id):
                raise ValidationError(
                    self.env._("A countersignature needs both the staff member and the date.")
                )
            if consent.countersign_date and consent.countersign_date < consent.signature_date:
                raise ValidationError(
                    self.env._("Staff countersign after the client has signed, not before.")
                )
            if consent.expiry_date and consent.expiry_date <= consent.signature_date:
                raise ValidationError(self.env._("The expiry date must come after the signature."))

    @api.constrains("consent_type", "party_partner_id", "scope", "expiry_date")
    def _check_release(self):
        # rule CON-2: a release names the party, the scope and an expiry
        for consent in self.filtered(lambda c: c.consent_type == "release"):
            if not (consent.party_partner_id and consent.scope and consent.expiry_date):
                raise ValidationError(
                    self.env._(
                        "A release of information names the party information may be shared "
                        "with, what is covered and until when it is valid."
                    )
                )

    def action_countersign(self):
        today = fields.Date.context_today(self)
        for consent in self:
            if consent.consent_type != "confidentiality":
                continue
            consent.write({"countersign_user_id": self.env.user.id, "countersign_date": today})
        return True

    def action_revoke(self):
        self.write({"revoked": True, "revoked_date": fields.Date.context_today(self)})
        return True
