# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsPrsLevel(models.Model):
    """A post-release services level (rule PRS-2); configurable, ORR may add levels."""

    _name = "rrs.prs.level"
    _description = "Post-Release Services Level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    monthly_home_visits = fields.Boolean(
        help="Cases at this level get a home visit at least once a month (rule PRS-2)."
    )
    description = fields.Text(translate=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Each PRS level needs its own code.")
