# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .rrs_checklist_template_line import AREAS


class RrsCaseChecklistItem(models.Model):
    """A reception or orientation task of one case, from its program's checklist (RES-1)."""

    _name = "rrs.case.checklist.item"
    _description = "Case Checklist Task"
    _order = "case_id, due_date, sequence, id"
    _check_company_auto = True

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
    done_date = fields.Date()
    done_by_id = fields.Many2one("res.users", string="Done by")
    guidance = fields.Text(related="template_line_id.guidance")

    _template_once = models.UniqueIndex(
        "(case_id, template_line_id) WHERE template_line_id IS NOT NULL",
        "A program task appears once on a case.",
    )

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

    def write(self, vals):
        if vals.get("state") == "done":
            vals = dict(vals)
            vals.setdefault("done_date", fields.Date.context_today(self))
            vals.setdefault("done_by_id", self.env.user.id)
        elif vals.get("state") == "todo":
            vals = dict(vals, done_date=False, done_by_id=False)
        return super().write(vals)

    def action_done(self):
        self.write({"state": "done"})
        return True
