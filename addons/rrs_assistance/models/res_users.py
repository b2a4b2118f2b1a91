# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _rrs_home_actions(self):
        # finance starts on what waits for it: the approved requests to validate
        return [
            (group, "rrs_assistance.rrs_assistance_request_action_to_validate")
            if group == "rrs_case.group_finance"
            else (group, action)
            for group, action in super()._rrs_home_actions()
        ]
