# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    rrs_small_cell_threshold = fields.Integer(
        related="company_id.rrs_small_cell_threshold", readonly=False
    )
