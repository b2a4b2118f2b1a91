# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class RrsAssessmentAnswer(models.Model):
    """The answer to one question; saved one by one so nothing is lost between saves."""

    _name = "rrs.assessment.answer"
    _description = "Assessment Answer"
    _inherit = ["rrs.guard.mixin"]
    _order = "assessment_id, factor_sequence, question_sequence, id"
    _rrs_parent_field = "assessment_id"

    assessment_id = fields.Many2one("rrs.assessment", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="assessment_id.company_id", store=True)
    question_id = fields.Many2one("rrs.assessment.question", required=True, ondelete="restrict")
    factor_id = fields.Many2one(related="question_id.factor_id", store=True, index=True)
    factor_sequence = fields.Integer(
        related="factor_id.sequence", store=True, string="Factor order"
    )
    question_sequence = fields.Integer(
        related="question_id.sequence", store=True, string="Question order"
    )
    option_id = fields.Many2one(
        "rrs.assessment.option",
        string="Answer",
        ondelete="restrict",
        domain="[('question_id', '=', question_id)]",
    )
    score = fields.Integer(related="option_id.score", store=True)
    comment = fields.Char()

    _question_once = models.Constraint(
        "UNIQUE(assessment_id, question_id)", "Each question is answered once per assessment."
    )

    @api.constrains("option_id", "question_id", "assessment_id")
    def _check_consistency(self):
        for answer in self:
            if answer.option_id and answer.option_id.question_id != answer.question_id:
                raise ValidationError(self.env._("This answer belongs to another question."))
            if answer.question_id.instrument_id != answer.assessment_id.instrument_id:
                raise ValidationError(self.env._("This question belongs to another instrument."))

    def _check_open(self):
        """Rule ASM-3: the answers of a completed (skipped, cancelled) assessment are kept as
        they were given, whoever writes them."""
        self._check_open_assessments(self.assessment_id)

    @api.model
    def _check_open_assessments(self, assessments):
        if assessments.filtered(lambda a: a.state not in ("planned", "in_progress")):
            raise UserError(
                self.env._(
                    "This assessment is completed: its answers no longer change. A supervisor can "
                    "reopen it."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        # refused before anything is written: a completed assessment gets no new answer
        self.check_access("create")
        ids = {vals.get("assessment_id") for vals in vals_list}
        self._check_open_assessments(
            self.env["rrs.assessment"].browse([i for i in ids if isinstance(i, int)]).exists()
        )
        answers = super().create(vals_list)
        # the first answer given starts the assessment, as its Start button does
        answers.filtered("option_id").assessment_id.filtered(
            lambda a: a.state == "planned"
        )._rrs_move("in_progress")
        answers.assessment_id._update_results()
        return answers

    def write(self, vals):
        self.check_access("write")
        self._check_open()
        if self._rrs_guarded() and "question_id" in vals:
            self.check_access("write")
            if any(not self._rrs_same_value(a, "question_id", vals["question_id"]) for a in self):
                raise UserError(
                    self.env._(
                        "An answer stays with its question; answer the other question instead."
                    )
                )
        res = super().write(vals)
        if vals.get("option_id"):
            self.assessment_id.filtered(lambda a: a.state == "planned")._rrs_move("in_progress")
        self.assessment_id._update_results()
        return res

    def unlink(self):
        self.check_access("unlink")
        self._check_open()
        assessments = self.assessment_id
        res = super().unlink()
        assessments._update_results()
        return res
