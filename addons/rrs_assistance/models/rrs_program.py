# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsProgram(models.Model):
    _inherit = "rrs.program"

    assistance_account_id = fields.Many2one(
        "account.account",
        string="Assistance expense account",
        company_dependent=True,
        help="Expense account of this program's financial assistance bills (rule FIN-1).",
    )
    assistance_policy_ids = fields.One2many(
        "rrs.assistance.policy", "program_id", string="Assistance limits"
    )
    per_capita_ids = fields.One2many(
        "rrs.assistance.per.capita", "program_id", string="Per-capita agreements"
    )
