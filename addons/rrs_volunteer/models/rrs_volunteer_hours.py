# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .rrs_volunteer import COORDINATOR, STAFF

MAX_HOURS = 16.0


class RrsVolunteerHours(models.Model):
    """Hours a volunteer gives, logged from their phone on the portal and approved by the
    coordinator; valued at the company's hourly rate for in-kind match reporting."""

    _name = "rrs.volunteer.hours"
    _description = "Volunteer hours"
    _inherit = ["rrs.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _rrs_state_field = "state"
    _rrs_parent_field = "volunteer_id"
    _rrs_system_fields = ("approved_by_id", "approved_date", "hourly_rate")
    _rrs_frozen_states = ("approved", "rejected")

    volunteer_id = fields.Many2one(
        "rrs.volunteer",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        default=lambda self: self._default_volunteer(),
    )
    company_id = fields.Many2one(related="volunteer_id.company_id", store=True, index=True)
    match_id = fields.Many2one(
        "rrs.volunteer.match",
        index=True,
        ondelete="restrict",
        domain="[('volunteer_id', '=', volunteer_id), ('state', '=', 'active')]",
    )
    community_activity_id = fields.Many2one(
        "rrs.community.activity", string="Community activity", index=True, groups=STAFF
    )
    task_type_id = fields.Many2one(
        "rrs.volunteer.task.type",
        string="Task",
        compute="_compute_task_type_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    case_id = fields.Many2one(
        "rrs.case",
        string="Family",
        compute="_compute_case",
        store=True,
        index=True,
        groups=STAFF,
    )
    program_id = fields.Many2one(
        "rrs.program", compute="_compute_case", store=True, index=True, groups=STAFF
    )
    case_restricted = fields.Boolean(related="match_id.case_restricted", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    hours = fields.Float(required=True, digits=(6, 2))
    activity = fields.Char(string="What you did", required=True)
    state = fields.Selection(
        [("submitted", "Submitted"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="submitted",
        required=True,
        index=True,
        copy=False,
    )
    reject_reason = fields.Char(copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, groups=STAFF)
    approved_date = fields.Date(readonly=True, copy=False)
    hourly_rate = fields.Monetary(
        readonly=True, copy=False, groups=STAFF, help="The company's rate on the approval day."
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    value = fields.Monetary(
        string="In-kind value", compute="_compute_value", store=True, groups=STAFF
    )

    _hours_positive = models.Constraint(
        f"CHECK(hours > 0 AND hours <= {MAX_HOURS})",
        "Hours are more than 0 and at most 16 a day.",
    )

    @api.depends("date", "hours", "volunteer_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = self.env._(
                "%(volunteer)s, %(date)s: %(hours)s h",
                volunteer=line.volunteer_id.name or "",
                date=fields.Date.to_string(line.date) if line.date else "",
                hours=line.hours,
            )

    def _default_volunteer(self):
        if self.env.user.share:
            return self.env["rrs.volunteer"].search(
                [("partner_id", "=", self.env.user.partner_id.id)], limit=1
            )
        return False

    @api.depends("match_id")
    def _compute_task_type_id(self):
        for line in self:
            line.task_type_id = line.match_id.task_type_id or line.task_type_id

    @api.depends("match_id", "community_activity_id")
    def _compute_case(self):
        # sudo(): the family and program a volunteer's hours count for are set by the system
        # from the match, which the volunteer reads without its case.
        for line, line_sudo in zip(self, self.sudo(), strict=True):
            line.case_id = line_sudo.match_id.case_id
            line.program_id = (
                line_sudo.match_id.program_id or line_sudo.community_activity_id.program_id
            )

    @api.depends("hours", "hourly_rate")
    def _compute_value(self):
        for line in self:
            line.value = line.hours * line.hourly_rate

    @api.constrains("date", "hours", "match_id", "volunteer_id")
    def _check_line(self):
        today = fields.Date.context_today(self)
        for line in self:
            if not 0 < line.hours <= MAX_HOURS:
                raise ValidationError(
                    self.env._(
                        "Hours are more than 0 and at most 16 a day (%(hours)s).", hours=line.hours
                    )
                )
            if line.date > today:
                raise ValidationError(
                    self.env._(
                        "Hours are logged once given, not in advance (%(date)s).",
                        date=fields.Date.to_string(line.date),
                    )
                )
            # sudo(): the match's volunteer and dates, read to check the line.
            match = line.sudo().match_id
            if match and match.volunteer_id != line.volunteer_id:
                raise ValidationError(self.env._("These hours are not for one of your matches."))
            if match and match.approved_date and line.date < match.approved_date:
                raise ValidationError(
                    self.env._(
                        "The match started on %(date)s: hours before it cannot be logged on it.",
                        date=fields.Date.to_string(match.approved_date),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if self._rrs_guarded() and self.env.user.share:
            own = self.env["rrs.volunteer"].search(
                [("partner_id", "=", self.env.user.partner_id.id)], limit=1
            )
            for vals in vals_list:
                if vals.get("volunteer_id", own.id) != own.id:
                    raise UserError(self.env._("You log your own hours only."))
                vals["volunteer_id"] = own.id
                self._check_volunteer_match(vals)
        return super().create(vals_list)

    def write(self, vals):
        if self._rrs_guarded() and self.env.user.share:
            self._check_volunteer_match(vals)
        return super().write(vals)

    def _check_volunteer_match(self, vals):
        """A volunteer logs hours on a match they read: their own, while it is active."""
        if vals.get("match_id"):
            match = self.env["rrs.volunteer.match"].browse(vals["match_id"]).exists()
            # a match the volunteer no longer reads (ended) is refused here
            if not match.has_access("read"):
                raise UserError(self.env._("Hours are logged on a match while it is active."))

    # ------------------------------------------------------------------ moves
    def _rrs_moves(self):
        return {
            ("submitted", "approved"): "_rrs_move_approve",
            ("submitted", "rejected"): "_rrs_move_reject",
        }

    def _check_coordinator(self):
        if not self.env.su and not self.env.user.has_group(COORDINATOR):
            raise UserError(self.env._("Only a volunteer coordinator approves hours."))

    def _rrs_move_approve(self, target):
        self._check_coordinator()
        return {
            "approved_by_id": self.env.user.id,
            "approved_date": fields.Date.context_today(self),
            "hourly_rate": self.company_id.rrs_volunteer_hourly_rate,
        }

    def _rrs_move_reject(self, target):
        self._check_coordinator()
        if not self.reject_reason:
            raise UserError(self.env._("Say why the hours are not approved."))
        return {"approved_by_id": self.env.user.id, "approved_date": False}

    def action_approve(self):
        return self._rrs_move("approved")

    def action_reject(self):
        return self._rrs_move("rejected")

    @api.private
    def totals(self, groupby, domain=None):
        """Approved hours and their in-kind value grouped by ``groupby`` (e.g.
        ``["volunteer_id"]``, ``["program_id", "date:month"]``): ``{key: (hours, value)}``."""
        domain = list(domain or []) + [("state", "=", "approved")]
        rows = self._read_group(domain, groupby, ["hours:sum", "value:sum"])
        return {tuple(row[: len(groupby)]): tuple(row[len(groupby) :]) for row in rows}
