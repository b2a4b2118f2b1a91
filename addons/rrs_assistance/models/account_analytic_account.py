# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AccountAnalyticAccount(models.Model):
    """A grant (award) is an analytic account of the “Funding sources” plan (rule FIN-1)."""

    _inherit = "account.analytic.account"

    rrs_is_grant = fields.Boolean(compute="_compute_rrs_is_grant", store=True, index=True)
    rrs_award_number = fields.Char(string="Award number")
    rrs_funder_id = fields.Many2one("res.partner", string="Funder", index="btree_not_null")
    rrs_program_ids = fields.Many2many(
        "rrs.program",
        string="Programs funded",
        help="Programs whose assistance this grant may pay; empty: any program.",
    )
    rrs_award_date_from = fields.Date(string="Award period from")
    rrs_award_date_to = fields.Date(string="Award period to")

    @api.depends("root_plan_id")
    def _compute_rrs_is_grant(self):
        plan = self.env.ref("rrs_assistance.analytic_plan_funding", raise_if_not_found=False)
        for account in self:
            account.rrs_is_grant = bool(plan) and account.root_plan_id == plan
