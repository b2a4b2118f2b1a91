# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import format_date


class RrsPrsLevelHistory(models.Model):
    """Each change of a PRS case's level, with its date and reason (rule PRS-2)."""

    _name = "rrs.prs.level.history"
    _description = "PRS Level History"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    level_id = fields.Many2one("rrs.prs.level", required=True, ondelete="restrict")
    date_from = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one("res.users", string="Changed by", default=lambda self: self.env.user)
    reason = fields.Char()

    @api.depends("level_id.name", "date_from")
    def _compute_display_name(self):
        for line in self:
            line.display_name = self.env._(
                "%(level)s from %(date)s",
                level=line.level_id.name or "",
                date=format_date(self.env, line.date_from),
            )
