# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

MINUTES_PER_DAY = 24 * 60


class RrsCaseActivity(models.Model):
    """One case-management effort, by topic and with the time it took (rule RES-4)."""

    _name = "rrs.case.activity"
    _description = "Case-Management Activity"
    _inherit = ["rrs.guard.mixin"]
    _order = "activity_date desc, id desc"
    _check_company_auto = True
    _rrs_parent_field = "case_id"

    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    program_id = fields.Many2one(related="case_id.program_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Staff member",
        required=True,
        index=True,
        default=lambda self: self.env.user,
    )
    activity_date = fields.Date(
        string="Date", required=True, index=True, default=fields.Date.context_today
    )
    topic_id = fields.Many2one("rrs.activity.topic", required=True, index=True)
    minutes = fields.Integer(required=True, help="Time spent, in minutes.")
    member_ids = fields.Many2many(
        "rrs.case.member",
        string="People concerned",
        domain="[('case_id', '=', case_id)]",
        help="Leave empty for the whole household.",
    )
    mode = fields.Selection(
        [
            ("in_person", "In person"),
            ("phone", "Phone"),
            ("video", "Video call"),
            ("accompaniment", "Accompaniment"),
            ("paperwork", "Forms and paperwork"),
            ("other", "Other"),
        ],
        required=True,
        default="in_person",
    )
    referral_id = fields.Many2one(
        "rrs.referral",
        domain="[('case_id', '=', case_id)]",
        help="The referral this effort was.",
        index="btree_not_null",
    )
    description = fields.Char(string="What was done")

    @api.depends("topic_id.name", "activity_date")
    def _compute_display_name(self):
        for activity in self:
            activity.display_name = self.env._(
                "%(topic)s, %(date)s",
                topic=activity.topic_id.name or "",
                date=format_date(self.env, activity.activity_date),
            )

    @api.constrains("activity_date", "minutes")
    def _check_date_and_time(self):
        today = fields.Date.context_today(self)
        for activity in self:
            if not 0 < activity.minutes <= MINUTES_PER_DAY:
                raise ValidationError(
                    self.env._(
                        "The time spent is between 1 minute and 24 hours (%(minutes)s minutes "
                        "given); log each day's effort separately.",
                        minutes=activity.minutes,
                    )
                )
            if activity.activity_date > today:
                raise ValidationError(
                    self.env._(
                        "An activity is logged once it is done (the %(date)s is in the future).",
                        date=activity.activity_date,
                    )
                )

    @api.constrains("member_ids", "referral_id", "case_id")
    def _check_same_case(self):
        for activity in self:
            if activity.member_ids.case_id - activity.case_id or (
                activity.referral_id and activity.referral_id.case_id != activity.case_id
            ):
                raise ValidationError(
                    self.env._("The people and the referral must belong to the activity's case.")
                )
