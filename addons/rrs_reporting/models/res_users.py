# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.private
    def rrs_report_scope_kind(self):
        """(kind, case domain) of the cases this user's reports aggregate, kind "company",
        "team" or "caseload" (see ``rrs_report_scope``)."""
        self.ensure_one()
        companies = Domain("company_id", "in", self.env.companies.ids)
        if self.has_group("rrs_case.group_program_manager") or self.has_group(
            "rrs_case.group_auditor"
        ):
            return "company", companies
        if self.has_group("rrs_case.group_supervisor"):
            team = Domain("worker_user_ids", "in", self.rrs_supervised_user_ids())
            return "team", companies & team
        if self.has_group("rrs_case.group_case_worker"):
            return "caseload", companies & Domain("worker_user_ids", "in", [self.id])
        raise AccessError(self.env._("Outcome and caseload reports are for case staff."))

    @api.private
    def rrs_report_scope(self):
        """(case domain, label) of the cases this user's reports aggregate.

        Program managers and auditors: every case of their companies; supervisors: the cases
        of the workers they supervise; case workers: their own caseload. Restricted cases
        (REC-1) in the scope are counted, never listed to who may not read them: the figures
        are computed over this domain as superuser and published with small-cell suppression
        (OUT-2), while the records behind a figure open with the user's own rights.
        Finance and volunteers have no outcome reports.
        """
        kind, domain = self.rrs_report_scope_kind()
        if kind == "company":
            label = self.env._(
                "Every case of %(companies)s",
                companies=", ".join(self.env.companies.mapped("name")),
            )
        elif kind == "team":
            label = self.env._("Cases of the team of %(user)s", user=self.name)
        else:
            label = self.env._("Caseload of %(user)s", user=self.name)
        return domain, label
