# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsAssessmentOption(models.Model):
    _name = "rrs.assessment.option"
    _description = "Assessment Answer Option"
    _inherit = ["rrs.assessment.instrument.part", "rrs.guard.mixin"]
    _order = "question_id, sequence, score, id"

    question_id = fields.Many2one(
        "rrs.assessment.question", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Answer", required=True, translate=True)
    score = fields.Integer(
        required=True, help="0 = fully independent ... 4 = cannot do it / urgent need."
    )

    _score_range = models.Constraint("CHECK(score >= 0 AND score <= 4)", "Scores go from 0 to 4.")

    def _instruments(self):
        return self.question_id.factor_id.instrument_id
