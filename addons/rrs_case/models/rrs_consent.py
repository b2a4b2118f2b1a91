# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class RrsConsent(models.Model):
    """Signed forms: confidentiality, Client Charter, release of information (CON-1, CON-2)."""

    _name = "rrs.consent"
    _description = "Consent or Signed Form"
    _inherit = ["mail.thread", "rrs.guard.mixin"]
    _order = "signature_date desc, id desc"
    _check_company_auto = True

    # rule CON-2: revocation is a move of the form, and it is final
    _rrs_state_field = "revoked"
    _rrs_parent_field = "case_id"
    # rule CON-1: staff countersign through the button; rule CON-2: revoked on the day it is
    _rrs_system_fields = ("countersign_user_id", "countersign_date", "revoked_date")
    _rrs_frozen_states = (True,)
    # the language a form prints in is a print choice, even on a revoked form
    _rrs_frozen_writable = ("document_language_id",)

    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    document_language_id = fields.Many2one(
        "rrs.language",
        string="Printed in",
        compute="_compute_document_language_id",
        store=True,
        readonly=False,
        help="The language this form prints in for the client: the case's, unless changed here.",
    )
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
        index="btree_not_null",
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
        "res.partner", string="Signed by", required=True, tracking=True, index="btree_not_null"
    )
    signature_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True, index=True
    )
    countersign_user_id = fields.Many2one(
        "res.users", string="Countersigned by", readonly=True, copy=False, tracking=True
    )
    countersign_date = fields.Date(
        string="Countersigned on", readonly=True, copy=False, tracking=True
    )
    party_partner_id = fields.Many2one(
        "res.partner",
        string="Information may be shared with",
        tracking=True,
        index="btree_not_null",
    )
    scope = fields.Text(string="Information covered and purpose")
    expiry_date = fields.Date(string="Valid until", tracking=True)
    revoked = fields.Boolean(default=False, readonly=True, copy=False, tracking=True)
    revoked_date = fields.Date(readonly=True, copy=False, tracking=True)
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

    @api.depends("case_id.document_language_id")
    def _compute_document_language_id(self):
        for consent in self:
            consent.document_language_id = consent.case_id.document_language_id

    @api.depends("consent_type", "signer_partner_id", "signature_date")
    def _compute_display_name(self):
        labels = dict(self._fields["consent_type"]._description_selection(self.env))
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

    # ------------------------------------------------------------------- moves
    def _rrs_state_label(self, value):
        return self.env._("Revoked") if value else self.env._("Signed")

    def _rrs_frozen_message(self):
        return self.env._(
            "%(form)s was revoked on %(date)s: revocation is final. Have the client sign a new "
            "form if they consent again.",
            form=self.display_name,
            date=self.revoked_date,
        )

    def _rrs_moves(self):
        """The client withdraws the consent (rule CON-2); nothing brings it back."""
        return {(False, True): "_rrs_move_revoke"}

    def _rrs_move_revoke(self, target):
        return {"revoked_date": fields.Date.context_today(self)}

    def _check_countersigner(self, user):
        """Staff countersign (rule CON-1): a worker of the case, their supervisor or a program
        manager (the record rules on writing), never the person who signed the form."""
        self.ensure_one()
        if not user.has_group("rrs_case.group_case_worker"):
            raise AccessError(self.env._("Only the agency's case staff countersign a form."))
        if user.partner_id == self.signer_partner_id:
            raise AccessError(
                self.env._("%(name)s signed this form and cannot countersign it.", name=user.name)
            )
        if self.revoked:
            raise UserError(self._rrs_frozen_message())

    def action_countersign(self):
        self.check_access("write")
        today = fields.Date.context_today(self)
        for consent in self:
            if consent.consent_type != "confidentiality" or consent.countersign_date:
                continue
            consent._check_countersigner(self.env.user)
            with consent._rrs_system_write():
                consent.write({"countersign_user_id": self.env.user.id, "countersign_date": today})
        return True

    def action_revoke(self):
        return self._rrs_move(True)

    def action_print(self):
        """The form as given to the client, in the client's language (rules CON-1, CON-2)."""
        self.check_access("read")
        return self.env.ref("rrs_case.action_report_consent").report_action(self)

    # --------------------------------------------------------------- printing
    def _rrs_document_lang(self):
        """``(Odoo language code, fallback)`` this form prints in for the client."""
        self.ensure_one()
        return self.document_language_id._rrs_document_lang(self.company_id)
