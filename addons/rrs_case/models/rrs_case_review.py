# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .rrs_guard_mixin import is_disposing

REVIEW_FIELDS = ("coordination", "progress", "decisions")


class RrsCaseReview(models.Model):
    """A periodic case review by the supervisor or a team (rule PLAN-4).

    Experienced workers may review their own cases; the supervisor then checks a sample of
    those self-reviews, at the rate the program sets.
    """

    _name = "rrs.case.review"
    _description = "Case Review"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "due_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    program_id = fields.Many2one(related="case_id.program_id", store=True, index=True)
    user_id = fields.Many2one(
        related="case_id.user_id", string="Case worker", store=True, index=True
    )
    state = fields.Selection(
        [("draft", "To do"), ("done", "Done")],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    due_date = fields.Date(required=True, index=True)
    review_date = fields.Date(string="Reviewed on", copy=False, readonly=True, index=True)
    reviewer_type = fields.Selection(
        [
            ("supervisor", "Supervisor with the worker"),
            ("team", "Team review"),
            ("self", "Worker's own review"),
        ],
        required=True,
        default="supervisor",
    )
    reviewer_id = fields.Many2one("res.users", string="Reviewed by", copy=False, readonly=True)
    team_user_ids = fields.Many2many("res.users", string="Team")
    plan_id = fields.Many2one(
        "rrs.service.plan",
        string="Plan reviewed",
        domain="[('case_id', '=', case_id), ('state', '=', 'signed')]",
    )
    coordination = fields.Text(
        string="Coordination and implementation",
        help="How the plan is coordinated and carried out.",
    )
    progress = fields.Text(string="Progress toward goals")
    appropriateness = fields.Selection(
        [
            ("appropriate", "Services remain appropriate"),
            ("revise", "The plan needs a revision"),
            ("close", "Prepare the closing"),
        ],
        string="Continuing appropriateness",
    )
    decisions = fields.Text()
    # supervisor's sample of self-reviews (rule PLAN-4)
    sampled = fields.Boolean(
        string="In the supervisor's sample", readonly=True, copy=False, index=True
    )
    sample_checked_by_id = fields.Many2one(
        "res.users", string="Sample checked by", readonly=True, copy=False
    )
    sample_checked_date = fields.Date(readonly=True, copy=False)
    sample_comment = fields.Text(string="Supervisor's comment")

    # ------------------------------------------------------------------ compute
    @api.depends("case_id.name", "due_date")
    def _compute_name(self):
        for review in self:
            review.name = self.env._(
                "Review of %(case)s due %(date)s", case=review.case_id.name, date=review.due_date
            )

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("due_date") and vals.get("case_id"):
                case = self.env["rrs.case"].browse(vals["case_id"])
                vals["due_date"] = case.next_review_date or fields.Date.context_today(self)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) & {*REVIEW_FIELDS, "appropriateness", "reviewer_type"}:
            done = self.filtered(lambda r: r.state == "done")
            if done:
                raise UserError(
                    self.env._("%(review)s is done: it stays as recorded.", review=done[0].name)
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if is_disposing():
            return
        if self.filtered(lambda r: r.state == "done"):
            raise UserError(self.env._("A completed case review is never deleted."))

    # ------------------------------------------------------------------ actions
    def _check_reviewer(self, user):
        """Who may complete the review (rule PLAN-4)."""
        self.ensure_one()
        if self.reviewer_type == "self":
            if user not in self.case_id.worker_user_ids:
                raise AccessError(
                    self.env._("A self-review is done by a worker assigned to the case.")
                )
            if not user._rrs_reviews_own_cases(self.company_id):
                raise AccessError(
                    self.env._(
                        "%(user)s does not review their own cases: a supervisor or a team "
                        "reviews case %(case)s.",
                        user=user.name,
                        case=self.case_id.name,
                    )
                )
        elif self.reviewer_type == "supervisor":
            self.case_id._check_supervisor_of(user, self.env._("review this case"))
        elif len(self.team_user_ids | user) < 2:
            raise UserError(self.env._("A team review names at least two team members."))

    def action_done(self):
        today = fields.Date.context_today(self)
        for review in self:
            if review.state != "draft":
                raise UserError(self.env._("%(review)s is already done.", review=review.name))
            review._check_reviewer(self.env.user)
            missing = [
                review._fields[f]._description_string(self.env)
                for f in (*REVIEW_FIELDS, "appropriateness")
                if not review[f]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Complete the review of case %(case)s first: %(fields)s.",
                        case=review.case_id.name,
                        fields=", ".join(missing),
                    )
                )
            sampled = review.reviewer_type == "self" and review._draw_for_sample()
            # sudo(): the reviewer's identity, date and the sample draw are set by the system,
            # not typed in, once the checks above passed.
            review.sudo().write(
                {
                    "state": "done",
                    "review_date": today,
                    "reviewer_id": self.env.user.id,
                    "sampled": sampled,
                }
            )
            if sampled:
                supervisor = review.case_id.supervisor_user_id
                if supervisor:
                    review.activity_schedule(
                        "rrs_case.mail_activity_type_review_sample",
                        user_id=supervisor.id,
                        summary=self.env._("Check this self-review (sample)"),
                    )
        self.case_id.activity_feedback(["rrs_case.mail_activity_type_case_review"])
        return True

    def _draw_for_sample(self):
        """Whether this self-review joins the supervisor's sample (program's rate, PLAN-4)."""
        self.ensure_one()
        rate = self.program_id.self_review_sample_percent
        return rate >= 100 or (rate > 0 and random.SystemRandom().random() * 100 < rate)

    def action_check_sample(self):
        """The supervisor checked a sampled self-review (rule PLAN-4)."""
        for review in self:
            if not review.sampled or review.sample_checked_date:
                raise UserError(
                    self.env._("%(review)s is not waiting for a sample check.", review=review.name)
                )
            review.case_id._check_supervisor_of(self.env.user, self.env._("check this review"))
            review.sudo().write(
                {
                    "sample_checked_by_id": self.env.user.id,
                    "sample_checked_date": fields.Date.context_today(self),
                }
            )
            review.activity_feedback(["rrs_case.mail_activity_type_review_sample"])
        return True
