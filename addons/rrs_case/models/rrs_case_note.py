# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .rrs_guard_mixin import is_disposing

# Legal exceptions allowing information to be shared without consent (rule CON-2).
LEGAL_EXCEPTIONS = [
    ("risk_of_harm", "Risk of harm to self or others"),
    ("child_abuse", "Suspected child abuse"),
    ("subpoena", "Subpoena or court order"),
]
# Contacts whose notes must be written within the program's deadline (rule VIS-4).
FORMAL_CONTACTS = ("meeting", "home_visit", "assessment", "quarterly_checkin")


class RrsCaseNote(models.Model):
    """A case note, for the family or one member.

    Records the practical facts of a contact, never a medical diagnosis (rule REC-1).
    Confidential notes are readable only by the case's workers, their supervisors and
    program managers; record rules enforce it.
    """

    _name = "rrs.case.note"
    _description = "Case Note"
    _inherit = ["rrs.guard.mixin", "rrs.access.logged.mixin"]
    _rec_name = "subject"
    _order = "contact_date desc, id desc"
    _check_company_auto = True

    _rrs_state_field = "letter_state"
    _rrs_parent_field = "case_id"
    # rules VIS-4 (the author and the day the note was written), REC-2 (signature, sending),
    # CON-2 (the release a letter was sent under, the release a consultation relied on)
    _rrs_system_fields = (
        "author_id",
        "written_date",
        "letter_signer_id",
        "letter_signed_date",
        "letter_sent_date",
        "letter_consent_id",
        "consent_id",
    )
    # rule REC-2: a signed letter stays as signed; only who may read it changes, and the
    # legal exception is recorded until it is sent (see _rrs_check_frozen)
    _rrs_frozen_states = ("signed", "sent")
    _rrs_frozen_writable = (
        "confidential",
        "legal_exception",
        "legal_exception_detail",
        "document_language_id",
    )

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
        help="The language this document prints in for the client: the case's, unless "
        "changed here.",
    )
    member_id = fields.Many2one(
        "rrs.case.member",
        string="About",
        domain="[('case_id', '=', case_id)]",
        help="Leave empty for a note about the whole household.",
        index="btree_not_null",
    )
    author_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        readonly=True,
        copy=False,
    )
    subject = fields.Char(required=True)
    contact_type = fields.Selection(
        [
            ("meeting", "Formal meeting"),
            ("home_visit", "Home visit"),
            ("assessment", "Assessment"),
            ("quarterly_checkin", "Quarterly check-in"),
            ("office_visit", "Office visit / drop-in"),
            ("phone", "Phone call"),
            ("correspondence", "Correspondence"),
            ("consultation", "Consultation of another party"),
            ("other", "Other"),
        ],
        required=True,
        default="meeting",
        index=True,
    )
    body = fields.Html(
        string="Note",
        help="Write the practical requirements and facts. Do not record medical diagnoses, "
        "young-offender records or details the program does not need; write sensitive matters "
        "in general terms.",
    )
    confidential = fields.Boolean(
        index=True,
        help="Readable only by the case's workers, their supervisors and program managers.",
    )
    contact_date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    written_date = fields.Date(
        string="Written on",
        required=True,
        default=fields.Date.context_today,
        readonly=True,
        copy=False,
    )
    is_formal = fields.Boolean(compute="_compute_deadline", store=True)
    deadline_date = fields.Date(string="Write by", compute="_compute_deadline", store=True)
    is_late = fields.Boolean(
        string="Written late", compute="_compute_deadline", store=True, index=True
    )

    # correspondence (rule REC-2): who, how, when (contact_date), purpose
    correspondent_partner_id = fields.Many2one(
        "res.partner", string="Correspondent", index="btree_not_null"
    )
    direction = fields.Selection([("in", "Received"), ("out", "Sent")])
    channel = fields.Selection(
        [
            ("letter", "Letter"),
            ("email", "Email"),
            ("phone", "Phone"),
            ("fax", "Fax"),
            ("in_person", "In person"),
            ("message", "Text / messaging app"),
            ("other", "Other"),
        ]
    )
    purpose = fields.Char()
    shares_client_info = fields.Boolean(
        string="Shares client information",
        help="The correspondence passes information about the client to the correspondent: "
        "a release of information naming them, or a legal exception, is needed (rule CON-2).",
    )
    # letters written on behalf of a client (rule REC-2)
    on_behalf_of_client = fields.Boolean(
        string="Letter on behalf of the client",
        help="A letter the agency writes for the client: the supervisor signs and dates it "
        "before it is sent, and a copy is kept.",
    )
    letter_state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_sign", "Awaiting the supervisor's signature"),
            ("signed", "Signed"),
            ("sent", "Sent"),
        ],
        default="draft",
        copy=False,
        index=True,
    )
    letter_attachment_ids = fields.Many2many(
        "ir.attachment",
        "rrs_case_note_letter_attachment_rel",
        "note_id",
        "attachment_id",
        string="Copy of the letter",
    )
    letter_signer_id = fields.Many2one("res.users", string="Signed by", readonly=True, copy=False)
    letter_signed_date = fields.Date(string="Signed on", readonly=True, copy=False)
    letter_sent_date = fields.Date(string="Sent on", readonly=True, copy=False)
    letter_consent_id = fields.Many2one(
        "rrs.consent", string="Release used", readonly=True, copy=False, index="btree_not_null"
    )

    # consultation of another party (rule CON-2)
    consulted_partner_id = fields.Many2one(
        "res.partner", string="Party consulted", index="btree_not_null"
    )
    consent_id = fields.Many2one(
        "rrs.consent",
        string="Release of information",
        compute="_compute_consent_id",
        store=True,
        index="btree_not_null",
    )
    legal_exception = fields.Selection(
        LEGAL_EXCEPTIONS,
        help="Legal exception allowing information to be shared without the client's consent.",
    )
    legal_exception_detail = fields.Text(string="Justification")

    @api.depends(
        "contact_type", "contact_date", "written_date", "case_id.program_id.note_deadline_days"
    )
    def _compute_deadline(self):
        holidays_by_calendar = {}
        for note in self:
            note.is_formal = note.contact_type in FORMAL_CONTACTS
            if not note.is_formal or not note.contact_date:
                note.deadline_date = False
                note.is_late = False
                continue
            calendar = (
                note.case_id.company_id.resource_calendar_id
                or note.env.company.resource_calendar_id
            )
            if calendar not in holidays_by_calendar:
                holidays_by_calendar[calendar] = self._get_non_working(calendar)
            workdays, holidays = holidays_by_calendar[calendar]
            days = note.case_id.program_id.note_deadline_days or 5
            note.deadline_date = self._add_business_days(
                note.contact_date, days, workdays, holidays
            )
            note.is_late = bool(note.written_date and note.written_date > note.deadline_date)

    @api.model
    def _get_non_working(self, calendar):
        """Working weekdays and public holidays of ``calendar`` (VIS-4 counts business days)."""
        if not calendar:
            return {0, 1, 2, 3, 4}, set()
        workdays = {int(a.dayofweek) for a in calendar.attendance_ids} or {0, 1, 2, 3, 4}
        holidays = set()
        # sudo(): public holidays are company configuration that every note author may use.
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", [calendar.id, False]),
                    ("company_id", "in", [calendar.company_id.id, False]),
                ]
            )
        )
        for leave in leaves:
            day = leave.date_from.date()
            while day <= leave.date_to.date():
                holidays.add(day)
                day += timedelta(days=1)
        return workdays, holidays

    @api.model
    def _add_business_days(self, start, days, workdays, holidays):
        day = start
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if day.weekday() in workdays and day not in holidays:
                counted += 1
        return day

    @api.depends("contact_type", "consulted_partner_id", "contact_date", "case_id.consent_ids")
    def _compute_consent_id(self):
        for note in self:
            if note.contact_type == "consultation" and note.consulted_partner_id and note.case_id:
                note.consent_id = note.case_id.get_valid_release(
                    note.consulted_partner_id, note.contact_date
                )
            else:
                note.consent_id = False

    @api.constrains("contact_date", "written_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for note in self:
            if note.contact_date > today:
                raise ValidationError(
                    self.env._(
                        "The contact date (%(date)s) is in the future. A note records a contact "
                        "that has taken place; plan future contacts as activities.",
                        date=note.contact_date,
                    )
                )
            if note.written_date < note.contact_date:
                raise ValidationError(self.env._("A note cannot be written before the contact."))

    @api.constrains("member_id", "case_id")
    def _check_member_in_case(self):
        for note in self:
            if note.member_id and note.member_id.case_id != note.case_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not a member of case %(case)s.",
                        name=note.member_id.partner_id.name,
                        case=note.case_id.name,
                    )
                )

    @api.constrains("contact_type", "correspondent_partner_id", "channel", "purpose")
    def _check_correspondence(self):
        # rule REC-2: who, how, when and purpose of all correspondence
        for note in self.filtered(lambda n: n.contact_type == "correspondence"):
            missing = [
                label
                for label, value in (
                    (self.env._("who it was with"), note.correspondent_partner_id),
                    (self.env._("how (letter, email ...)"), note.channel),
                    (self.env._("its purpose"), note.purpose),
                )
                if not value
            ]
            if missing:
                raise ValidationError(
                    self.env._(
                        "A correspondence note must say %(missing)s.", missing=", ".join(missing)
                    )
                )

    @api.constrains(
        "contact_type",
        "direction",
        "shares_client_info",
        "on_behalf_of_client",
        "correspondent_partner_id",
        "contact_date",
        "legal_exception",
        "legal_exception_detail",
    )
    def _check_correspondence_consent(self):
        # rule CON-2: correspondence sent with client information needs consent; a letter on
        # behalf of the client is checked when it is sent (see action_mark_sent)
        for note in self.filtered(
            lambda n: (
                n.contact_type == "correspondence"
                and n.direction == "out"
                and n.shares_client_info
                and not n.on_behalf_of_client
                and n.correspondent_partner_id
            )
        ):
            try:
                note.case_id._check_sharing_allowed(
                    note.correspondent_partner_id,
                    note.contact_date,
                    note.legal_exception,
                    note.legal_exception_detail,
                    self.env._("this correspondence"),
                )
            except UserError as error:
                raise ValidationError(error.args[0]) from error

    @api.constrains(
        "contact_type",
        "consulted_partner_id",
        "legal_exception",
        "legal_exception_detail",
        "contact_date",
    )
    def _check_consultation_consent(self):
        # rule CON-2: consult another party only with recorded consent or a legal exception
        for note in self.filtered(lambda n: n.contact_type == "consultation"):
            if not note.consulted_partner_id:
                raise ValidationError(self.env._("Name the party that was consulted."))
            if note.legal_exception:
                if not note.legal_exception_detail:
                    raise ValidationError(
                        self.env._("Explain why the legal exception applies to this consultation.")
                    )
                continue
            if not note.case_id.get_valid_release(note.consulted_partner_id, note.contact_date):
                raise ValidationError(
                    self.env._(
                        "There is no valid release of information naming %(party)s on %(date)s. "
                        "Have the client sign one, or record the legal exception that allows "
                        "the consultation (risk of harm, child abuse, subpoena).",
                        party=note.consulted_partner_id.display_name,
                        date=note.contact_date,
                    )
                )

    # ---------------------------------------------------------------------- CRUD
    def write(self, vals):
        late = self.browse()
        if {"contact_date", "contact_type"} & set(vals) and self._rrs_guarded():
            # The caller's right comes first: a role that may not write gets the access error.
            self.check_access("write")
            late = self.filtered("is_late")
        if not late:
            return super().write(vals)
        # rule VIS-4: a note written late stays flagged late; only the case's supervisor
        # corrects a contact in a way that clears the flag. A refusal leaves nothing written.
        with self.env.cr.savepoint():
            res = super().write(vals)
            cleared = late.filtered(lambda n: not n.is_late)
            if cleared:
                cleared.case_id._check_supervisor_of(
                    self.env.user, self.env._("correct the contact of a note written late")
                )
        return res

    def _rrs_frozen_message(self):
        # rule REC-2: what the supervisor signed stays as signed
        return self.env._(
            "The letter “%(subject)s” is signed: it stays as the supervisor signed it. Write a "
            "new letter for any change.",
            subject=self.subject,
        )

    def _rrs_check_frozen(self, vals):
        res = super()._rrs_check_frozen(vals)
        # rule CON-2: the legal exception a letter was sent under stays as it was
        changed = [f for f in ("legal_exception", "legal_exception_detail") if f in vals]
        for note in self.filtered(lambda n: n.letter_state == "sent"):
            if any(not self._rrs_same_value(note, f, vals[f]) for f in changed):
                raise UserError(note._rrs_frozen_message())
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed_letter(self):
        if is_disposing():
            return
        if self.filtered(lambda n: n.letter_state in ("signed", "sent")):
            raise UserError(self.env._("A signed letter is kept: it cannot be deleted."))

    # ------------------------------------------------------- letters (rule REC-2)
    def _rrs_moves(self):
        """A letter on behalf of the client: draft, awaiting the supervisor's signature, signed,
        sent (rules REC-2, CON-2), by button, import or API alike."""
        return {
            ("draft", "to_sign"): "_rrs_move_request_signature",
            ("to_sign", "signed"): "_rrs_move_sign",
            ("signed", "sent"): "_rrs_move_send",
            # refused with the reason: a letter is sent once signed
            ("draft", "sent"): "_rrs_move_send",
            ("to_sign", "sent"): "_rrs_move_send",
        }

    def _check_letter(self, states):
        for note in self:
            if not (note.contact_type == "correspondence" and note.on_behalf_of_client):
                raise UserError(
                    self.env._(
                        "“%(subject)s” is not a letter on behalf of the client.",
                        subject=note.subject,
                    )
                )
            if note.letter_state not in states:
                raise UserError(
                    self.env._(
                        "The letter “%(subject)s” is %(state)s: this step is not possible.",
                        subject=note.subject,
                        state=note._rrs_state_label(note.letter_state),
                    )
                )

    def _rrs_move_request_signature(self, target):
        """The worker asks the supervisor to sign the letter."""
        self._check_letter(("draft",))
        if not self.body and not self.letter_attachment_ids:
            raise UserError(self.env._("Write the letter or attach it before asking to sign."))
        return {}

    def _rrs_move_sign(self, target):
        """The supervisor signs and dates the letter (rule REC-2): never its author, never a
        worker of the case."""
        self._check_letter(("to_sign",))
        if self.author_id == self.env.user:
            raise AccessError(
                self.env._("The supervisor signs a letter; its author cannot sign it.")
            )
        self.case_id._check_supervisor_of(self.env.user, self.env._("sign this letter"))
        return {
            "letter_signer_id": self.env.user.id,
            "letter_signed_date": fields.Date.context_today(self),
        }

    def _rrs_move_send(self, target):
        """Sent only once signed, and with consent to share (rules REC-2, CON-2)."""
        if self.on_behalf_of_client and self.letter_state in ("draft", "to_sign"):
            raise UserError(
                self.env._(
                    "The letter “%(subject)s” needs the supervisor's dated signature before it "
                    "is sent.",
                    subject=self.subject,
                )
            )
        self._check_letter(("signed",))
        today = fields.Date.context_today(self)
        consent = self.case_id._check_sharing_allowed(
            self.correspondent_partner_id,
            today,
            self.legal_exception,
            self.legal_exception_detail,
            self.env._("this letter"),
        )
        return {"letter_sent_date": today, "letter_consent_id": consent.id}

    def _rrs_after_move(self, source, target):
        res = super()._rrs_after_move(source, target)
        if target == "to_sign":
            # sudo(): the supervisor is found through the employee hierarchy, which staff may
            # not read; only the user to ask is taken from it.
            supervisor = self.case_id.sudo().supervisor_user_id
            if supervisor:
                self.case_id.activity_schedule(
                    "rrs_case.mail_activity_type_letter_signature",
                    user_id=supervisor.id,
                    summary=self.env._("Sign the letter: %(subject)s", subject=self.subject),
                )
        elif target == "signed":
            self.case_id.activity_feedback(["rrs_case.mail_activity_type_letter_signature"])
        return res

    def action_request_signature(self):
        """The worker asks the supervisor to sign the letter; the supervisor gets an activity."""
        self._check_letter(("draft",))
        return self._rrs_move("to_sign")

    def action_sign_letter(self):
        """The supervisor signs and dates the letter (rule REC-2)."""
        self._check_letter(("to_sign",))
        return self._rrs_move("signed")

    def action_mark_sent(self):
        """Sent only once signed, and with consent to share (rules REC-2, CON-2)."""
        self._check_letter(("draft", "to_sign", "signed"))
        return self._rrs_move("sent")

    @api.depends("case_id.document_language_id")
    def _compute_document_language_id(self):
        for record in self:
            record.document_language_id = record.case_id.document_language_id

    def _rrs_document_lang(self):
        """``(Odoo language code, fallback)`` this document prints in for the client."""
        self.ensure_one()
        return self.document_language_id._rrs_document_lang(self.company_id)
