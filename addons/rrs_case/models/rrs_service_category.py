# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsServiceCategory(models.Model):
    """Kinds of service providers offer and referrals ask for (housing, legal, health ...)."""

    _name = "rrs.service.category"
    _description = "Service Category"
    _inherit = ["rrs.guard.mixin"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Each service category needs its own code.")
