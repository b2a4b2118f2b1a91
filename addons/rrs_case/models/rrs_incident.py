# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_datetime

from .rrs_guard_mixin import is_disposing

# How far ahead the next shift is looked for when the incident happened outside working hours.
SHIFT_LOOKAHEAD_DAYS = 14


class RrsIncident(models.Model):
    """An incident report (rule REC-5): what happened, when, where, who was involved, the case
    if any, how severe, what was done; submitted by the end of the reporter's shift.

    The shift is read from the reporter's working hours (their employee's calendar, else the
    company's): the end of the working day in which the incident happened, or of the next one
    when it happened outside working hours. A report submitted after that moment is flagged
    late, and so is a draft still not submitted (by the cron); either way the reporter's
    supervisor is alerted once. Submitted, the report is frozen: the supervisor reviews it
    and records the follow-up.
    """

    _name = "rrs.incident"
    _description = "Incident Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "rrs.batch.mixin", "rrs.guard.mixin"]
    _order = "occurred_date desc, id desc"
    _check_company_auto = True
    _rrs_state_field = "state"
    # the case, when the report names one, is chosen when it is written and never changes
    _rrs_parent_field = "case_id"
    _rrs_frozen_states = ("submitted", "reviewed")
    _rrs_frozen_writable = ("review_note",)
    _rrs_system_fields = (
        "name",
        "reporter_id",
        "submitted_date",
        "late",
        "supervisor_alerted",
        "reviewer_id",
        "reviewed_date",
    )
    _rrs_number_sequence = "rrs.incident"

    name = fields.Char(string="Reference", default="/", readonly=True, copy=False, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    reporter_id = fields.Many2one(
        "res.users",
        string="Reported by",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    occurred_date = fields.Datetime(
        string="Happened on", required=True, index=True, default=fields.Datetime.now
    )
    location = fields.Char(string="Where", required=True)
    description = fields.Text(string="What happened", required=True)
    people_involved = fields.Text(
        string="Who was involved",
        help="Clients, staff, volunteers and others present, and their part in what happened.",
    )
    case_id = fields.Many2one("rrs.case", index=True, ondelete="restrict", check_company=True)
    member_ids = fields.Many2many(
        "rrs.case.member",
        string="Household members involved",
        domain="[('case_id', '=', case_id)]",
    )
    severity = fields.Selection(
        [
            ("low", "Low: no harm"),
            ("moderate", "Moderate: minor harm or risk"),
            ("high", "High: harm, or a risk to safety"),
            ("critical", "Critical: serious harm, death, or a danger to life"),
        ],
        required=True,
        index=True,
        tracking=True,
    )
    actions_taken = fields.Text(string="Actions taken", required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
        required=True,
        default="draft",
        index=True,
        tracking=True,
    )
    due_date = fields.Datetime(
        string="Due by",
        compute="_compute_due_date",
        store=True,
        index=True,
        help="The end of the reporter's shift in which the incident happened (the next shift "
        "when it happened outside working hours).",
    )
    submitted_date = fields.Datetime(string="Submitted on", copy=False, tracking=True)
    late = fields.Boolean(index=True, copy=False, help="Not submitted by the end of the shift.")
    supervisor_alerted = fields.Boolean(copy=False)
    reviewer_id = fields.Many2one("res.users", string="Reviewed by", copy=False)
    reviewed_date = fields.Datetime(string="Reviewed on", copy=False)
    review_note = fields.Text(
        string="Supervisor's follow-up",
        help="What the supervisor checked and decided; recorded when the report is reviewed.",
    )

    # ---------------------------------------------------------------- computes
    @api.depends("occurred_date", "reporter_id", "company_id")
    def _compute_due_date(self):
        for incident in self:
            incident.due_date = (
                incident._shift_end(incident.occurred_date) if incident.occurred_date else False
            )

    @api.private
    def _shift_end(self, moment):
        """The end of the reporter's shift in which ``moment`` falls, or of the next shift when
        ``moment`` is outside working hours (rule REC-5), as a naive UTC datetime.

        The shift is the working day of the reporter's calendar: its last working interval of
        that day, so a lunch break does not end it. Without any working hours, the end of the
        day in the reporter's time zone.
        """
        self.ensure_one()
        # sudo(): the reporter's working hours, which a case worker may not read on hr
        # records; only the end of the shift is taken from them
        employee = self.reporter_id.sudo().employee_ids.filtered(
            lambda e: e.company_id == self.company_id
        )[:1]
        calendar = employee.resource_calendar_id or self.company_id.sudo().resource_calendar_id
        tz = pytz.timezone(
            employee.tz or (calendar and calendar.tz) or self.reporter_id.tz or "UTC"
        )
        start = pytz.utc.localize(moment)
        if calendar:
            end = start + timedelta(days=SHIFT_LOOKAHEAD_DAYS)
            # the day's intervals, from the start of the local day of the incident
            day_start = tz.localize(datetime.combine(start.astimezone(tz).date(), time.min))
            # the employee's own leaves count only with their own working hours
            resource = employee.resource_id if employee.resource_calendar_id else None
            resource = resource or self.env["resource.resource"]
            intervals = calendar._work_intervals_batch(day_start, end, resources=resource, tz=tz)[
                resource.id
            ]
            spans = sorted((i_start, i_stop) for i_start, i_stop, _meta in intervals)
            shift = next((span for span in spans if span[1] > start), None)
            if shift:
                day = shift[0].astimezone(tz).date()
                shift_end = max(
                    stop for i_start, stop in spans if i_start.astimezone(tz).date() == day
                )
                return shift_end.astimezone(pytz.utc).replace(tzinfo=None)
        local = start.astimezone(tz)
        day_end = tz.localize(datetime.combine(local.date(), time(23, 59, 59)))
        return day_end.astimezone(pytz.utc).replace(tzinfo=None)

    # ------------------------------------------------------------- constraints
    @api.constrains("occurred_date")
    def _check_occurred_date(self):
        now = fields.Datetime.now()
        for incident in self:
            if incident.occurred_date > now + timedelta(minutes=5):
                raise ValidationError(
                    self.env._("An incident is reported once it has happened, not before.")
                )

    @api.constrains("member_ids", "case_id")
    def _check_members(self):
        for incident in self:
            if incident.member_ids and incident.member_ids.case_id != incident.case_id:
                raise ValidationError(
                    self.env._("The household members involved must belong to the incident's case.")
                )

    # --------------------------------------------------------------------- CRUD
    def write(self, vals):
        if self and self._rrs_guarded() and "review_note" in vals:
            self.check_access("write")
            for incident in self:
                incident._check_review_note(vals["review_note"])
        return super().write(vals)

    def _check_review_note(self, note):
        """The follow-up is the reviewer's, written while the report waits for review and
        never changed once reviewed."""
        if self.state == "draft":
            if note:
                raise UserError(
                    self.env._("The supervisor writes the follow-up once the report is submitted.")
                )
            return
        if self.state == "reviewed":
            if note != self.review_note:
                raise UserError(
                    self.env._(
                        "A reviewed incident report keeps the follow-up it was reviewed with."
                    )
                )
            return
        self._check_reviewer()

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if is_disposing():
            return  # rule REC-3: destroyed with the case at the end of retention
        if self.filtered(lambda i: i.state != "draft"):
            raise UserError(
                self.env._(
                    "A submitted incident report is part of the record; it is never deleted."
                )
            )

    # ------------------------------------------------------------------- moves
    def _rrs_moves(self):
        return {
            ("draft", "submitted"): "_check_submit",
            ("submitted", "reviewed"): "_check_review",
        }

    def _check_submit(self, target):
        """The reporter submits (their supervisor or a program manager may submit for them);
        the time is the system's and decides whether the report was late (rule REC-5)."""
        user = self.env.user
        if user != self.reporter_id and not user.has_group("rrs_case.group_supervisor"):
            raise AccessError(
                self.env._("Only the person who reports the incident submits the report.")
            )
        now = fields.Datetime.now()
        return {"submitted_date": now, "late": self.late or now > self.due_date}

    def _check_reviewer(self):
        user = self.env.user
        if not user.has_group("rrs_case.group_supervisor"):
            raise AccessError(
                self.env._("Only a supervisor or a program manager reviews incident reports.")
            )
        if user == self.reporter_id:
            raise UserError(
                self.env._("An incident report is reviewed by someone other than its reporter.")
            )

    def _check_review(self, target):
        self._check_reviewer()
        if not (self.review_note or "").strip():
            raise UserError(
                self.env._("Write the follow-up (what you checked and decided) to review it.")
            )
        return {"reviewer_id": self.env.user.id, "reviewed_date": fields.Datetime.now()}

    def _rrs_after_move(self, source, target):
        if target == "submitted" and self.late:
            self._alert_late()

    # ----------------------------------------------------------------- actions
    def action_submit(self):
        for incident in self:
            incident._rrs_move("submitted")
        return True

    def action_review(self):
        for incident in self:
            incident._rrs_move("reviewed")
        return True

    # ---------------------------------------------------------------- business
    def _supervisors(self):
        """The reporter's supervisor; the company's program managers when there is none."""
        self.ensure_one()
        # sudo(): the supervisor from the employee hierarchy, which a case worker may not
        # read; only who is alerted is taken from it
        employee = self.reporter_id.sudo().employee_ids.filtered(
            lambda e: e.company_id == self.company_id
        )[:1]
        supervisors = employee.parent_id.user_id or self.env["res.users"]._rrs_program_managers(
            self.company_id
        )
        return supervisors - self.reporter_id

    def _alert_late(self):
        """Rule REC-5: a late report (or a report still missing at the end of the shift)
        alerts the reporter's supervisor once."""
        to_alert = self.filtered(lambda i: not i.supervisor_alerted)
        if not to_alert:
            return
        # sudo(): the reporters' employees, their managers and the managers' contacts read
        # once for the batch; each report's _supervisors() and alert then find them in the
        # cache instead of reading them one reporter at a time (issue 17)
        to_alert.reporter_id.sudo().employee_ids.parent_id.user_id.partner_id.mapped("name")

        def alert_for(incident):
            body = self.env._(
                "Incident report %(ref)s by %(user)s was due by the end of the shift, %(due)s.",
                ref=incident.name,
                user=incident.reporter_id.name,
                due=format_datetime(self.env, incident.due_date),
            )
            return incident._supervisors(), body, self.env._("Late incident report"), body

        # sudo(): the system records the alert on a report the caller may have submitted
        # without the right to schedule work for the supervisor
        to_alert.sudo()._rrs_alert_each("rrs_case.mail_activity_type_incident_late", alert_for)
        with to_alert._rrs_system_write():
            to_alert.write({"late": True, "supervisor_alerted": True})

    @api.model
    def _cron_late_incidents(self, batch_size=200):
        """Drafts still not submitted at the end of the shift are flagged late and their
        reporters' supervisors alerted, once; a report that fails never blocks the others."""
        self._rrs_run_in_batches(
            [
                ("state", "=", "draft"),
                ("supervisor_alerted", "=", False),
                ("due_date", "<", fields.Datetime.now()),
            ],
            "_alert_late",
            batch_size,
        )
