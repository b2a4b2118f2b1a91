# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsCase(models.Model):
    _inherit = "rrs.case"

    volunteer_match_ids = fields.One2many("rrs.volunteer.match", "case_id", string="Volunteers")
    volunteer_match_count = fields.Integer(
        string="Volunteer matches", compute="_compute_volunteer_match_count"
    )

    def _compute_volunteer_match_count(self):
        counts = dict(
            self.env["rrs.volunteer.match"]._read_group(
                [("case_id", "in", self.ids), ("state", "in", ("requested", "proposed", "active"))],
                ["case_id"],
                ["__count"],
            )
        )
        for case in self:
            case.volunteer_match_count = counts.get(case._origin, 0)

    def action_view_volunteer_matches(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "rrs_volunteer.rrs_volunteer_match_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id, "search_default_open": 1}
        return action
