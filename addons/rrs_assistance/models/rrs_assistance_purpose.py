# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsAssistancePurpose(models.Model):
    _name = "rrs.assistance.purpose"
    _description = "Purpose of financial assistance"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    account_id = fields.Many2one(
        "account.account",
        string="Expense account",
        company_dependent=True,
        help="Overrides the program's expense account for this purpose.",
    )
    needs_period = fields.Boolean(
        string="Covers a period",
        help="Rent, utilities: the request says which period it pays.",
    )

    _code_unique = models.Constraint("UNIQUE(code)", "The purpose code must be unique.")
