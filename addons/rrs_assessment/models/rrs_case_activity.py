# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RrsCaseActivity(models.Model):
    _inherit = "rrs.case.activity"
    # rule RES-4: the level is the case's when the effort was logged, set by the system
    _rrs_system_fields = ("need_level_id",)

    # rule RES-4: time per need level, as the case stood when the effort was made
    need_level_id = fields.Many2one(
        "rrs.need.level",
        string="Need level",
        readonly=True,
        index=True,
        help="The case's need level when the activity was logged.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        todo = activities.filtered(lambda a: not a.need_level_id and a.case_id.need_level_id)
        # the caller logged these activities (their right to create them was checked)
        with todo._rrs_system_write():
            for level in todo.case_id.need_level_id:
                todo.filtered(lambda a, lv=level: a.case_id.need_level_id == lv).write(
                    {"need_level_id": level.id}
                )
        return activities
