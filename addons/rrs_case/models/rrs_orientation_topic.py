# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsOrientationTopic(models.Model):
    """A cultural-orientation topic (rule RES-2)."""

    _name = "rrs.orientation.topic"
    _description = "Cultural Orientation Topic"
    _inherit = ["rrs.guard.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    required = fields.Boolean(
        default=True, help="Every adult of the household attends it (rule RES-2)."
    )
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Each orientation topic needs its own code.")
