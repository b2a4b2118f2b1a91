# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.rrs_case.models.rrs_guard_mixin import is_disposing
from odoo.exceptions import UserError


class RrsAssessmentFactorResult(models.Model):
    """Score and need level of one factor in one assessment (kept to show change, ASM-3)."""

    _name = "rrs.assessment.factor.result"
    _description = "Assessment Result by Factor"
    _inherit = ["rrs.guard.mixin"]
    _order = "assessment_id, factor_sequence, id"
    _rrs_parent_field = "assessment_id"

    assessment_id = fields.Many2one("rrs.assessment", required=True, index=True, ondelete="cascade")
    factor_id = fields.Many2one(
        "rrs.assessment.factor", required=True, index=True, ondelete="restrict"
    )
    factor_sequence = fields.Integer(related="factor_id.sequence", store=True)
    factor_code = fields.Char(related="factor_id.code", store=True, index=True)
    case_id = fields.Many2one(related="assessment_id.case_id", store=True, index=True)
    company_id = fields.Many2one(related="assessment_id.company_id", store=True)
    program_id = fields.Many2one(related="assessment_id.program_id", store=True)
    user_id = fields.Many2one(related="assessment_id.user_id", store=True, string="Case worker")
    member_id = fields.Many2one(
        related="assessment_id.member_id", store=True, index="btree_not_null"
    )
    point = fields.Selection(related="assessment_id.point", store=True)
    state = fields.Selection(related="assessment_id.state", store=True)
    completion_date = fields.Date(related="assessment_id.completion_date", store=True)
    applicable = fields.Boolean()
    question_count = fields.Integer()
    answered_count = fields.Integer()
    score = fields.Float(digits=(3, 2), aggregator="avg")
    need_level_id = fields.Many2one("rrs.need.level", index=True)

    _factor_once = models.Constraint(
        "UNIQUE(assessment_id, factor_id)", "One result per factor and assessment."
    )

    # Rule ASM-3: results are computed from the answers (``rrs.assessment._update_results``),
    # never written, created or deleted by hand; they go with their assessment.
    def _rrs_refuse_by_hand(self):
        raise UserError(
            self.env._(
                "Results by factor are computed from the answers of the assessment; change an "
                "answer of an assessment in progress instead."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if self._rrs_guarded():
            self.check_access("create")
            self._rrs_refuse_by_hand()
        return super().create(vals_list)

    def write(self, vals):
        if self and self._rrs_guarded():
            self.check_access("write")
            self._rrs_refuse_by_hand()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_by_system_only(self):
        if not is_disposing() and self._rrs_guarded():
            self._rrs_refuse_by_hand()
