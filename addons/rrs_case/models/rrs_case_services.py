# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .rrs_case import ACCEPTED_STATES, CASE_FILE_GROUPS

BATCH_SIZE = 500


class RrsCase(models.Model):
    """Resettlement services on the case: reception checklist, orientation, activities."""

    _inherit = "rrs.case"

    checklist_item_ids = fields.One2many(
        "rrs.case.checklist.item", "case_id", string="Checklist", groups=CASE_FILE_GROUPS
    )
    checklist_todo_count = fields.Integer(compute="_compute_services_counts")
    checklist_overdue_count = fields.Integer(compute="_compute_services_counts")
    orientation_session_ids = fields.One2many(
        "rrs.orientation.session",
        "case_id",
        string="Orientation sessions",
        groups=CASE_FILE_GROUPS,
    )
    orientation_missing = fields.Text(
        string="Orientation still to attend",
        compute="_compute_orientation_missing",
        groups=CASE_FILE_GROUPS,
    )
    case_activity_ids = fields.One2many(
        "rrs.case.activity",
        "case_id",
        string="Case-management activities",
        groups=CASE_FILE_GROUPS,
    )
    case_activity_count = fields.Integer(compute="_compute_services_counts")
    home_visit_ids = fields.One2many(
        "rrs.home.visit", "case_id", string="Home visits", groups=CASE_FILE_GROUPS
    )
    home_visit_count = fields.Integer(compute="_compute_services_counts")
    case_activity_minutes = fields.Integer(
        string="Time spent (minutes)", compute="_compute_services_counts"
    )

    def _compute_services_counts(self):
        today = fields.Date.context_today(self)
        Item = self.env["rrs.case.checklist.item"]
        Activity = self.env["rrs.case.activity"]
        todo = overdue = activities = {}
        if Item.has_access("read"):
            todo = dict(
                Item._read_group(
                    [("case_id", "in", self.ids), ("state", "=", "todo")], ["case_id"], ["__count"]
                )
            )
            overdue = dict(
                Item._read_group(
                    [("case_id", "in", self.ids), ("state", "=", "todo"), ("due_date", "<", today)],
                    ["case_id"],
                    ["__count"],
                )
            )
        visits = {}
        if self.env["rrs.home.visit"].has_access("read"):
            visits = dict(
                self.env["rrs.home.visit"]._read_group(
                    [("case_id", "in", self.ids)], ["case_id"], ["__count"]
                )
            )
        if Activity.has_access("read"):
            activities = {
                case: (count, minutes)
                for case, count, minutes in Activity._read_group(
                    [("case_id", "in", self.ids)], ["case_id"], ["__count", "minutes:sum"]
                )
            }
        for case in self:
            case.checklist_todo_count = todo.get(case, 0)
            case.checklist_overdue_count = overdue.get(case, 0)
            case.case_activity_count, case.case_activity_minutes = activities.get(case, (0, 0))
            case.home_visit_count = visits.get(case, 0)

    @api.depends(
        "member_ids.birthdate_date",
        "orientation_session_ids.member_ids",
        "orientation_session_ids.topic_ids",
    )
    def _compute_orientation_missing(self):
        """Rule RES-2: each adult of the household attends every required topic."""
        required = self.env["rrs.orientation.topic"].search([("required", "=", True)])
        for case in self:
            attended = {}
            for session in case.orientation_session_ids:
                for member in session.member_ids:
                    attended.setdefault(member.id, set()).update(session.topic_ids.ids)
            lines = []
            for member in case.member_ids.filtered(lambda m: not m.is_minor):
                seen = attended.get(member.id, set())
                missing = required.filtered(lambda t, seen=seen: t.id not in seen)
                if missing:
                    lines.append(f"{member.partner_id.name}: {', '.join(missing.mapped('name'))}")
            case.orientation_missing = "\n".join(lines) or False

    # ---------------------------------------------------------------- checklist
    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        cases._sync_checklist()
        return cases

    def write(self, vals):
        res = super().write(vals)
        if {"program_id", "state"} & set(vals):
            self._sync_checklist()
        return res

    def _sync_checklist(self):
        """Give accepted cases their program's tasks, once each (rules RES-1, RES-3).

        Safe to run again: a task already on the case is never added twice, and tasks done
        or set aside stay as they are when the program's checklist changes.
        """
        cases = self.filtered(lambda c: c.state in ACCEPTED_STATES)
        if not cases:
            return
        # sudo(): the program's template is configuration; the items are created on cases
        # the current user may already write.
        lines = (
            self.env["rrs.checklist.template.line"]
            .sudo()
            .search([("program_id", "in", cases.program_id.ids)])
        )
        # sudo(): every task of these cases, whoever may read it, so none is created twice
        items = (
            self.env["rrs.case.checklist.item"]
            .sudo()
            .search([("case_id", "in", cases.ids), ("template_line_id", "!=", False)])
        )
        # tasks of a former program still to do no longer apply; done ones stay as history
        items.filtered(
            lambda i: i.state == "todo" and i.template_line_id.program_id != i.case_id.program_id
        ).write({"state": "not_applicable", "reason": self.env._("The case changed program")})
        existing = {(item.case_id.id, item.template_line_id.id) for item in items}
        vals_list = [
            {
                "case_id": case.id,
                "template_line_id": line.id,
                "name": line.name,
                "area": line.area,
                "sequence": line.sequence,
            }
            for case in cases
            for line in lines
            if line.program_id == case.program_id and (case.id, line.id) not in existing
        ]
        if vals_list:
            # sudo(): the tasks come from the program's configuration; the caller wrote the case
            self.env["rrs.case.checklist.item"].sudo().create(vals_list)

    def action_view_home_visits(self):
        return self._action_related("rrs_case.rrs_home_visit_action")

    def action_view_case_activities(self):
        return self._action_related("rrs_case.rrs_case_activity_action")

    # ------------------------------------------------------------------- cron
    @api.model
    def _cron_checklist(self):
        """Daily: one reminder per case with overdue reception tasks (rule RES-1)."""
        today = fields.Date.context_today(self)
        domain = [
            ("state", "in", ACCEPTED_STATES),
            ("checklist_item_ids", "any", [("state", "=", "todo"), ("due_date", "<", today)]),
        ]
        self._rrs_run_in_batches(domain, "_schedule_checklist_reminders", BATCH_SIZE)

    @api.model
    def _sync_checklist_all(self):
        """At install and update: open cases get the tasks of their program's checklist."""
        self.search([("state", "in", ACCEPTED_STATES)])._sync_checklist()

    def _schedule_checklist_reminders(self):
        today = fields.Date.context_today(self)
        overdue = {
            case: due
            for case, due in self.env["rrs.case.checklist.item"]._read_group(
                [("case_id", "in", self.ids), ("state", "=", "todo"), ("due_date", "<", today)],
                ["case_id"],
                ["due_date:min"],
            )
        }

        def values_for(case):
            return case in overdue and {
                "user_id": case.user_id.id,
                "date_deadline": overdue[case],
                "summary": self.env._("Reception tasks overdue"),
            }

        self._rrs_schedule_activities(
            "rrs_case.mail_activity_type_checklist", values_for, notify=False
        )
