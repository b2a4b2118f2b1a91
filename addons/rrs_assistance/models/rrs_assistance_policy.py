# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RrsAssistancePolicy(models.Model):
    """Limits of a program's financial assistance, for one purpose or for all. A request that
    goes over one needs a program manager's recorded override before it is approved."""

    _name = "rrs.assistance.policy"
    _description = "Financial assistance limits"
    _order = "program_id, purpose_id, id"

    program_id = fields.Many2one("rrs.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    purpose_id = fields.Many2one(
        "rrs.assistance.purpose",
        help="Empty: the limits count every purpose together.",
    )
    active = fields.Boolean(default=True)
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    request_limit = fields.Monetary(
        string="Per request", help="Largest amount of one request (0: no limit)."
    )
    case_limit = fields.Monetary(
        string="Per case", help="Total for a case over its whole service (0: no limit)."
    )
    person_limit = fields.Monetary(
        string="Per person", help="Total for one household member (0: no limit)."
    )
    period_limit = fields.Monetary(
        string="Per case and period", help="Total for a case in one period (0: no limit)."
    )
    period_unit = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        default="month",
        required=True,
    )
    eligibility_days = fields.Integer(
        string="Within days of arrival",
        help="Requests are within policy up to this many days after the case's arrival "
        "(0: no window).",
    )

    @api.constrains(
        "request_limit", "case_limit", "person_limit", "period_limit", "eligibility_days"
    )
    def _check_positive(self):
        for policy in self:
            if (
                min(
                    policy.request_limit,
                    policy.case_limit,
                    policy.person_limit,
                    policy.period_limit,
                    policy.eligibility_days,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Limits of %(program)s cannot be negative; use 0 for no limit.",
                        program=policy.program_id.display_name,
                    )
                )
