# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsAssessmentLevelRule(models.Model):
    """From which average score (0-4, higher = more need) a need level applies (ASM-3)."""

    _name = "rrs.assessment.level.rule"
    _description = "Need Level Rule"
    _inherit = ["rrs.guard.mixin"]
    _order = "instrument_id, min_score desc"

    instrument_id = fields.Many2one(
        "rrs.assessment.instrument", required=True, index=True, ondelete="cascade"
    )
    need_level_id = fields.Many2one("rrs.need.level", required=True, ondelete="restrict")
    min_score = fields.Float(
        string="From average score",
        required=True,
        digits=(3, 2),
        help="The level applies from this average score (0 to 4) up to the next rule.",
    )

    _level_once = models.Constraint(
        "UNIQUE(instrument_id, need_level_id)", "Each need level has one rule per instrument."
    )
    _score_range = models.Constraint(
        "CHECK(min_score >= 0 AND min_score <= 4)", "Scores go from 0 to 4."
    )
