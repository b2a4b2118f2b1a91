# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

AREAS = [
    ("reception", "Reception"),
    ("orientation", "Orientation"),
    ("community", "Community connections"),
    ("reunification", "Family reunification"),
    ("other", "Other"),
]


class RrsChecklistTemplateLine(models.Model):
    """A task every case of a program gets, with its due date (rules RES-1, RES-3)."""

    _name = "rrs.checklist.template.line"
    _description = "Program Checklist Task"
    _inherit = ["rrs.guard.mixin"]
    _order = "program_id, sequence, id"
    _check_company_auto = True

    program_id = fields.Many2one(
        "rrs.program", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Task", required=True, translate=True)
    area = fields.Selection(AREAS, required=True, default="reception")
    due_from = fields.Selection(
        [("arrival", "Arrival date"), ("service_start", "Start of services")],
        required=True,
        default="arrival",
    )
    due_days = fields.Integer(
        string="Due after (days)", help="0: on the day itself; negative: before (e.g. housing)."
    )
    guidance = fields.Text(translate=True)
    active = fields.Boolean(default=True)
