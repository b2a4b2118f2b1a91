# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsActivityTopic(models.Model):
    """A topic case-management activities are logged under (rule RES-4, CSS Std 9)."""

    _name = "rrs.activity.topic"
    _description = "Case-Management Activity Topic"
    _inherit = ["rrs.guard.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Each activity topic needs its own code.")
