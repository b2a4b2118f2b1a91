# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsVolunteerTaskType(models.Model):
    """What a volunteer does for a family or the agency: mentoring, transport, tutoring ..."""

    _name = "rrs.volunteer.task.type"
    _description = "Volunteer task"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    skill_ids = fields.Many2many(
        "rrs.volunteer.skill",
        string="Skills it needs",
        help="Volunteers with these skills rank first in the suggestions.",
    )
    description = fields.Text(
        translate=True, help="The volunteer's role in this task (rule VOL-1): shown on the portal."
    )
    active = fields.Boolean(default=True)
