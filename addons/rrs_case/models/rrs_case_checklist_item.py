# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .rrs_checklist_template_line import AREAS
from .rrs_guard_mixin import is_disposing


class RrsCaseChecklistItem(models.Model):
    """A reception or orientation task of one case, from its program's checklist (RES-1)."""

    _name = "rrs.case.checklist.item"
    _description = "Case Checklist Task"
    _inherit = ["rrs.guard.mixin"]
    _order = "case_id, due_date, sequence, id"
    _check_company_auto = True
    _rrs_state_field = "state"
    _rrs_parent_field = "case_id"
    # rule RES-1: the day a task was done and by whom are recorded when it is marked done
    _rrs_system_fields = ("done_date", "done_by_id", "template_line_id")
    _rrs_frozen_states = ("done",)
    _rrs_frozen_writable = ("sequence",)

    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    user_id = fields.Many2one(related="case_id.user_id", string="Case worker", store=True)
    template_line_id = fields.Many2one(
        "rrs.checklist.template.line", string="Program task", index=True, ondelete="set null"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Task", required=True)
    area = fields.Selection(AREAS, required=True, default="reception")
    due_date = fields.Date(compute="_compute_due_date", store=True, readonly=False, index=True)
    state = fields.Selection(
        [("todo", "To do"), ("done", "Done"), ("not_applicable", "Not applicable")],
        default="todo",
        required=True,
        index=True,
    )
    reason = fields.Char(string="Why not applicable")
    done_date = fields.Date(readonly=True, copy=False)
    done_by_id = fields.Many2one("res.users", string="Done by", readonly=True, copy=False)
    guidance = fields.Text(related="template_line_id.guidance")

    _template_once = models.UniqueIndex(
        "(case_id, template_line_id) WHERE template_line_id IS NOT NULL",
        "A program task appears once on a case.",
    )
    # the tasks still to do of a set of cases, by due date: a worker's overdue dashboard and
    # the reception cron read them from here, not from the state's index and every task's row
    # (issue 17: 4.3 ms -> 0.8 ms at 101,000 cases)
    _todo_due_idx = models.Index("(case_id, due_date) WHERE state = 'todo'")

    @api.depends(
        "template_line_id.due_days",
        "template_line_id.due_from",
        "case_id.arrival_date",
        "case_id.service_start_date",
    )
    def _compute_due_date(self):
        for item in self:
            line = item.template_line_id
            origin = (
                item.case_id.arrival_date
                if line.due_from == "arrival"
                else item.case_id.service_start_date
            )
            if line and origin:
                item.due_date = origin + relativedelta(days=line.due_days)
            elif line:
                item.due_date = False

    @api.constrains("state", "reason")
    def _check_reason(self):
        for item in self:
            if item.state == "not_applicable" and not item.reason:
                raise ValidationError(
                    self.env._("Say why “%(task)s” does not apply to this case.", task=item.name)
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        """A task done is part of the case file (RES-1); a program task comes back with the
        program's checklist: set it aside as not applicable instead."""
        if is_disposing():
            return
        for item in self:
            if item.state == "done" or item.template_line_id:
                raise UserError(
                    self.env._(
                        "“%(task)s” stays on the case: a task done is part of the case file and "
                        "a task of the program's checklist is set aside as not applicable, with "
                        "the reason.",
                        task=item.name,
                    )
                )

    # -------------------------------------------------------------------- moves
    def _rrs_moves(self):
        """Every status change of a task, by button, import or API (rule RES-1)."""
        return {
            ("todo", "done"): "_rrs_move_done",
            ("todo", "not_applicable"): "_rrs_move_set_aside",
            ("not_applicable", "todo"): "_rrs_move_back_to_do",
            ("done", "todo"): "_rrs_move_undo",
        }

    def _rrs_move_done(self, target):
        return {"done_date": fields.Date.context_today(self), "done_by_id": self.env.user.id}

    def _rrs_move_set_aside(self, target):
        # refused before anything is written; _check_reason holds it for every other write
        if not self.reason:
            raise ValidationError(
                self.env._("Say why “%(task)s” does not apply to this case.", task=self.name)
            )
        return {}

    def _rrs_move_back_to_do(self, target):
        return {"reason": False}

    def _rrs_move_undo(self, target):
        """A task marked done by mistake is reopened by a supervisor: the record of who did
        what stays reliable."""
        if not self.env.user.has_group("rrs_case.group_supervisor"):
            raise AccessError(
                self.env._(
                    "Only a supervisor or a program manager reopens a task marked done "
                    "(“%(task)s”).",
                    task=self.name,
                )
            )
        return {"done_date": False, "done_by_id": False}

    def action_done(self):
        return self._rrs_move("done")
