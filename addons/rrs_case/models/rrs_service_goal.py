# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .rrs_guard_mixin import is_disposing

# What a goal's signatures cover; its status and progress are followed after signing.
GOAL_CONTENT = frozenset(
    {
        "name",
        "service_category_id",
        "member_ids",
        "desired_outcome",
        "target_date",
        "services",
        "provider_type",
        "responsible_user_id",
        "provider_id",
    }
)


class RrsServiceGoal(models.Model):
    """A goal of a service plan: outcome, timeframe, services and who delivers them (PLAN-1)."""

    _name = "rrs.service.goal"
    _description = "Service Plan Goal"
    _inherit = ["mail.thread", "rrs.guard.mixin"]
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    # rule PLAN-5: a goal stays with the plan it was written for
    _rrs_parent_field = "plan_id"

    plan_id = fields.Many2one(
        "rrs.service.plan", required=True, index=True, ondelete="cascade", check_company=True
    )
    case_id = fields.Many2one(related="plan_id.case_id", store=True, index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    plan_state = fields.Selection(related="plan_id.state", string="Plan status")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Goal", required=True)
    service_category_id = fields.Many2one("rrs.service.category", string="Area")
    member_ids = fields.Many2many(
        "rrs.case.member",
        string="For",
        domain="[('case_id', '=', case_id)]",
        help="Leave empty for a goal of the whole household.",
    )
    desired_outcome = fields.Text(required=True)
    target_date = fields.Date(
        string="Timeframe", required=True, help="When the goal should be met."
    )
    services = fields.Text(string="Services and supports", required=True)
    provider_type = fields.Selection(
        [("worker", "Our staff"), ("provider", "Outside provider")],
        string="Delivered by",
        required=True,
        default="worker",
    )
    responsible_user_id = fields.Many2one(
        "res.users", string="Staff member", default=lambda self: self.env.user
    )
    provider_id = fields.Many2one(
        "res.partner", domain="[('rrs_is_provider', '=', True)]", index="btree_not_null"
    )
    status = fields.Selection(
        [
            ("planned", "Not started"),
            ("in_progress", "In progress"),
            ("achieved", "Achieved"),
            ("partly", "Partly achieved"),
            ("not_achieved", "Not achieved"),
            ("dropped", "Dropped"),
        ],
        default="planned",
        required=True,
        tracking=True,
        index=True,
    )
    progress = fields.Integer(string="Progress (%)", tracking=True)
    progress_note = fields.Text(string="Progress notes")

    # the open goals of a set of cases, by timeframe: a worker's overdue dashboard probes this
    # for each of the worker's cases instead of reading every goal of each (issue 17: 7.8 ms
    # -> 0.5 ms for 501 cases at 101,000 cases)
    _open_target_idx = models.Index(
        "(case_id, target_date) WHERE status IN ('planned', 'in_progress')"
    )

    _progress_range = models.Constraint(
        "CHECK(progress >= 0 AND progress <= 100)", "Progress is a percentage from 0 to 100."
    )

    @api.constrains("member_ids", "plan_id")
    def _check_members_in_case(self):
        # sudo(): reads the members' case only to compare it with the goal's case; a member of
        # a case the caller cannot see is refused all the same.
        for goal in self.sudo():
            outside = goal.member_ids.filtered(lambda m, case=goal.case_id: m.case_id != case)
            if outside:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not a member of case %(case)s.",
                        name=outside[0].partner_id.name,
                        case=goal.case_id.name,
                    )
                )

    def _get_problems(self):
        """What keeps the plan holding this goal from being signed (rule PLAN-1)."""
        self.ensure_one()
        if self.provider_type == "worker" and not self.responsible_user_id:
            return [self.env._("say which staff member delivers “%(goal)s”", goal=self.name)]
        if self.provider_type == "provider" and not self.provider_id:
            return [self.env._("name the provider who delivers “%(goal)s”", goal=self.name)]
        return []

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # The caller's right comes first: a role that may not create gets the access error.
            self.check_access("create")
        default = self.env.context.get("default_plan_id")
        plans = self.env["rrs.service.plan"].browse(
            {v.get("plan_id") or default for v in vals_list} - {False, None}
        )
        self._check_plan_draft(plans.exists())
        return super().create(vals_list)

    def write(self, vals):
        if GOAL_CONTENT & set(vals):
            if not self.env.su:
                # The caller's right comes first: a role that may not write gets the access error.
                self.check_access("write")
            self._check_plan_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed_plan(self):
        self._check_plan_draft()

    def _check_plan_draft(self, plans=None):
        # rule PLAN-5: a signed plan stays as it was signed
        if self.env.su or is_disposing():
            return
        plans = self.plan_id if plans is None else plans
        signed = plans.filtered(lambda p: p.state != "draft")
        if signed:
            raise UserError(
                self.env._(
                    "%(plan)s is signed: its goals stay as they were signed. Record progress, "
                    "or start a revision to change a goal.",
                    plan=signed[0].name,
                )
            )
