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
    _inherit = ["mail.thread", "mail.activity.mixin", "rrs.guard.mixin"]
    _order = "due_date desc, id desc"
    _check_company_auto = True

    _rrs_state_field = "state"
    _rrs_parent_field = "case_id"
    # rule PLAN-4: who reviewed, when, whether the review joined the sample, who checked it
    _rrs_system_fields = (
        "review_date",
        "reviewer_id",
        "sampled",
        "sample_checked_by_id",
        "sample_checked_date",
    )
    # rule PLAN-4: a completed review stays as recorded; the supervisor's comment on a
    # sampled self-review is written after it (see write)
    _rrs_frozen_states = ("done",)
    _rrs_frozen_writable = ("sample_comment",)

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
    # the reviews to do of a set of cases, by due date: the overdue dashboard and the review
    # cron start from the cases' own (issue 17)
    _draft_due_idx = models.Index("(case_id, due_date) WHERE state = 'draft'")
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
        index="btree_not_null",
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
        if "sample_comment" in vals and self._rrs_guarded():
            # The caller's right comes first: a role that may not write gets the access error.
            self.check_access("write")
            for review in self:
                if self._rrs_same_value(review, "sample_comment", vals["sample_comment"]):
                    continue
                # rule PLAN-4: the comment is the supervisor's, on a sample not yet checked
                if not review.sampled or review.sample_checked_date:
                    raise UserError(
                        self.env._(
                            "%(review)s is not waiting for a sample check: the supervisor's "
                            "comment stays as it is.",
                            review=review.name,
                        )
                    )
                review.case_id._check_supervisor_of(
                    self.env.user, self.env._("comment on this review")
                )
        return super().write(vals)

    def _rrs_frozen_message(self):
        return self.env._("%(review)s is done: it stays as recorded.", review=self.name)

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

    def _rrs_moves(self):
        """A review is completed by whoever rule PLAN-4 allows, with its parts filled in."""
        return {("draft", "done"): "_rrs_move_done"}

    def _rrs_move_done(self, target):
        self._check_reviewer(self.env.user)
        missing = [
            self._fields[f]._description_string(self.env)
            for f in (*REVIEW_FIELDS, "appropriateness")
            if not self[f]
        ]
        if missing:
            raise UserError(
                self.env._(
                    "Complete the review of case %(case)s first: %(fields)s.",
                    case=self.case_id.name,
                    fields=", ".join(missing),
                )
            )
        return {
            "review_date": fields.Date.context_today(self),
            "reviewer_id": self.env.user.id,
            "sampled": self.reviewer_type == "self" and self._draw_for_sample(),
        }

    def _rrs_after_move(self, source, target):
        super()._rrs_after_move(source, target)
        if target != "done":
            return
        # sudo(): the supervisor is found through the employee hierarchy, which staff may not
        # read; only the user to remind is taken from it.
        supervisor = self.sampled and self.case_id.sudo().supervisor_user_id
        if supervisor:
            self.activity_schedule(
                "rrs_case.mail_activity_type_review_sample",
                user_id=supervisor.id,
                summary=self.env._("Check this self-review (sample)"),
            )
        self.case_id.activity_feedback(["rrs_case.mail_activity_type_case_review"])

    def action_done(self):
        for review in self:
            if review.state != "draft":
                raise UserError(self.env._("%(review)s is already done.", review=review.name))
        return self._rrs_move("done")

    def _draw_for_sample(self):
        """Whether this self-review joins the supervisor's sample (program's rate, PLAN-4)."""
        self.ensure_one()
        rate = self.program_id.self_review_sample_percent
        return rate >= 100 or (rate > 0 and random.SystemRandom().random() * 100 < rate)

    def action_check_sample(self):
        """The supervisor checked a sampled self-review (rule PLAN-4)."""
        self.check_access("write")
        for review in self:
            if not review.sampled or review.sample_checked_date:
                raise UserError(
                    self.env._("%(review)s is not waiting for a sample check.", review=review.name)
                )
            review.case_id._check_supervisor_of(self.env.user, self.env._("check this review"))
            with review._rrs_system_write():
                review.write(
                    {
                        "sample_checked_by_id": self.env.user.id,
                        "sample_checked_date": fields.Date.context_today(self),
                    }
                )
            review.activity_feedback(["rrs_case.mail_activity_type_review_sample"])
        return True
