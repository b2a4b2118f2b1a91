# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class RrsEmergencyAccessWizard(models.TransientModel):
    """Open a case outside one's team in an emergency (rule REC-4): the caller cannot list
    that case, so it is found by its exact reference."""

    _name = "rrs.emergency.access.wizard"
    _description = "Open a Case in an Emergency"

    case_reference = fields.Char(
        string="Case reference", required=True, help="The case's reference, e.g. RRS/2026/00042."
    )
    reason = fields.Text(
        required=True,
        help="Why the case must be opened now, outside the team that serves it. The case's "
        "supervisor reads it.",
    )
    duration_hours = fields.Integer(
        string="For (hours)",
        required=True,
        default=lambda self: self.env.company.rrs_emergency_access_hours,
    )
    max_hours = fields.Integer(
        default=lambda self: self.env.company.rrs_emergency_access_hours, readonly=True
    )

    @api.model
    def _find_case(self, reference):
        if not self.env.user.has_group("rrs_case.group_supervisor"):
            raise AccessError(
                self.env._("Only a supervisor or a program manager opens a case in an emergency.")
            )
        # sudo(): the caller (a supervisor, checked above) names a case they cannot list yet;
        # only its id is taken, and the emergency access is then created as the caller, with
        # its own checks
        case = (
            self.env["rrs.case"]
            .sudo()
            .search(
                [
                    ("name", "=", (reference or "").strip()),
                    ("company_id", "in", self.env.companies.ids),
                ],
                limit=1,
            )
        )
        if not case:
            raise UserError(
                self.env._(
                    "No case has the reference “%(reference)s” in your companies. Check the "
                    "reference with the person who gave it.",
                    reference=reference,
                )
            )
        return case.with_env(self.env)

    def action_open(self):
        self.ensure_one()
        case = self._find_case(self.case_reference)
        grant = self.env["rrs.case.emergency.access"].create(
            {"case_id": case.id, "reason": self.reason, "duration_hours": self.duration_hours}
        )
        return grant.action_open_case()
