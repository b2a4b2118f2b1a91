# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsLanguage(models.Model):
    _inherit = "rrs.language"

    skill_id = fields.Many2one(
        "hr.skill",
        string="Staff skill",
        index="btree_not_null",
        ondelete="set null",
        domain="[('skill_type_id.is_certification', '=', False), "
        "('skill_type_id.rrs_requirement', '=', False)]",
        help="The language as a skill on employees (Odoo's Languages skill type): how the "
        "assignment matches workers with the household's languages.",
    )
