# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsProgram(models.Model):
    _inherit = "rrs.program"

    assessment_schedule_ids = fields.One2many(
        "rrs.assessment.schedule.line",
        "program_id",
        string="Assessment schedule",
        copy=True,
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
    )
    assessment_reminder_days = fields.Integer(
        string="Remind before due (days)",
        default=14,
        help="An activity reminds the worker this many days before an assessment is due.",
    )
