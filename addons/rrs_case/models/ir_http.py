# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """Staff of the suite start on their role's screen, not on Discuss."""
        info = super().session_info()
        if info.get("uid") and not info.get("home_action_id"):
            info["home_action_id"] = self.env.user.rrs_home_action().id or False
        return info
