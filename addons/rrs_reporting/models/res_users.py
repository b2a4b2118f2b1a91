# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain


class ResUsers(models.Model):
    _inherit = "res.users"

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
        self.ensure_one()
        companies = Domain("company_id", "in", self.env.companies.ids)
        if self.has_group("rrs_case.group_program_manager") or self.has_group(
            "rrs_case.group_auditor"
        ):
            label = self.env._("Every case of %(companies)s")
            return companies, label % {"companies": ", ".join(self.env.companies.mapped("name"))}
        if self.has_group("rrs_case.group_supervisor"):
            team = Domain("worker_user_ids", "in", self.rrs_supervised_user_ids())
            return companies & team, self.env._("Cases of the team of %(user)s", user=self.name)
        if self.has_group("rrs_case.group_case_worker"):
            own = Domain("worker_user_ids", "in", [self.id])
            return companies & own, self.env._("Caseload of %(user)s", user=self.name)
        raise AccessError(self.env._("Outcome and caseload reports are for case staff."))
