# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

NO_EXPIRY = fields.Date.to_date("9999-12-31")


class RrsProgram(models.Model):
    _inherit = "rrs.program"

    requirement_ids = fields.One2many(
        "rrs.program.requirement",
        "program_id",
        string="Staff requirements",
        help="Checks, certifications and trainings the program demands of its workers "
        "(rule STF-3).",
    )

    @api.private
    def rrs_latest_certifications(self, users, company, skills):
        """``{(user_id, skill_id): valid_to}`` of the latest certification in force or past
        (not future) of each user's employee in ``company``; no expiry gives 9999-12-31.
        Two queries whatever the number of users."""
        today = fields.Date.context_today(self)
        # sudo(): certifications of the workers concerned, whoever asks; only dates of the
        # requirements are returned
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search_fetch(
                [("user_id", "in", users.ids), ("company_id", "=", company.id)], ["user_id"]
            )
        )
        user_of = {employee.id: employee.user_id.id for employee in employees}
        # sudo(): their certifications of the requirements asked for, dates only
        certs = (
            self.env["hr.employee.skill"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", employees.ids),
                    ("skill_id", "in", skills.ids),
                    "|",
                    ("valid_from", "=", False),
                    ("valid_from", "<=", today),
                ],
                ["employee_id", "skill_id", "valid_to"],
            )
        )
        latest = {}
        for cert in certs:
            key = (user_of[cert.employee_id.id], cert.skill_id.id)
            valid_to = cert.valid_to or NO_EXPIRY
            latest[key] = max(latest.get(key, valid_to), valid_to)
        return latest

    @api.private
    def rrs_blocking_problems(self, users, company):
        """``{user_id: [sentence, ...]}``: each blocking requirement of this program a user
        misses, or since when it expired (rule STF-3)."""
        self.ensure_one()
        lines = self.requirement_ids.filtered("blocking")
        if not lines or not users:
            return {}
        today = fields.Date.context_today(self)
        latest = self.rrs_latest_certifications(users, company, lines.skill_id)
        problems = {}
        for user in users:
            for line in lines:
                valid_to = latest.get((user.id, line.skill_id.id))
                if valid_to is None:
                    message = self.env._(
                        "%(worker)s has no %(requirement)s on file: record it before "
                        "assigning cases in %(program)s.",
                        worker=user.name,
                        requirement=line.skill_id.name,
                        program=self.name,
                    )
                elif valid_to < today:
                    message = self.env._(
                        "%(worker)s's %(requirement)s expired on %(date)s: renew it before "
                        "assigning cases in %(program)s.",
                        worker=user.name,
                        requirement=line.skill_id.name,
                        date=valid_to,
                        program=self.name,
                    )
                else:
                    continue
                problems.setdefault(user.id, []).append(message)
        return problems
