# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class RrsOrientationSession(models.Model):
    """A cultural-orientation session: topics covered and who attended (rule RES-2)."""

    _name = "rrs.orientation.session"
    _description = "Cultural Orientation Session"
    _inherit = ["rrs.guard.mixin"]
    _order = "session_date desc, id desc"
    _check_company_auto = True
    _rrs_parent_field = "case_id"

    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    session_date = fields.Date(
        string="Date", required=True, default=fields.Date.context_today, index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Facilitator", default=lambda self: self.env.user, required=True
    )
    interpreter_language_id = fields.Many2one("rrs.language", string="Interpreted into")
    topic_ids = fields.Many2many("rrs.orientation.topic", string="Topics", required=True)
    member_ids = fields.Many2many(
        "rrs.case.member",
        string="Attended",
        required=True,
        domain="[('case_id', '=', case_id)]",
    )
    minutes = fields.Integer()
    notes = fields.Text()

    @api.depends("case_id.name", "session_date")
    def _compute_display_name(self):
        for session in self:
            session.display_name = self.env._(
                "Orientation session %(case)s, %(date)s",
                case=session.case_id.name or "",
                date=format_date(self.env, session.session_date),
            )

    @api.constrains("member_ids", "case_id")
    def _check_members(self):
        for session in self:
            if session.member_ids.case_id - session.case_id:
                raise ValidationError(self.env._("Only members of the household attend."))

    @api.constrains("session_date")
    def _check_session_date(self):
        # rule RES-2: attendance is recorded once the session took place
        today = fields.Date.context_today(self)
        for session in self:
            if session.session_date > today:
                raise ValidationError(
                    self.env._(
                        "An orientation session is recorded once it took place (%(date)s is in "
                        "the future).",
                        date=session.session_date,
                    )
                )
