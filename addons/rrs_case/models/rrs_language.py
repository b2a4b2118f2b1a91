# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsLanguage(models.Model):
    """Languages spoken by clients (not UI languages: Dari, Tigrinya, Rohingya ...)."""

    _name = "rrs.language"
    _description = "Spoken Language"
    _inherit = ["rrs.guard.mixin"]
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(string="ISO 639 code", required=True)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Each language needs its own ISO code.")
