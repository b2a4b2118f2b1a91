# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# Satisfied: at least two thirds of the questionnaire's possible score, that is "good" on
# average on the scored questions (each answered from 0, very poor, to 3, very good; rule
# OUT-3). Survey rounds the percentage to two decimals (10 of 15 is 66.67).
SATISFIED_FROM = 66.66


class SurveyUserInput(models.Model):
    """A client's answers to the satisfaction questionnaire, linked to their case as
    ``hr_recruitment_survey`` links an answer to its applicant (rule OUT-3)."""

    _inherit = "survey.user_input"

    rrs_case_id = fields.Many2one(
        "rrs.case", string="Case", index="btree_not_null", ondelete="cascade", readonly=True
    )
    rrs_occasion = fields.Selection(
        [
            ("closing", "Case closed"),
            ("a4", "Fourth assessment (A4)"),
            ("worker", "Asked by the case worker"),
        ],
        string="Asked at",
        readonly=True,
    )
    rrs_invited_date = fields.Date(string="Invited on", readonly=True, index=True)
    rrs_satisfied = fields.Boolean(
        string="Satisfied",
        compute="_compute_rrs_satisfied",
        store=True,
        compute_sudo=True,
        help="Completed with at least two thirds of the possible score (good on average).",
    )

    @api.depends("state", "scoring_percentage", "rrs_case_id")
    def _compute_rrs_satisfied(self):
        for answer in self:
            answer.rrs_satisfied = bool(
                answer.rrs_case_id
                and answer.state == "done"
                and answer.scoring_percentage >= SATISFIED_FROM
            )

    def _mark_done(self):
        res = super()._mark_done()
        for answer in self.filtered("rrs_case_id"):
            # sudo(): the client answered through the survey's token; the case's chatter
            # notes that the answers came in, not what they are
            answer.rrs_case_id.sudo().message_post(
                body=self.env._(
                    "The client satisfaction questionnaire was answered (%(occasion)s).",
                    occasion=dict(
                        self._fields["rrs_occasion"]._description_selection(self.env)
                    ).get(answer.rrs_occasion, ""),
                ),
            )
        return res
