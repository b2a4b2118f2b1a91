# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RrsWorkloadWeight(models.Model):
    """Hours a case takes over the period by need level, from the CSS data (rule STF-2).

    ``code`` matches the code of a need level (rrs_assessment); ``not_assessed`` weighs the
    cases without a need level.
    """

    _name = "rrs.workload.weight"
    _description = "Workload Weight"
    _inherit = ["rrs.guard.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Code of the need level this weight applies to.")
    sequence = fields.Integer(default=10)
    case_hours = fields.Float(help="Case management hours per case over the period.")
    activity_hours = fields.Float(help="Case management activity hours per case.")
    referral_hours = fields.Float(help="Referral hours per case.")
    total_hours = fields.Float(compute="_compute_total_hours", store=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Each need level has one weight.")
    _hours_positive = models.Constraint(
        "CHECK(case_hours >= 0 AND activity_hours >= 0 AND referral_hours >= 0)",
        "Workload hours cannot be negative.",
    )

    @api.depends("case_hours", "activity_hours", "referral_hours")
    def _compute_total_hours(self):
        for weight in self:
            weight.total_hours = weight.case_hours + weight.activity_hours + weight.referral_hours
