# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .rrs_volunteer import COORDINATOR, STAFF
from .rrs_volunteer_slot import period_of


class RrsVolunteerMatch(models.Model):
    """A volunteer matched to a family (a case) or to a task of the agency.

    The family's case worker asks for a volunteer, the coordinator proposes a screened one
    (rule VOL-1), the case worker approves with the family's release of information naming the
    volunteer (rule CON-2). The volunteer then reads, on the portal, only what the match needs:
    the first names, the task, a meeting place and time (rule VOL-2); the fields about the case
    are for staff only and the record is theirs only while the match is active.
    """

    _name = "rrs.volunteer.match"
    _description = "Volunteer match"
    _inherit = ["mail.thread", "mail.activity.mixin", "rrs.guard.mixin"]
    _order = "state_sequence, meeting_datetime desc, id desc"
    _check_company_auto = True

    _rrs_state_field = "state"
    _rrs_parent_field = "case_id"
    _rrs_system_fields = (
        "name",
        "proposed_by_id",
        "proposed_date",
        "approved_by_id",
        "approved_date",
        "consent_id",
        "ended_by_id",
        "ended_date",
        "event_id",
    )
    _rrs_number_sequence = "rrs.volunteer.match"
    _rrs_frozen_states = ("ended", "cancelled")
    # what the calendar event of an active match follows
    _rrs_event_fields = ("meeting_datetime",)
    # the list's order (by stage, next meeting first): a page reads it from here (issue 17)
    _order_idx = models.Index("(state_sequence, meeting_datetime DESC, id DESC)")

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("proposed", "Proposed"),
            ("active", "Active"),
            ("ended", "Ended"),
            ("cancelled", "Cancelled"),
        ],
        default="requested",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    case_id = fields.Many2one(
        "rrs.case",
        string="Family",
        index=True,
        ondelete="cascade",
        check_company=True,
        groups=STAFF,
        help="Leave empty for a task of the agency (an event, airport reception for several "
        "families).",
    )
    case_restricted = fields.Boolean(related="case_id.restricted", store=True, index=True)
    case_user_id = fields.Many2one(related="case_id.user_id", string="Case worker", groups=STAFF)
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        required=True,
        index=True,
        precompute=True,
    )
    program_id = fields.Many2one(
        "rrs.program",
        compute="_compute_program_id",
        store=True,
        readonly=False,
        index=True,
        precompute=True,
        groups=STAFF,
    )
    volunteer_id = fields.Many2one(
        "rrs.volunteer", index=True, tracking=True, check_company=True, ondelete="restrict"
    )
    task_type_id = fields.Many2one(
        "rrs.volunteer.task.type", string="Task", required=True, tracking=True
    )
    description = fields.Text(
        string="What the volunteer needs to know",
        help="Shown to the volunteer. Only what the task needs: no health, legal or family "
        "history (rule VOL-2).",
    )
    family_first_names = fields.Char(
        string="First names",
        compute="_compute_family_first_names",
        store=True,
        readonly=False,
        precompute=True,
        help="How the volunteer calls the family: first names only (rule VOL-2).",
    )
    language_id = fields.Many2one(
        "rrs.language",
        compute="_compute_language_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    area_id = fields.Many2one("rrs.volunteer.area")
    meeting_place = fields.Char(
        help="Where the volunteer meets the family: shown to the volunteer."
    )
    meeting_datetime = fields.Datetime(string="First meeting")
    schedule = fields.Char(help="e.g. Saturdays 10:00-12:00")
    planned_end_date = fields.Date(string="Planned end")
    proposed_by_id = fields.Many2one("res.users", readonly=True, copy=False, groups=STAFF)
    proposed_date = fields.Date(readonly=True, copy=False, groups=STAFF)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, groups=STAFF)
    approved_date = fields.Date(readonly=True, copy=False)
    consent_id = fields.Many2one(
        "rrs.consent",
        string="Release of information",
        readonly=True,
        copy=False,
        groups=STAFF,
        index="btree_not_null",
    )
    decline_reason = fields.Text(copy=False, groups=STAFF)
    end_reason = fields.Text(copy=False, groups=STAFF)
    ended_by_id = fields.Many2one("res.users", readonly=True, copy=False, groups=STAFF)
    ended_date = fields.Date(readonly=True, copy=False)
    event_id = fields.Many2one(
        "calendar.event",
        string="Meeting in the calendar",
        readonly=True,
        copy=False,
        groups=STAFF,
        help="The first meeting, in the case worker's calendar, with the volunteer invited.",
    )
    hours_ids = fields.One2many("rrs.volunteer.hours", "match_id", groups=STAFF)
    hours_approved = fields.Float(compute="_compute_hours_approved", groups=STAFF)

    @api.depends("state")
    def _compute_state_sequence(self):
        order = {"proposed": 1, "requested": 2, "active": 3, "ended": 4, "cancelled": 5}
        for match in self:
            match.state_sequence = order.get(match.state, 9)

    @api.depends("case_id")
    def _compute_company_id(self):
        for match in self:
            match.company_id = match.case_id.company_id or match.company_id or self.env.company

    @api.depends("case_id")
    def _compute_program_id(self):
        for match in self:
            match.program_id = match.case_id.program_id or match.program_id

    @api.depends("case_id")
    def _compute_family_first_names(self):
        for match in self:
            if match.family_first_names or not match.case_id:
                continue
            names = [
                (member.partner_id.name or "").split()[0]
                for member in match.case_id.member_ids
                if (member.partner_id.name or "").split()
            ]
            match.family_first_names = ", ".join(names)

    @api.depends("case_id")
    def _compute_language_id(self):
        for match in self:
            match.language_id = match.language_id or match.case_id.primary_language_id

    def _compute_hours_approved(self):
        totals = dict(
            self.env["rrs.volunteer.hours"]._read_group(
                [("match_id", "in", self.ids), ("state", "=", "approved")],
                ["match_id"],
                ["hours:sum"],
            )
        )
        for match in self:
            match.hours_approved = totals.get(match._origin, 0.0)

    @api.depends("name", "task_type_id")
    def _compute_display_name(self):
        for match in self:
            match.display_name = " – ".join(filter(None, [match.name, match.task_type_id.name]))

    # ------------------------------------------------------------ constraints
    @api.constrains("case_id")
    def _check_case_not_restricted(self):
        """Rule VOL-2: minors' and other restricted cases are never shown to a volunteer."""
        for match in self:
            # sudo(): the flag of the match's own case, read to refuse the match.
            if match.sudo().case_id.restricted:
                raise ValidationError(
                    self.env._(
                        "A volunteer cannot be matched with a restricted case (a minor's or a "
                        "protected case): its records are kept from anyone who does not work "
                        "on it."
                    )
                )

    @api.constrains("meeting_datetime", "planned_end_date", "approved_date")
    def _check_dates(self):
        for match in self:
            if (
                match.planned_end_date
                and match.meeting_datetime
                and match.planned_end_date < match.meeting_datetime.date()
            ):
                raise ValidationError(self.env._("A match cannot end before its first meeting."))

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if self._rrs_guarded():
            for vals in vals_list:
                if vals.get("case_id"):
                    self._check_case_writer(self.env["rrs.case"].browse(vals["case_id"]))
        # A match refused by its checks (a restricted case) leaves no record behind.
        with self.env.cr.savepoint():
            return super().create(vals_list)

    def write(self, vals):
        if self._rrs_guarded() and "volunteer_id" in vals:
            # The caller's right comes first: a role that may not write gets the access error.
            self.check_access("write")
            for match in self:
                if match.state != "requested" and not self._rrs_same_value(
                    match, "volunteer_id", vals["volunteer_id"]
                ):
                    raise UserError(
                        self.env._(
                            "The volunteer of %(match)s is chosen while it is requested: end "
                            "or cancel it and ask for another volunteer.",
                            match=match.display_name,
                        )
                    )
        result = super().write(vals)
        if set(self._rrs_event_fields) & set(vals):
            self.filtered(lambda m: m.state == "active")._rrs_sync_event()
        return result

    # --------------------------------------------------------------- calendar
    def _rrs_sync_event(self):
        """The first meeting of an active match in the calendar: the case worker's private
        event, the volunteer invited (Odoo's invitation, with its accept/decline link). As a
        home visit's, it carries the time and a neutral title, the match's reference: every
        user can search the calendar's events, so the family's names and the place stay on
        the match, behind its rules (rule VOL-2)."""
        for match in self:
            # sudo(): the caller approved or changed the match (their right was checked); the
            # event belongs to the case worker's calendar, which calendar's rules keep private.
            match_sudo = match.sudo()
            if not match_sudo.meeting_datetime:
                continue
            organizer = match_sudo.approved_by_id or self.env.user
            vals = {
                "name": match_sudo.name,
                "start": match_sudo.meeting_datetime,
                "stop": match_sudo.meeting_datetime + timedelta(minutes=90),
                "privacy": "private",
                "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": match.id,
            }
            event = match_sudo.event_id
            if event:
                event.write(vals)
            else:
                partners = match_sudo.volunteer_id.partner_id | organizer.partner_id
                # sudo(): see above; the event is created in the organizer's calendar.
                event = (
                    self.env["calendar.event"]
                    .sudo()
                    .create(
                        dict(vals, user_id=organizer.id, partner_ids=[Command.set(partners.ids)])
                    )
                )
                with match._rrs_system_write():
                    match_sudo.event_id = event

    def _rrs_archive_event(self):
        """A match that ends takes its meeting off the calendars, unless it took place."""
        now = fields.Datetime.now()
        # sudo(): the match was ended or cancelled by someone allowed to (checked in the move);
        # its future meeting goes with it.
        events = self.sudo().event_id.filtered(lambda e: e.start and e.start > now)
        events.write({"active": False})

    # ------------------------------------------------------------------ moves
    def _rrs_moves(self):
        return {
            ("requested", "proposed"): "_rrs_move_propose",
            ("proposed", "requested"): "_rrs_move_decline",
            ("proposed", "active"): "_rrs_move_approve",
            ("active", "ended"): "_rrs_move_end",
            ("requested", "cancelled"): "_rrs_move_cancel",
            ("proposed", "cancelled"): "_rrs_move_cancel",
        }

    def _check_case_writer(self, case):
        """The caller works on the family's case: they may change it."""
        if self.env.su:
            return
        try:
            case.check_access("write")
        except AccessError as error:
            raise AccessError(
                self.env._(
                    "Only the family's case worker (or their supervisor) asks for, approves or "
                    "ends a volunteer match for a family."
                )
            ) from error

    def _check_coordinator(self, what):
        if not self.env.su and not self.env.user.has_group(COORDINATOR):
            raise UserError(self.env._("Only a volunteer coordinator %(what)s.", what=what))

    def _is_coordinator(self):
        return self.env.su or self.env.user.has_group(COORDINATOR)

    def _rrs_move_propose(self, target):
        """The coordinator proposes a screened volunteer (rule VOL-1)."""
        self._check_coordinator(self.env._("proposes a volunteer"))
        if not self.volunteer_id:
            raise UserError(self.env._("Choose the volunteer to propose."))
        self.volunteer_id.check_screened()
        return {
            "proposed_by_id": self.env.user.id,
            "proposed_date": fields.Date.context_today(self),
        }

    def _check_family_or_coordinator(self, without_family=None):
        """A match for a family is answered by the family's case worker or the coordinator;
        a task without a family, when ``without_family`` names the step, by the coordinator."""
        # sudo(): the family's case is read to know who may act; the caller's own right on it
        # is checked next.
        case = self.sudo().case_id
        if case and not self._is_coordinator():
            self._check_case_writer(case.with_env(self.env))
        elif not case and without_family:
            self._check_coordinator(without_family)

    def _rrs_move_decline(self, target):
        self._check_family_or_coordinator()
        if not self.decline_reason:
            raise UserError(self.env._("Say why the proposed volunteer is declined."))
        return {"volunteer_id": False, "proposed_by_id": False, "proposed_date": False}

    def _rrs_move_approve(self, target):
        """The family's case worker approves with the family's consent (rules VOL-1, CON-2)."""
        today = fields.Date.context_today(self)
        values = {"approved_by_id": self.env.user.id, "approved_date": today}
        # sudo(): read to know whose approval this is; the caller's right is checked next.
        case = self.sudo().case_id.with_env(self.env)
        if case:
            self._check_case_writer(case)
            if not self.family_first_names:
                raise UserError(
                    self.env._("Write the first names the volunteer may use for the family.")
                )
            consent = case._check_sharing_allowed(
                self.volunteer_id.partner_id,
                today,
                False,
                False,
                self.env._("the family's first names to the volunteer"),
            )
            values["consent_id"] = consent.id
        else:
            self._check_coordinator(self.env._("starts a task without a family"))
        self.volunteer_id.check_screened(today)
        if not self.meeting_place:
            raise UserError(self.env._("Write where the volunteer meets the family."))
        return values

    def _rrs_move_end(self, target):
        self._check_family_or_coordinator(self.env._("ends a task without a family"))
        if not self.end_reason:
            raise UserError(self.env._("Record why the match ends."))
        return {"ended_by_id": self.env.user.id, "ended_date": fields.Date.context_today(self)}

    def _rrs_move_cancel(self, target):
        self._check_family_or_coordinator(self.env._("cancels a task without a family"))
        return {}

    def _rrs_after_move(self, source, target):
        res = super()._rrs_after_move(source, target)
        if target == "proposed":
            # sudo(): the coordinator (checked in the move) asks the family's worker, whose
            # case they do not read, to approve.
            case = self.sudo().case_id
            if case.user_id:
                self.sudo().activity_schedule(
                    "rrs_volunteer.mail_activity_type_match_approval",
                    user_id=case.user_id.id,
                    summary=self.env._("Approve the proposed volunteer"),
                )
        if source == "proposed":
            # sudo(): the approval request is closed whoever answered it.
            self.sudo().activity_unlink(["rrs_volunteer.mail_activity_type_match_approval"])
        if target == "active":
            self._rrs_sync_event()
        if target in ("ended", "cancelled"):
            self._rrs_archive_event()
        return res

    # ---------------------------------------------------------------- actions
    def action_propose(self):
        return self._rrs_move("proposed")

    def action_decline(self):
        return self._rrs_move("requested")

    def action_approve(self):
        return self._rrs_move("active")

    def action_end(self):
        return self._rrs_move("ended")

    def action_cancel(self):
        return self._rrs_move("cancelled")

    def action_suggest(self):
        """Rank the screened volunteers for this match (language, skills, availability,
        area, current load) and let the coordinator propose one."""
        self.ensure_one()
        self._check_coordinator(self.env._("proposes a volunteer"))
        wizard = self.env["rrs.volunteer.suggestion"].create({"match_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Suggested volunteers"),
            "res_model": "rrs.volunteer.suggestion",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    # -------------------------------------------------------------- ranking
    @api.private
    def rank_volunteers(self, limit=20):
        """The screened volunteers of the match's company, best first, each with its score
        and reasons: ``[(volunteer, score, reasons)]``."""
        self.ensure_one()
        Volunteer = self.env["rrs.volunteer"]
        candidates = Volunteer.search(
            [("is_matchable", "=", True), ("company_id", "=", self.company_id.id)]
        )
        if not candidates:
            return []
        # sudo(): each candidate's number of active matches, whatever cases they are for.
        loads = dict(
            self.env["rrs.volunteer.match"]
            .sudo()
            ._read_group(
                [("volunteer_id", "in", candidates.ids), ("state", "=", "active")],
                ["volunteer_id"],
                ["__count"],
            )
        )
        needed = self.task_type_id.skill_ids
        slot = None
        if self.meeting_datetime:
            local = fields.Datetime.context_timestamp(self, self.meeting_datetime)
            slot = (str(local.weekday()), period_of(local.hour))
        ranked = []
        for volunteer in candidates:
            score, reasons = 0, []
            if self.language_id and self.language_id in volunteer.language_ids:
                score += 40
                reasons.append(self.env._("speaks %(lang)s", lang=self.language_id.name))
            if needed:
                shared = needed & volunteer.skill_ids
                score += round(30 * len(shared) / len(needed))
                if shared:
                    reasons.append(", ".join(shared.mapped("name")))
            if slot and any((s.weekday, s.period) == slot for s in volunteer.slot_ids):
                score += 20
                reasons.append(self.env._("available then"))
            if self.area_id and self.area_id in volunteer.area_ids:
                score += 10
                reasons.append(self.area_id.name)
            load = loads.get(volunteer, 0)
            score -= 5 * load
            ranked.append((volunteer, score, "; ".join(reasons), load))
        ranked.sort(key=lambda r: (-r[1], r[3], r[0].name or ""))
        return [(v, s, reasons) for v, s, reasons, _load in ranked[:limit]]
