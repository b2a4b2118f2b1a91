# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    rrs_self_review = fields.Boolean(
        string="Reviews own cases",
        # HR officers set it on the employee form. Not readable through the public employee
        # profile: a supervisor (no HR right) reading a worker's employee record would fail.
        groups="hr.group_hr_user",
        help="An experienced case worker who reviews their own cases; their supervisor checks "
        "a sample of those reviews (rule PLAN-4).",
    )

    # The supervisor record rules on cases resolve the supervised team once per user and
    # cache the domain (res.users.rrs_supervised_user_ids): a change of the hierarchy or
    # of an employee's user must invalidate that cache.
    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        if any(vals.get("user_id") for vals in vals_list):
            self.env.registry.clear_cache()
        return employees

    def write(self, vals):
        res = super().write(vals)
        if {"user_id", "parent_id", "active"} & set(vals):
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
