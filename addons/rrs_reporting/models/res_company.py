# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_SMALL_CELL = 5


class ResCompany(models.Model):
    _inherit = "res.company"

    # rule OUT-2: a group of fewer people than this is never published
    rrs_small_cell_threshold = fields.Integer(
        string="Smallest group published",
        default=DEFAULT_SMALL_CELL,
        help="In disaggregated reports a group of fewer people (or goals) than this is hidden, "
        "with as many other groups as it takes so that it cannot be worked out from the "
        "totals.",
    )

    _rrs_small_cell_threshold_min = models.Constraint(
        "CHECK(rrs_small_cell_threshold >= 2)",
        "The smallest group published has at least 2 people.",
    )

    @api.constrains("rrs_small_cell_threshold")
    def _check_rrs_small_cell_threshold(self):
        for company in self:
            if company.rrs_small_cell_threshold < 2:
                raise ValidationError(
                    self.env._(
                        "Reports hide groups smaller than 2 people at least: a group of one is "
                        "a person."
                    )
                )
