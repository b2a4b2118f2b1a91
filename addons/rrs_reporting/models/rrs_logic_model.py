# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

MANAGER = "rrs_case.group_program_manager"
# rule OUT-1: the parts of a logic model, each required before it is active
PARTS = ("needs", "inputs", "activities", "outputs", "impact")
MIN_OUTCOMES = 2


class RrsLogicModel(models.Model):
    """A program's logic model (rule OUT-1): the needs it answers, its inputs, activities and
    outputs, at least two desired outcomes measured from the case records, and the long-term
    impact. Program managers write it; it becomes active only complete, and stays as it is
    while active or archived (back to draft to revise it)."""

    _name = "rrs.logic.model"
    _description = "Logic model"
    _inherit = ["mail.thread", "rrs.guard.mixin"]
    _order = "program_id, state, id desc"
    _check_company_auto = True

    _rrs_state_field = "state"
    _rrs_system_fields = ("activated_by_id", "activated_date")
    _rrs_frozen_states = ("active", "archived")

    name = fields.Char(required=True, tracking=True)
    program_id = fields.Many2one(
        "rrs.program", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        required=True,
        index=True,
        precompute=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("archived", "Archived")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    needs = fields.Html(help="The needs of the people served that the program answers.")
    inputs = fields.Html(help="Staff, funding, partners and other resources the program uses.")
    activities = fields.Html(help="What the program does with its inputs.")
    outputs = fields.Html(help="What the activities produce, counted (sessions held, cases ...).")
    impact = fields.Html(
        string="Long-term impact", help="The lasting change the program works toward."
    )
    outcome_ids = fields.One2many(
        "rrs.logic.model.outcome", "logic_model_id", string="Desired outcomes", copy=True
    )
    activated_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    activated_date = fields.Date(readonly=True, copy=False)

    @api.depends("program_id")
    def _compute_company_id(self):
        for model in self:
            model.company_id = model.program_id.company_id or model.company_id or self.env.company

    # ------------------------------------------------------------ the rule
    def _out1_problems(self):
        """What keeps this logic model from being active (rule OUT-1), in the form's order."""
        self.ensure_one()
        problems = []
        for fname in PARTS:
            if tools.is_html_empty(self[fname]):
                problems.append(
                    self.env._("“%(part)s” is empty", part=self._rrs_field_label(fname))
                )
        if len(self.outcome_ids) < MIN_OUTCOMES:
            problems.append(
                self.env._(
                    "it has %(count)s desired outcome(s), at least %(min)s are needed",
                    count=len(self.outcome_ids),
                    min=MIN_OUTCOMES,
                )
            )
        return problems

    def _out1_message(self, problems):
        return self.env._(
            "The logic model %(name)s cannot be active (rule OUT-1): %(problems)s.",
            name=self.name,
            problems="; ".join(problems),
        )

    @api.constrains("state", *PARTS, "outcome_ids")
    def _check_out1_complete(self):
        """Held for everyone, imports and superuser code included: an active logic model is
        complete (rule OUT-1)."""
        for model in self.filtered(lambda m: m.state == "active"):
            problems = model._out1_problems()
            if problems:
                raise ValidationError(model._out1_message(problems))

    # --------------------------------------------------------------- moves
    def _rrs_moves(self):
        return {
            ("draft", "active"): "_rrs_move_activate",
            ("active", "draft"): "_rrs_move_revise",
            ("active", "archived"): "_rrs_move_archive",
        }

    def _check_manager(self):
        if not self.env.su and not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._("Only a program manager changes the stage of a logic model.")
            )

    def _rrs_move_activate(self, target):
        self._check_manager()
        problems = self._out1_problems()
        if problems:
            raise UserError(self._out1_message(problems))
        # sudo(): whether the program has another active logic model, whoever may read it
        other = self.sudo().search_count(
            [
                ("program_id", "=", self.program_id.id),
                ("state", "=", "active"),
                ("id", "!=", self.id),
            ],
            limit=1,
        )
        if other:
            raise UserError(
                self.env._(
                    "%(program)s already has an active logic model: archive it first.",
                    program=self.program_id.name,
                )
            )
        return {
            "activated_by_id": self.env.user.id,
            "activated_date": fields.Date.context_today(self),
        }

    def _rrs_move_revise(self, target):
        self._check_manager()
        return {}

    def _rrs_move_archive(self, target):
        self._check_manager()
        return {}

    def action_activate(self):
        return self._rrs_move("active")

    def action_revise(self):
        return self._rrs_move("draft")

    def action_archive_model(self):
        return self._rrs_move("archived")

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(model.state != "draft" for model in self):
            raise UserError(
                self.env._("Only a draft logic model is deleted; archive an active one.")
            )
