# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

COORDINATOR = "rrs_volunteer.group_volunteer_coordinator"
# Fields only the volunteer coordinator (and the auditor, reading) sees: screening and notes.
COORDINATOR_FIELDS = "rrs_volunteer.group_volunteer_coordinator,rrs_case.group_auditor"
STAFF = "base.group_user"


class RrsVolunteer(models.Model):
    """A volunteer: a contact with a portal login, screened before any contact with clients
    (rule VOL-1) and matched to families or tasks (rule VOL-2)."""

    _name = "rrs.volunteer"
    _description = "Volunteer"
    _inherit = ["mail.thread", "mail.activity.mixin", "rrs.batch.mixin", "rrs.guard.mixin"]
    _order = "name, id"
    _check_company_auto = True

    _rrs_state_field = "state"
    _rrs_system_fields = ("activation_date", "end_date")
    _rrs_frozen_states = ("ended",)
    _rrs_frozen_writable = ("note",)

    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('is_company', '=', False)]",
    )
    name = fields.Char(related="partner_id.name", store=True, index="trigram")
    email = fields.Char(related="partner_id.email", readonly=False)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    user_id = fields.Many2one(
        "res.users",
        string="Portal login",
        compute="_compute_user_id",
        store=True,
        index=True,
        groups=STAFF,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    coordinator_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain=lambda self: [("group_ids", "in", self.env.ref(COORDINATOR).ids)],
        groups=STAFF,
        help="Supervises the volunteer and receives the screening reminders (rule VOL-1).",
    )
    state = fields.Selection(
        [
            ("applicant", "Applicant"),
            ("active", "Active"),
            ("paused", "Paused"),
            ("ended", "Ended"),
        ],
        default="applicant",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    skill_ids = fields.Many2many("rrs.volunteer.skill", string="Skills")
    language_ids = fields.Many2many("rrs.language", string="Languages")
    slot_ids = fields.Many2many("rrs.volunteer.slot", string="Availability")
    area_ids = fields.Many2many("rrs.volunteer.area", string="Areas they can reach")
    has_car = fields.Boolean(string="Drives a car")
    step_ids = fields.One2many(
        "rrs.volunteer.step", "volunteer_id", string="Onboarding", groups=COORDINATOR_FIELDS
    )
    is_matchable = fields.Boolean(
        string="Screened",
        compute="_compute_is_matchable",
        search="_search_is_matchable",
        help="Active, and every blocking onboarding step done and valid today (rule VOL-1).",
    )
    screening_problem = fields.Char(
        string="Screening", compute="_compute_is_matchable", groups=COORDINATOR_FIELDS
    )
    next_expiry_date = fields.Date(
        string="Next screening expiry",
        compute="_compute_next_expiry_date",
        store=True,
        index=True,
        groups=STAFF,
    )
    activation_date = fields.Date(readonly=True, copy=False, groups=STAFF)
    end_date = fields.Date(readonly=True, copy=False, groups=STAFF)
    end_reason = fields.Text(copy=False, groups=COORDINATOR_FIELDS)
    note = fields.Text(string="Coordinator's notes", groups=COORDINATOR_FIELDS)
    match_ids = fields.One2many("rrs.volunteer.match", "volunteer_id", string="Matches")
    active_match_count = fields.Integer(compute="_compute_counts", groups=STAFF)
    hours_approved = fields.Float(string="Approved hours", compute="_compute_counts", groups=STAFF)

    _partner_company_unique = models.Constraint(
        "UNIQUE(partner_id, company_id)", "This contact is already a volunteer of the company."
    )

    @api.depends("partner_id.user_ids")
    def _compute_user_id(self):
        for volunteer in self:
            volunteer.user_id = volunteer.partner_id.with_context(active_test=False).user_ids[:1]

    @api.depends("step_ids.expiry_date", "step_ids.type_id.blocking")
    def _compute_next_expiry_date(self):
        for volunteer in self:
            dates = volunteer.step_ids.filtered(
                lambda s: s.type_id.blocking and s.expiry_date
            ).mapped("expiry_date")
            volunteer.next_expiry_date = min(dates) if dates else False

    @api.depends_context("uid")
    @api.depends("state", "step_ids.done_date", "step_ids.expiry_date")
    def _compute_is_matchable(self):
        today = fields.Date.context_today(self)
        # sudo(): whether a volunteer is screened is shown to the case worker approving a
        # match, who does not read the screening records themselves (rule VOL-1).
        self_sudo = self.sudo()
        # the blocking steps, searched once for the whole list
        blocking = self_sudo._blocking_step_types()
        for volunteer, volunteer_sudo in zip(self, self_sudo, strict=True):
            problems = volunteer_sudo._screening_problems(today, blocking)
            volunteer.is_matchable = volunteer.state == "active" and not problems
            volunteer.screening_problem = "; ".join(problems)

    def _search_is_matchable(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        today = fields.Date.context_today(self)
        domain = Domain("state", "=", "active")
        # sudo(): the blocking step types are configuration every role may rely on.
        for step_type in (
            self.env["rrs.volunteer.step.type"].sudo().search([("blocking", "=", True)])
        ):
            domain &= Domain(
                "step_ids",
                "any",
                [
                    ("type_id", "=", step_type.id),
                    ("done_date", "<=", today),
                    "|",
                    ("expiry_date", "=", False),
                    ("expiry_date", ">=", today),
                ],
            )
        # sudo(): the screening records are the coordinator's; the search only says whether
        # they are complete, to the roles that may list volunteers.
        ids = self.sudo()._search(domain)
        positive = operator == "in" and True in value
        return Domain("id", "in" if positive else "not in", ids)

    def _compute_counts(self):
        # sudo(): counts shown to staff who may read the volunteer, whatever cases the
        # matches and hours are for; no record of a case is read.
        matches = dict(
            self.env["rrs.volunteer.match"]
            .sudo()
            ._read_group(
                [("volunteer_id", "in", self.ids), ("state", "=", "active")],
                ["volunteer_id"],
                ["__count"],
            )
        )
        # sudo(): see above, the approved hours of the volunteer as a total.
        hours = dict(
            self.env["rrs.volunteer.hours"]
            .sudo()
            ._read_group(
                [("volunteer_id", "in", self.ids), ("state", "=", "approved")],
                ["volunteer_id"],
                ["hours:sum"],
            )
        )
        for volunteer in self:
            volunteer.active_match_count = matches.get(volunteer._origin, 0)
            volunteer.hours_approved = hours.get(volunteer._origin, 0.0)

    # ------------------------------------------------------------- screening
    def _blocking_step_types(self):
        return self.env["rrs.volunteer.step.type"].search([("blocking", "=", True)])

    def _screening_problems(self, on_date, blocking=None):
        """What keeps this volunteer from any contact with clients on ``on_date`` (rule VOL-1):
        each blocking step missing, not yet done or expired, as a sentence. ``blocking``: the
        blocking step types, when the caller searched them already."""
        self.ensure_one()
        problems = []
        steps = {step.type_id: step for step in self.step_ids}
        if blocking is None:
            blocking = self._blocking_step_types()
        for step_type in blocking:
            step = steps.get(step_type)
            if not step or not step.done_date or step.done_date > on_date:
                problems.append(self.env._("%(step)s not done", step=step_type.name))
            elif step.expiry_date and step.expiry_date < on_date:
                problems.append(
                    self.env._(
                        "%(step)s expired on %(date)s",
                        step=step_type.name,
                        date=fields.Date.to_string(step.expiry_date),
                    )
                )
        return problems

    @api.private
    def check_screened(self, on_date=None, what=None):
        """Refuse when a blocking onboarding step is missing or expired (rule VOL-1)."""
        on_date = on_date or fields.Date.context_today(self)
        for volunteer in self:
            # sudo(): the caller (coordinator or case worker) may act on the volunteer; the
            # screening records are read only to say what is missing.
            problems = volunteer.sudo()._screening_problems(on_date)
            if problems:
                raise UserError(
                    self.env._(
                        "%(volunteer)s cannot %(what)s: %(problems)s. A volunteer has no contact "
                        "with clients before the screening is complete and valid.",
                        volunteer=volunteer.name,
                        what=what or self.env._("be matched"),
                        problems="; ".join(problems),
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        volunteers = super().create(vals_list)
        volunteers._ensure_steps()
        return volunteers

    def _ensure_steps(self):
        """One onboarding step of each active type per volunteer."""
        # sudo(): the step types are configuration the creator of a volunteer may rely on.
        types = self.env["rrs.volunteer.step.type"].sudo().search([])
        vals = []
        for volunteer in self:
            # sudo(): the steps of a new volunteer are created by the system, after the
            # caller's own right to create the volunteer was checked by the ORM.
            present = volunteer.sudo().step_ids.type_id
            vals += [
                {"volunteer_id": volunteer.id, "type_id": step_type.id}
                for step_type in types - present
            ]
        if vals:
            steps = self.env["rrs.volunteer.step"]
            with steps._rrs_system_write():
                # sudo(): see above; the system fills the volunteer's checklist.
                steps.sudo().create(vals)

    @api.constrains("partner_id")
    def _check_partner(self):
        for volunteer in self:
            if volunteer.partner_id.is_company:
                raise ValidationError(self.env._("A volunteer is a person, not an organisation."))

    # ----------------------------------------------------------------- moves
    def _rrs_moves(self):
        return {
            ("applicant", "active"): "_rrs_move_activate",
            ("paused", "active"): "_rrs_move_activate",
            ("active", "paused"): "_rrs_move_pause",
            ("applicant", "ended"): "_rrs_move_end",
            ("active", "ended"): "_rrs_move_end",
            ("paused", "ended"): "_rrs_move_end",
            ("ended", "applicant"): "_rrs_move_reapply",
        }

    def _check_coordinator(self):
        if not self.env.su and not self.env.user.has_group(COORDINATOR):
            raise UserError(
                self.env._("Only a volunteer coordinator changes a volunteer's status.")
            )

    def _rrs_move_activate(self, target):
        """Active only with every blocking step done and valid (rule VOL-1)."""
        self._check_coordinator()
        self.check_screened(what=self.env._("become active"))
        return {"activation_date": self.activation_date or fields.Date.context_today(self)}

    def _rrs_move_pause(self, target):
        self._check_coordinator()
        # sudo(): counts the volunteer's matches, whatever cases they are for.
        if self.sudo().match_ids.filtered(lambda m: m.state == "active"):
            raise UserError(
                self.env._(
                    "%(volunteer)s still has active matches: end them (the families lose the "
                    "volunteer's visits) before pausing.",
                    volunteer=self.name,
                )
            )
        return {}

    def _rrs_move_end(self, target):
        self._check_coordinator()
        if not self.end_reason:
            raise UserError(self.env._("Record why the volunteer leaves."))
        return {"end_date": fields.Date.context_today(self)}

    def _rrs_move_reapply(self, target):
        self._check_coordinator()
        return {"end_date": False}

    def _rrs_after_move(self, source, target):
        res = super()._rrs_after_move(source, target)
        if target == "ended":
            # sudo(): the coordinator ended the volunteer (checked in the move); their
            # matches end with them so that access to the families stops at once (VOL-2).
            matches = self.sudo().match_ids
            active = matches.filtered(lambda m: m.state == "active")
            with active._rrs_system_write():
                active.write({"end_reason": self.env._("The volunteer left the program.")})
                active._rrs_move("ended")
            pending = matches.filtered(lambda m: m.state == "proposed")
            with pending._rrs_system_write():
                pending.write({"decline_reason": self.env._("The volunteer left the program.")})
                pending._rrs_move("requested")
        return res

    # --------------------------------------------------------------- actions
    def action_activate(self):
        return self._rrs_move("active")

    def action_pause(self):
        return self._rrs_move("paused")

    def action_end(self):
        return self._rrs_move("ended")

    def action_reapply(self):
        return self._rrs_move("applicant")

    def action_grant_portal(self):
        """Odoo's own portal wizard gives the volunteer their login (the portal pages)."""
        self.ensure_one()
        self._check_coordinator()
        wizard = self.env["portal.wizard"].create(
            {"partner_ids": [Command.set(self.partner_id.ids)]}
        )
        return wizard._action_open_modal()

    def action_view_matches(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "rrs_volunteer.rrs_volunteer_match_action"
        )
        action["domain"] = [("volunteer_id", "=", self.id)]
        action["context"] = {"default_volunteer_id": self.id}
        return action

    def action_view_hours(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "rrs_volunteer.rrs_volunteer_hours_action"
        )
        action["domain"] = [("volunteer_id", "=", self.id)]
        action["context"] = {"default_volunteer_id": self.id}
        return action

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_screening_expiry(self):
        """Daily: remind the coordinator of each blocking step expiring within the company's
        notice, or expired, of a volunteer who is not ended (rule VOL-1)."""
        today = fields.Date.context_today(self)
        horizon = today + self._max_notice_delta()
        domain = [("state", "!=", "ended"), ("next_expiry_date", "<=", horizon)]
        self._rrs_run_in_batches(domain, "_remind_screening_expiry", 200)

    def _max_notice_delta(self):
        # sudo(): the cron reads the notice period of every company it reminds for.
        days = max(
            self.env["res.company"].sudo().search([]).mapped("rrs_volunteer_notice_days") or [30]
        )
        return relativedelta(days=days)

    def _remind_screening_expiry(self):
        """One batch; one reminder per step and expiry date, however often it runs, created
        in one go (the queries of a batch do not grow with its reminders)."""
        today = fields.Date.context_today(self)
        activity_type = self.env.ref("rrs_volunteer.mail_activity_type_screening_expiry")
        # sudo(): the reminders already scheduled, whoever they are assigned to, so that the
        # cron never schedules one twice.
        existing = {
            (activity.res_id, activity.date_deadline, activity.summary)
            for activity in self.env["mail.activity"]
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id", "date_deadline", "summary"],
            )
        }
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for volunteer in self:
            horizon = today + relativedelta(days=volunteer.company_id.rrs_volunteer_notice_days)
            for step in volunteer.step_ids:
                if not (step.type_id.blocking and step.expiry_date):
                    continue
                # one reminder per step: two steps expiring the same day get one each
                summary = self.env._("%(step)s expires", step=step.type_id.name)
                key = (volunteer.id, step.expiry_date, summary)
                if step.expiry_date > horizon or key in existing:
                    continue
                user = volunteer.coordinator_id or volunteer.create_uid
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": volunteer.id,
                        "activity_type_id": activity_type.id,
                        "automated": True,
                        "date_deadline": step.expiry_date,
                        "user_id": user.id,
                        "summary": summary,
                        "note": self.env._(
                            "%(volunteer)s's %(step)s expires on %(date)s: renew it, or the "
                            "volunteer can no longer be matched.",
                            volunteer=volunteer.name,
                            step=step.type_id.name,
                            date=fields.Date.to_string(step.expiry_date),
                        ),
                    }
                )
                existing.add(key)
        if not vals_list:
            return
        self.mapped("display_name")
        self._rrs_add_assignees_as_followers(vals_list)
        # sudo(): the system cron assigns the reminders to each volunteer's coordinator, who
        # follows the volunteer already (above); the reminders wait in the coordinator's
        # activities, without one e-mail each (as the suite's other reminder crons).
        self.env["mail.activity"].sudo().with_context(
            rrs_followers_added=True, mail_activity_quick_update=True
        ).create(vals_list)
