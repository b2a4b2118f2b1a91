# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

SCHEDULE_POINTS = [
    ("intake", "Intake (D)"),
    ("a1", "A1 – first assessment"),
    ("a2", "A2"),
    ("a3", "A3"),
    ("a4", "A4"),
    ("a5", "A5"),
    ("adhoc", "Ad hoc"),
]


class RrsAssessmentScheduleLine(models.Model):
    """When a program assesses its clients (rule ASM-2), as configuration."""

    _name = "rrs.assessment.schedule.line"
    _description = "Assessment Schedule"
    _inherit = ["rrs.guard.mixin"]
    _order = "program_id, month, id"

    program_id = fields.Many2one("rrs.program", required=True, index=True, ondelete="cascade")
    point = fields.Selection(SCHEDULE_POINTS, required=True)
    instrument_code = fields.Char(
        required=True, help="Code of the instrument used; its published version is taken."
    )
    month = fields.Integer(
        string="Due at month",
        required=True,
        help="Months after the start of service when the assessment is due (1 = by the end "
        "of the first month).",
    )
    only_if_extended = fields.Boolean(
        help="Only for cases whose service was extended past the program's standard length."
    )
    skippable_level_ids = fields.Many2many(
        "rrs.need.level",
        string="May be skipped at need levels",
        help="The assessment may be skipped when the person's previous assessment ended at "
        "one of these levels (e.g. A2 for low-need clients).",
    )
    per_person = fields.Boolean(
        string="For each adult",
        default=True,
        help="One assessment per household member the instrument applies to; otherwise "
        "one for the household (the head of household).",
    )

    _point_once = models.Constraint(
        "UNIQUE(program_id, point)", "Each point of the schedule appears once per program."
    )
    _month_positive = models.Constraint("CHECK(month >= 0)", "The month cannot be negative.")
