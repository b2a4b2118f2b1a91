# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


def _day_bounds(day):
    start = datetime.combine(day, time.min)
    return start, start + timedelta(days=1)


class RrsAccessReview(models.Model):
    """The daily review of unusual access to the case file (rule REC-4).

    Each morning the cron flags the previous day's entries of users who opened more case files
    outside their caseload than the company allows, then, when the day has unusual entries
    (minors' records read outside their case staff, exports, refusals, emergency accesses, many
    case files outside the caseload), records one review and gives each program manager, and
    each supervisor whose team is concerned, an activity to look at them.
    """

    _name = "rrs.access.review"
    _description = "Access Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "rrs.batch.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    date = fields.Date(required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    unusual_count = fields.Integer(string="Unusual entries", readonly=True)
    summary = fields.Text(readonly=True)

    _one_per_day = models.Constraint(
        "UNIQUE(company_id, date)", "A company's access is reviewed once a day."
    )

    @api.depends("date")
    def _compute_display_name(self):
        for review in self:
            review.display_name = self.env._(
                "Unusual access on %(date)s", date=fields.Date.to_string(review.date)
            )

    def write(self, vals):
        if not self.env.su and any(not f.startswith(("message_", "activity_")) for f in vals):
            self.check_access("write")
            raise UserError(self.env._("An access review is written by the system."))
        return super().write(vals)

    @api.model
    def _unusual_domain(self, company, day):
        """The unusual access-log entries of ``company`` on ``day``."""
        start, end = _day_bounds(day)
        return [
            ("date", ">=", start),
            ("date", "<", end),
            ("unusual", "=", True),
            ("company_id", "=", company.id),
        ]

    def action_open_entries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("rrs_case.rrs_access_log_action")
        action["domain"] = self._unusual_domain(self.company_id, self.date)
        action["context"] = {"search_default_group_reason": 1}
        return action

    @api.model
    def _cron_daily_review(self, day=None):
        """Review yesterday (or ``day``): flag the users above the company's threshold of case
        files opened outside their caseload, then one review per company with unusual entries.
        Run twice for the same day, it changes nothing."""
        day = day or fields.Date.context_today(self) - timedelta(days=1)
        start, end = _day_bounds(day)
        Log = self.env["rrs.access.log"]
        for company in self.env["res.company"].search([]):
            Log._rrs_flag_outside(company, start, end)
            if self.search_count([("company_id", "=", company.id), ("date", "=", day)]):
                continue
            domain = self._unusual_domain(company, day)
            groups = Log._read_group(domain, ["unusual_reason"], ["__count"])
            if not groups:
                continue
            labels = dict(Log._fields["unusual_reason"]._description_selection(self.env))
            total = sum(count for _reason, count in groups)
            review = self.create(
                {
                    "date": day,
                    "company_id": company.id,
                    "unusual_count": total,
                    "summary": "\n".join(
                        f"{labels.get(reason, reason)}: {count}" for reason, count in groups
                    ),
                }
            )
            review._assign_reviewers(domain)

    def _assign_reviewers(self, domain):
        """The company's program managers, and the supervisors above the users or the cases
        of the day's unusual entries."""
        managers = self.env["res.users"]._rrs_program_managers(self.company_id)
        entries = self.env["rrs.access.log"].search(domain)
        concerned = entries.user_id | entries.case_id.worker_user_ids
        employees = (
            self.env["hr.employee"]
            .with_context(active_test=False)
            .search([("user_id", "in", concerned.ids), ("company_id", "=", self.company_id.id)])
        )
        supervisors = employees.parent_id.user_id
        summary = self.env._("Review the unusual access of %(date)s", date=self.date)
        activity_type = self.env.ref("rrs_case.mail_activity_type_access_review")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": self.id,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "summary": summary,
                "note": self.summary,
                "automated": True,
            }
            for user in (managers | supervisors)[:50]
        ]
        # the reviewers follow the review, made followers together rather than one at a
        # time by the create (issue 17: the same queries for one reviewer or fifty)
        self._rrs_add_assignees_as_followers(vals_list)
        # one create for every reviewer (the activities show in each one's to-do list; no
        # e-mail per assignment)
        self.env["mail.activity"].with_context(
            mail_activity_quick_update=True, rrs_followers_added=True
        ).create(vals_list)
