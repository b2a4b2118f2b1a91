# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import format_date


class RrsPrsCourtDate(models.Model):
    """An immigration court hearing of a PRS case; the child must know about it (PRS-1)."""

    _name = "rrs.prs.court.date"
    _description = "Immigration Court Date"
    _inherit = ["rrs.guard.mixin"]
    _order = "hearing_date, id"
    _check_company_auto = True
    _rrs_parent_field = "case_id"

    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    hearing_date = fields.Datetime(required=True, index=True)
    court = fields.Char()
    hearing_type = fields.Selection(
        [
            ("master", "Master calendar hearing"),
            ("individual", "Individual (merits) hearing"),
            ("other", "Other"),
        ],
        default="master",
    )
    attorney_partner_id = fields.Many2one("res.partner", string="Attorney", index="btree_not_null")
    outcome = fields.Char()

    @api.depends("case_id.name", "hearing_date")
    def _compute_display_name(self):
        for hearing in self:
            hearing.display_name = self.env._(
                "Court hearing %(case)s, %(date)s",
                case=hearing.case_id.name or "",
                date=format_date(self.env, hearing.hearing_date),
            )
