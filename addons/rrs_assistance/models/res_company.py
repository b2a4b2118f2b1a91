# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Anomaly checks of financial assistance (rule OUT-3): the agency's own thresholds.
    rrs_assistance_duplicate_days = fields.Integer(
        string="Duplicate window (days)",
        default=30,
        help="Two requests to the same payee for the same amount within this many days are "
        "flagged as a possible duplicate.",
    )
    rrs_assistance_split_days = fields.Integer(
        string="Split purchase window (days)",
        default=14,
        help="Requests of one case to the same payee within this many days that each stay under "
        "the per-request limit but together exceed it are flagged as a split purchase.",
    )
    rrs_assistance_abnormal_factor = fields.Float(
        string="Unusual amount factor",
        default=3.0,
        help="An amount above the average for its purpose plus this many standard deviations "
        "(over the last year's validated requests) is flagged as unusual.",
    )
    rrs_assistance_abnormal_sample = fields.Integer(
        string="Unusual amount: minimum history",
        default=10,
        help="The unusual-amount check runs once a purpose has at least this many validated "
        "requests in the last year.",
    )
    rrs_assistance_journal_id = fields.Many2one(
        "account.journal",
        string="Assistance journal",
        domain="[('type', '=', 'purchase'), ('company_id', '=', id)]",
        help="Purchase journal of the assistance bills; the company's first purchase journal "
        "when empty.",
    )
