# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsVolunteerArea(models.Model):
    """A part of the agency's territory a volunteer can reach (a neighbourhood, a town)."""

    _name = "rrs.volunteer.area"
    _description = "Area volunteers can reach"
    _order = "name"

    name = fields.Char(required=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True)
