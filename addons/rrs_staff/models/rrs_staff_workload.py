# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, models
from odoo.addons.rrs_case.models.rrs_case import OPEN_STATES
from odoo.tools import SQL

from .rrs_staff_requirement_status import EXPIRY_WARNING_DAYS


class RrsStaffWorkload(models.Model):
    """Open cases of each worker by program and need level, weighted (rules STF-1, STF-2).

    One row per worker, program and workload weight (need level): the pivot of it is the
    need-level mix; summed per worker it is the weighted workload. A database view grouped
    in SQL: reading it costs the same queries whatever the number of cases.
    """

    _name = "rrs.staff.workload"
    _description = "Staff Workload"
    _auto = False
    _order = "user_id, program_id, weight_id"
    _rec_name = "user_id"
    _depends = {
        "rrs.case": ["user_id", "program_id", "company_id", "state"],
        "rrs.case.member": ["case_id"],
        "rrs.program": ["caseload_target", "caseload_cap"],
        "rrs.workload.weight": [
            "code",
            "case_hours",
            "activity_hours",
            "referral_hours",
            "total_hours",
        ],
        "rrs.program.requirement": ["program_id", "skill_id"],
        "hr.employee": ["user_id", "parent_id", "company_id", "active", "rrs_program_ids"],
        "hr.employee.skill": ["employee_id", "skill_id", "valid_from", "valid_to"],
    }

    user_id = fields.Many2one("res.users", string="Worker", readonly=True)
    supervisor_user_id = fields.Many2one(
        "res.users",
        string="Team",
        readonly=True,
        help="The worker's supervisor in the employee hierarchy: the team's load (STF-4).",
    )
    company_id = fields.Many2one("res.company", readonly=True)
    program_id = fields.Many2one("rrs.program", readonly=True)
    weight_id = fields.Many2one("rrs.workload.weight", string="Need level", readonly=True)
    case_count = fields.Integer(string="Open cases", readonly=True)
    client_count = fields.Integer(string="Clients", readonly=True)
    case_hours = fields.Float(readonly=True)
    activity_hours = fields.Float(readonly=True)
    referral_hours = fields.Float(readonly=True)
    total_hours = fields.Float(string="Weighted workload (hours)", readonly=True)
    program_case_count = fields.Integer(
        string="Open cases in the program", readonly=True, aggregator="max"
    )
    caseload_target = fields.Integer(readonly=True, aggregator="max")
    caseload_cap = fields.Integer(string="Hard cap", readonly=True, aggregator="max")
    over_target = fields.Boolean(readonly=True)
    at_cap = fields.Boolean(string="At hard cap", readonly=True)
    requirements_expiring = fields.Integer(
        string="Requirements expiring in 60 days", readonly=True, aggregator="max"
    )
    requirements_missing = fields.Integer(
        string="Requirements missing or expired", readonly=True, aggregator="max"
    )

    def _weight_code_sql(self):
        """SQL expression giving the workload weight code of case ``c``: a hook for the
        bridge with needs assessments, which uses the case's need level."""
        return SQL("'not_assessed'")

    def _case_join_sql(self):
        """Extra joins on case ``c`` that ``_weight_code_sql`` needs."""
        return SQL("")

    @property
    def _table_query(self):
        return SQL(
            """
            WITH loads AS (
                SELECT c.user_id, c.program_id, c.company_id, w.id AS weight_id,
                       count(*) AS case_count,
                       coalesce(sum(m.n), 0) AS client_count,
                       count(*) * coalesce(max(w.case_hours), 0) AS case_hours,
                       count(*) * coalesce(max(w.activity_hours), 0) AS activity_hours,
                       count(*) * coalesce(max(w.referral_hours), 0) AS referral_hours,
                       count(*) * coalesce(max(w.total_hours), 0) AS total_hours
                  FROM rrs_case c
                  %(joins)s
                  LEFT JOIN rrs_workload_weight w ON w.code = %(code)s
                  -- the members of each open case by the case's index: counting every
                  -- member of the database first grew with the closed cases (issue 17)
                  LEFT JOIN LATERAL (
                        SELECT count(*) AS n FROM rrs_case_member cm WHERE cm.case_id = c.id
                  ) m ON TRUE
                 WHERE c.state IN %(open)s
              GROUP BY c.user_id, c.program_id, c.company_id, w.id
            ), requirements AS (
                SELECT x.user_id, count(*) AS expiring
                  FROM (
                        SELECT e.user_id, r.skill_id, max(s.valid_to) AS valid_to,
                               bool_or(s.valid_to IS NULL) AS permanent
                          FROM hr_employee e
                          JOIN hr_employee_rrs_program_rel rel ON rel.employee_id = e.id
                          JOIN rrs_program_requirement r ON r.program_id = rel.program_id
                          JOIN hr_employee_skill s
                            ON s.employee_id = e.id AND s.skill_id = r.skill_id
                         WHERE e.active AND e.user_id IS NOT NULL
                      GROUP BY e.user_id, r.skill_id
                  ) x
                 WHERE NOT x.permanent
                   AND x.valid_to >= CURRENT_DATE
                   AND x.valid_to <= CURRENT_DATE + %(days)s
              GROUP BY x.user_id
            ), problems AS (
                SELECT e.user_id, count(DISTINCT r.skill_id) AS missing
                  FROM hr_employee e
                  JOIN hr_employee_rrs_program_rel rel ON rel.employee_id = e.id
                  JOIN rrs_program_requirement r ON r.program_id = rel.program_id
                 WHERE e.active AND e.user_id IS NOT NULL
                   AND NOT EXISTS (
                        SELECT 1 FROM hr_employee_skill s
                         WHERE s.employee_id = e.id AND s.skill_id = r.skill_id
                           AND (s.valid_from IS NULL OR s.valid_from <= CURRENT_DATE)
                           AND (s.valid_to IS NULL OR s.valid_to >= CURRENT_DATE))
              GROUP BY e.user_id
            )
            -- every window is partitioned by the worker, id included, so that PostgreSQL
            -- applies a filter on the workers (a supervisor's team) before counting: a
            -- window over all rows kept it from filtering before (issue 17)
            SELECT l.user_id::bigint * 100000
                       + row_number() OVER (PARTITION BY l.user_id
                                            ORDER BY l.program_id, l.company_id, l.weight_id)
                       AS id,
                   l.*,
                   sum(l.case_count) OVER (PARTITION BY l.user_id, l.program_id)
                       AS program_case_count,
                   p.caseload_target,
                   p.caseload_cap,
                   sum(l.case_count) OVER (PARTITION BY l.user_id, l.program_id)
                       > p.caseload_target AS over_target,
                   sum(l.case_count) OVER (PARTITION BY l.user_id, l.program_id)
                       >= p.caseload_cap AS at_cap,
                   coalesce(rq.expiring, 0) AS requirements_expiring,
                   coalesce(pb.missing, 0) AS requirements_missing,
                   sup.user_id AS supervisor_user_id
              FROM loads l
              JOIN rrs_program p ON p.id = l.program_id
              LEFT JOIN LATERAL (
                    SELECT pe.user_id
                      FROM hr_employee e
                      JOIN hr_employee pe ON pe.id = e.parent_id
                     WHERE e.user_id = l.user_id AND e.company_id = l.company_id AND e.active
                  ORDER BY e.id
                     LIMIT 1
              ) sup ON TRUE
              LEFT JOIN requirements rq ON rq.user_id = l.user_id
              LEFT JOIN problems pb ON pb.user_id = l.user_id
            """,
            joins=self._case_join_sql(),
            code=self._weight_code_sql(),
            open=OPEN_STATES,
            days=EXPIRY_WARNING_DAYS,
        )

    def action_open_cases(self):
        """The open cases behind this row (drill-down)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("rrs_case.rrs_case_action")
        action["domain"] = [
            ("user_id", "=", self.user_id.id),
            ("program_id", "=", self.program_id.id),
            ("state", "in", OPEN_STATES),
        ]
        action["context"] = {}
        return action

    def action_reassign(self):
        """Move cases of this worker in this program to others, in one step (rule STF-4)."""
        self.ensure_one()
        # The wizard reads the cases with the caller's rights.
        cases = self.env["rrs.case"].search(
            [
                ("user_id", "=", self.user_id.id),
                ("program_id", "=", self.program_id.id),
                ("state", "in", OPEN_STATES),
            ]
        )
        wizard = self.env["rrs.case.assign.wizard"].create({"case_ids": [Command.set(cases.ids)]})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reassign cases"),
            "res_model": "rrs.case.assign.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }
