# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

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
