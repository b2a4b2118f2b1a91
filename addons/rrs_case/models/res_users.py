# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import namedtuple

from odoo import api, models, tools
from odoo.tools import SQL

# Open cases and the clients (household members) in them, for one worker in one program.
Caseload = namedtuple("Caseload", ["cases", "clients"])

# The screen each role starts on when the user has no home action of their own: the
# highest role first.
HOME_ACTIONS = (
    ("rrs_case.group_program_manager", "rrs_case.rrs_case_action_analysis"),
    ("rrs_case.group_supervisor", "rrs_case.rrs_waiting_work_action"),
    ("rrs_case.group_case_worker", "rrs_case.rrs_case_action_my"),
    ("rrs_case.group_auditor", "rrs_case.rrs_case_action"),
    ("rrs_case.group_finance", "rrs_case.rrs_case_action"),
)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _rrs_program_managers(self, company):
        """The program managers of ``company``: who is alerted when a worker has no supervisor,
        and who reviews the day's unusual access."""
        # sudo(): who the program managers are, to alert them; nothing else is read
        managers = self.env.ref("rrs_case.group_program_manager").sudo().all_user_ids
        return managers.filtered(lambda u: company in u.company_ids).with_env(self.env)

    @api.private
    def rrs_supervised_user_ids(self):
        """Ids of this user and of every user below them in the employee hierarchy.

        Used by the supervisor record rules and by every check of a supervisor's right
        (``rrs.case._check_supervisor_of``, once a record in a batch); the registry's cache,
        this one's and the rules', is cleared whenever the hierarchy changes (see hr.employee).
        """
        self.ensure_one()
        return list(self._rrs_supervised_user_ids(self.id))

    @api.model
    @tools.ormcache("user_id")
    def _rrs_supervised_user_ids(self, user_id):
        # issue 17: a supervisor authorising or approving many records checked the team again
        # for each of them, one query a record
        # One recursive query down the hierarchy, archived employees included, as the
        # employees' own "child_of" would walk it level by level (case workers and
        # supervisors may not read hr.employee: this returns user ids only).
        self.env["hr.employee"].flush_model(["user_id", "parent_id"])
        self.env.cr.execute(
            SQL(
                """
                WITH RECURSIVE team(id) AS (
                    SELECT id FROM hr_employee WHERE user_id = %(user)s
                    UNION
                    SELECT employee.id FROM hr_employee employee
                      JOIN team ON employee.parent_id = team.id
                )
                SELECT DISTINCT employee.user_id FROM team
                  JOIN hr_employee employee ON employee.id = team.id
                 WHERE employee.user_id IS NOT NULL
                """,
                user=user_id,
            )
        )
        return tuple(sorted({uid for (uid,) in self.env.cr.fetchall()} | {user_id}))

    @api.private
    def rrs_caseload(self, programs, exclude_cases=None, with_clients=True):
        """Open cases and clients of these users per program (rules STF-1, PRS-9).

        The one place that counts a worker's caseload: the hard cap check, the caseload
        warning and the staff workload views all read it. Returns
        ``{(user_id, program_id): Caseload(cases, clients)}``; pairs without open cases
        are missing. Two aggregate queries whatever the number of cases (one without
        ``with_clients``, where clients are then 0).
        """
        # imported here: rrs_case.py must load after this module (models are created in order)
        from .rrs_case import OPEN_STATES

        case_domain = [
            ("user_id", "in", self.ids),
            ("program_id", "in", programs.ids),
            ("state", "in", OPEN_STATES),
        ]
        if exclude_cases:
            case_domain.append(("id", "not in", exclude_cases.ids))
        # sudo(): counts over the whole team, whatever the caller may read; nothing of
        # those cases is returned
        cases = (
            self.env["rrs.case"]
            .sudo()
            ._read_group(case_domain, ["user_id", "program_id"], ["__count"])
        )
        # sudo(): the same count for the clients in those cases
        clients = (
            self.env["rrs.case.member"]
            .sudo()
            ._read_group(
                [("case_id", "any", case_domain)],
                ["case_id.user_id", "case_id.program_id"],
                ["__count"],
            )
            if with_clients
            else []
        )
        client_counts = {(user.id, program.id): n for user, program, n in clients}
        return {
            (user.id, program.id): Caseload(n, client_counts.get((user.id, program.id), 0))
            for user, program, n in cases
        }

    def _rrs_reviews_own_cases(self, company):
        """Whether this user is an experienced worker who reviews their own cases (PLAN-4)."""
        self.ensure_one()
        # sudo(): reads one flag of the user's own employee record in the company.
        return any(
            self.sudo()
            .employee_ids.filtered(lambda e: e.company_id == company)
            .mapped("rrs_self_review")
        )

    @api.model
    def _rrs_home_actions(self):
        """(group, action xmlid) pairs, highest role first: a hook for upper addons."""
        return list(HOME_ACTIONS)

    @api.private
    def rrs_home_action(self):
        """The user's home action: their own, or the suite's start screen for their role.

        Administrators keep Odoo's default (they set their own in their preferences).
        """
        self.ensure_one()
        if self.action_id or self._is_system():
            return self.action_id
        for group, action in self._rrs_home_actions():
            if self.has_group(group):
                return self.env.ref(action, raise_if_not_found=False) or self.action_id
        return self.action_id
