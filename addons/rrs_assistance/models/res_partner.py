# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Finance reads the payees of the requests it pays (see the finance partner rule), even
    # a caregiver of a restricted case: what the payment needs.
    rrs_assistance_payee_request_ids = fields.One2many(
        "rrs.assistance.request", "payee_id", string="Assistance paid to"
    )
