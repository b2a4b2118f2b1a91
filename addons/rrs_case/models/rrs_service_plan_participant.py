# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .rrs_guard_mixin import is_disposing


class RrsServicePlanParticipant(models.Model):
    """Whether a household member took part in planning, or why not (rule PLAN-2)."""

    _name = "rrs.service.plan.participant"
    _description = "Service Plan Participant"
    _inherit = ["rrs.guard.mixin"]
    _order = "plan_id, id"
    _check_company_auto = True

    # rule PLAN-2: who took part stays with the plan it was recorded for
    _rrs_parent_field = "plan_id"

    plan_id = fields.Many2one(
        "rrs.service.plan", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    member_id = fields.Many2one(
        "rrs.case.member",
        required=True,
        ondelete="cascade",
        domain="[('case_id', '=', case_id)]",
        index="btree_not_null",
    )
    case_id = fields.Many2one(related="plan_id.case_id")
    age = fields.Integer(related="member_id.age")
    took_part = fields.Boolean(default=True)
    reason_not = fields.Selection(
        [
            ("under_age", "Younger than 6"),
            ("cultural", "Cultural objection"),
            ("clinical", "Clinical justification"),
            ("absent", "Adult not available"),
        ],
        string="Why not",
    )
    reason_detail = fields.Char(string="Explanation")

    _member_once = models.Constraint(
        "UNIQUE(plan_id, member_id)", "A household member is listed once per plan."
    )

    @api.depends("member_id.partner_id.name")
    def _compute_display_name(self):
        for participant in self:
            participant.display_name = participant.member_id.partner_id.name or ""

    def _get_problem(self):
        """Children aged 6 and older take part unless a recorded reason says why not (PLAN-2)."""
        self.ensure_one()
        if self.took_part:
            return None
        name = self.member_id.partner_id.name
        if not self.reason_not:
            return self.env._("say why %(name)s did not take part", name=name)
        if self.reason_not == "under_age" and not self.member_id._is_young_child():
            return self.env._(
                "%(name)s is %(age)s: children aged 6 and older take part in planning unless "
                "a cultural objection or a clinical justification is recorded",
                name=name,
                age=self.member_id.age,
            )
        if self.reason_not in ("cultural", "clinical") and not self.reason_detail:
            return self.env._("explain why %(name)s did not take part", name=name)
        return None

    @api.onchange("took_part")
    def _onchange_took_part(self):
        if self.took_part:
            self.reason_not = False
            self.reason_detail = False
        elif self.member_id._is_young_child():
            self.reason_not = "under_age"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # The caller's right comes first: a role that may not create gets the access error.
            self.check_access("create")
        default = self.env.context.get("default_plan_id")
        plans = self.env["rrs.service.plan"].browse(
            {v.get("plan_id") or default for v in vals_list} - {False, None}
        )
        plans.exists()._check_draft_for_participants()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            # The caller's right comes first: a role that may not write gets the access error.
            self.check_access("write")
        self.plan_id._check_draft_for_participants()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed_plan(self):
        # rule PLAN-5: who took part in a signed plan stays as it was signed
        if is_disposing():
            return
        self.plan_id._check_draft_for_participants()
