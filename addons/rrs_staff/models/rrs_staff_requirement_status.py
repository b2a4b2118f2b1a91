# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

EXPIRY_WARNING_DAYS = 60


class RrsStaffRequirementStatus(models.Model):
    """Each requirement of each program an employee works in, with its status (rule STF-3).

    Read from the employees' hr_skills certifications: the latest certification of the
    requirement counts. A database view, so "expired" is always today's answer, without a
    nightly recomputation. The managers' compliance list.
    """

    _name = "rrs.staff.requirement.status"
    _description = "Staff Requirement Status"
    _auto = False
    _order = "status_order, valid_to, employee_id"
    _rec_name = "skill_id"
    _depends = {
        "rrs.program.requirement": ["program_id", "skill_id", "blocking"],
        "hr.employee": ["user_id", "company_id", "active", "rrs_program_ids"],
        "hr.employee.skill": ["employee_id", "skill_id", "valid_from", "valid_to"],
    }

    employee_id = fields.Many2one("hr.employee", readonly=True)
    user_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    program_id = fields.Many2one("rrs.program", readonly=True)
    requirement_id = fields.Many2one(
        "rrs.program.requirement", string="Program requirement", readonly=True
    )
    skill_id = fields.Many2one("hr.skill", string="Requirement", readonly=True)
    blocking = fields.Boolean(readonly=True)
    valid_to = fields.Date(string="Valid until", readonly=True)
    status = fields.Selection(
        [
            ("missing", "Missing"),
            ("expired", "Expired"),
            ("expiring", "Expires within 60 days"),
            ("valid", "Valid"),
        ],
        readonly=True,
    )
    status_order = fields.Integer(readonly=True)
    problem = fields.Char(compute="_compute_problem")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT row_number() OVER (ORDER BY e.id, r.id) AS id,
                   e.id AS employee_id,
                   e.user_id AS user_id,
                   e.company_id AS company_id,
                   r.program_id AS program_id,
                   r.id AS requirement_id,
                   r.skill_id AS skill_id,
                   r.blocking AS blocking,
                   c.valid_to AS valid_to,
                   CASE WHEN c.found IS NULL THEN 'missing'
                        WHEN c.valid_to < CURRENT_DATE THEN 'expired'
                        WHEN c.valid_to <= CURRENT_DATE + %(days)s THEN 'expiring'
                        ELSE 'valid' END AS status,
                   CASE WHEN c.found IS NULL THEN 1
                        WHEN c.valid_to < CURRENT_DATE THEN 2
                        WHEN c.valid_to <= CURRENT_DATE + %(days)s THEN 3
                        ELSE 4 END AS status_order
              FROM hr_employee e
              JOIN hr_employee_rrs_program_rel rel ON rel.employee_id = e.id
              JOIN rrs_program_requirement r ON r.program_id = rel.program_id
              LEFT JOIN LATERAL (
                    SELECT TRUE AS found,
                           CASE WHEN bool_or(s.valid_to IS NULL) THEN NULL
                                ELSE max(s.valid_to) END AS valid_to
                      FROM hr_employee_skill s
                     WHERE s.employee_id = e.id
                       AND s.skill_id = r.skill_id
                       AND (s.valid_from IS NULL OR s.valid_from <= CURRENT_DATE)
                    HAVING count(*) > 0
              ) c ON TRUE
             WHERE e.active
            """,
            days=EXPIRY_WARNING_DAYS,
        )

    @api.depends("status", "skill_id", "valid_to", "program_id")
    def _compute_problem(self):
        for row in self:
            if row.status == "missing":
                row.problem = self.env._(
                    "%(requirement)s is missing (%(program)s).",
                    requirement=row.skill_id.name,
                    program=row.program_id.name,
                )
            elif row.status in ("expired", "expiring"):
                row.problem = self.env._(
                    "%(requirement)s valid until %(date)s (%(program)s).",
                    requirement=row.skill_id.name,
                    date=row.valid_to,
                    program=row.program_id.name,
                )
            else:
                row.problem = False

    def action_open_employee_skills(self):
        """The employee's certifications, where a manager records a renewal."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.employee.skill",
            "name": self.env._("Certifications"),
            "view_mode": "list,form",
            "domain": [
                ("employee_id", "=", self.employee_id.id),
                ("skill_id", "=", self.skill_id.id),
            ],
            "context": {
                "default_employee_id": self.employee_id.id,
                "default_skill_id": self.skill_id.id,
                "default_skill_type_id": self.skill_id.skill_type_id.id,
            },
        }
