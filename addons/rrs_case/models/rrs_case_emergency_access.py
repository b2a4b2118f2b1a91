# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_datetime

from .rrs_guard_mixin import is_disposing

MIN_REASON_LENGTH = 20


class RrsCaseEmergencyAccess(models.Model):
    """Emergency access to a case outside one's team ("break glass", rule REC-4).

    A supervisor (or program manager) who must act on a case of another team records why; the
    case file opens to them for a limited time, read only, through the record rules of every
    model of the case (``rrs.case.emergency_access_open``). The case's supervisor is alerted at
    once, and the access ends by itself at its expiry time: the rules compare the expiry with
    the current time on every query, and the cron only records the end. A grant is a log:
    it is never edited nor deleted.
    """

    _name = "rrs.case.emergency.access"
    _description = "Emergency Access to a Case"
    _inherit = ["rrs.batch.mixin", "rrs.guard.mixin"]
    _order = "granted_date desc, id desc"
    _check_company_auto = True
    _rrs_state_field = "state"
    _rrs_parent_field = "case_id"
    _rrs_frozen_states = ("active", "ended")
    _rrs_system_fields = ("user_id", "granted_date", "expiry_date", "end_date", "ended_by_id")

    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Opened by",
        required=True,
        index=True,
        default=lambda self: self.env.user,
    )
    reason = fields.Text(
        required=True,
        help="Why the case must be opened now, outside the team that serves it. The case's "
        "supervisor reads it.",
    )
    duration_hours = fields.Integer(
        string="For (hours)",
        required=True,
        default=lambda self: self.env.company.rrs_emergency_access_hours,
    )
    granted_date = fields.Datetime(
        string="Opened on", required=True, default=fields.Datetime.now, index=True
    )
    expiry_date = fields.Datetime(string="Ends on", index=True)
    state = fields.Selection(
        [("active", "Open"), ("ended", "Ended")],
        required=True,
        default="active",
        index=True,
    )
    end_date = fields.Datetime(string="Ended on")
    ended_by_id = fields.Many2one("res.users", string="Ended by")

    _duration_positive = models.Constraint(
        "CHECK(duration_hours > 0)", "Emergency access lasts at least one hour."
    )

    @api.depends("case_id", "user_id")
    def _compute_display_name(self):
        for grant in self:
            grant.display_name = self.env._(
                "Emergency access to %(case)s by %(user)s",
                # sudo(): the case's reference, shown even once the access has ended
                case=grant.sudo().case_id.name,
                user=grant.user_id.name,
            )

    # ------------------------------------------------------------------ moves
    def _rrs_moves(self):
        return {("active", "ended"): "_check_end"}

    def _check_end(self, target):
        """The person who opened the case, or a program manager, ends the access early; at its
        expiry the cron ends it (a system write)."""
        if self.env.su or self._rrs_is_granted():
            return {}
        user = self.env.user
        if user != self.user_id and not user.has_group("rrs_case.group_program_manager"):
            raise AccessError(
                self.env._(
                    "Only the person who opened the case in an emergency, or a program "
                    "manager, ends that access."
                )
            )
        return {"end_date": fields.Datetime.now(), "ended_by_id": user.id}

    # ------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_may_open(vals_list)
        grants = super().create(vals_list)
        now = fields.Datetime.now()
        for grant in grants:
            # rule REC-4: the times are the system's, from the moment the case was opened
            with grant._rrs_system_write():
                grant.write(
                    {
                        "granted_date": now,
                        "expiry_date": now + timedelta(hours=grant.duration_hours),
                    }
                )
        self._rrs_forget_open_cases()
        grants._alert_case_supervisor()
        return grants

    @api.model
    def _check_may_open(self, vals_list):
        """Rule REC-4: a supervisor or program manager, a reason a supervisor can act on, a
        duration within the company's limit, a case the caller cannot already read."""
        user = self.env.user
        if not user.has_group("rrs_case.group_supervisor"):
            raise AccessError(
                self.env._("Only a supervisor or a program manager opens a case in an emergency.")
            )
        limit = self.env.company.rrs_emergency_access_hours
        for vals in vals_list:
            reason = (vals.get("reason") or "").strip()
            if len(reason) < MIN_REASON_LENGTH:
                raise ValidationError(
                    self.env._(
                        "Say why the case must be opened now (at least %(count)s characters): "
                        "the case's supervisor reads it.",
                        count=MIN_REASON_LENGTH,
                    )
                )
            hours = vals.get("duration_hours", limit)
            if not isinstance(hours, int) or isinstance(hours, bool) or not 0 < hours <= limit:
                raise ValidationError(
                    self.env._("Emergency access lasts from 1 to %(hours)s hours.", hours=limit)
                )
            case = self.env["rrs.case"].browse(vals.get("case_id"))
            # sudo(): whether the case exists, before the caller may read it
            if not case.sudo().exists():
                raise ValidationError(self.env._("Choose the case to open."))
            if case.has_access("read"):
                raise UserError(
                    self.env._(
                        "You can already open case %(case)s: emergency access is for a case "
                        "outside your team.",
                        case=case.name,
                    )
                )

    def _rrs_frozen_message(self):
        return self.env._(
            "An emergency access stays as it was recorded; end it, or open a new one."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if is_disposing():
            return  # rule REC-3: destroyed with the case at the end of retention
        raise UserError(
            self.env._("An emergency access is part of the access log; it is never deleted.")
        )

    def _rrs_forget_open_cases(self):
        """The record rules read the open cases in memory (rrs.case._rrs_emergency_expiries)."""
        self.env.cr.cache.pop("rrs_emergency_access", None)
        self.env["rrs.case"].invalidate_model(["emergency_access_open"])

    # ----------------------------------------------------------------- actions
    def action_open_case(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "rrs.case",
            "res_id": self.case_id.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_end(self):
        for grant in self:
            grant._rrs_move("ended")
        return True

    # ---------------------------------------------------------------- business
    def _alert_case_supervisor(self):
        """Rule REC-4: the case's supervisor (the program managers, when the worker has none)
        learns at once who opened the case, why and until when."""
        for grant in self:
            # sudo(): the caller opened this case in an emergency (checked in create) and may
            # read it, not write it; the alert is posted and scheduled on the case by the
            # system, for its supervisor, whom the caller's rights do not reach
            case = grant.case_id.sudo()
            supervisors = case.supervisor_user_id or self.env["res.users"]._rrs_program_managers(
                case.company_id
            )
            case._rrs_alert(
                supervisors - grant.user_id,
                self.env._(
                    "%(user)s opened this case in an emergency until %(until)s. Reason: %(reason)s",
                    user=grant.user_id.name,
                    until=format_datetime(self.env, grant.expiry_date),
                    reason=grant.reason,
                ),
                "rrs_case.mail_activity_type_emergency_access",
                self.env._("Case opened in an emergency by %(user)s", user=grant.user_id.name),
                note=grant.reason,
            )

    def _rrs_after_move(self, source, target):
        if target == "ended":
            self._rrs_forget_open_cases()
            # sudo(): the end of the access is logged on the case, which the person who had it
            # may no longer read
            self.case_id.sudo().message_post(
                body=self.env._("Emergency access of %(user)s ended.", user=self.user_id.name),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _cron_end_expired(self, batch_size=500):
        """Record the end of the emergency accesses past their expiry (the rules already refuse
        them from that minute on); a grant that fails never blocks the others."""
        self._rrs_run_in_batches(
            [("state", "=", "active"), ("expiry_date", "<=", fields.Datetime.now())],
            "_end_at_expiry",
            batch_size,
        )

    def _end_at_expiry(self):
        for grant in self:
            with grant._rrs_system_write():
                grant._rrs_move("ended", {"end_date": grant.expiry_date})
