# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsMinorCaregiverTopic(models.Model):
    """A caregiver education topic (RRS 7.05)."""

    _name = "rrs.minor.caregiver.topic"
    _description = "Caregiver Education Topic"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
