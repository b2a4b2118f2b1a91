# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import Command, api, fields, models
from odoo.addons.rrs_case.models.rrs_case import OPEN_STATES
from odoo.exceptions import AccessError, UserError


class RrsCaseAssignWizard(models.TransientModel):
    """Assign or reassign cases to the best placed worker (rules STF-1, STF-4, PRS-9).

    Ranks the workers the caller supervises: eligible first (under the hard cap, blocking
    requirements valid), then those speaking the household's languages, then the lightest
    weighted workload. Several cases of an overloaded worker move in one step.
    """

    _name = "rrs.case.assign.wizard"
    _description = "Assign Cases"

    case_ids = fields.Many2many("rrs.case", string="Cases", required=True)
    case_count = fields.Integer(compute="_compute_case_count")
    candidate_ids = fields.One2many(
        "rrs.case.assign.candidate", "wizard_id", string="Workers", readonly=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assign to",
        domain="[('id', 'in', eligible_user_ids)]",
    )
    eligible_user_ids = fields.Many2many("res.users", compute="_compute_eligible_user_ids")
    reason = fields.Char(help="Why the cases change worker; kept on each case.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        case_ids = self.env.context.get("active_ids") or []
        if self.env.context.get("active_model") == "rrs.case" and "case_ids" in fields_list:
            values["case_ids"] = [Command.set(case_ids)]
            rows = self._rank_rows(self.env["rrs.case"].browse(case_ids))
            values["candidate_ids"] = [Command.create(row) for row in rows]
            best = [row["user_id"] for row in rows if row["eligible"]]
            if best:
                values["user_id"] = best[0]
        return values

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards.filtered(lambda w: not w.candidate_ids):
            wizard._rank()
        return wizards

    @api.depends("case_ids")
    def _compute_case_count(self):
        for wizard in self:
            wizard.case_count = len(wizard.case_ids)

    @api.depends("candidate_ids.eligible")
    def _compute_eligible_user_ids(self):
        for wizard in self:
            wizard.eligible_user_ids = wizard.candidate_ids.filtered("eligible").user_id

    def _check_may_assign(self):
        if not self.env.user.has_group("rrs_case.group_supervisor"):
            raise AccessError(
                self.env._("Only supervisors and program managers assign and reassign cases.")
            )

    @api.model
    def _candidate_users(self, cases):
        """Case workers of the caller's team (all of them for program managers)."""
        domain = [
            ("all_group_ids", "in", self.env.ref("rrs_case.group_case_worker").ids),
            ("company_ids", "in", cases.company_id.ids),
            ("share", "=", False),
        ]
        if not self.env.user.has_group("rrs_case.group_program_manager"):
            domain.append(("id", "in", self.env.user.rrs_supervised_user_ids()))
        users = self.env["res.users"].search(domain)
        # sudo(): the roles of the team's employees; interpreters and cultural brokers
        # support cases, they do not carry them (RRS 2.05)
        helpers = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("user_id", "in", users.ids),
                    ("rrs_role", "in", ("interpreter", "cultural_broker")),
                ]
            )
        )
        return users - helpers.user_id

    def _rank(self):
        self.ensure_one()
        rows = self._rank_rows(self.case_ids)
        self.candidate_ids = [Command.clear()] + [Command.create(row) for row in rows]
        best = self.candidate_ids.filtered("eligible")[:1]
        if not self.user_id and best:
            self.user_id = best.user_id

    @api.model
    def _rank_rows(self, cases):
        """The candidates for ``cases``, best first. Queries do not grow with the number of
        cases or workers."""
        self._check_may_assign()
        if not cases:
            raise UserError(self.env._("Select the cases to assign."))
        users = self._candidate_users(cases)
        programs = cases.program_id
        # sudo(): workload totals of the candidates, whatever the caller may read
        loads = {
            user.id: hours
            for user, hours in self.env["rrs.staff.workload"]
            .sudo()
            ._read_group([("user_id", "in", users.ids)], ["user_id"], ["total_hours:sum"])
        }
        caseloads = users.rrs_caseload(programs, with_clients=False)
        languages = (cases.language_ids | cases.primary_language_id).skill_id
        # sudo(): which candidates speak the household's languages, names only
        speakers = {
            employee.user_id.id
            for employee in self.env["hr.employee.skill"]
            .sudo()
            .search([("employee_id.user_id", "in", users.ids), ("skill_id", "in", languages.ids)])
            .employee_id
        }
        problems = {}
        for program in programs:
            for company in cases.company_id:
                for user_id, messages in program.rrs_blocking_problems(users, company).items():
                    problems.setdefault(user_id, []).extend(messages)
        incoming = {}
        for case in cases:
            incoming[case.program_id] = incoming.get(case.program_id, 0) + 1
        rows = []
        for user in users:
            reasons = list(problems.get(user.id, []))
            for program, count in incoming.items():
                moved = len(
                    cases.filtered(
                        lambda c, u=user, p=program: c.user_id == u and c.program_id == p
                    )
                )
                load = caseloads.get((user.id, program.id))
                after = (load.cases if load else 0) - moved + count
                if after > program.caseload_cap:
                    reasons.append(
                        self.env._(
                            "%(worker)s would carry %(count)s open cases in %(program)s, above "
                            "the hard cap of %(cap)s.",
                            worker=user.name,
                            count=after,
                            program=program.name,
                            cap=program.caseload_cap,
                        )
                    )
            rows.append(
                {
                    "user_id": user.id,
                    "weighted_hours": loads.get(user.id, 0.0),
                    "open_cases": sum(
                        load.cases for (uid, _pid), load in caseloads.items() if uid == user.id
                    ),
                    "language_match": user.id in speakers,
                    "eligible": not reasons,
                    "reason": "\n".join(reasons) or False,
                }
            )
        rows.sort(key=lambda r: (not r["eligible"], not r["language_match"], r["weighted_hours"]))
        for rank, row in enumerate(rows, start=1):
            row["rank"] = rank
        return rows

    def action_assign(self):
        """Give the cases to the chosen worker: the case history records the change and the
        open activities of the previous worker on each case follow the case (rule STF-4)."""
        self.ensure_one()
        self._check_may_assign()
        if not self.user_id:
            raise UserError(self.env._("Choose the worker who takes the cases."))
        cases = self.case_ids.filtered(lambda c: c.state in OPEN_STATES)
        moving = cases.filtered(lambda c: c.user_id != self.user_id)
        previous = {case.id: case.user_id for case in moving}
        moving.write({"user_id": self.user_id.id})
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "rrs.case"),
                ("res_id", "in", moving.ids),
                ("user_id", "in", [user.id for user in previous.values()]),
            ]
        )
        # one write for every activity that was the previous worker's on its case
        activities.filtered(lambda a: a.user_id == previous.get(a.res_id)).write(
            {"user_id": self.user_id.id}
        )
        # the note on each case, in one insert (issue 17: a message posted case by case cost
        # seven queries a case). It is written as superuser, without notifying anyone, like
        # the note it replaces (an internal note): the caller's right to assign these cases
        # was checked above and by the write of their worker.
        moving._message_log_batch(
            bodies={
                case.id: escape(
                    self.env._(
                        "Case reassigned from %(old)s to %(new)s. %(reason)s",
                        old=previous[case.id].name,
                        new=self.user_id.name,
                        reason=self.reason or "",
                    )
                )
                for case in moving
            },
            author_id=self.env.user.partner_id.id,
        )
        # the case form or list behind the dialog shows the new worker at once
        return {"type": "ir.actions.client", "tag": "soft_reload"}


class RrsCaseAssignCandidate(models.TransientModel):
    _name = "rrs.case.assign.candidate"
    _description = "Assignment Candidate"
    _order = "rank"

    wizard_id = fields.Many2one("rrs.case.assign.wizard", required=True, ondelete="cascade")
    rank = fields.Integer()
    user_id = fields.Many2one("res.users", string="Worker", required=True)
    weighted_hours = fields.Float(string="Weighted workload (hours)")
    open_cases = fields.Integer(string="Open cases in these programs")
    language_match = fields.Boolean(string="Speaks the household's language")
    eligible = fields.Boolean()
    reason = fields.Text(string="Why not")
