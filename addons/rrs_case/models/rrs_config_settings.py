# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError


class RrsConfigSettings(models.TransientModel):
    """The suite's settings a program manager keeps: the company's policy texts printed on
    every signed service agreement (rule PLAN-3).

    Odoo's own settings (res.config.settings) are for administrators only; a program manager
    edits these texts here without any other administration right.
    """

    _name = "rrs.config.settings"
    _description = "Resettlement Settings"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    rrs_conflict_of_interest_policy = fields.Html(
        string="Conflict of interest policy",
        default=lambda self: self.env.company.rrs_conflict_of_interest_policy,
    )
    rrs_client_information_policy = fields.Html(
        string="Use and protection of client information",
        default=lambda self: self.env.company.rrs_client_information_policy,
    )

    def action_save(self):
        self.ensure_one()
        if not self.env.user.has_group("rrs_case.group_program_manager"):
            raise AccessError(
                self.env._("Only a program manager can change the resettlement settings.")
            )
        # sudo(): program managers may not write the company record; after the check above
        # they change only these two policy texts of their current company.
        self.company_id.sudo().write(
            {
                "rrs_conflict_of_interest_policy": self.rrs_conflict_of_interest_policy,
                "rrs_client_information_policy": self.rrs_client_information_policy,
            }
        )
        return self.env["ir.actions.act_window"]._for_xml_id("rrs_case.rrs_config_settings_action")
