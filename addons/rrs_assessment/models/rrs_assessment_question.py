# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsAssessmentQuestion(models.Model):
    _name = "rrs.assessment.question"
    _description = "Assessment Question"
    _inherit = ["rrs.assessment.instrument.part", "rrs.guard.mixin"]
    _order = "factor_id, sequence, id"

    factor_id = fields.Many2one(
        "rrs.assessment.factor", required=True, index=True, ondelete="cascade"
    )
    instrument_id = fields.Many2one(related="factor_id.instrument_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Question", required=True, translate=True)
    help = fields.Text(string="Guidance", translate=True)
    option_ids = fields.One2many(
        "rrs.assessment.option", "question_id", string="Answers", copy=True
    )

    def _instruments(self):
        return self.factor_id.instrument_id
