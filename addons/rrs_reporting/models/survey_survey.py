# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SurveySurvey(models.Model):
    """A survey type of its own for the clients' satisfaction questionnaires, as
    ``hr_recruitment_survey`` has for recruitment: survey's own rules cover the general types
    only, so the answers of clients are read under the case's rules (rule OUT-3)."""

    _inherit = "survey.survey"

    survey_type = fields.Selection(
        selection_add=[("rrs_client", "Client satisfaction")],
        ondelete={"rrs_client": "set default"},
    )

    @api.depends("survey_type")
    @api.depends_context("uid")
    def _compute_allowed_survey_types(self):
        res = super()._compute_allowed_survey_types()
        # survey's officers edit the questionnaire in the Surveys app
        if self.env.user.has_group("survey.group_survey_user"):
            self.allowed_survey_types = (self.allowed_survey_types or []) + ["rrs_client"]
        return res

    @api.model
    def _rrs_satisfaction_survey(self):
        """The client satisfaction questionnaire in use: the first active one of its type (an
        agency replaces the shipped one by archiving it)."""
        # sudo(): the questionnaire is looked up by its type only, to invite a client to it
        return self.sudo().search(
            [("survey_type", "=", "rrs_client"), ("active", "=", True)], order="id", limit=1
        )
