# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsPrsServiceArea(models.Model):
    """A PRS service area reported to ORR for every contact (rule PRS-5)."""

    _name = "rrs.prs.service.area"
    _description = "PRS Service Area"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Each service area needs its own code.")
