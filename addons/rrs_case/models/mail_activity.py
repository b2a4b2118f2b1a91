# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _classify_by_model(self):
        # The suite's batch scheduler (rrs.batch.mixin._rrs_schedule_activities_multi) adds the
        # assignees of a whole batch as followers in one go before creating the activities;
        # mail.activity.create would otherwise subscribe them again one user at a time, which
        # is the only use of this method while that context key is set (issue 17).
        if self.env.context.get("rrs_followers_added"):
            return {}
        return super()._classify_by_model()
