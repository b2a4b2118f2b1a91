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
    _inherit = ["mail.thread", "mail.activity.mixin", "rrs.batch.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

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
    consent_id = fields.Many2one("rrs.consent", string="Release of information", copy=False)
    legal_exception = fields.Selection(LEGAL_EXCEPTIONS)
    legal_exception_detail = fields.Text(string="Justification")
    sent_date = fields.Date(readonly=True, copy=False, tracking=True)
    follow_up_date = fields.Date(
        compute="_compute_follow_up_date",
        store=True,
        index=True,
        help="When the worker follows up if the provider has not answered.",
    )
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

    # ----------------------------------------------------------------- actions
    def _check_state(self, states):
        labels = dict(self._fields["state"].selection)
        for referral in self:
            if referral.state not in states:
                raise UserError(
                    self.env._(
                        "The referral to %(provider)s is %(state)s: this step is not possible.",
                        provider=referral.provider_id.name,
                        state=labels[referral.state].lower(),
                    )
                )

    def action_send(self):
        """Send to the provider, only with consent or a legal exception (rule CON-2)."""
        self._check_state(("draft",))
        today = fields.Date.context_today(self)
        for referral in self:
            consent = False
            if referral.shares_client_info:
                consent = referral.case_id._check_sharing_allowed(
                    referral.provider_id,
                    today,
                    referral.legal_exception,
                    referral.legal_exception_detail,
                    self.env._("this referral"),
                )
            referral.write(
                {"state": "sent", "sent_date": today, "consent_id": consent and consent.id}
            )
        return True

    def action_accept(self):
        self._check_state(("sent",))
        self.write({"state": "accepted", "response_date": fields.Date.context_today(self)})
        self._close_follow_ups()
        return True

    def action_decline(self):
        self._check_state(("sent",))
        if self.filtered(lambda r: not r.decline_reason):
            raise UserError(self.env._("Record why the provider declined the referral."))
        self.write({"state": "declined", "response_date": fields.Date.context_today(self)})
        self._close_follow_ups()
        return True

    def action_start_service(self):
        self._check_state(("accepted",))
        self.write({"state": "in_service"})
        return True

    def action_complete(self):
        """Closed loop: a referral ends with its outcome (rule PLAN-6)."""
        self._check_state(("accepted", "in_service"))
        if self.filtered(lambda r: not r.outcome):
            raise UserError(self.env._("Record the outcome of the referral before completing it."))
        self.write({"state": "completed", "completed_date": fields.Date.context_today(self)})
        return True

    def action_cancel(self):
        self._check_state(("draft", "sent", "accepted", "in_service"))
        self.write({"state": "cancelled"})
        self._close_follow_ups()
        return True

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

        self._rrs_schedule_activities("rrs_case.mail_activity_type_referral_follow_up", values_for)
