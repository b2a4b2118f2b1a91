# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # rule CON-1, RRS 2.05: interpreters and cultural brokers, staff or partner contacts
    rrs_interpreter = fields.Boolean(
        string="Interpreter or cultural broker",
        help="Chosen on case notes and home visits when an interpreter takes part.",
    )
    rrs_interpreter_language_ids = fields.Many2many(
        "rrs.language",
        "res_partner_rrs_interpreter_language_rel",
        "partner_id",
        "language_id",
        string="Interprets",
    )
    rrs_community_country_id = fields.Many2one(
        "res.country",
        string="Community of origin",
        help="The community the interpreter belongs to: a family who asked not to have an "
        "interpreter from their own community is warned.",
    )
