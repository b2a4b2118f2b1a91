# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class RrsPrsLevelHistory(models.Model):
    """Each change of a PRS case's level, with its date and reason (rule PRS-2)."""

    _name = "rrs.prs.level.history"
    _description = "PRS Level History"
    _inherit = ["rrs.guard.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True
    _rrs_parent_field = "case_id"
    _rrs_system_fields = ("user_id",)

    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    level_id = fields.Many2one("rrs.prs.level", required=True, ondelete="restrict")
    date_from = fields.Date(required=True, default=fields.Date.context_today, index=True)
    user_id = fields.Many2one("res.users", string="Changed by", default=lambda self: self.env.user)
    reason = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        if self._rrs_guarded():
            self._rrs_check_level_change(vals_list)
        return super().create(vals_list)

    def _rrs_check_level_change(self, vals_list):
        """Rule PRS-2: a line records the case's level as it changes, today; a client never
        writes the history (the home-visit clock follows it)."""
        self.check_access("create")
        today = fields.Date.context_today(self)
        for vals in vals_list:
            case = self.env["rrs.case"].browse(vals.get("case_id")).exists()
            date_from = vals.get("date_from") or today
            if (
                not case
                or vals.get("level_id") != case.prs_level_id.id
                or fields.Date.to_date(date_from) != today
            ):
                raise UserError(
                    self.env._(
                        "The level history records each change of a case's PRS level when it "
                        "is made: change the level on the case."
                    )
                )

    @api.depends("level_id.name", "date_from")
    def _compute_display_name(self):
        for line in self:
            line.display_name = self.env._(
                "%(level)s from %(date)s",
                level=line.level_id.name or "",
                date=format_date(self.env, line.date_from),
            )
