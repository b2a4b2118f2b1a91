# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class RrsWaitingWork(models.AbstractModel):
    _inherit = "rrs.waiting.work"

    @api.model
    def _rrs_cards(self):
        """Notifications of concern not yet reported to ORR (rule PRS-7)."""
        return [
            *super()._rrs_cards(),
            {
                "key": "concerns",
                "title": self.env._("Concerns to report to ORR"),
                "help": self.env._(
                    "Notifications of concern of your team's children that ORR has not been "
                    "notified of yet."
                ),
                "model": "rrs.prs.concern",
                "domain": [("orr_notified_date", "=", False)],
                "late_domain": None,
                "action": "rrs_minors.rrs_prs_concern_action",
                "context": {"search_default_orr_pending": 1},
                "groups": "rrs_case.group_supervisor",
            },
        ]
