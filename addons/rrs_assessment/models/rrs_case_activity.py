# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RrsCaseActivity(models.Model):
    _inherit = "rrs.case.activity"

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
        cases = self.env["rrs.case"].browse(
            [v.get("case_id") for v in vals_list if v.get("case_id")]
        )
        levels = {case.id: case.need_level_id.id for case in cases}
        for vals in vals_list:
            if "need_level_id" not in vals and vals.get("case_id"):
                vals["need_level_id"] = levels.get(vals["case_id"])
        return super().create(vals_list)
