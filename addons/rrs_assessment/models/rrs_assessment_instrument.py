# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .rrs_assessment_factor import frozen_instrument_error


class RrsAssessmentInstrument(models.Model):
    """An assessment instrument: factors, questions, scored answers and level rules.

    Configuration, not code. A published instrument is frozen: changing it means making a
    new version, so answers given to an earlier version keep their meaning.
    """

    _name = "rrs.assessment.instrument"
    _description = "Assessment Instrument"
    _inherit = ["mail.thread", "rrs.guard.mixin"]
    _order = "code, version desc"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, help="Shared by every version of the instrument.")
    version = fields.Integer(required=True, default=1, readonly=True)
    kind = fields.Selection(
        [("matrix", "Needs Assessment Matrix"), ("intake", "Intake assessment")],
        required=True,
        default="matrix",
    )
    adults_only = fields.Boolean(
        string="Adults only (18+)",
        default=True,
        help="Only household members aged 18 or more are assessed (minors' needs are "
        "recorded within the family case).",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published"), ("archived", "Archived")],
        default="draft",
        required=True,
        tracking=True,
    )
    active = fields.Boolean(default=True)
    description = fields.Html()
    parent_id = fields.Many2one(
        "rrs.assessment.instrument", string="Previous version", readonly=True, copy=False
    )
    factor_ids = fields.One2many(
        "rrs.assessment.factor", "instrument_id", string="Factors", copy=True
    )
    level_rule_ids = fields.One2many(
        "rrs.assessment.level.rule", "instrument_id", string="Need level rules", copy=True
    )
    min_answered_ratio = fields.Float(
        string="Answers needed per factor",
        default=0.5,
        help="Share of a factor's questions that must be answered for the factor to get a "
        "need level; below it the factor is 'not assessed'.",
    )
    min_factor_ratio = fields.Float(
        string="Factors needed overall",
        default=0.75,
        help="Share of the applicable factors that must be assessed for an overall need "
        "level; below it the assessment has no overall level.",
    )
    question_count = fields.Integer(compute="_compute_question_count")
    assessment_count = fields.Integer(compute="_compute_assessment_count")

    _code_version_unique = models.Constraint(
        "UNIQUE(code, version)", "This version of the instrument exists already."
    )
    _ratios = models.Constraint(
        "CHECK(min_answered_ratio > 0 AND min_answered_ratio <= 1 "
        "AND min_factor_ratio > 0 AND min_factor_ratio <= 1)",
        "The shares of answers and factors needed are between 0 and 1.",
    )

    @api.depends("factor_ids.question_ids")
    def _compute_question_count(self):
        for instrument in self:
            instrument.question_count = len(instrument.factor_ids.question_ids)

    def _compute_assessment_count(self):
        groups = self.env["rrs.assessment"]._read_group(
            [("instrument_id", "in", self.ids)], ["instrument_id"], ["__count"]
        )
        counts = {instrument.id: n for instrument, n in groups}
        for instrument in self:
            instrument.assessment_count = counts.get(instrument.id, 0)

    @api.depends("name", "version")
    def _compute_display_name(self):
        for instrument in self:
            instrument.display_name = f"{instrument.name} (v{instrument.version})"

    def write(self, vals):
        frozen = {
            "factor_ids",
            "level_rule_ids",
            "kind",
            "adults_only",
            "min_answered_ratio",
            "min_factor_ratio",
        }
        if (
            frozen & set(vals)
            and not self.env.context.get("install_mode")
            and self.filtered(lambda i: i.state != "draft")
        ):
            raise frozen_instrument_error(self.env)
        return super().write(vals)

    def action_publish(self):
        for instrument in self:
            if not instrument.factor_ids.question_ids.option_ids:
                raise UserError(self.env._("Add factors, questions and answers before publishing."))
            if not instrument.level_rule_ids:
                raise UserError(self.env._("Add the need level rules before publishing."))
        # an earlier published version of the same instrument is archived
        previous = self.search(
            [
                ("code", "in", self.mapped("code")),
                ("state", "=", "published"),
                ("id", "not in", self.ids),
            ]
        )
        previous.write({"state": "archived"})
        self.write({"state": "published"})
        return True

    def action_new_version(self):
        """A draft copy with the next version number, to adapt without touching answers."""
        self.ensure_one()
        last = self.search([("code", "=", self.code)], order="version desc", limit=1)
        new = self.copy({"version": last.version + 1, "state": "draft", "parent_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    @api.private
    def get_level(self, score):
        """The need level of an average score, by this instrument's rules (ASM-3)."""
        self.ensure_one()
        if score is None or score is False:
            return self.env["rrs.need.level"]
        for rule in self.level_rule_ids.sorted("min_score", reverse=True):
            if score >= rule.min_score - 1e-9:
                return rule.need_level_id
        return self.env["rrs.need.level"]
