# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.fields import Command, Domain

OPEN_STATES = ("intake", "waiting", "assessment", "active", "closing")
IN_SERVICE = ("assessment", "active", "closing")


class RrsDashboardCaseload(models.TransientModel):
    """The caseload at a glance: open cases by stage, restricted, not assessed, past their
    planned end, new and closed this month, and each worker's share."""

    _name = "rrs.dashboard.caseload"
    _inherit = ["rrs.dashboard.mixin"]
    _description = "Caseload"

    intake_count = fields.Integer(string="Intake", readonly=True)
    waiting_count = fields.Integer(string="Waiting list", readonly=True)
    assessment_count = fields.Integer(string="Assessment", readonly=True)
    active_count = fields.Integer(string="In service", readonly=True)
    closing_count = fields.Integer(string="Closing", readonly=True)
    open_count = fields.Integer(string="Open cases", readonly=True)
    restricted_count = fields.Integer(
        string="Restricted",
        readonly=True,
        help="Open restricted cases (minors, protection): counted here, listed only to the "
        "staff who may read them.",
    )
    not_assessed_count = fields.Integer(string="In service, not assessed", readonly=True)
    past_end_count = fields.Integer(string="Past planned end", readonly=True)
    new_count = fields.Integer(string="New this month", readonly=True)
    closed_count = fields.Integer(string="Closed this month", readonly=True)
    line_ids = fields.One2many(
        "rrs.dashboard.caseload.line", "dashboard_id", string="By case worker", readonly=True
    )

    def _rrs_month_start(self):
        return fields.Date.context_today(self).replace(day=1)

    def _rrs_title(self):
        return self.env._("Caseload")

    def _rrs_figures(self):
        today = fields.Date.context_today(self)
        start = self._rrs_month_start()
        case_action = "rrs_case.rrs_case_action"
        states = dict(self.env["rrs.case"]._fields["state"]._description_selection(self.env))
        figures = {
            f"{state}_count": (
                "rrs.case",
                case_action,
                Domain("state", "=", state),
                states[state],
            )
            for state in OPEN_STATES
        }
        figures.update(
            {
                "open_count": (
                    "rrs.case",
                    case_action,
                    Domain("state", "in", OPEN_STATES),
                    self.env._("Open cases"),
                ),
                "restricted_count": (
                    "rrs.case",
                    case_action,
                    Domain("state", "in", OPEN_STATES) & Domain("restricted", "=", True),
                    self.env._("Restricted cases"),
                ),
                "not_assessed_count": (
                    "rrs.case",
                    case_action,
                    Domain("state", "in", IN_SERVICE) & Domain("need_level_id", "=", False),
                    self.env._("In service, not assessed"),
                ),
                # the case list's "Overdue" filter
                "past_end_count": (
                    "rrs.case",
                    case_action,
                    Domain("state", "in", ("active", "closing"))
                    & Domain("planned_end_date", "<", today),
                    self.env._("Past planned end"),
                ),
                "new_count": (
                    "rrs.case",
                    case_action,
                    Domain("intake_date", ">=", start),
                    self.env._("New this month"),
                ),
                "closed_count": (
                    "rrs.case",
                    case_action,
                    Domain("state", "=", "closed") & Domain("closing_date", ">=", start),
                    self.env._("Closed this month"),
                ),
            }
        )
        return figures

    def _rrs_refresh_values(self, scope):
        figures = self._rrs_figures()
        values = dict.fromkeys(figures, 0)
        # open cases by worker, stage, restricted flag and need level: one query, which gives
        # the totals and each worker's line
        by_worker = {}
        for user, state, restricted, level, count in self._rrs_count(
            "rrs.case",
            figures["open_count"][2],
            scope,
            ["user_id", "state", "restricted", "need_level_id"],
        ):
            values[f"{state}_count"] += count
            values["open_count"] += count
            if restricted:
                values["restricted_count"] += count
            if state in IN_SERVICE and not level:
                values["not_assessed_count"] += count
            line = by_worker.setdefault(user.id, {"user_id": user.id, "open_count": 0})
            line["open_count"] += count
            if state == "active":
                line["active_count"] = line.get("active_count", 0) + count
        # past their end, new and closed this month: one pass over the scope's cases
        values.update(
            self._rrs_count_each(
                "rrs.case",
                {
                    fname: figures[fname][2]
                    for fname in ("past_end_count", "new_count", "closed_count")
                },
                scope,
            )
        )
        values["line_ids"] = [
            Command.create(line)
            for line in sorted(by_worker.values(), key=lambda v: -v["open_count"])
        ]
        return values


class RrsDashboardCaseloadLine(models.TransientModel):
    _name = "rrs.dashboard.caseload.line"
    _description = "Caseload of one worker"
    _order = "open_count desc, id"

    dashboard_id = fields.Many2one("rrs.dashboard.caseload", required=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Case worker", readonly=True)
    open_count = fields.Integer(string="Open cases", readonly=True)
    active_count = fields.Integer(string="In service", readonly=True)

    def action_open_cases(self):
        """The worker's open cases in the dashboard's scope, as the user may read them."""
        self.ensure_one()
        action = self.dashboard_id.with_context(rrs_figure="open_count").action_open_figure()
        action["domain"] = list(Domain(action["domain"]) & Domain("user_id", "=", self.user_id.id))
        action["name"] = self.user_id.name
        return action
