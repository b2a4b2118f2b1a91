# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HrEmployee(models.Model):
    _name = "hr.employee"
    _inherit = ["hr.employee", "rrs.batch.mixin"]

    # rule STF-3: staff records (HR officers and program managers read them on the form)
    rrs_role = fields.Selection(
        [
            ("case_worker", "Case worker"),
            ("cultural_broker", "Cultural broker"),
            ("interpreter", "Interpreter"),
            ("supervisor", "Supervisor"),
        ],
        string="Role in the program",
        groups="hr.group_hr_user",
        tracking=True,
    )
    rrs_education = fields.Char(string="Education", groups="hr.group_hr_user")
    rrs_experience_years = fields.Integer(string="Years of experience", groups="hr.group_hr_user")
    rrs_program_ids = fields.Many2many(
        "rrs.program",
        "hr_employee_rrs_program_rel",
        "employee_id",
        "program_id",
        string="Works in programs",
        groups="hr.group_hr_user",
        help="The programs whose staff requirements apply to this employee (rule STF-3).",
    )
    rrs_requirement_problems = fields.Text(
        string="Missing or expired requirements",
        compute="_compute_rrs_requirement_problems",
        groups="hr.group_hr_user",
    )
    rrs_requirements_ok = fields.Boolean(
        string="Requirements in order",
        compute="_compute_rrs_requirement_problems",
        search="_search_rrs_requirements_ok",
        groups="hr.group_hr_user",
    )

    @api.depends("rrs_program_ids", "employee_skill_ids.valid_to")
    def _compute_rrs_requirement_problems(self):
        # sudo(): the status rows of these employees, readable on their own form by the
        # HR officers allowed to read the employee
        rows = (
            self.env["rrs.staff.requirement.status"]
            .sudo()
            .search([("employee_id", "in", self.ids), ("status", "in", ("missing", "expired"))])
        )
        by_employee = rows.grouped("employee_id")
        for employee in self:
            problems = by_employee.get(employee, rows.browse())
            employee.rrs_requirements_ok = not problems
            employee.rrs_requirement_problems = (
                "\n".join(problems.mapped("problem")) if problems else False
            )

    def _search_rrs_requirements_ok(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        # sudo(): ids of employees with a problem, filtered again by the caller's rules
        groups = (
            self.env["rrs.staff.requirement.status"]
            .sudo()
            ._read_group([("status", "in", ("missing", "expired"))], ["employee_id"])
        )
        problem_ids = [employee.id for (employee,) in groups]
        in_order = (operator == "=") == value
        return [("id", "not in" if in_order else "in", problem_ids)]

    @api.model
    def _rrs_requirement_reminder_cron(self):
        """Daily: remind each employee of their requirements missing, expired or expiring
        in the next 60 days (rule STF-3), in committed batches."""
        self._rrs_run_in_batches(
            [("rrs_program_ids", "!=", False), ("user_id", "!=", False)],
            "_rrs_remind_requirements",
            200,
        )

    def _rrs_remind_requirements(self):
        # sudo(): the system cron reads the status of the batch's employees
        rows = (
            self.env["rrs.staff.requirement.status"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", self.ids),
                    ("status", "in", ("missing", "expired", "expiring")),
                ]
            )
        )
        by_employee = rows.grouped("employee_id")
        today = fields.Date.context_today(self)

        def values_for(employee):
            problems = by_employee.get(employee)
            if not problems:
                return None
            return {
                "user_id": employee.user_id.id,
                "date_deadline": min(
                    [today, *[d for d in problems.mapped("valid_to") if d]], default=today
                ),
                "summary": self.env._("Renew or record your resettlement requirements"),
                "note": "<br/>".join(problems.mapped("problem")),
            }

        # No e-mail per reminder, as the suite's other reminders: the activity waits in the
        # employee's activities, and an assignment e-mail costs a dozen queries per employee
        # (issue 17: a batch costs the same whatever its size).
        self._rrs_schedule_activities(
            "hr_skills.mail_activity_data_upload_certification", values_for, notify=False
        )
