# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, models
from odoo.fields import Command, Domain

# figure: (model, action, the case worker's field on that model)
OVERDUE = {
    "review_count": ("rrs.case.review", "rrs_case.rrs_case_review_action"),
    "assessment_count": ("rrs.assessment", "rrs_assessment.rrs_assessment_action"),
    "checklist_count": ("rrs.case.checklist.item", "rrs_case.rrs_case_checklist_item_action"),
    "referral_count": ("rrs.referral", "rrs_case.rrs_referral_action"),
    "goal_count": ("rrs.service.goal", "rrs_case.rrs_service_goal_action"),
    "visit_count": ("rrs.home.visit", "rrs_case.rrs_home_visit_action"),
    "note_count": ("rrs.case.note", "rrs_case.rrs_case_note_action"),
}
LATE_NOTES_DAYS = 30


class RrsDashboardOverdue(models.TransientModel):
    """What is overdue this morning, over the user's scope, and for which case worker: the
    same conditions as the lists' filters (Overdue, Unanswered, Past timeframe, Not checked
    out, Written late)."""

    _name = "rrs.dashboard.overdue"
    _inherit = ["rrs.dashboard.mixin"]
    _description = "Overdue work"

    review_count = fields.Integer(string="Case reviews overdue", readonly=True)
    assessment_count = fields.Integer(string="Assessments overdue", readonly=True)
    checklist_count = fields.Integer(string="Reception tasks overdue", readonly=True)
    referral_count = fields.Integer(string="Referrals unanswered", readonly=True)
    goal_count = fields.Integer(string="Goals past their timeframe", readonly=True)
    visit_count = fields.Integer(string="Home visits not checked out", readonly=True)
    note_count = fields.Integer(
        string="Notes written late (30 days)",
        readonly=True,
        help="Case notes of the last 30 days written after the program's deadline.",
    )
    total_count = fields.Integer(string="Overdue in all", readonly=True)
    line_ids = fields.One2many(
        "rrs.dashboard.overdue.line", "dashboard_id", string="By case worker", readonly=True
    )

    def _rrs_title(self):
        return self.env._("Overdue work")

    def _rrs_figures(self):
        today = fields.Date.context_today(self)
        domains = {
            "review_count": Domain("state", "=", "draft") & Domain("due_date", "<", today),
            "assessment_count": Domain("is_overdue", "=", True),
            "checklist_count": Domain("state", "=", "todo") & Domain("due_date", "<", today),
            "referral_count": Domain("state", "=", "sent") & Domain("follow_up_date", "<=", today),
            "goal_count": Domain("status", "in", ("planned", "in_progress"))
            & Domain("target_date", "<", today),
            "visit_count": Domain("overdue_checkout", "=", True),
            "note_count": Domain("is_late", "=", True)
            & Domain("written_date", ">=", today - timedelta(days=LATE_NOTES_DAYS)),
        }
        return {
            fname: (
                model,
                action,
                domains[fname],
                self._fields[fname]._description_string(self.env),
            )
            for fname, (model, action) in OVERDUE.items()
        }

    def _rrs_counted_figures(self):
        """{figure: (model, domain)}: what the dashboard counts by worker."""
        return {
            fname: (model, domain)
            for fname, (model, _action, domain, _title) in self._rrs_figures().items()
        }

    def _rrs_refresh_values(self, scope):
        counts = self._rrs_count_by_worker(self._rrs_counted_figures(), scope)
        values = {"total_count": 0}
        by_worker = {}
        for fname, per_worker in counts.items():
            values[fname] = sum(per_worker.values())
            values["total_count"] += values[fname]
            for user_id, count in per_worker.items():
                line = by_worker.setdefault(user_id, {"user_id": user_id, "total_count": 0})
                line[fname] = count
                line["total_count"] += count
        values["line_ids"] = [
            Command.create(line)
            for line in sorted(by_worker.values(), key=lambda v: -v["total_count"])
        ]
        return values


class RrsDashboardOverdueLine(models.TransientModel):
    _name = "rrs.dashboard.overdue.line"
    _description = "Overdue work of one worker"
    _order = "total_count desc, id"

    dashboard_id = fields.Many2one("rrs.dashboard.overdue", required=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Case worker", readonly=True)
    review_count = fields.Integer(string="Reviews", readonly=True)
    assessment_count = fields.Integer(string="Assessments", readonly=True)
    checklist_count = fields.Integer(string="Reception tasks", readonly=True)
    referral_count = fields.Integer(string="Referrals", readonly=True)
    goal_count = fields.Integer(string="Goals", readonly=True)
    visit_count = fields.Integer(string="Visits", readonly=True)
    note_count = fields.Integer(string="Late notes", readonly=True)
    total_count = fields.Integer(string="In all", readonly=True)

    def action_open_figure(self):
        """One kind of overdue work of this worker's cases, as the user may read it."""
        self.ensure_one()
        figure = self.env.context.get("rrs_figure")
        action = self.dashboard_id.with_context(rrs_figure=figure).action_open_figure()
        action["domain"] = list(
            Domain(action["domain"]) & Domain("case_id.user_id", "=", self.user_id.id)
        )
        action["name"] = f"{action['name']}: {self.user_id.name}"
        return action
