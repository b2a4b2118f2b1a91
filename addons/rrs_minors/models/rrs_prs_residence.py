# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import format_date


class RrsPrsResidence(models.Model):
    """Where the child lives; services continue at a new residence (rule PRS-8)."""

    _name = "rrs.prs.residence"
    _description = "PRS Child's Residence"
    _inherit = ["rrs.guard.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True
    _rrs_parent_field = "case_id"

    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    date_from = fields.Date(string="Lives there since", required=True, index=True)
    street = fields.Char()
    city = fields.Char()
    state_id = fields.Many2one("res.country.state")
    zip = fields.Char()
    with_sponsor = fields.Boolean(string="Lives with the sponsor", default=True)
    reason = fields.Char(string="Why the move")

    @api.depends("city", "date_from")
    def _compute_display_name(self):
        for residence in self:
            residence.display_name = self.env._(
                "%(city)s since %(date)s",
                city=residence.city or "",
                date=format_date(self.env, residence.date_from),
            )

    @api.model_create_multi
    def create(self, vals_list):
        residences = super().create(vals_list)
        for residence in residences:
            # rule PRS-8: the move is on the case's history; the services and clocks go on
            residence.case_id.message_post(
                body=self.env._(
                    "The child moved on %(date)s to %(city)s; post-release services continue "
                    "at the new residence.",
                    date=residence.date_from,
                    city=residence.city or "",
                )
            )
        return residences
