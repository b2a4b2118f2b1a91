# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HrSkillType(models.Model):
    _inherit = "hr.skill.type"

    rrs_requirement = fields.Boolean(
        string="Resettlement requirement",
        help="Checks, certifications and trainings that programs demand of their staff "
        "(rule STF-3). Only program managers record them, and record rules limit who "
        "sees them.",
    )
