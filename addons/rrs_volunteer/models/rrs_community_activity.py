# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from .rrs_volunteer import COORDINATOR


class RrsCommunityActivity(models.Model):
    """A community capacity building activity: partner organisations engaged, events and
    trainings given, who attended and what came of it (rule VOL-3)."""

    _name = "rrs.community.activity"
    _description = "Community capacity building activity"
    _inherit = ["mail.thread", "mail.activity.mixin", "rrs.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _rrs_state_field = "state"
    _rrs_system_fields = ("documented_by_id", "documented_date")
    _rrs_frozen_states = ("done",)

    name = fields.Char(required=True, tracking=True)
    activity_type = fields.Selection(
        [
            ("event", "Community event"),
            ("training", "Training given"),
            ("partnership", "Partner organisation engaged"),
            ("outreach", "Outreach"),
            ("volunteer_training", "Volunteer training"),
        ],
        string="Type",
        required=True,
        default="event",
        tracking=True,
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Documented"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    program_id = fields.Many2one("rrs.program", index=True, check_company=True)
    user_id = fields.Many2one(
        "res.users", string="Organiser", default=lambda self: self.env.user, index=True
    )
    location = fields.Char()
    partner_ids = fields.Many2many(
        "res.partner",
        string="Partner organisations",
        domain="[('is_company', '=', True)]",
        help="Organisations engaged: employers, schools, faith groups, health providers ...",
    )
    volunteer_ids = fields.Many2many("rrs.volunteer", string="Volunteers involved")
    attendee_count = fields.Integer(string="Attendees")
    purpose = fields.Text(help="The community need the activity answers.")
    outcomes = fields.Text(help="What came of it: commitments, referrals, capacity built.")
    documented_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    documented_date = fields.Date(readonly=True, copy=False)
    hours_ids = fields.One2many("rrs.volunteer.hours", "community_activity_id")

    _attendees_positive = models.Constraint(
        "CHECK(attendee_count >= 0)", "The number of attendees cannot be negative."
    )

    # ------------------------------------------------------------------ moves
    def _rrs_moves(self):
        return {
            ("planned", "done"): "_rrs_move_document",
            ("planned", "cancelled"): "_rrs_move_cancel",
        }

    def _check_organiser(self):
        user = self.env.user
        if not self.env.su and not (
            user.has_group(COORDINATOR) or user.has_group("rrs_case.group_case_worker")
        ):
            raise UserError(
                self.env._(
                    "Only a volunteer coordinator or a case worker documents a community activity."
                )
            )

    def _rrs_move_document(self, target):
        """Documented with its date, who took part and its outcomes (rule VOL-3)."""
        self._check_organiser()
        missing = []
        if self.date > fields.Date.context_today(self):
            missing.append(self.env._("it has not taken place yet"))
        if not self.partner_ids and not self.attendee_count:
            missing.append(self.env._("the partner organisations engaged or the attendees"))
        if not (self.outcomes or "").strip():
            missing.append(self.env._("its outcomes"))
        if missing:
            raise UserError(
                self.env._(
                    "%(activity)s cannot be documented: %(missing)s.",
                    activity=self.name,
                    missing="; ".join(missing),
                )
            )
        return {
            "documented_by_id": self.env.user.id,
            "documented_date": fields.Date.context_today(self),
        }

    def _rrs_move_cancel(self, target):
        self._check_organiser()
        return {}

    def action_document(self):
        return self._rrs_move("done")

    def action_cancel(self):
        return self._rrs_move("cancelled")
