# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    rrs_volunteer_hourly_rate = fields.Monetary(
        related="company_id.rrs_volunteer_hourly_rate", readonly=False
    )
    rrs_volunteer_notice_days = fields.Integer(
        related="company_id.rrs_volunteer_notice_days", readonly=False
    )
