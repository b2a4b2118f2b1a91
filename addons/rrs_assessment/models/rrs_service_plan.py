# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RrsServicePlan(models.Model):
    _inherit = "rrs.service.plan"

    # rule PLAN-1: the plan is based on the assessment; the level it was made at stays with it
    need_level_id = fields.Many2one(
        "rrs.need.level",
        string="Need level at planning",
        readonly=True,
        copy=False,
        help="The case's need level from its latest completed assessment when this version "
        "of the plan was started.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        for plan in plans.filtered(lambda p: not p.need_level_id and p.case_id.need_level_id):
            plan.need_level_id = plan.case_id.need_level_id
        return plans
