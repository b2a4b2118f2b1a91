# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models


class RrsVolunteerSuggestion(models.TransientModel):
    """The screened volunteers ranked for a match; the coordinator proposes one."""

    _name = "rrs.volunteer.suggestion"
    _description = "Suggested volunteers"

    match_id = fields.Many2one("rrs.volunteer.match", required=True, ondelete="cascade")
    line_ids = fields.One2many("rrs.volunteer.suggestion.line", "suggestion_id")

    @api.model_create_multi
    def create(self, vals_list):
        suggestions = super().create(vals_list)
        for suggestion in suggestions:
            suggestion.line_ids = [
                Command.create(
                    {
                        "volunteer_id": volunteer.id,
                        "score": score,
                        "reasons": reasons,
                        "sequence": index,
                    }
                )
                for index, (volunteer, score, reasons) in enumerate(
                    suggestion.match_id.rank_volunteers()
                )
            ]
        return suggestions


class RrsVolunteerSuggestionLine(models.TransientModel):
    _name = "rrs.volunteer.suggestion.line"
    _description = "Suggested volunteer"
    _order = "sequence"

    suggestion_id = fields.Many2one("rrs.volunteer.suggestion", required=True, ondelete="cascade")
    sequence = fields.Integer()
    volunteer_id = fields.Many2one("rrs.volunteer", required=True, ondelete="cascade")
    language_ids = fields.Many2many(related="volunteer_id.language_ids")
    skill_ids = fields.Many2many(related="volunteer_id.skill_ids")
    area_ids = fields.Many2many(related="volunteer_id.area_ids")
    active_match_count = fields.Integer(related="volunteer_id.active_match_count")
    score = fields.Integer()
    reasons = fields.Char(string="Why")

    def action_propose(self):
        self.ensure_one()
        match = self.suggestion_id.match_id
        match.write({"volunteer_id": self.volunteer_id.id})
        match.action_propose()
        return {"type": "ir.actions.act_window_close"}
