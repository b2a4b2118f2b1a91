# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class RrsWaitingWork(models.AbstractModel):
    _inherit = "rrs.waiting.work"

    @api.model
    def _rrs_cards(self):
        """Assistance requests waiting for the supervisor's approval (rule FIN-2)."""
        return [
            *super()._rrs_cards(),
            {
                "key": "assistance",
                "title": self.env._("Assistance to approve"),
                "help": self.env._(
                    "Financial assistance requests of your team waiting for your approval."
                ),
                "model": "rrs.assistance.request",
                "domain": [("can_review", "=", True)],
                "late_domain": None,
                "action": "rrs_assistance.rrs_assistance_request_action_to_approve",
                "context": {"search_default_to_approve": 1},
                "groups": "rrs_case.group_supervisor",
            },
        ]
