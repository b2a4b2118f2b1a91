# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .rrs_case_note import LEGAL_EXCEPTIONS

BATCH_SIZE = 500


class RrsReferral(models.Model):
    """A referral to an outside provider, tracked to its outcome (rule PLAN-6).

    Sharing client information with the provider needs a valid release of information naming
    that provider, or a recorded legal exception (rule CON-2).
    """

    _name = "rrs.referral"
    _description = "Referral"
    _inherit = ["mail.thread", "mail.activity.mixin", "rrs.batch.mixin", "rrs.guard.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    _rrs_state_field = "state"
    _rrs_parent_field = "case_id"
    # rules CON-2, PLAN-6: the release a referral was sent under and the dates of its steps
    _rrs_system_fields = ("consent_id", "sent_date", "response_date", "completed_date")
    # rule CON-2: once sent, what was sent to whom, under which release or exception, stays;
    # the answer, the outcome and the worker following it up are still recorded
    _rrs_frozen_states = ("sent", "accepted", "declined", "in_service", "completed", "cancelled")
    _rrs_frozen_writable = ("user_id", "decline_reason", "outcome", "outcome_note")

    name = fields.Char(compute="_compute_name", store=True)
    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    program_id = fields.Many2one(related="case_id.program_id", store=True)
    member_id = fields.Many2one(
        "rrs.case.member",
        string="For",
        domain="[('case_id', '=', case_id)]",
        help="Leave empty for a referral of the whole household.",
        index="btree_not_null",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Case worker",
        index=True,
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    provider_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain="[('rrs_is_provider', '=', True)]",
    )
    service_category_id = fields.Many2one(
        "rrs.service.category", string="Service", required=True, tracking=True
    )
    reason = fields.Text(string="Need", required=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("accepted", "Accepted"),
            ("declined", "Declined"),
            ("in_service", "In service"),
            ("completed", "Completed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    shares_client_info = fields.Boolean(
        string="Shares client information",
        default=True,
        help="The referral passes information about the client to the provider.",
    )
    consent_id = fields.Many2one(
        "rrs.consent",
        string="Release of information",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    legal_exception = fields.Selection(LEGAL_EXCEPTIONS)
    legal_exception_detail = fields.Text(string="Justification")
    sent_date = fields.Date(readonly=True, copy=False, tracking=True)
    follow_up_date = fields.Date(
        compute="_compute_follow_up_date",
        store=True,
        index=True,
        help="When the worker follows up if the provider has not answered.",
    )
    # the referrals waiting for an answer, by follow-up date: the overdue dashboard and the
    # follow-up cron read them from here (issue 17)
    _sent_follow_up_idx = models.Index("(case_id, follow_up_date) WHERE state = 'sent'")
    # the list's order (newest first): a page reads it from here (issue 17)
    _order_idx = models.Index("(create_date DESC, id DESC)")
    response_date = fields.Date(readonly=True, copy=False)
    decline_reason = fields.Text(copy=False)
    outcome = fields.Selection(
        [
            ("achieved", "Need met"),
            ("partial", "Need partly met"),
            ("not_met", "Need not met"),
            ("no_show", "Client did not attend"),
            ("withdrawn", "Client withdrew"),
        ],
        copy=False,
        tracking=True,
    )
    outcome_note = fields.Text(copy=False)
    completed_date = fields.Date(readonly=True, copy=False)

    @api.depends("service_category_id", "provider_id")
    def _compute_name(self):
        for referral in self:
            referral.name = " – ".join(
                filter(None, [referral.service_category_id.name, referral.provider_id.name])
            )

    @api.depends("case_id")
    def _compute_user_id(self):
        for referral in self:
            referral.user_id = referral.user_id or referral.case_id.user_id

    @api.depends("state", "sent_date", "case_id.program_id.referral_follow_up_days")
    def _compute_follow_up_date(self):
        for referral in self:
            if referral.state == "sent" and referral.sent_date:
                days = referral.case_id.program_id.referral_follow_up_days
                referral.follow_up_date = referral.sent_date + relativedelta(days=days)
            else:
                referral.follow_up_date = False

    @api.constrains("member_id", "case_id")
    def _check_member(self):
        for referral in self:
            if referral.member_id and referral.member_id.case_id != referral.case_id:
                raise ValidationError(self.env._("The person is not a member of this case."))

    def _rrs_frozen_message(self):
        return self.env._(
            "The referral to %(provider)s is %(state)s: what was sent stays as it is. Write a new "
            "referral for another provider or another need.",
            provider=self.provider_id.name,
            state=self._rrs_state_label(self.state).lower(),
        )

    # ------------------------------------------------------------------- moves
    def _rrs_moves(self):
        """A referral tracked to its outcome (rule PLAN-6), sent only with consent (CON-2)."""
        return {
            ("draft", "sent"): "_rrs_move_send",
            ("sent", "accepted"): "_rrs_move_answer",
            ("sent", "declined"): "_rrs_move_decline",
            ("accepted", "in_service"): "_rrs_move_start_service",
            ("accepted", "completed"): "_rrs_move_complete",
            ("in_service", "completed"): "_rrs_move_complete",
            ("draft", "cancelled"): "_rrs_move_cancel",
            ("sent", "cancelled"): "_rrs_move_cancel",
            ("accepted", "cancelled"): "_rrs_move_cancel",
            ("in_service", "cancelled"): "_rrs_move_cancel",
        }

    def _rrs_move_send(self, target):
        """Send to the provider, only with consent or a legal exception valid today (CON-2)."""
        today = fields.Date.context_today(self)
        consent = self.env["rrs.consent"]
        if self.shares_client_info:
            consent = self.case_id._check_sharing_allowed(
                self.provider_id,
                today,
                self.legal_exception,
                self.legal_exception_detail,
                self.env._("this referral"),
            )
        return {"sent_date": today, "consent_id": consent.id}

    def _rrs_move_answer(self, target):
        return {"response_date": fields.Date.context_today(self)}

    def _rrs_move_decline(self, target):
        if not self.decline_reason:
            raise UserError(self.env._("Record why the provider declined the referral."))
        return {"response_date": fields.Date.context_today(self)}

    def _rrs_move_start_service(self, target):
        return {}

    def _rrs_move_complete(self, target):
        """Closed loop: a referral ends with its outcome (rule PLAN-6)."""
        if not self.outcome:
            raise UserError(self.env._("Record the outcome of the referral before completing it."))
        return {"completed_date": fields.Date.context_today(self)}

    def _rrs_move_cancel(self, target):
        return {}

    def _rrs_after_move(self, source, target):
        res = super()._rrs_after_move(source, target)
        if source == "sent":
            self._close_follow_ups()
        return res

    # ----------------------------------------------------------------- actions
    def _check_state(self, states):
        for referral in self:
            if referral.state not in states:
                raise UserError(
                    self.env._(
                        "The referral to %(provider)s is %(state)s: this step is not possible.",
                        provider=referral.provider_id.name,
                        state=referral._rrs_state_label(referral.state).lower(),
                    )
                )

    def action_send(self):
        """Send to the provider, only with consent or a legal exception (rule CON-2)."""
        self._check_state(("draft",))
        return self._rrs_move("sent")

    def action_accept(self):
        self._check_state(("sent",))
        return self._rrs_move("accepted")

    def action_decline(self):
        self._check_state(("sent",))
        return self._rrs_move("declined")

    def action_start_service(self):
        self._check_state(("accepted",))
        return self._rrs_move("in_service")

    def action_complete(self):
        """Closed loop: a referral ends with its outcome (rule PLAN-6)."""
        self._check_state(("accepted", "in_service"))
        return self._rrs_move("completed")

    def action_cancel(self):
        self._check_state(("draft", "sent", "accepted", "in_service"))
        return self._rrs_move("cancelled")

    def _close_follow_ups(self):
        self.activity_unlink(["rrs_case.mail_activity_type_referral_follow_up"])

    # ------------------------------------------------------------------- cron
    @api.model
    def _cron_referral_follow_up(self):
        """Daily: a follow-up activity for every referral the provider has not answered."""
        domain = [("state", "=", "sent"), ("follow_up_date", "<=", fields.Date.context_today(self))]
        self._rrs_run_in_batches(domain, "_schedule_follow_ups", BATCH_SIZE)

    def _schedule_follow_ups(self):
        """One batch; a referral gets one follow-up activity however often it runs."""

        def values_for(referral):
            return referral.user_id and {
                "user_id": referral.user_id.id,
                "date_deadline": referral.follow_up_date,
                "summary": self.env._(
                    "%(provider)s has not answered the referral", provider=referral.provider_id.name
                ),
            }

        # No e-mail per follow-up, as the suite's other reminders: the activity waits in the
        # worker's activities, and an assignment e-mail costs a dozen queries per referral
        # (issue 17: a batch costs the same whatever its size).
        self._rrs_schedule_activities(
            "rrs_case.mail_activity_type_referral_follow_up", values_for, notify=False
        )
