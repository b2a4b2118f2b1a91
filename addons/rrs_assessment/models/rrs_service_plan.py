# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.rrs_case.models.rrs_service_plan import RrsServicePlan as PlanBase


class RrsServicePlan(models.Model):
    _inherit = "rrs.service.plan"
    # rule PLAN-1: the level the plan was made at is recorded by the system, never chosen
    _rrs_system_fields = (*PlanBase._rrs_system_fields, "need_level_id")

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
            # the creator made the plan; the level comes from the case, not from the client
            with plan._rrs_system_write():
                plan.need_level_id = plan.case_id.need_level_id
        return plans
