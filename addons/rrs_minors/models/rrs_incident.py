# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class RrsIncident(models.Model):
    _inherit = "rrs.incident"

    is_prs = fields.Boolean(related="case_id.is_prs", string="Post-release services case")
    # notifications of concern are case staff's (auditors do not read them)
    concern_ids = fields.One2many(
        "rrs.prs.concern",
        "incident_id",
        string="Notifications of concern",
        readonly=True,
        groups="rrs_case.group_case_worker",
    )

    def action_start_concern(self):
        """Rule REC-5 with PRS-7: an incident on a post-release services case starts a
        notification of concern in one step, with what the report already says."""
        self.ensure_one()
        if not self.is_prs:
            raise UserError(
                self.env._(
                    "A notification of concern is filed for a post-release services case; this "
                    "incident has none."
                )
            )
        self.env["rrs.prs.concern"].check_access("create")
        description = self.description
        if self.actions_taken:
            description = self.env._(
                "%(what)s\n\nActions taken: %(actions)s",
                what=self.description,
                actions=self.actions_taken,
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Notification of concern"),
            "res_model": "rrs.prs.concern",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_case_id": self.case_id.id,
                "default_incident_id": self.id,
                "default_description": description,
            },
        }
