# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsNeedLevel(models.Model):
    """Need levels (rule ASM-3): Very High, High, Moderate, Moderate to Low, Low."""

    _name = "rrs.need.level"
    _description = "Need Level"
    _inherit = ["rrs.guard.mixin"]
    _order = "sequence"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10, help="1 is the highest need.")
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Each need level needs its own code.")
