# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.rrs_case.models.rrs_guard_mixin import SYSTEM_ONLY, is_disposing
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from .rrs_assessment_schedule_line import SCHEDULE_POINTS

OPEN = ("planned", "in_progress")
# kept in the case file: they go only by disposal (REC-3)
KEPT = ("done", "skipped")
BATCH_SIZE = 500


class RrsAssessment(models.Model):
    """One administration of an instrument to one person of a case (rules ASM-2 to ASM-4)."""

    _name = "rrs.assessment"
    _description = "Needs Assessment"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "rrs.batch.mixin",
        "rrs.guard.mixin",
        "rrs.access.logged.mixin",
    ]
    _order = "due_date, id"
    _check_company_auto = True
    _rrs_state_field = "state"
    _rrs_parent_field = "case_id"
    # rules ASM-2, ASM-3: the results come from the answers, the schedule from the program,
    # the completion from the move that completes it
    _rrs_system_fields = (
        "completion_date",
        "assessor_id",
        "need_level_id",
        "score",
        "progress",
        "question_count",
        "answered_count",
        "schedule_line_id",
        "is_overdue",
    )
    # a completed, skipped or cancelled assessment keeps what it found (rule ASM-3)
    _rrs_frozen_states = ("done", "skipped", "cancelled")
    # the first answers given start every assessment they answer: one write for all (issue 17)
    _rrs_batched_moves = (("planned", "in_progress"),)

    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    program_id = fields.Many2one(related="case_id.program_id", store=True, index=True)
    member_id = fields.Many2one(
        "rrs.case.member",
        string="Person assessed",
        required=True,
        index=True,
        domain="[('case_id', '=', case_id)]",
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        related="member_id.partner_id", store=True, string="Person", index="btree_not_null"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Case worker",
        index=True,
        tracking=True,
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    instrument_id = fields.Many2one(
        "rrs.assessment.instrument",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('state', '=', 'published')]",
    )
    kind = fields.Selection(related="instrument_id.kind", store=True)
    point = fields.Selection(
        SCHEDULE_POINTS, string="Schedule point", required=True, default="adhoc", index=True
    )
    schedule_line_id = fields.Many2one(
        "rrs.assessment.schedule.line", readonly=True, ondelete="set null"
    )
    due_date = fields.Date(index=True, tracking=True)
    completion_date = fields.Date(readonly=True, tracking=True, copy=False)
    assessor_id = fields.Many2one(
        "res.users",
        string="Completed by",
        readonly=True,
        copy=False,
        tracking=True,
        help="Who completed the assessment: set when it is completed.",
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("in_progress", "In progress"),
            ("done", "Completed"),
            ("skipped", "Skipped"),
            ("cancelled", "Cancelled"),
        ],
        default="planned",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    skip_reason = fields.Text(copy=False)
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        store=True,
        index=True,
        help="Due date passed and not completed; refreshed daily.",
    )
    answer_ids = fields.One2many(
        "rrs.assessment.answer", "assessment_id", string="Answers", copy=False
    )
    factor_result_ids = fields.One2many(
        "rrs.assessment.factor.result", "assessment_id", string="Results by factor", copy=False
    )
    question_count = fields.Integer(readonly=True, copy=False)
    answered_count = fields.Integer(readonly=True, copy=False)
    progress = fields.Float(readonly=True, copy=False, aggregator="avg")
    score = fields.Float(
        string="Average score", readonly=True, copy=False, digits=(3, 2), aggregator="avg"
    )
    need_level_id = fields.Many2one(
        "rrs.need.level", readonly=True, copy=False, index=True, tracking=True
    )
    notes = fields.Html()

    _one_per_point = models.UniqueIndex(
        "(case_id, member_id, point) WHERE state != 'cancelled' AND point != 'adhoc'",
        "This person already has an assessment at this point of the schedule.",
    )

    # ------------------------------------------------------------------ compute
    @api.depends("case_id")
    def _compute_user_id(self):
        for assessment in self:
            assessment.user_id = assessment.user_id or assessment.case_id.user_id

    @api.depends("due_date", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for assessment in self:
            assessment.is_overdue = bool(
                assessment.state in OPEN and assessment.due_date and assessment.due_date < today
            )

    @api.depends("point", "partner_id", "instrument_id")
    def _compute_display_name(self):
        points = dict(self._fields["point"].selection)
        for assessment in self:
            assessment.display_name = " – ".join(
                filter(
                    None,
                    [
                        points.get(assessment.point),
                        assessment.partner_id.name,
                        assessment.instrument_id.name,
                    ],
                )
            )

    # -------------------------------------------------------------- constraints
    @api.constrains("member_id", "instrument_id", "due_date", "case_id")
    def _check_person(self):
        today = fields.Date.context_today(self)
        for assessment in self:
            member = assessment.member_id
            if member.case_id != assessment.case_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not a member of case %(case)s.",
                        name=member.partner_id.name,
                        case=assessment.case_id.name,
                    )
                )
            on_date = assessment.due_date or today
            if assessment.instrument_id.adults_only and not member.is_adult_on(on_date):
                # rule ASM-4
                raise ValidationError(
                    self.env._(
                        "%(name)s is under 18: the %(instrument)s is for adults. Record a minor's "
                        "needs within the family case (a note or the adults' assessments).",
                        name=member.partner_id.name,
                        instrument=assessment.instrument_id.name,
                    )
                )

    # ---------------------------------------------------------------- scoring
    def _applicable_factors(self):
        """Factors that apply to this household on the assessment date."""
        self.ensure_one()
        on_date = self.completion_date or self.due_date or fields.Date.context_today(self)
        ages = [
            relativedelta(on_date, m.birthdate_date).years
            for m in self.case_id.member_ids
            if m.birthdate_date
        ]
        has_young = any(a < 13 for a in ages)
        has_school_age = any(5 <= a <= 17 for a in ages)
        return self.instrument_id.factor_ids.filtered(
            lambda f: (
                f.applies_to == "all"
                or (f.applies_to == "children" and has_young)
                or (f.applies_to == "school_age" and has_school_age)
            )
        )

    def _update_results(self):
        """Scores and need levels per factor and overall, from the answers (rule ASM-3).

        A factor gets a level when at least the instrument's share of its questions is
        answered (default half); the assessment gets an overall level when at least the
        instrument's share of the applicable factors is assessed (default three quarters).
        Anything less is "not assessed", never a guess.
        """
        # the caller changed the answers of these assessments: their own right to write them
        # is checked; the results are then the system's
        self.check_access("write")
        Result = self.env["rrs.assessment.factor.result"]
        with self._rrs_system_write(), Result._rrs_system_write():
            self._write_results()

    def _write_results(self):
        Result = self.env["rrs.assessment.factor.result"]
        for assessment in self:
            instrument = assessment.instrument_id
            applicable = assessment._applicable_factors()
            answers_by_question = {a.question_id: a for a in assessment.answer_ids if a.option_id}
            existing = {r.factor_id: r for r in assessment.factor_result_ids}
            to_create, factor_scores, question_count = [], [], 0
            for factor in instrument.factor_ids:
                questions = factor.question_ids
                is_applicable = factor in applicable
                answered = [
                    answers_by_question[q].score for q in questions if q in answers_by_question
                ]
                if is_applicable:
                    question_count += len(questions)
                score = level = False
                if (
                    is_applicable
                    and questions
                    and len(answered) >= instrument.min_answered_ratio * len(questions)
                ):
                    score = sum(answered) / len(answered)
                    level = instrument.get_level(score)
                    factor_scores.append(score)
                vals = {
                    "applicable": is_applicable,
                    "answered_count": len(answered),
                    "question_count": len(questions),
                    "score": score,
                    "need_level_id": level.id if level else False,
                }
                if factor in existing:
                    existing[factor]._rrs_write_changed(vals)
                else:
                    to_create.append(dict(vals, assessment_id=assessment.id, factor_id=factor.id))
            if to_create:
                Result.create(to_create)
            enough = applicable and len(factor_scores) >= instrument.min_factor_ratio * len(
                applicable
            )
            overall = sum(factor_scores) / len(factor_scores) if enough else False
            answered_total = len(
                [a for a in answers_by_question.values() if a.factor_id in applicable]
            )
            assessment._rrs_write_changed(
                {
                    "question_count": question_count,
                    "answered_count": answered_total,
                    "progress": 100.0 * answered_total / question_count if question_count else 0.0,
                    "score": overall,
                    "need_level_id": instrument.get_level(overall).id if enough else False,
                }
            )

    # ---------------------------------------------------------------------- CRUD
    def write(self, vals):
        if self and self._rrs_guarded():
            self._rrs_check_fixed(vals)
        return super().write(vals)

    def _rrs_check_fixed(self, vals):
        """The person, the instrument and, for a scheduled assessment, its point and due date
        are not edited (rules ASM-2, ASM-4): a new assessment is planned instead."""
        self.check_access("write")
        for assessment in self:
            fixed = ["member_id", "instrument_id"]
            if assessment.schedule_line_id:
                fixed += ["point", "due_date"]
            changed = [f for f in fixed if f in vals]
            if not any(not self._rrs_same_value(assessment, f, vals[f]) for f in changed):
                continue
            if assessment.schedule_line_id and {"point", "due_date"} & set(changed):
                raise UserError(
                    self.env._(
                        "The point and the due date of a scheduled assessment follow the "
                        "program's schedule from the start of services (%(name)s).",
                        name=assessment.display_name,
                    )
                )
            raise UserError(
                self.env._(
                    "An assessment stays with the person and the instrument it was planned for "
                    "(%(name)s); plan a new assessment instead.",
                    name=assessment.display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept(self):
        """Completed and skipped assessments are part of the case file (ASM-3, REC-3)."""
        if is_disposing():
            return
        kept = self.filtered(lambda a: a.state in KEPT)
        if kept:
            raise UserError(
                self.env._(
                    "The assessment %(name)s is %(state)s: it stays in the case file until the "
                    "end of its retention period.",
                    name=kept[0].display_name,
                    state=kept[0]._rrs_state_label(kept[0].state).lower(),
                )
            )

    # -------------------------------------------------------------------- moves
    def _rrs_moves(self):
        """Every status change of an assessment, by button, import or API (ASM-2, ASM-3)."""
        return {
            ("planned", "in_progress"): "_rrs_move_start",
            ("planned", "done"): "_rrs_move_complete",
            ("in_progress", "done"): "_rrs_move_complete",
            ("planned", "skipped"): "_rrs_move_skip",
            ("in_progress", "skipped"): "_rrs_move_skip",
            ("done", "in_progress"): "_rrs_move_reopen",
            ("skipped", "in_progress"): "_rrs_move_reopen",
            # the schedule cancels what no longer applies (extension withdrawn)
            ("planned", "cancelled"): SYSTEM_ONLY,
        }

    def _rrs_move_start(self, target):
        return {}

    def _rrs_move_complete(self, target):
        """Completed once the answers give an overall need level (rule ASM-3): the level is
        the answers', the date and who completed it the system's."""
        self._update_results()
        if not self.need_level_id:
            instrument = self.instrument_id
            raise UserError(
                self.env._(
                    "Not enough answers for an overall need level: answer at least "
                    "%(q)s%% of the questions of %(f)s%% of the factors that apply.",
                    q=round(instrument.min_answered_ratio * 100),
                    f=round(instrument.min_factor_ratio * 100),
                )
            )
        # trusted code completing it (data files, imports run as the system) names the case's
        # worker, never the system user
        assessor = self.case_id.user_id if self.env.user._is_superuser() else self.env.user
        return {
            "completion_date": fields.Date.context_today(self),
            "assessor_id": assessor.id,
        }

    def _rrs_move_skip(self, target):
        """Skip a scheduled assessment where the schedule allows it (rule ASM-2: A2 of a
        client whose previous assessment found a low need)."""
        line = self.schedule_line_id
        point = dict(self._fields["point"]._description_selection(self.env))
        if not line.skippable_level_ids:
            raise UserError(
                self.env._(
                    "%(point)s of %(name)s cannot be skipped: only an assessment the program's "
                    "schedule allows to skip after a low need level (A2) is skipped.",
                    point=point.get(self.point, self.point),
                    name=self.partner_id.name,
                )
            )
        previous = self._previous_done()
        if previous.need_level_id not in line.skippable_level_ids:
            raise UserError(
                self.env._(
                    "%(point)s may be skipped only when the previous assessment found a need "
                    "level of %(levels)s; %(name)s was last assessed at %(level)s.",
                    point=point.get(self.point, self.point),
                    levels=", ".join(line.skippable_level_ids.mapped("name")),
                    name=self.partner_id.name,
                    level=previous.need_level_id.name or self.env._("no level yet"),
                )
            )
        if self.skip_reason:
            return {}
        return {
            "skip_reason": self.env._(
                "Low need at %(point)s: re-assessed at the next point of the schedule.",
                point=point.get(previous.point, previous.point),
            )
        }

    def _rrs_move_reopen(self, target):
        """A supervisor of the worker (or a program manager) reopens a completed or skipped
        assessment; its results are then those of its answers again."""
        if not self.env.user.has_group("rrs_case.group_supervisor"):
            raise AccessError(self.env._("Only a supervisor reopens a completed assessment."))
        self.case_id._check_supervisor_of(self.env.user, self.env._("reopen this assessment"))
        return {"completion_date": False, "assessor_id": False}

    def _rrs_after_move(self, source, target):
        res = super()._rrs_after_move(source, target)
        if target == "done":
            self.activity_feedback(["rrs_assessment.mail_activity_type_assessment_due"])
        elif target == "skipped":
            self.activity_unlink(["rrs_assessment.mail_activity_type_assessment_due"])
        return res

    # ------------------------------------------------------------------ actions
    def action_start(self):
        """Open the questionnaire: one answer line per question that applies."""
        planned = self.filtered(lambda a: a.state == "planned")
        planned._ensure_answer_lines()
        planned._rrs_move("in_progress")
        return True

    def _ensure_answer_lines(self):
        vals_list = []
        for assessment in self:
            answered = assessment.answer_ids.question_id
            for question in assessment._applicable_factors().question_ids - answered:
                vals_list.append({"assessment_id": assessment.id, "question_id": question.id})
        if vals_list:
            self.env["rrs.assessment.answer"].create(vals_list)

    def action_complete(self):
        if self.filtered(lambda a: a.state not in OPEN):
            raise UserError(self.env._("Only a planned or ongoing assessment can be completed."))
        return self._rrs_move("done")

    def action_skip(self):
        """Skip a scheduled assessment where the schedule allows it (rule ASM-2, low need)."""
        if self.filtered(lambda a: a.state not in OPEN):
            raise UserError(self.env._("Only a planned or ongoing assessment can be skipped."))
        return self._rrs_move("skipped")

    def action_reopen(self):
        if not self.env.user.has_group("rrs_case.group_supervisor"):
            raise AccessError(self.env._("Only a supervisor reopens a completed assessment."))
        self.filtered(lambda a: a.state in KEPT)._rrs_move("in_progress")
        return True

    def _previous_done(self):
        self.ensure_one()
        return self.search(
            [
                ("case_id", "=", self.case_id.id),
                ("member_id", "=", self.member_id.id),
                ("instrument_id.code", "=", self.instrument_id.code),
                ("state", "=", "done"),
                ("id", "!=", self.id),
                ("due_date", "<=", self.due_date or fields.Date.today()),
            ],
            order="due_date desc, id desc",
            limit=1,
        )

    # ----------------------------------------------------------- questionnaire
    # What these methods return goes to the web client, XML-RPC and JSON-2 clients alike:
    # ids, text, numbers, booleans and dates as text; dictionary keys are text; never None.
    def _questionnaire_one(self):
        if len(self) != 1:
            raise UserError(self.env._("The questionnaire opens for one assessment at a time."))

    def get_questionnaire(self):
        """Everything the questionnaire widget shows: factors that apply, questions, answers."""
        self._questionnaire_one()
        self.check_access("read")
        answers = {a.question_id: a for a in self.answer_ids}
        factors = []
        for factor in self._applicable_factors():
            questions = [
                {
                    "id": q.id,
                    "name": q.name or "",
                    "help": q.help or "",
                    "option_id": answers[q].option_id.id if q in answers else False,
                    "options": [
                        {"id": o.id, "name": o.name or "", "score": o.score} for o in q.option_ids
                    ],
                }
                for q in factor.question_ids
            ]
            factors.append(
                {
                    "id": factor.id,
                    "name": factor.name or "",
                    "description": factor.description or "",
                    "questions": questions,
                }
            )
        return dict(self._questionnaire_summary(), factors=factors, editable=self.state in OPEN)

    def save_answer(self, question_id, option_id):
        """Save one answer as soon as it is given (nothing is lost between saves).

        Everything is checked before anything is written (the question is one of this
        questionnaire's, the answer one of the question's, the assessment is still open), and
        the answer and the results it changes are saved together or not at all.
        """
        self._questionnaire_one()
        self.check_access("write")
        question = self._questionnaire_question(question_id)
        option = self._questionnaire_option(question, option_id)
        if self.state not in OPEN:
            raise UserError(
                self.env._(
                    "This assessment is completed: its answers no longer change. A supervisor can "
                    "reopen it."
                )
            )
        answer = self.answer_ids.filtered(lambda a: a.question_id == question)
        with self.env.cr.savepoint():
            if answer:
                answer.option_id = option
            else:
                self.env["rrs.assessment.answer"].create(
                    {"assessment_id": self.id, "question_id": question.id, "option_id": option.id}
                )
        return self._questionnaire_summary()

    def _questionnaire_question(self, question_id):
        if isinstance(question_id, bool) or not isinstance(question_id, int):
            raise ValidationError(self.env._("The question is given by its id, a whole number."))
        question = self._applicable_factors().question_ids.filtered(lambda q: q.id == question_id)
        if not question:
            raise ValidationError(
                self.env._(
                    "This question is not part of the questionnaire of %(assessment)s.",
                    assessment=self.display_name,
                )
            )
        return question

    def _questionnaire_option(self, question, option_id):
        Option = self.env["rrs.assessment.option"]
        if option_id is False or option_id is None:
            return Option
        if isinstance(option_id, bool) or not isinstance(option_id, int):
            raise ValidationError(
                self.env._("The answer is given by the id of one of the question's options.")
            )
        option = question.option_ids.filtered(lambda o: o.id == option_id)
        if not option:
            raise ValidationError(self.env._("This answer belongs to another question."))
        return option

    def _questionnaire_summary(self):
        self.ensure_one()
        return {
            "state": self.state,
            "progress": self.progress,
            "answered_count": self.answered_count,
            "question_count": self.question_count or len(self._applicable_factors().question_ids),
            "need_level": self.need_level_id.name or False,
            "due_date": fields.Date.to_string(self.due_date) or False,
            "completion_date": fields.Date.to_string(self.completion_date) or False,
            # text keys: XML-RPC carries no other, JSON turns them into text anyway
            "factor_levels": {
                str(r.factor_id.id): r.need_level_id.name or False for r in self.factor_result_ids
            },
        }

    # --------------------------------------------------------------- reminders
    @api.model
    def _cron_assessment_reminders(self):
        """Daily: refresh overdue flags and remind workers of assessments coming due.

        Processes, in committed batches (each idempotent), the open assessments that may need
        either: flagged overdue, or due within the longest reminder period of the programs.
        The others (later points of the schedule, months ahead) have nothing to change, and
        reading them made the cron grow with the database (issue 17).
        """
        Program = self.env["rrs.program"].with_context(active_test=False)
        [(days,)] = Program._read_group([], aggregates=["assessment_reminder_days:max"])
        horizon = fields.Date.context_today(self) + relativedelta(days=max(days or 0, 0))
        domain = Domain("state", "in", OPEN) & (
            Domain("is_overdue", "=", True) | Domain("due_date", "<=", horizon)
        )
        self._rrs_run_in_batches(domain, "_process_reminders", BATCH_SIZE)

    def _process_reminders(self):
        """One batch: overdue flags and missing reminder activities; safe to run twice."""
        today = fields.Date.context_today(self)
        overdue = self.filtered(lambda a: a.due_date and a.due_date < today)
        # the daily cron (the system) keeps the overdue flags
        with self._rrs_system_write():
            (overdue.filtered(lambda a: not a.is_overdue)).write({"is_overdue": True})
            (self - overdue).filtered("is_overdue").write({"is_overdue": False})

        def values_for(assessment):
            due = assessment.due_date
            days = assessment.program_id.assessment_reminder_days
            if due and assessment.user_id and due - relativedelta(days=days) <= today:
                return {
                    "user_id": assessment.user_id.id,
                    "date_deadline": due,
                    "summary": assessment.display_name,
                }
            return None

        self._rrs_schedule_activities(
            "rrs_assessment.mail_activity_type_assessment_due", values_for, notify=False
        )
