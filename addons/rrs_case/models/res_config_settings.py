# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    rrs_conflict_of_interest_policy = fields.Html(
        related="company_id.rrs_conflict_of_interest_policy", readonly=False
    )
    rrs_client_information_policy = fields.Html(
        related="company_id.rrs_client_information_policy", readonly=False
    )
    rrs_emergency_access_hours = fields.Integer(
        related="company_id.rrs_emergency_access_hours", readonly=False
    )
    rrs_access_outside_threshold = fields.Integer(
        related="company_id.rrs_access_outside_threshold", readonly=False
    )
