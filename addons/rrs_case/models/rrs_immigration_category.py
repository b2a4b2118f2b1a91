# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsImmigrationCategory(models.Model):
    """Immigration categories eligible for resettlement services (rule ELIG-1).

    Shipped as data; an agency may archive or add categories without code.
    """

    _name = "rrs.immigration.category"
    _description = "Immigration Category"
    _inherit = ["rrs.guard.mixin"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    jurisdiction = fields.Selection(
        [("us", "United States"), ("ca", "Canada")], required=True, default="us"
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint(
        "UNIQUE(code)", "Each immigration category needs its own code."
    )
