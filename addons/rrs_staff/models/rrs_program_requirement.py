# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsProgramRequirement(models.Model):
    """A check, certification or training a program demands of its workers (rule STF-3)."""

    _name = "rrs.program.requirement"
    _description = "Program Staff Requirement"
    _inherit = ["rrs.guard.mixin"]
    _order = "program_id, sequence, id"
    _rrs_parent_field = "program_id"

    program_id = fields.Many2one("rrs.program", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    skill_id = fields.Many2one(
        "hr.skill",
        string="Requirement",
        required=True,
        ondelete="restrict",
        domain="[('skill_type_id.rrs_requirement', '=', True)]",
    )
    blocking = fields.Boolean(
        help="A worker whose requirement is missing or expired is not assigned new cases of "
        "the program.",
    )

    _skill_program_unique = models.Constraint(
        "UNIQUE(program_id, skill_id)", "A program demands each requirement once."
    )
