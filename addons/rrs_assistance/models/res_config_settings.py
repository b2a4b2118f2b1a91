# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    rrs_assistance_duplicate_days = fields.Integer(
        related="company_id.rrs_assistance_duplicate_days", readonly=False
    )
    rrs_assistance_split_days = fields.Integer(
        related="company_id.rrs_assistance_split_days", readonly=False
    )
    rrs_assistance_abnormal_factor = fields.Float(
        related="company_id.rrs_assistance_abnormal_factor", readonly=False
    )
    rrs_assistance_abnormal_sample = fields.Integer(
        related="company_id.rrs_assistance_abnormal_sample", readonly=False
    )
    rrs_assistance_journal_id = fields.Many2one(
        related="company_id.rrs_assistance_journal_id", readonly=False
    )
