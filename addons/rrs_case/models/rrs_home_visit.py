# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib
import contextvars
from datetime import datetime, time, timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .rrs_guard_mixin import SYSTEM_ONLY, is_disposing

RISKS = (
    "risk_violence_history",
    "risk_weapons",
    "risk_other_adults",
    "risk_substance",
    "risk_animals",
    "risk_neighbourhood",
)
RISK_FIELDS = (*RISKS, "risk_level", "risk_mitigation")
# What the supervisor authorised: a change of any of them asks for a new authorisation.
REPLAN_FIELDS = (
    "start",
    "stop",
    "allday",
    "worker_id",
    "address_partner_id",
    "afternoon_exception",
    "exception_reason",
)

# Set while a visit writes its calendar event: the event's own write lets it through.
_WRITING_VISIT = contextvars.ContextVar("rrs_writing_visit", default=False)


@contextlib.contextmanager
def writing_visit():
    token = _WRITING_VISIT.set(True)
    try:
        yield
    finally:
        _WRITING_VISIT.reset(token)


def is_writing_visit():
    return _WRITING_VISIT.get()


class RrsHomeVisit(models.Model):
    """A home visit: a calendar event of the worker, linked to the case (rules VIS-1 to VIS-3).

    The visit is planned with a pre-visit risk assessment, authorised by the worker's
    supervisor with the day's other visits, held in the morning unless an exception is
    authorised, and the worker checks in and out from the phone. A visit not checked out by
    the end of the working day alerts management at once; the escalation steps are recorded.
    The event carries only the time and a neutral title; everything about the family stays
    on the visit, behind the case's record rules.
    """

    _name = "rrs.home.visit"
    _description = "Home Visit"
    _inherits = {"calendar.event": "event_id"}
    _inherit = ["rrs.batch.mixin", "rrs.guard.mixin"]
    _order = "visit_date desc, worker_id, sequence, start, id"
    _check_company_auto = True
    _rrs_state_field = "state"
    _rrs_parent_field = "case_id"
    # rules VIS-1 to VIS-3: set by the risk assessment, the authorisation, the check-in and
    # check-out and the end-of-day alert, never by hand
    _rrs_system_fields = (
        "risk_assessed_by_id",
        "risk_assessed_date",
        "authorised_by_id",
        "authorised_date",
        "check_in_date",
        "check_out_date",
        "overdue_checkout",
        "alert_date",
    )
    # a visit under way, held or cancelled keeps what was planned and authorised
    _rrs_frozen_states = ("checked_in", "checked_out", "cancelled")
    _rrs_frozen_writable = ("sequence", "escalation_ids")
    # issue 17: the supervisor authorises the day's visits of the team together; their check
    # reads the visit, its case and the caller only, so they are written in one write
    _rrs_batched_moves = (("planned", "authorised"),)

    event_id = fields.Many2one("calendar.event", required=True, ondelete="cascade", index=True)
    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    program_id = fields.Many2one(related="case_id.program_id", store=True)
    worker_id = fields.Many2one(
        "res.users",
        string="Case worker",
        required=True,
        index=True,
        default=lambda self: self.env.user,
    )
    address_partner_id = fields.Many2one(
        "res.partner",
        string="Visited address",
        compute="_compute_address_partner_id",
        store=True,
        readonly=False,
        help="The household's address (the head of household's contact by default).",
        index="btree_not_null",
    )
    visit_date = fields.Date(compute="_compute_visit_date", store=True, index=True)
    sequence = fields.Integer(string="Order in the day", default=10)
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("authorised", "Authorised"),
            ("checked_in", "Checked in"),
            ("checked_out", "Checked out"),
            ("cancelled", "Cancelled"),
        ],
        string="Visit status",
        default="planned",
        required=True,
        index=True,
        copy=False,
    )
    purpose = fields.Char(required=True)

    # rule VIS-2: pre-visit risk assessment
    risk_violence_history = fields.Boolean(string="History of violence or threats")
    risk_weapons = fields.Boolean(string="Weapons in the home")
    risk_other_adults = fields.Boolean(string="Unknown adults present")
    risk_substance = fields.Boolean(string="Substance misuse")
    risk_animals = fields.Boolean(string="Dangerous animals")
    risk_neighbourhood = fields.Boolean(string="Unsafe neighbourhood or building")
    risk_level = fields.Selection([("low", "Low"), ("medium", "Medium"), ("high", "High")])
    risk_mitigation = fields.Text(
        string="Safety measures", help="Visit in pairs, meet at the door, phone check-in ..."
    )
    risk_assessed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    risk_assessed_date = fields.Datetime(readonly=True, copy=False)

    # rule VIS-1: authorisation and the morning rule
    afternoon_exception = fields.Boolean(
        string="Afternoon visit requested",
        help="Visits are held in the morning; an afternoon visit needs the supervisor's "
        "authorisation of the exception.",
    )
    exception_reason = fields.Char(string="Why in the afternoon")
    is_afternoon = fields.Boolean(compute="_compute_is_afternoon")
    authorised_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    authorised_date = fields.Datetime(readonly=True, copy=False)

    # rule VIS-3: check-in, check-out, alert and escalation
    check_in_date = fields.Datetime(string="Checked in at", readonly=True, copy=False)
    check_out_date = fields.Datetime(string="Checked out at", readonly=True, copy=False)
    overdue_checkout = fields.Boolean(
        string="Not checked out", readonly=True, copy=False, index=True
    )
    alert_date = fields.Datetime(string="Management alerted at", readonly=True, copy=False)
    escalation_ids = fields.One2many(
        "rrs.home.visit.escalation", "visit_id", string="Escalation steps"
    )

    # ------------------------------------------------------------------ compute
    @api.depends("case_id.head_partner_id")
    def _compute_address_partner_id(self):
        for visit in self:
            if not visit.address_partner_id:
                visit.address_partner_id = visit.case_id.head_partner_id

    def _tz(self):
        self.ensure_one()
        return pytz.timezone(self.worker_id.tz or self.env.user.tz or "UTC")

    def _local_start(self):
        self.ensure_one()
        return pytz.utc.localize(self.start).astimezone(self._tz())

    @api.depends("start", "worker_id.tz")
    def _compute_visit_date(self):
        for visit in self:
            visit.visit_date = visit.start and visit._local_start().date()

    @api.depends("start", "worker_id.tz", "program_id.visit_latest_start_hour")
    def _compute_is_afternoon(self):
        for visit in self:
            if not visit.start:
                visit.is_afternoon = False
                continue
            local = visit._local_start()
            limit = visit.program_id.visit_latest_start_hour or 12.0
            visit.is_afternoon = local.hour + local.minute / 60 >= limit

    # -------------------------------------------------------------- constraints
    @api.constrains("address_partner_id", "state")
    def _check_address_safe(self):
        # rule VIS-2: an address marked unsafe waives home visits
        for visit in self.filtered(lambda v: v.state != "cancelled"):
            if visit.address_partner_id.rrs_unsafe_address:
                raise ValidationError(
                    self.env._(
                        "The address of %(name)s is marked unsafe (%(reason)s): home visits are "
                        "waived. Meet the family at the office or another safe place.",
                        name=visit.address_partner_id.name,
                        reason=visit.address_partner_id.rrs_unsafe_reason or "",
                    )
                )

    @api.constrains("start", "afternoon_exception", "exception_reason", "worker_id")
    def _check_morning(self):
        # rule VIS-1: visits are held in the morning unless an exception is authorised
        for visit in self.filtered("is_afternoon"):
            if not (visit.afternoon_exception and visit.exception_reason):
                raise ValidationError(
                    self.env._(
                        "Home visits are held in the morning (before %(hour)s). Ask for an "
                        "afternoon exception and give the reason; the supervisor authorises it.",
                        hour=visit._hour_label(visit.program_id.visit_latest_start_hour or 12.0),
                    )
                )

    @api.constrains("worker_id", "case_id")
    def _check_worker(self):
        for visit in self:
            if visit.worker_id not in visit.case_id.worker_user_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s is not assigned to case %(case)s.",
                        user=visit.worker_id.name,
                        case=visit.case_id.name,
                    )
                )

    @staticmethod
    def _hour_label(hour):
        return f"{int(hour):02d}:{int(round(hour % 1 * 60)):02d}"

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            case = self.env["rrs.case"].browse(vals.get("case_id"))
            worker = vals.get("worker_id") or self.env.user.id
            vals.setdefault("user_id", worker)
            # The worker attends (not whoever records the visit): it is in their Calendar.
            vals.setdefault(
                "partner_ids", [Command.set(self.env["res.users"].browse(worker).partner_id.ids)]
            )
            # A neutral title: who is visited stays behind the case's rules.
            vals.setdefault("name", self.env._("Home visit (%(case)s)", case=case.name))
            vals.setdefault("privacy", "private")
            if not vals.get("stop") and vals.get("start"):
                vals["stop"] = fields.Datetime.to_datetime(vals["start"]) + timedelta(hours=1)
        with writing_visit():
            return super().create(vals_list)

    def write(self, vals):
        if "worker_id" in vals:
            vals = dict(vals, user_id=vals["worker_id"])
        if self and set(vals) == {"state"} and self._rrs_guarded():
            # a status written is the move, whoever makes it (see _rrs_move)
            return self._rrs_move(vals["state"])
        if not self or self._rrs_is_granted():
            # the system's own steps (authorisation, check-in, alert) keep the visit as it is
            with writing_visit():
                return super().write(vals)

        def changed(fnames):
            return self.filtered(
                lambda v: any(f in vals and not self._rrs_same_value(v, f, vals[f]) for f in fnames)
            )

        was_authorised = self.filtered(lambda v: v.state == "authorised")
        moved = changed(REPLAN_FIELDS)
        reassessed = changed(RISK_FIELDS).filtered("risk_assessed_date")
        former = {}
        if "worker_id" in vals and "partner_ids" not in vals:
            former = {visit: visit.worker_id.partner_id for visit in self}
        with writing_visit():
            res = super().write(vals)
        for visit, partner in former.items():
            visit._rrs_worker_attends(partner)
        # sudo(): the system's own steps after the caller's change, whose right was checked by
        # the write above: a visit handed to another worker is no longer the caller's to write
        if reassessed:
            # rule VIS-2: a changed risk assessment is done again
            with reassessed._rrs_system_write():
                reassessed.sudo().write({"risk_assessed_by_id": False, "risk_assessed_date": False})
        replan = ((moved | reassessed) & was_authorised).filtered(lambda v: v.state == "authorised")
        if replan:
            # rule VIS-1: a visit changed after its authorisation is authorised again (sudo():
            # the system's step, as above)
            with replan._rrs_system_write():
                replan.sudo().write(
                    {"state": "planned", "authorised_by_id": False, "authorised_date": False}
                )
        return res

    def _rrs_check_deletable(self):
        """A visit that was authorised, held or cancelled is part of the case file (VIS-1 to
        VIS-3): only a planned visit is deleted; others are cancelled (or disposed of)."""
        if is_disposing():
            return
        for visit in self:
            if visit.state != "planned":
                raise UserError(
                    self.env._(
                        "The home visit %(visit)s is “%(state)s”: it stays in the case file. "
                        "Cancel a visit that will not take place.",
                        visit=visit.name,
                        state=visit._rrs_state_label(visit.state),
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept(self):
        self._rrs_check_deletable()

    def unlink(self):
        events = self.event_id
        res = super().unlink()
        # sudo(): the visit was deleted with the caller's own rights and checks above; its
        # calendar slot (a private event of the worker the caller may not see) goes with it.
        events.sudo().exists().unlink()
        return res

    # -------------------------------------------------------------------- moves
    def _rrs_move(self, target, vals=None):
        """The event of a visit is private to its worker (the calendar's rule): the worker
        writes the visit, their supervisor and program managers do not. The moves these make
        (authorise, cancel, the steps refused to them with their own message) are allowed by
        the supervision of the case, then by the move's own check, and written as superuser."""
        if self.env.su:
            return super()._rrs_move(target, vals)
        own = self._filtered_access("write")
        others = self - own
        if others:
            others.check_access("read")
            others.case_id._check_supervisor_of(
                self.env.user, self.env._("change the status of this visit")
            )
            others._rrs_check_move_allowed(target)
            moves = self._rrs_moves()
            for visit in others:
                if moves.get((visit.state, target)) == SYSTEM_ONLY:
                    raise UserError(
                        self.env._(
                            "%(record)s goes to “%(to_stage)s” by itself when its conditions "
                            "are met; it cannot be set by hand.",
                            record=visit.display_name,
                            to_stage=visit._rrs_state_label(target),
                        )
                    )
            # sudo(): the caller supervises the case (checked above); the move's own check
            # runs with the caller's user before the status and its values are written
            super(RrsHomeVisit, others.sudo())._rrs_move(target, vals)
        if own:
            super(RrsHomeVisit, own)._rrs_move(target, vals)
        return True

    def _rrs_moves(self):
        """Every status change of a visit, by button, import or API (rules VIS-1 to VIS-3)."""
        return {
            ("planned", "authorised"): "_rrs_move_authorise",
            # moved or re-assessed after its authorisation (see write)
            ("authorised", "planned"): SYSTEM_ONLY,
            ("authorised", "checked_in"): "_rrs_move_check_in",
            ("checked_in", "checked_out"): "_rrs_move_check_out",
            # found safe after the end-of-day alert: the escalation step "resolved"
            ("authorised", "checked_out"): SYSTEM_ONLY,
            ("planned", "cancelled"): "_rrs_move_cancel",
            ("authorised", "cancelled"): "_rrs_move_cancel",
        }

    def _rrs_move_authorise(self, target):
        """The worker's supervisor (or a program manager) authorises the visit (rule VIS-1),
        once the pre-visit risk assessment is done (rule VIS-2)."""
        if self.worker_id == self.env.user:
            raise AccessError(self.env._("A worker never authorises their own visits."))
        self.case_id._check_supervisor_of(self.env.user, self.env._("authorise this visit"))
        if not self.risk_assessed_date:
            raise UserError(
                self.env._("Do the pre-visit risk assessment of %(visit)s first.", visit=self.name)
            )
        if self.risk_level == "high" and not self.risk_mitigation:
            raise UserError(self.env._("A high-risk visit needs its safety measures."))
        return {"authorised_by_id": self.env.user.id, "authorised_date": fields.Datetime.now()}

    def _rrs_move_check_in(self, target):
        """From the phone, on arrival, on the day of the visit (rule VIS-3)."""
        self._check_own_visit()
        now = fields.Datetime.now()
        if self.visit_date != pytz.utc.localize(now).astimezone(self._tz()).date():
            raise UserError(self.env._("Check in on the day of the visit."))
        return {"check_in_date": now}

    def _rrs_move_check_out(self, target):
        """From the phone, on leaving: the worker is safe (rule VIS-3)."""
        self._check_own_visit()
        return {"check_out_date": fields.Datetime.now(), "overdue_checkout": False}

    def _rrs_move_cancel(self, target):
        """A visit that will not take place. Once it has started, only its worker or their
        supervisor cancels it; once management was alerted, the escalation steps end the
        alert, never a cancellation (rule VIS-3)."""
        if self.overdue_checkout:
            raise UserError(
                self.env._(
                    "%(worker)s has not checked out of this visit and management was alerted: "
                    "record the escalation steps until the worker is found safe. The visit "
                    "cannot be cancelled.",
                    worker=self.worker_id.name,
                )
            )
        started = self.state == "authorised" and self.start <= fields.Datetime.now()
        if started and self.env.user != self.worker_id:
            self.case_id._check_supervisor_of(
                self.env.user, self.env._("cancel a visit that has started")
            )
        return {}

    def _rrs_after_move(self, source, target):
        res = super()._rrs_after_move(source, target)
        if target == "checked_out":
            self._close_visit_alerts()
        return res

    def _rrs_worker_attends(self, former_partner):
        """The visit's worker attends its event instead of ``former_partner``: the visit
        shows in the worker's Calendar (private, with its neutral title)."""
        for visit in self:
            # sudo(): the caller has just changed this visit's worker (their right to write the
            # visit was checked); calendar's rules would refuse them the change of the event's
            # attendee once the event belongs to the new worker.
            event = visit.event_id.sudo()
            worker_partner = visit.worker_id.partner_id
            partners = (event.partner_ids - former_partner) | worker_partner
            if partners != event.partner_ids:
                event.partner_ids = [Command.set(partners.ids)]

    # ------------------------------------------------------------------ actions
    def action_assess_risk(self):
        """Record the pre-visit risk assessment (rule VIS-2)."""
        self.check_access("write")
        for visit in self:
            if visit.state != "planned":
                raise UserError(
                    self.env._(
                        "The risk assessment of %(visit)s is done before its authorisation.",
                        visit=visit.name,
                    )
                )
            if not visit.risk_level:
                raise UserError(self.env._("Choose the risk level of the visit."))
            flagged = any(visit[f] for f in RISKS)
            if (flagged or visit.risk_level != "low") and not visit.risk_mitigation:
                raise UserError(
                    self.env._("Record the safety measures for the risks found before the visit.")
                )
        # the caller may write these visits (checked above): the system records who and when
        with self._rrs_system_write():
            self.write(
                {
                    "risk_assessed_by_id": self.env.user.id,
                    "risk_assessed_date": fields.Datetime.now(),
                }
            )
        return True

    def action_authorise(self):
        """The supervisor authorises the day's planned visits, in order (rule VIS-1): each
        visit is checked in that order, then all are written together."""
        visits = self.sorted(lambda v: (v.worker_id.id, v.visit_date, v.sequence, v.start))
        for visit in visits:
            if visit.state != "planned":
                raise UserError(
                    self.env._(
                        "The visit %(visit)s is not waiting for authorisation.", visit=visit.name
                    )
                )
        return visits._rrs_move("authorised")

    def _check_own_visit(self):
        for visit in self:
            if visit.worker_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(user)s checks in and out of this visit.", user=visit.worker_id.name
                    )
                )

    def action_check_in(self):
        """From the phone, on arrival (rule VIS-3)."""
        self._check_own_visit()
        for visit in self:
            if visit.state == "planned":
                raise UserError(
                    self.env._("The supervisor authorises the visit before you check in.")
                )
        return self._rrs_move("checked_in")

    def action_check_out(self):
        """From the phone, on leaving: the worker is safe (rule VIS-3)."""
        self._check_own_visit()
        if self.filtered(lambda v: v.state != "checked_in"):
            raise UserError(self.env._("Check in before checking out."))
        return self._rrs_move("checked_out")

    def action_cancel(self):
        return self._rrs_move("cancelled")

    def _mark_found_safe(self, when):
        """The escalation ended: the worker is safe (rule VIS-3). Called once the caller's
        right to record the escalation step was checked (its creation)."""
        # sudo(): the event of the visit is private to its worker; the caller's right to
        # record the step that found the worker safe was checked by its creation
        visits = self.sudo()
        with visits._rrs_system_write():
            visits.write(
                {"state": "checked_out", "check_out_date": when, "overdue_checkout": False}
            )
        visits._close_visit_alerts()

    def _close_visit_alerts(self):
        cases = self.case_id.filtered(
            lambda c: not c.home_visit_ids.filtered(lambda v: v.overdue_checkout)
        )
        cases.activity_feedback(["rrs_case.mail_activity_type_visit_alert"])

    # ------------------------------------------------------------------- cron
    def _day_end(self):
        """End of the working day of the visit, in UTC (program setting, worker's timezone)."""
        self.ensure_one()
        hour = self.program_id.visit_day_end_hour or 17.0
        local = self._tz().localize(
            datetime.combine(self.visit_date, time(int(hour), int(round(hour % 1 * 60))))
        )
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _cron_visit_checkout(self):
        """Every half hour: visits not checked out by the end of the day alert management."""
        today = fields.Date.context_today(self)
        domain = [
            ("state", "in", ("authorised", "checked_in")),
            ("visit_date", "<=", today),
            ("overdue_checkout", "=", False),
        ]
        self._rrs_run_in_batches(domain, "_alert_overdue", 200)

    def _alert_overdue(self):
        now = fields.Datetime.now()
        late = self.filtered(lambda v: v._day_end() <= now)
        if not late:
            return
        # the cron (the system) raises the alert
        with late._rrs_system_write():
            late.write({"overdue_checkout": True, "alert_date": now})
        # One alert per late visit, on purpose (a notification and an activity each); what
        # the batch reads and subscribes is done once for it (issue 17).
        program_managers = self.env.ref("rrs_case.group_program_manager").user_ids

        def manager(case):
            return (
                case.supervisor_user_id
                or program_managers.filtered(lambda u: case.company_id in u.company_ids)[:1]
            )

        manager_of = {visit: manager(visit.case_id) for visit in late}
        managers = self.env["res.users"].union(*manager_of.values())
        # the managers and their contacts read for the whole batch: the activities' create and
        # the messages read them again one at a time, and find them here
        managers.partner_id.mapped("name")
        late.case_id.mapped("display_name")
        alert_type = self.env.ref("rrs_case.mail_activity_type_visit_alert")
        today = fields.Date.context_today(self)
        model_id = self.env["ir.model"]._get_id("rrs.case")
        vals_list = [
            {
                "activity_type_id": alert_type.id,
                "summary": self.env._(
                    "%(worker)s has not checked out of a home visit: call the worker, then "
                    "the client",
                    worker=visit.worker_id.name,
                ),
                "automated": True,
                "note": alert_type.default_note,
                "date_deadline": today,
                "res_model_id": model_id,
                "res_id": visit.case_id.id,
                "user_id": user.id or alert_type.default_user_id.id,
            }
            for visit, user in manager_of.items()
        ]
        if assigned := [vals for vals in vals_list if vals["user_id"]]:
            late.case_id._rrs_add_assignees_as_followers(assigned)
        # the managers are followers already (above): the create notifies each of the activity
        # assigned, and does not subscribe them again one user at a time
        self.env["mail.activity"].with_context(rrs_followers_added=True).create(vals_list)
        for visit, user in manager_of.items():
            visit.case_id.message_post(
                body=self.env._(
                    "Alert: %(worker)s has not checked out of the home visit of %(date)s. Call "
                    "the worker, then the client; if neither answers, inform the police and "
                    "record each step on the visit.",
                    worker=visit.worker_id.name,
                    date=visit.visit_date,
                ),
                partner_ids=user.partner_id.ids,
                message_type="notification",
                subtype_xmlid="mail.mt_comment",
            )
