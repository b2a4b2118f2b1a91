# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ADULT_AGE = 18
# Immigration outcomes that terminate a TVPRA case's services (rule PRS-4).
TERMINATING_OUTCOMES = ("voluntary_departure", "removal_order", "status_obtained")
# How many days before a clock falls due its activity is raised.
NOTICE_DAYS = {"start": 2, "safety_call": 5, "home_visit": 5, "report": 5, "end": 10, "checkin": 5}
BATCH_SIZE = 500
PRS_RETENTION_YEARS = 3  # rule REC-3, ORR 6.2.5
# Minors' records hanging on a case are read by case staff only (never finance, auditors or
# volunteers): the case's fields that show them carry this group.
MINORS_GROUPS = "rrs_case.group_case_worker"


class RrsCase(models.Model):
    _inherit = "rrs.case"

    is_prs = fields.Boolean(
        string="Post-release services",
        compute="_compute_is_prs",
        store=True,
        index=True,
        help="An unaccompanied child's post-release services case (ORR PRS).",
    )
    is_minor_record = fields.Boolean(
        string="Minor's record",
        compute="_compute_is_minor_record",
        store=True,
        index=True,
        help="A post-release services case or a household with a separated minor: seen only "
        "by its workers, their supervisors and program managers.",
    )
    caregiver_assessment_ids = fields.One2many(
        "rrs.minor.caregiver.assessment",
        "case_id",
        string="Caregiver assessments",
        groups=MINORS_GROUPS,
    )
    minor_service_ids = fields.One2many(
        "rrs.minor.service", "case_id", string="Minors' services", groups=MINORS_GROUPS
    )
    prs_child_member_id = fields.Many2one(
        "rrs.case.member",
        string="Child",
        compute="_compute_prs_child_member_id",
        store=True,
        readonly=False,
        domain="[('case_id', '=', id)]",
        index="btree_not_null",
    )
    prs_child_birthdate = fields.Date(
        related="prs_child_member_id.birthdate_date", string="Child's date of birth"
    )
    prs_sponsor_partner_id = fields.Many2one(
        "res.partner", string="Sponsor", tracking=True, index="btree_not_null"
    )
    prs_sponsor_relationship = fields.Selection(
        [
            ("parent", "Parent"),
            ("legal_guardian", "Legal guardian"),
            ("sibling", "Sibling"),
            ("aunt_uncle", "Aunt or uncle"),
            ("grandparent", "Grandparent"),
            ("cousin", "Cousin"),
            ("other_relative", "Other relative"),
            ("non_relative", "Not related"),
        ],
        string="Sponsor's relationship",
        tracking=True,
    )
    prs_sponsor_is_relative = fields.Boolean(
        string="Sponsor is a relative", compute="_compute_prs_sponsor_is_relative", store=True
    )
    prs_release_date = fields.Date(string="Release date", tracking=True, index=True)
    prs_referral_accepted_date = fields.Date(string="Referral accepted on", tracking=True)
    prs_tvpra = fields.Boolean(string="TVPRA case", tracking=True)
    prs_home_study = fields.Boolean(string="Home study case", tracking=True)
    prs_level_id = fields.Many2one("rrs.prs.level", string="PRS level", tracking=True, index=True)
    prs_level_history_ids = fields.One2many(
        "rrs.prs.level.history", "case_id", string="Level history", groups=MINORS_GROUPS
    )
    prs_immigration_status = fields.Selection(
        [
            ("proceedings", "In removal proceedings"),
            ("voluntary_departure", "Voluntary departure granted"),
            ("removal_order", "Order of removal"),
            ("status_obtained", "Immigration status obtained"),
            ("other", "Other"),
        ],
        string="Immigration case",
        default="proceedings",
        tracking=True,
    )
    prs_immigration_outcome_date = fields.Date(string="Immigration outcome on", tracking=True)
    prs_court_date_ids = fields.One2many(
        "rrs.prs.court.date", "case_id", string="Court dates", groups=MINORS_GROUPS
    )
    prs_school_name = fields.Char(string="School")
    prs_school_enrolled_date = fields.Date(string="Enrolled on")
    prs_residence_ids = fields.One2many(
        "rrs.prs.residence", "case_id", string="Residences", groups=MINORS_GROUPS
    )
    prs_child_welfare_end_date = fields.Date(
        string="Services no longer needed from",
        tracking=True,
        help="A child-welfare professional assessed that services are no longer needed "
        "(non-TVPRA cases, rule PRS-4).",
    )
    prs_child_welfare_note = fields.Text(string="Child-welfare assessment")
    prs_checkin_since = fields.Date(
        string="Monthly check-ins since",
        tracking=True,
        help="A TVPRA case active over a year with no major concerns moved to monthly "
        "check-ins (rule PRS-4).",
    )
    prs_checkin_reason = fields.Text(string="Why monthly check-ins")
    prs_safety_call_ids = fields.One2many(
        "rrs.prs.safety.call", "case_id", string="Safety calls", groups=MINORS_GROUPS
    )
    prs_concern_ids = fields.One2many(
        "rrs.prs.concern", "case_id", string="Notifications of concern", groups=MINORS_GROUPS
    )
    prs_report_ids = fields.One2many(
        "rrs.prs.report", "case_id", string="ORR reports", groups=MINORS_GROUPS
    )
    prs_concern_count = fields.Integer(compute="_compute_prs_counts")
    prs_report_count = fields.Integer(compute="_compute_prs_counts")

    # compliance clocks: computed, stored and indexed so that lists filter and sort on them
    prs_start_due_date = fields.Date(
        string="Services start by", compute="_compute_prs_clocks", store=True, index=True
    )
    prs_safety_call_due_date = fields.Date(
        string="Safety call due", compute="_compute_prs_clocks", store=True, index=True
    )
    prs_safety_call_date = fields.Date(
        string="Safety call made on", compute="_compute_prs_clocks", store=True
    )
    prs_home_visit_due_date = fields.Date(
        string="Next home visit due", compute="_compute_prs_clocks", store=True, index=True
    )
    prs_report_due_date = fields.Date(
        string="Next monthly report due", compute="_compute_prs_clocks", store=True, index=True
    )
    prs_checkin_due_date = fields.Date(
        string="Next check-in due", compute="_compute_prs_clocks", store=True, index=True
    )
    prs_end_date = fields.Date(
        string="Services end on", compute="_compute_prs_clocks", store=True, index=True
    )
    prs_end_reason = fields.Selection(
        [
            ("period", "End of the service period"),
            ("age", "18th birthday"),
            ("immigration", "Immigration case terminated"),
            ("child_welfare", "Child-welfare assessment"),
        ],
        string="Ends because of",
        compute="_compute_prs_clocks",
        store=True,
    )

    def init(self):
        res = super().init()
        # `restricted` is a stored flag of rrs_case whose compute this addon overrides: Odoo does
        # not recompute existing rows when an addon overrides a stored field's compute, so the
        # cases that are minors' records when this addon is installed or updated are flagged
        # once every table of the addon exists (rule REC-1). Only the rows to change are read.
        self.env.registry.post_init(self._rrs_flag_minors_cases)
        return res

    def _rrs_flag_minors_cases(self):
        self.env.cr.execute(
            """
            SELECT c.id FROM rrs_case c
              JOIN rrs_program p ON p.id = c.program_id
             WHERE c.restricted IS NOT TRUE
               AND (p.standard = 'orr_prs'
                    OR EXISTS (SELECT 1 FROM rrs_case_member m
                                WHERE m.case_id = c.id
                                  AND m.separated_minor_category IS NOT NULL))
            """
        )
        cases = self.browse(row[0] for row in self.env.cr.fetchall())
        if cases:
            self.env.add_to_compute(self._fields["restricted"], cases)
            cases.flush_recordset(["restricted"])

    # ------------------------------------------------------------------ compute
    @api.depends("program_id.standard")
    def _compute_is_prs(self):
        for case in self:
            case.is_prs = case.program_id.standard == "orr_prs"

    @api.depends("is_prs", "member_ids.separated_minor_category")
    def _compute_is_minor_record(self):
        for case in self:
            case.is_minor_record = case.is_prs or any(
                case.member_ids.mapped("separated_minor_category")
            )

    @api.depends("is_prs", "member_ids.separated_minor_category")
    def _compute_restricted(self):
        for case in self:
            case.restricted = case.is_prs or any(case.member_ids.mapped("separated_minor_category"))

    @api.depends("member_ids.is_head", "is_prs")
    def _compute_prs_child_member_id(self):
        for case in self:
            if case.is_prs and not case.prs_child_member_id:
                case.prs_child_member_id = case.member_ids.filtered("is_head")[:1]

    @api.depends("prs_sponsor_relationship")
    def _compute_prs_sponsor_is_relative(self):
        for case in self:
            case.prs_sponsor_is_relative = case.prs_sponsor_relationship not in (
                False,
                "non_relative",
            )

    def _compute_prs_counts(self):
        counts = {}
        for model, fname in (("rrs.prs.concern", "concern"), ("rrs.prs.report", "report")):
            if self.env[model].has_access("read"):
                counts[fname] = dict(
                    self.env[model]._read_group(
                        [("case_id", "in", self.ids)], ["case_id"], ["__count"]
                    )
                )
        for case in self:
            case.prs_concern_count = counts.get("concern", {}).get(case, 0)
            case.prs_report_count = counts.get("report", {}).get(case, 0)

    @api.depends(
        "is_prs",
        "state",
        "program_id.service_duration",
        "program_id.duration_unit",
        "program_id.prs_start_days",
        "program_id.prs_safety_call_days",
        "prs_release_date",
        "prs_referral_accepted_date",
        "prs_tvpra",
        "prs_home_study",
        "prs_child_member_id.birthdate_date",
        "prs_immigration_status",
        "prs_immigration_outcome_date",
        "prs_child_welfare_end_date",
        "prs_level_id.monthly_home_visits",
        "prs_level_history_ids.date_from",
        "prs_checkin_since",
        "service_start_date",
        "note_ids.contact_type",
        "note_ids.contact_date",
        "prs_safety_call_ids.call_date",
        "prs_report_ids.state",
        "prs_report_ids.period_end",
    )
    def _compute_prs_clocks(self):
        clocks = (
            "prs_start_due_date",
            "prs_safety_call_due_date",
            "prs_safety_call_date",
            "prs_home_visit_due_date",
            "prs_report_due_date",
            "prs_checkin_due_date",
            "prs_end_date",
            "prs_end_reason",
        )
        for case in self:
            values = dict.fromkeys(clocks, False)
            if case.is_prs and case.prs_release_date:
                values.update(case._prs_clock_values())
            case.update(values)

    def _prs_clock_values(self):
        """The compliance clocks of one PRS case (rules PRS-1 to PRS-4, PRS-6)."""
        self.ensure_one()
        program = self.program_id
        release = self.prs_release_date
        values = {}
        # rule PRS-3: TVPRA and home-study cases from release, others from the referral
        origin = (
            release
            if (self.prs_tvpra or self.prs_home_study)
            else (self.prs_referral_accepted_date)
        )
        values["prs_start_due_date"] = origin and origin + relativedelta(
            days=program.prs_start_days
        )
        # rule PRS-1
        values["prs_safety_call_due_date"] = release + relativedelta(
            days=program.prs_safety_call_days
        )
        values["prs_safety_call_date"] = min(
            self.prs_safety_call_ids.mapped("call_date"), default=False
        )
        # rule PRS-4
        end, reason = self._prs_end()
        values["prs_end_date"], values["prs_end_reason"] = end, reason
        start = self.service_start_date or origin or release
        contacts = self.note_ids.filtered(lambda n: n.contact_type in ("home_visit", "meeting"))
        # rule PRS-2: monthly home visits at levels that require them
        if self.prs_level_id.monthly_home_visits:
            level_since = max(
                self.prs_level_history_ids.filtered(
                    lambda h: h.level_id == self.prs_level_id
                ).mapped("date_from"),
                default=start,
            )
            visits = self.note_ids.filtered(lambda n: n.contact_type == "home_visit")
            last_visit = max([level_since, *visits.mapped("contact_date")])
            values["prs_home_visit_due_date"] = last_visit + relativedelta(months=1)
        # rule PRS-6: a monthly follow-up report for every month of service
        covered = self._prs_reported_until() or start - relativedelta(days=1)
        values["prs_report_due_date"] = covered + relativedelta(months=1)
        # rule PRS-4: monthly check-ins, once documented
        if self.prs_checkin_since:
            last = max([self.prs_checkin_since, *contacts.mapped("contact_date")])
            values["prs_checkin_due_date"] = last + relativedelta(months=1)
        if end:
            for fname in ("prs_home_visit_due_date", "prs_report_due_date", "prs_checkin_due_date"):
                if values.get(fname) and values[fname] > end:
                    values[fname] = False
        return values

    def _prs_reported_until(self):
        """The last day the case's submitted monthly reports cover (rule PRS-6), or False."""
        monthly = self.prs_report_ids.filtered(
            lambda r: r.report_type == "monthly" and r.state == "submitted"
        )
        return max(monthly.mapped("period_end"), default=False)

    def _prs_end(self):
        """Last day of post-release services and why (rule PRS-4)."""
        self.ensure_one()
        birth = self.prs_child_member_id.birthdate_date
        candidates = []
        if birth:
            candidates.append((birth + relativedelta(years=ADULT_AGE), "age"))
        if self.prs_tvpra:
            if (
                self.prs_immigration_status in TERMINATING_OUTCOMES
                and self.prs_immigration_outcome_date
            ):
                candidates.append((self.prs_immigration_outcome_date, "immigration"))
        else:
            candidates.append(
                (
                    self.prs_release_date
                    + self.program_id._delta(self.program_id.service_duration),
                    "period",
                )
            )
            if self.prs_child_welfare_end_date:
                candidates.append((self.prs_child_welfare_end_date, "child_welfare"))
        if not candidates:
            return False, False
        return min(candidates)

    # -------------------------------------------------------------- constraints
    @api.constrains("prs_checkin_since", "prs_checkin_reason", "prs_tvpra", "prs_release_date")
    def _check_prs_checkin(self):
        # rule PRS-4: only TVPRA cases active over a year, documented, with no major concern
        for case in self.filtered("prs_checkin_since"):
            if not case.prs_tvpra:
                raise ValidationError(self.env._("Only TVPRA cases move to monthly check-ins."))
            if not case.prs_release_date or (
                (case.prs_checkin_since - case.prs_release_date).days
                < case.program_id.prs_checkin_after_days
            ):
                raise ValidationError(
                    self.env._(
                        "Case %(case)s has not been active for %(days)s days since release: "
                        "it cannot move to monthly check-ins yet.",
                        case=case.name,
                        days=case.program_id.prs_checkin_after_days,
                    )
                )
            if not case.prs_checkin_reason:
                raise ValidationError(
                    self.env._("Document why the case moves to monthly check-ins.")
                )
            recent = case.prs_concern_ids.filtered(
                lambda c, since=case.prs_checkin_since: (
                    c.reported_date and c.reported_date.date() > since - relativedelta(years=1)
                )
            )
            if recent:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s had a notification of concern in the last year: it stays "
                        "on regular services.",
                        case=case.name,
                    )
                )

    @api.constrains("prs_immigration_status", "prs_immigration_outcome_date")
    def _check_prs_outcome_date(self):
        for case in self:
            if case.prs_immigration_status in TERMINATING_OUTCOMES and not (
                case.prs_immigration_outcome_date
            ):
                raise ValidationError(
                    self.env._("Record the date of the immigration case's outcome.")
                )

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        cases.filtered("prs_level_id")._prs_record_level()
        return cases

    def write(self, vals):
        res = super().write(vals)
        if "prs_level_id" in vals:
            self.filtered("prs_level_id")._prs_record_level()
        if vals.get("service_start_date"):
            self.filtered("is_prs")._prs_close_clock_activities("start")
        return res

    def _prs_record_level(self):
        """Rule PRS-2: the level history, one line per change."""
        self.env["rrs.prs.level.history"].create(
            [
                {
                    "case_id": case.id,
                    "level_id": case.prs_level_id.id,
                    "date_from": fields.Date.context_today(self),
                }
                for case in self
            ]
        )

    @api.depends("prs_end_date")
    def _compute_retention_until_date(self):
        return super()._compute_retention_until_date()

    def _get_retention_until(self):
        """Rule REC-3: PRS records for the state or accreditor period (the program's years)
        or 3 years after the PRS period ended, whichever is longer."""
        until = super()._get_retention_until()
        if until and self.is_prs:
            ended = min(filter(None, [self.prs_end_date, self.closing_date]))
            until = max(until, ended + relativedelta(years=PRS_RETENTION_YEARS))
        return until

    def _get_disposal_counts(self):
        counts = super()._get_disposal_counts()
        if self.prs_concern_ids:
            counts.append((self.env._("notifications of concern"), len(self.prs_concern_ids)))
        if self.prs_report_ids:
            counts.append((self.env._("reports to ORR"), len(self.prs_report_ids)))
        return counts

    def _before_disposal(self):
        """Notifications of concern refuse the cascade; disposal removes them first."""
        res = super()._before_disposal()
        concerns = self.prs_concern_ids
        concerns.amendment_ids.unlink()
        concerns.unlink()
        return res

    # ------------------------------------------------------------------ actions
    def action_view_prs_concerns(self):
        return self._action_related("rrs_minors.rrs_prs_concern_action")

    def action_view_prs_reports(self):
        return self._action_related("rrs_minors.rrs_prs_report_action")

    def action_new_prs_concern(self):
        """Rule PRS-7: the notification form, opened straight from the case."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "rrs.prs.concern",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    # ------------------------------------------------------------------- cron
    @api.model
    def _cron_prs_clocks(self):
        """Daily: an activity for every PRS clock coming due, in committed batches. Accepted
        cases (in assessment) are included: their start clock runs before services start."""
        domain = [("is_prs", "=", True), ("state", "in", ("assessment", "active", "closing"))]
        self._rrs_run_in_batches(domain, "_prs_schedule_clock_activities", BATCH_SIZE)

    def _prs_schedule_clock_activities(self):
        """One batch; each clock raises one activity however often the cron runs."""
        today = fields.Date.context_today(self)

        def due(case, fname, notice, done=False):
            date = case[fname]
            if done or not date or date - relativedelta(days=NOTICE_DAYS[notice]) > today:
                return None
            return date

        clocks = [
            (
                "start",
                lambda c: due(c, "prs_start_due_date", "start", bool(c.service_start_date)),
                self.env._("Start post-release services"),
            ),
            (
                "safety_call",
                lambda c: due(c, "prs_safety_call_due_date", "safety_call", c.prs_safety_call_date),
                self.env._("Safety and well-being follow-up call"),
            ),
            (
                "home_visit",
                lambda c: due(c, "prs_home_visit_due_date", "home_visit"),
                self.env._("Monthly home visit"),
            ),
            (
                "report",
                lambda c: due(c, "prs_report_due_date", "report"),
                self.env._("Monthly follow-up report to ORR"),
            ),
            (
                "checkin",
                lambda c: due(c, "prs_checkin_due_date", "checkin"),
                self.env._("Monthly check-in"),
            ),
            (
                "end",
                lambda c: due(c, "prs_end_date", "end"),
                self.env._("Services end: prepare the closure report"),
            ),
        ]
        schedules = []
        for key, date_of, summary in clocks:

            def values_for(case, date_of=date_of, summary=summary):
                date = date_of(case)
                return date and {
                    "user_id": case.user_id.id,
                    "date_deadline": date,
                    "summary": summary,
                }

            schedules.append((f"rrs_minors.mail_activity_type_prs_{key}", values_for))
        # every clock of the batch in one create (issue 17)
        self._rrs_schedule_activities_multi(schedules, notify=False)

    def _prs_close_clock_activities(self, *keys):
        self.activity_feedback([f"rrs_minors.mail_activity_type_prs_{key}" for key in keys])
