# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


def frozen_instrument_error(env):
    return UserError(
        env._(
            "A published instrument cannot change: its answers must keep their meaning. "
            "Make a new version and change that one."
        )
    )


class FrozenWhenPublished(models.AbstractModel):
    """Parts of an instrument cannot change once it is published (answers keep their meaning)."""

    _name = "rrs.assessment.instrument.part"
    _description = "Part of an assessment instrument"

    def _instruments(self):
        raise NotImplementedError

    def _check_draft(self):
        if self.env.context.get("install_mode"):
            return  # shipped data files build published instruments part by part
        if self._instruments().filtered(lambda i: i.state != "draft"):
            raise frozen_instrument_error(self.env)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._check_draft()
        return records

    def write(self, vals):
        self._check_draft()
        return super().write(vals)

    def unlink(self):
        self._check_draft()
        return super().unlink()


class RrsAssessmentFactor(models.Model):
    _name = "rrs.assessment.factor"
    _description = "Assessment Factor"
    _inherit = ["rrs.assessment.instrument.part", "rrs.guard.mixin"]
    _order = "instrument_id, sequence, id"

    instrument_id = fields.Many2one(
        "rrs.assessment.instrument", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    description = fields.Text(translate=True)
    applies_to = fields.Selection(
        [
            ("all", "Every person assessed"),
            ("children", "Households with a child under 13"),
            ("school_age", "Households with a child aged 5 to 17"),
        ],
        required=True,
        default="all",
    )
    question_ids = fields.One2many("rrs.assessment.question", "factor_id", copy=True)

    _code_unique = models.Constraint(
        "UNIQUE(instrument_id, code)", "Factor codes are unique within an instrument."
    )

    def _instruments(self):
        return self.instrument_id
