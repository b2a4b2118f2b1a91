# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from .rrs_guard_mixin import is_disposing, next_numbers, rrs_disposing

OPEN_STATES = ("intake", "waiting", "assessment", "active", "closing")
# States in which the agency has accepted the case (rule ELIG-1, INT-2, CLO-1 apply).
ACCEPTED_STATES = ("assessment", "active", "closing")
# Who reads the case file beyond the case itself (notes, forms, referrals, plans, reviews,
# services): case staff and auditors, never finance. A field of the case that shows such
# records carries these groups, so a role that may not read them still opens the case.
CASE_FILE_GROUPS = "rrs_case.group_case_worker,rrs_case.group_auditor"


class RrsCase(models.Model):
    """A resettlement case: one person or one family (rule ELIG-2)."""

    _name = "rrs.case"
    _description = "Resettlement Case"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "rrs.batch.mixin",
        "rrs.guard.mixin",
        "rrs.access.logged.mixin",
    ]
    _order = "priority desc, intake_date desc, id desc"
    _rrs_state_field = "state"
    # rule REC-3: the closing date starts the retention clock; reopening is recorded
    _rrs_system_fields = ("closing_date", "reopened_date", "reopen_count", "restricted")
    _check_company_auto = True
    _rec_names_search = ["name", "head_partner_id.name"]

    name = fields.Char(
        string="Case number",
        required=True,
        readonly=True,
        copy=False,
        default="New",
        index="trigram",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    program_id = fields.Many2one(
        "rrs.program", required=True, index=True, tracking=True, check_company=True
    )
    state = fields.Selection(
        [
            ("intake", "Intake"),
            ("waiting", "Waiting list"),
            ("assessment", "Assessment"),
            ("active", "In service"),
            ("closing", "Closing"),
            ("closed", "Closed"),
        ],
        string="Stage",
        required=True,
        default="intake",
        index=True,
        tracking=True,
        copy=False,
        group_expand=True,
    )
    color = fields.Integer()
    # rule INT-1: urgent needs and emergencies first
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Urgent"), ("2", "Emergency")],
        default="0",
        required=True,
        index=True,
        tracking=True,
    )
    urgent_needs = fields.Text(
        help="Urgent needs or emergencies found at intake (shelter, safety, medication, food ...)."
    )
    intake_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)

    # household (rule ELIG-2)
    member_ids = fields.One2many("rrs.case.member", "case_id", string="Household", copy=True)
    member_count = fields.Integer(compute="_compute_member_count", string="Members")
    # What the search for a household member by name reads (issue 17): the names on the case
    # itself, so a supervisor's search reads the team's cases and nothing else (as Odoo's tasks
    # search their own name), instead of every member and person of the team's cases; the
    # trigram index serves the searches that start from the name (a program manager's). The
    # same users read it as read the members (the case's and the members' rules are the same).
    member_names = fields.Char(
        string="Household member names",
        compute="_compute_member_names",
        store=True,
        index="trigram",
    )
    head_partner_id = fields.Many2one(
        "res.partner",
        string="Head of household",
        compute="_compute_head_partner_id",
        store=True,
        index=True,
    )

    # rule ELIG-1
    immigration_category_id = fields.Many2one("rrs.immigration.category", tracking=True)
    country_of_origin_id = fields.Many2one("res.country", string="Country of origin")
    # indexed: the outcome indicators, the program KPIs and the outcome dashboard count the
    # households that arrived in a period (a month or a year of a database's arrivals)
    arrival_date = fields.Date(tracking=True, index=True)

    # languages and interpreters (rule CON-1)
    primary_language_id = fields.Many2one("rrs.language")
    document_language_id = fields.Many2one(
        "rrs.language",
        string="Documents printed in",
        compute="_compute_document_language_id",
        store=True,
        readonly=False,
        help="The language of the documents given to the client (the service agreement, "
        "letters, receipts); the primary language unless changed. Each document can be "
        "printed in another one.",
    )
    language_ids = fields.Many2many("rrs.language", string="Languages spoken")
    interpreter_needed = fields.Boolean()
    interpreter_language_id = fields.Many2one("rrs.language", string="Interpret into")
    refuses_community_interpreter = fields.Boolean(
        string="No interpreter from own community",
        tracking=True,
        help="The client asked not to be served by an interpreter from their own community.",
    )
    interpreter_note = fields.Char(string="Interpreter preferences")

    # assignment (rule ELIG-2: every family has one primary worker)
    user_id = fields.Many2one(
        "res.users",
        string="Primary case worker",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("rrs_case.group_case_worker").ids)
        ],
    )
    # rule PRS-9 (and STF-1): what the form's onchange warns about, readable by any client
    caseload_warning = fields.Char(
        compute="_compute_caseload_warning",
        help="Set when the primary worker's open cases in the program go above the program's "
        "caseload target.",
    )
    secondary_user_ids = fields.Many2many(
        "res.users",
        "rrs_case_secondary_user_rel",
        "case_id",
        "user_id",
        string="Secondary workers",
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("rrs_case.group_case_worker").ids)
        ],
    )
    worker_user_ids = fields.Many2many(
        "res.users",
        "rrs_case_worker_user_rel",
        "case_id",
        "user_id",
        string="Assigned workers",
        compute="_compute_worker_user_ids",
        store=True,
        help="Primary and secondary workers: what record rules and “My cases” search on.",
    )
    supervisor_user_id = fields.Many2one(
        "res.users", string="Supervisor", compute="_compute_supervisor_user_id"
    )

    # rule INT-2: what the applicant was told
    service_match = fields.Selection(
        [
            ("full", "Matches our services"),
            ("partial", "Partly matches our services"),
            ("none", "Does not match our services"),
        ],
        string="Match with our services",
        tracking=True,
    )
    service_match_note = fields.Text(string="What was explained")
    expected_service_date = fields.Date(string="Services available from")
    applicant_informed_date = fields.Date(string="Applicant informed on", tracking=True)
    waiting_since = fields.Date(
        compute="_compute_waiting_since",
        store=True,
        readonly=False,
        copy=False,
        help="Set when the case enters the waiting list, however it gets there (an import "
        "may give the original date).",
    )
    waiting_reason = fields.Text()
    referred_out_partner_id = fields.Many2one(
        "res.partner", string="Referred out to", tracking=True, copy=False, index="btree_not_null"
    )
    referral_out_reason = fields.Text(copy=False)

    # service period
    service_start_date = fields.Date(tracking=True, copy=False)
    extension = fields.Integer(
        tracking=True,
        copy=False,
        help="Extension of the service beyond the program's standard length.",
    )
    extension_reason = fields.Text(copy=False)
    duration_unit = fields.Selection(related="program_id.duration_unit")
    planned_end_date = fields.Date(
        compute="_compute_planned_end_date", store=True, index=True, tracking=True
    )

    # closing (rule CLO-1: planning starts at intake with a responsible staff member)
    closing_user_id = fields.Many2one(
        "res.users",
        string="Closing responsible",
        tracking=True,
        help="Staff member responsible for planning the closing, assigned from intake.",
    )
    closing_plan = fields.Text(
        help="Closing planning, started at intake: who takes part (worker, client, family, "
        "guardians) and what must be in place before services end."
    )
    closing_reason = fields.Selection(
        [
            ("goals_met", "Service goals achieved"),
            ("end_of_period", "End of the service period"),
            ("moved", "Moved out of the service area"),
            ("referred_out", "Referred to another organisation"),
            ("declined", "Client declined further services"),
            ("lost_contact", "Lost contact"),
            ("ineligible", "Not eligible"),
            ("other", "Other"),
        ],
        tracking=True,
        copy=False,
    )
    closing_date = fields.Date(tracking=True, copy=False)
    closing_summary = fields.Text(copy=False)
    closing_requirement = fields.Selection(related="program_id.closing_requirement")
    # rule CLO-2: aftercare plan made before closing ...
    aftercare_plan_date = fields.Date(string="Aftercare planned on", tracking=True, copy=False)
    aftercare_short_term_needs = fields.Text(string="Short-term needs", copy=False)
    aftercare_long_term_needs = fields.Text(string="Long-term needs", copy=False)
    aftercare_supports = fields.Text(string="Continuing supports", copy=False)
    aftercare_partner_id = fields.Many2one(
        "res.partner",
        string="Who continues",
        copy=False,
        help="The organisation or person who continues to support the family after closing.",
        index="btree_not_null",
    )
    # ... or, where the contract has no aftercare, a formal closing evaluation
    closing_evaluation = fields.Text(copy=False)
    unmet_needs = fields.Text(string="Unmet needs", copy=False)
    # rule REC-3: records kept for the program's period after the last entry, longer on hold
    retention_until_date = fields.Date(
        string="Keep records until",
        compute="_compute_retention_until_date",
        store=True,
        index=True,
        help="End of the retention period of a closed case: the program's retention years "
        "after the last entry (closing or last note).",
    )
    litigation_hold = fields.Boolean(
        tracking=True,
        help="The records are under litigation: they are kept until it is resolved, whatever "
        "the retention period.",
    )
    litigation_note = fields.Char(string="Litigation")
    # The case's records are minors' (restricted) records: seen only by the case's workers,
    # their supervisors and program managers. Every model hanging on a case uses it in its
    # rules; an upper addon (rrs_minors) says which cases are restricted.
    restricted = fields.Boolean(
        compute="_compute_restricted",
        store=True,
        index=True,
        help="Minors' records: never seen by finance, auditors or volunteers.",
    )
    # rule REC-4: a case outside one's team opened in an emergency, for a limited time; the
    # supervisor rules of every model of the case read this field (see
    # rrs.case.emergency.access)
    emergency_access_open = fields.Boolean(
        string="Opened in an emergency",
        compute="_compute_emergency_access_open",
        search="_search_emergency_access_open",
        help="You may read this case because you opened it in an emergency; the access ends "
        "by itself.",
    )
    emergency_access_ids = fields.One2many(
        "rrs.case.emergency.access",
        "case_id",
        string="Emergency accesses",
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
    )
    reopened_date = fields.Date(string="Last reopened on", readonly=True, copy=False)
    reopen_count = fields.Integer(string="Times reopened", readonly=True, copy=False)

    note_ids = fields.One2many(
        "rrs.case.note", "case_id", string="Case notes", groups=CASE_FILE_GROUPS
    )
    note_count = fields.Integer(compute="_compute_counts")
    late_note_count = fields.Integer(compute="_compute_counts")
    consent_ids = fields.One2many(
        "rrs.consent", "case_id", string="Consents and forms", groups=CASE_FILE_GROUPS
    )
    consent_count = fields.Integer(compute="_compute_counts")
    referral_ids = fields.One2many(
        "rrs.referral", "case_id", string="Referrals", groups=CASE_FILE_GROUPS
    )
    referral_count = fields.Integer(compute="_compute_counts")
    consent_missing = fields.Text(
        string="Missing forms", compute="_compute_consent_missing", groups=CASE_FILE_GROUPS
    )
    service_plan_ids = fields.One2many(
        "rrs.service.plan", "case_id", string="Service plans", groups=CASE_FILE_GROUPS
    )
    plan_count = fields.Integer(compute="_compute_counts")
    current_plan_id = fields.Many2one(
        "rrs.service.plan",
        string="Current plan",
        compute="_compute_current_plan_id",
        store=True,
        index="btree_not_null",
        groups=CASE_FILE_GROUPS,
        help="The signed service plan in force.",
    )
    review_ids = fields.One2many(
        "rrs.case.review", "case_id", string="Case reviews", groups=CASE_FILE_GROUPS
    )
    review_count = fields.Integer(compute="_compute_counts")
    incident_count = fields.Integer(compute="_compute_incident_count", string="Incidents")
    last_review_date = fields.Date(compute="_compute_review_dates", store=True)
    next_review_date = fields.Date(
        compute="_compute_review_dates",
        store=True,
        index=True,
        help="Cases are reviewed at the program's interval from the start of services (PLAN-4).",
    )

    _name_company_unique = models.Constraint(
        "UNIQUE(name, company_id)", "This case number is already used."
    )
    _extension_positive = models.Constraint(
        "CHECK(extension >= 0)", "An extension cannot be negative."
    )
    # issue 17: the lists' default order and the kanban's columns (one per stage, 40 cards
    # each, the closed column folded or not) read their page from an index in that order,
    # instead of sorting every case of the stage; at 100,000 cases the closed column read
    # about 13,000 rows to show 40. The open cases (a tenth of the cases) have their own: a
    # supervisor's or a worker's open cases are found walking the open ones in the list's
    # order, without stepping over the closed ones (19 ms to 3 ms for a team at 100,000).
    # Each carries the company the company rule tests, so a count of the open cases or of a
    # stage reads the index alone, never the cases' rows (a supervisor's open cases counted
    # in 3 ms instead of 12 to 25 at 100,000).
    _order_idx = models.Index("(priority DESC, intake_date DESC, id DESC) INCLUDE (company_id)")
    _state_order_idx = models.Index(
        "(state, priority DESC, intake_date DESC, id DESC) INCLUDE (company_id)"
    )
    _open_order_idx = models.Index(
        "(priority DESC, intake_date DESC, id DESC) INCLUDE (company_id) WHERE state != 'closed'"
    )

    # ------------------------------------------------------------------ compute
    @api.depends("member_ids")
    def _compute_member_count(self):
        for case in self:
            case.member_count = len(case.member_ids)

    @api.depends("member_ids.partner_id.name")
    def _compute_member_names(self):
        for case in self:
            case.member_names = " / ".join(case.member_ids.partner_id.mapped("name")) or False

    @api.depends("member_ids.is_head", "member_ids.partner_id")
    def _compute_head_partner_id(self):
        for case in self:
            case.head_partner_id = case.member_ids.filtered("is_head")[:1].partner_id

    @api.depends("user_id", "secondary_user_ids")
    def _compute_worker_user_ids(self):
        # issue 17: the cases with the same workers are given them together, one write of the
        # relation for all (assigned case by case, it was a DELETE and an INSERT a case: a
        # supervisor's reassignment of many cases, a batch of new cases)
        by_workers = defaultdict(list)
        for case in self:
            by_workers[case.user_id | case.secondary_user_ids].append(case.id)
        for workers, ids in by_workers.items():
            self.browse(ids).worker_user_ids = workers

    def modified(self, fnames, create=False, before=False):
        # A case changes workers: the case worker's contact rule reads each worker's people
        # again (res.partner._rrs_people_of_user, issue 17), as soon as the value changes.
        if {"user_id", "secondary_user_ids", "worker_user_ids"} & set(fnames):
            self.env["res.partner"]._rrs_forget_people_of_users()
        return super().modified(fnames, create=create, before=before)

    @api.depends("user_id", "company_id")
    def _compute_supervisor_user_id(self):
        """The manager of the worker's employee in the case's company (its first by name, as
        ``user_id.employee_ids`` lists them). One query for the batch: through the employees'
        records it took seven, 7.5 ms of the 55 ms of a worker's case form (issue 17). It reads
        what ``hr.employee.public`` shows every user: an employee's user and manager."""
        pairs = {(case.user_id.id, case.company_id.id) for case in self if case.user_id}
        managers = {}
        if pairs:
            self.env["hr.employee"].flush_model(
                ["user_id", "company_id", "parent_id", "active", "name"]
            )
            self.env.cr.execute(
                SQL(
                    """
                    SELECT DISTINCT ON (employee.user_id, employee.company_id)
                           employee.user_id, employee.company_id, manager.user_id
                      FROM hr_employee employee
                      LEFT JOIN hr_employee manager ON manager.id = employee.parent_id
                     WHERE employee.user_id = ANY(%(users)s)
                       AND employee.company_id = ANY(%(companies)s)
                       AND employee.active IS TRUE
                     ORDER BY employee.user_id, employee.company_id, employee.name, employee.id
                    """,
                    users=sorted({user for user, _company in pairs}),
                    companies=sorted({company for _user, company in pairs}),
                )
            )
            managers = {
                (user, company): manager for user, company, manager in self.env.cr.fetchall()
            }
        for case in self:
            manager = managers.get((case.user_id.id, case.company_id.id))
            case.supervisor_user_id = self.env["res.users"].browse(manager)

    @api.depends(
        "service_start_date",
        "extension",
        "program_id.service_duration",
        "program_id.duration_unit",
    )
    def _compute_planned_end_date(self):
        for case in self:
            if case.program_id and case.service_start_date:
                case.planned_end_date = case.program_id.get_planned_end_date(
                    case.service_start_date, case.extension
                )
            else:
                case.planned_end_date = False

    def _compute_counts(self):
        def count(model, extra=()):
            groups = self.env[model]._read_group(
                Domain([("case_id", "in", self.ids), *extra]),
                ["case_id"],
                ["__count"],
            )
            return {case.id: n for case, n in groups}

        notes = count("rrs.case.note") if self.env["rrs.case.note"].has_access("read") else {}
        late = (
            count("rrs.case.note", [("is_late", "=", True)])
            if self.env["rrs.case.note"].has_access("read")
            else {}
        )
        consents = count("rrs.consent") if self.env["rrs.consent"].has_access("read") else {}
        referrals = count("rrs.referral") if self.env["rrs.referral"].has_access("read") else {}
        plans = count("rrs.service.plan") if self.env["rrs.service.plan"].has_access("read") else {}
        reviews = count("rrs.case.review") if self.env["rrs.case.review"].has_access("read") else {}
        for case in self:
            case.plan_count = plans.get(case.id, 0)
            case.review_count = reviews.get(case.id, 0)
            case.note_count = notes.get(case.id, 0)
            case.late_note_count = late.get(case.id, 0)
            case.consent_count = consents.get(case.id, 0)
            case.referral_count = referrals.get(case.id, 0)

    def _compute_incident_count(self):
        counts = {}
        if self.env["rrs.incident"].has_access("read"):
            counts = {
                case.id: n
                for case, n in self.env["rrs.incident"]._read_group(
                    [("case_id", "in", self.ids)], ["case_id"], ["__count"]
                )
            }
        for case in self:
            case.incident_count = counts.get(case.id, 0)

    @api.depends("primary_language_id")
    def _compute_document_language_id(self):
        for case in self:
            case.document_language_id = case.primary_language_id

    def _rrs_document_lang(self):
        """``(Odoo language code, fallback)`` of the client's documents (see
        ``rrs.language._rrs_document_lang``)."""
        self.ensure_one()
        return self.document_language_id._rrs_document_lang(self.company_id)

    def _compute_restricted(self):
        """A hook: no case is restricted in the core; rrs_minors restricts minors' cases."""
        for case in self:
            case.restricted = False

    @api.depends("state", "closing_date", "program_id.retention_years", "note_ids.contact_date")
    def _compute_retention_until_date(self):
        for case in self:
            case.retention_until_date = case._get_retention_until()

    def _get_retention_until(self):
        """Last day the records must be kept (rule REC-3); a hook for program-specific rules."""
        self.ensure_one()
        if self.state != "closed" or not self.closing_date:
            return False
        last_entry = max([self.closing_date, *self.note_ids.mapped("contact_date")])
        return last_entry + relativedelta(years=self.program_id.retention_years)

    @api.depends("state")
    def _compute_waiting_since(self):
        today = fields.Date.context_today(self)
        for case in self:
            if case.state == "waiting" and not case.waiting_since:
                case.waiting_since = today

    @api.depends("service_plan_ids.state")
    def _compute_current_plan_id(self):
        for case in self:
            case.current_plan_id = case.service_plan_ids.filtered(lambda p: p.state == "signed")[:1]

    @api.depends(
        "service_start_date",
        "state",
        "program_id.review_interval_months",
        "review_ids.state",
        "review_ids.review_date",
    )
    def _compute_review_dates(self):
        # rule PLAN-4: at least every review interval (quarterly by default)
        for case in self:
            done = case.review_ids.filtered(lambda r: r.state == "done" and r.review_date)
            case.last_review_date = max(done.mapped("review_date"), default=False)
            start = case.last_review_date or case.service_start_date
            if start and case.state in ("active", "closing"):
                case.next_review_date = start + relativedelta(
                    months=case.program_id.review_interval_months
                )
            else:
                case.next_review_date = False

    @api.depends(
        "member_ids.partner_id",
        "member_ids.birthdate_date",
        "member_ids.relationship",
        "consent_ids",
        "consent_ids.signature_date",
        "consent_ids.countersign_date",
        "consent_ids.revoked",
    )
    def _compute_consent_missing(self):
        for case in self:
            case.consent_missing = "\n".join(case._get_missing_forms()) or False

    # -------------------------------------------------------------- constraints
    @api.constrains("arrival_date", "intake_date")
    def _check_dates_not_future(self):
        today = fields.Date.context_today(self)
        for case in self:
            if case.arrival_date and case.arrival_date > today:
                raise ValidationError(
                    self.env._(
                        "The arrival date (%(date)s) is in the future. Record the arrival date "
                        "once the family has arrived.",
                        date=case.arrival_date,
                    )
                )
            if case.intake_date > today:
                raise ValidationError(self.env._("The intake date cannot be in the future."))

    @api.constrains("member_ids")
    def _check_one_head(self):
        for case in self:
            heads = case.member_ids.filtered("is_head")
            if len(heads) > 1:
                raise ValidationError(
                    self.env._(
                        "A household has exactly one head. %(names)s are all marked as head "
                        "of household in case %(case)s.",
                        names=", ".join(heads.partner_id.mapped("name")),
                        case=case.name,
                    )
                )

    @api.constrains("user_id", "secondary_user_ids")
    def _check_workers_are_case_workers(self):
        group = self.env.ref("rrs_case.group_case_worker")
        for case in self:
            for user in case.user_id | case.secondary_user_ids:
                if group not in user.all_group_ids:
                    raise ValidationError(
                        self.env._(
                            "%(user)s is not a case worker and cannot be assigned to a case.",
                            user=user.name,
                        )
                    )

    @api.constrains("user_id", "program_id", "state")
    def _check_caseload_cap(self):
        cases = self.filtered(lambda c: c.state in OPEN_STATES)
        if not cases:
            return
        counts = cases.user_id.rrs_caseload(cases.program_id, with_clients=False)
        for case in cases:
            load = counts.get((case.user_id.id, case.program_id.id))
            count = load.cases if load else 0
            if count > case.program_id.caseload_cap:
                raise ValidationError(
                    self.env._(
                        "%(user)s already has %(count)s open cases in %(program)s; the program "
                        "allows at most %(cap)s per case worker. Assign the case to another "
                        "worker or close a case first.",
                        user=case.user_id.name,
                        count=count - 1,
                        program=case.program_id.name,
                        cap=case.program_id.caseload_cap,
                    )
                )

    def _open_caseload(self, user, program):
        """Open cases of ``user`` in ``program`` other than this one (rules STF-1, PRS-9)."""
        load = user.rrs_caseload(program, exclude_cases=self._origin, with_clients=False).get(
            (user.id, program.id)
        )
        return load.cases if load else 0

    def _caseload_above_target(self, count):
        """The warning for a primary worker with ``count`` other open cases in the program,
        or False while this case keeps them within the target (rules PRS-9, STF-1)."""
        self.ensure_one()
        if count < self.program_id.caseload_target:
            return False
        return self.env._(
            "%(user)s already has %(count)s open cases in %(program)s: this one goes above "
            "the target of %(target)s per worker (never more than %(cap)s).",
            user=self.user_id.name,
            count=count,
            program=self.program_id.name,
            target=self.program_id.caseload_target,
            cap=self.program_id.caseload_cap,
        )

    @api.depends("user_id", "program_id", "state")
    def _compute_caseload_warning(self):
        """The onchange warning, as a field an API client reads too (rule PRS-9)."""
        concerned = self.filtered(lambda c: c.user_id and c.program_id and c.state in OPEN_STATES)
        (self - concerned).caseload_warning = False
        if not concerned:
            return
        others = {
            key: load.cases
            for key, load in concerned.user_id.rrs_caseload(
                concerned.program_id, exclude_cases=concerned._origin, with_clients=False
            ).items()
        }
        # the open cases of the same worker and program in this batch count too
        batch = {}
        for case in concerned:
            key = (case.user_id.id, case.program_id.id)
            batch[key] = batch.get(key, 0) + 1
        for case in concerned:
            key = (case.user_id.id, case.program_id.id)
            case.caseload_warning = case._caseload_above_target(others.get(key, 0) + batch[key] - 1)

    @api.onchange("user_id", "program_id")
    def _onchange_caseload_target(self):
        """Warn before a worker goes above the program's caseload target (rule PRS-9)."""
        if not (self.user_id and self.program_id) or self.state not in OPEN_STATES:
            return None
        message = self._caseload_above_target(self._open_caseload(self.user_id, self.program_id))
        if not message:
            return None
        return {"warning": {"title": self.env._("Caseload above target"), "message": message}}

    @api.constrains("extension", "program_id")
    def _check_extension(self):
        for case in self:
            if case.extension > case.program_id.max_extension:
                raise ValidationError(
                    self.env._(
                        "%(program)s allows an extension of at most %(max)s %(unit)s.",
                        program=case.program_id.name,
                        max=case.program_id.max_extension,
                        unit=dict(case.program_id._fields["duration_unit"].selection)[
                            case.program_id.duration_unit
                        ].lower(),
                    )
                )
            if case.extension and not case.extension_reason:
                raise ValidationError(self.env._("Record why the service is extended."))

    @api.constrains(
        "state",
        "immigration_category_id",
        "program_id",
        "closing_user_id",
        "applicant_informed_date",
        "closing_reason",
        "closing_summary",
        "referred_out_partner_id",
        "waiting_reason",
        "aftercare_plan_date",
        "closing_date",
    )
    def _check_state_preconditions(self):
        self._raise_state_problems()

    def _get_state_problems(self, state=None):
        """What stops this case from being in ``state`` (default: its current stage).

        A hook: other addons (service plans, aftercare) add their own conditions.
        """
        self.ensure_one()
        problems = []
        state = state or self.state
        if state in ("waiting", *ACCEPTED_STATES) and not self.applicant_informed_date:
            # rule INT-2
            problems.append(
                self.env._(
                    "record when the applicant was told how their request matches "
                    "our services and when they are available"
                )
            )
        if state == "waiting" and not self.waiting_reason:
            problems.append(self.env._("say why the applicant is on the waiting list"))
        if state in ACCEPTED_STATES:
            if not self.immigration_category_id:
                problems.append(self.env._("record the immigration category"))
            elif (
                self.program_id.category_ids
                and self.immigration_category_id not in self.program_id.category_ids
            ):
                # rule ELIG-1
                problems.append(
                    self.env._(
                        "%(program)s does not serve the category “%(category)s”",
                        program=self.program_id.name,
                        category=self.immigration_category_id.name,
                    )
                )
            if not self.head_partner_id:
                problems.append(self.env._("add the head of household to the household"))
            if not self.closing_user_id:
                # rule CLO-1
                problems.append(self.env._("assign who is responsible for planning the closing"))
        if state == "closed":
            if not self.closing_reason:
                problems.append(self.env._("give the reason for closing"))
            elif self.closing_reason == "referred_out":
                if not self.referred_out_partner_id:
                    problems.append(self.env._("name the organisation the case is referred to"))
            elif not self.closing_summary:
                problems.append(self.env._("write the closing summary"))
            if self.service_start_date:
                problems += self._get_aftercare_problems()
        return problems

    def _get_aftercare_problems(self):
        """Rule CLO-2: an aftercare plan made in advance, or a formal closing evaluation."""
        problems = []
        if self.closing_requirement == "evaluation":
            if not self.closing_evaluation:
                problems.append(self.env._("write the closing evaluation"))
            if not self.unmet_needs:
                problems.append(self.env._("record the unmet needs (or that there are none)"))
            return problems
        if not (self.aftercare_short_term_needs and self.aftercare_long_term_needs):
            problems.append(self.env._("record the short- and long-term needs for aftercare"))
        if not self.aftercare_supports:
            problems.append(self.env._("record the supports that continue after closing"))
        closing_day = self.closing_date or fields.Date.context_today(self)
        if not self.aftercare_plan_date:
            problems.append(self.env._("record when the aftercare plan was made"))
        elif self.aftercare_plan_date > closing_day:
            problems.append(
                self.env._(
                    "the aftercare plan is made before closing, not after (planned on "
                    "%(planned)s, closing on %(closing)s)",
                    planned=self.aftercare_plan_date,
                    closing=closing_day,
                )
            )
        return problems

    def _raise_state_problems(self, state=None):
        for case in self:
            problems = case._get_state_problems(state)
            if problems:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s cannot be in stage “%(stage)s” yet:\n- %(problems)s",
                        case=case.name,
                        stage=dict(self._fields["state"].selection)[state or case.state],
                        problems="\n- ".join(problems),
                    )
                )

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        by_company = {}
        for vals in vals_list:
            if vals.get("name", "New") == "New":
                company_id = vals.get("company_id") or self.env.company.id
                by_company.setdefault(company_id, []).append(vals)
        for company_id, todo in by_company.items():
            sequences = self.env["ir.sequence"].with_company(company_id)
            for vals, number in zip(
                todo, next_numbers(sequences, "rrs.case", len(todo)), strict=True
            ):
                vals["name"] = number or "New"
        for vals in vals_list:
            if "closing_user_id" not in vals:
                vals["closing_user_id"] = vals.get("user_id") or self.env.user.id
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            # the caller's right to write these cases comes before any rule of the suite
            self.check_access("write")
        if (
            "user_id" in vals
            and not self.env.su
            and not self.env.user.has_group("rrs_case.group_supervisor")
            and any(case.user_id.id != vals["user_id"] for case in self)
        ):
            raise UserError(
                self.env._(
                    "Only a supervisor or a program manager assigns the primary case worker. "
                    "Add a colleague as secondary worker, or ask your supervisor to reassign "
                    "the case."
                )
            )
        if (
            "litigation_hold" in vals
            and not self.env.su
            and not self.env.user.has_group("rrs_case.group_program_manager")
        ):
            raise UserError(
                self.env._("Only a program manager puts records on litigation hold or lifts it.")
            )
        if self.env.su and vals.get("state") == "closed" and "closing_date" not in vals:
            # trusted code (data files, scripts) closing a case: dated as the move would date it
            today = fields.Date.context_today(self)
            undated = self.filtered(lambda c: not c.closing_date)
            if undated and undated != self:
                super(RrsCase, undated).write(dict(vals, closing_date=today))
                return super(RrsCase, self - undated).write(vals)
            if undated:
                vals = dict(vals, closing_date=today)
        return super().write(vals)

    @api.depends("name", "head_partner_id")
    @api.depends_context("uid")
    @api.depends_context("uid")
    def _compute_emergency_access_open(self):
        opened = self._rrs_emergency_open_ids()
        for case in self:
            case.emergency_access_open = case.id in opened

    @api.private
    def _rrs_emergency_open_ids(self):
        """Ids of the cases the current user's emergency accesses open at this minute."""
        now = fields.Datetime.now()
        return {
            case_id
            for case_id, expiry in self._rrs_emergency_expiries().items()
            if expiry and expiry > now
        }

    @api.model
    def _rrs_cases_of_workers_sql(self, user_ids):
        """The query of the ids of the cases ``user_ids`` work on (primary or secondary), read
        from the workers' index: the supervisors' rules on the records of the team's cases
        test their case against it instead of joining every case (issue 17)."""
        self.flush_model(["worker_user_ids"])
        return SQL(
            "SELECT rel.case_id FROM rrs_case_worker_user_rel rel WHERE rel.user_id = ANY(%s)",
            list(user_ids),
        )

    @api.private
    def _rrs_emergency_expiries(self):
        """``{case id: expiry}`` of the current user's open emergency accesses, read once per
        transaction: the record rules evaluate ``emergency_access_open`` on every record they
        check in memory, and most users have none. A new or ended access clears it."""
        cache = self.env.cr.cache.setdefault("rrs_emergency_access", {})
        if self.env.uid not in cache:
            self.env["rrs.case.emergency.access"].flush_model(
                ["case_id", "user_id", "state", "expiry_date"]
            )
            rows = self.env.execute_query(
                SQL(
                    "SELECT case_id, MAX(expiry_date) FROM rrs_case_emergency_access "
                    "WHERE user_id = %s AND state = 'active' GROUP BY case_id",
                    self.env.uid,
                )
            )
            cache[self.env.uid] = dict(rows)
        return cache[self.env.uid]

    def _search_emergency_access_open(self, operator, value):
        """Cases the current user opened in an emergency and whose access has not expired: the
        time is compared at every search (the rule cache keeps the domain, not its result), so
        the access ends at its expiry to the minute, before the cron records it (REC-4).

        The ids are literal, read once per transaction: most users have none, and then the
        condition is false and drops out of the rules' OR, so a supervisor's list starts from
        the team's cases (an index on the workers' relation) instead of filtering every case
        of the database with a subquery (issue 17)."""
        if operator != "in":
            return NotImplemented
        if True in value and False in value:
            return []
        opened = list(self._rrs_emergency_open_ids())
        return [("id", "in" if True in value else "not in", opened)]

    @api.depends("name", "restricted", "head_partner_id.name")
    @api.depends_context("uid")
    def _compute_display_name(self):
        # Per user (depends_context): a name computed for case staff, cached, must not reach
        # another role. The web client shows a link's name with sudo(): a restricted case (a
        # minor's record, REC-1) linked from a record another role may read (an assistance
        # payment) shows its number only, never the family's name.
        staff = self.env.user.has_group("rrs_case.group_case_worker")
        for case in self:
            if case.restricted and not staff:
                case.display_name = case.name
            elif case.head_partner_id:
                case.display_name = f"{case.name} – {case.head_partner_id.name}"
            else:
                case.display_name = case.name

    # ------------------------------------------------------------------ actions
    def _check_state_in(self, states, action):
        for case in self:
            if case.state not in states:
                raise UserError(
                    self.env._(
                        "%(action)s is not possible for case %(case)s in stage “%(stage)s”.",
                        action=action,
                        case=case.name,
                        stage=dict(self._fields["state"].selection)[case.state],
                    )
                )

    # ------------------------------------------------------------------- moves
    def _rrs_moves(self):
        """Every stage change of a case, by button, import or API (rules ELIG-1, INT-1, INT-2,
        CON-1, CLO-1, CLO-2): the one place an upper addon extends."""
        return {
            ("intake", "assessment"): "_rrs_move_accept",
            ("waiting", "assessment"): "_rrs_move_accept",
            ("intake", "waiting"): "_rrs_move_waitlist",
            ("intake", "closed"): "_rrs_move_refer_out",
            ("waiting", "closed"): "_rrs_move_refer_out",
            ("assessment", "active"): "_rrs_move_start_service",
            ("active", "closing"): "_rrs_move_start_closing",
            ("closing", "closed"): "_rrs_move_close",
            ("closed", "active"): "_rrs_move_reopen",
            ("closed", "intake"): "_rrs_move_reopen",
        }

    def _rrs_move_accept(self, target):
        self._raise_state_problems(target)
        return {}

    def _rrs_move_waitlist(self, target):
        self._raise_state_problems(target)
        return {}

    def _rrs_move_start_closing(self, target):
        self._raise_state_problems(target)
        return {}

    def _rrs_move_refer_out(self, target):
        """The agency cannot serve: refer out and close (rule INT-1)."""
        if self.closing_reason != "referred_out" or not self.referred_out_partner_id:
            raise UserError(
                self.env._(
                    "Choose the organisation case %(case)s is referred to first.", case=self.name
                )
            )
        if not self.applicant_informed_date:
            # rule INT-2: the applicant is told why and where they are referred
            raise UserError(
                self.env._(
                    "Record when the applicant of case %(case)s was told about the referral.",
                    case=self.name,
                )
            )
        return {"closing_date": fields.Date.context_today(self)}

    def _rrs_move_start_service(self, target):
        """Assessment -> in service: the signed forms must be on file (rule CON-1)."""
        self._raise_state_problems(target)
        missing = self._get_missing_forms()
        if missing:
            raise UserError(
                self.env._(
                    "Services for case %(case)s can start once these forms are signed:"
                    "\n- %(missing)s",
                    case=self.name,
                    missing="\n- ".join(missing),
                )
            )
        if self.service_start_date:
            return {}
        return {"service_start_date": fields.Date.context_today(self)}

    def _rrs_move_close(self, target):
        """Closing -> closed (rules CLO-1, CLO-2); the closing date is the day it happens."""
        self._raise_state_problems(target)
        return {"closing_date": fields.Date.context_today(self)}

    def _rrs_move_reopen(self, target):
        """A recorded reopening by a supervisor or a program manager, never a plain edit."""
        if not self.env.user.has_group("rrs_case.group_supervisor"):
            raise AccessError(self.env._("Only a supervisor or a program manager reopens a case."))
        expected = "active" if self.service_start_date else "intake"
        if target != expected:
            raise UserError(
                self.env._(
                    "Case %(case)s reopens to “%(stage)s”.",
                    case=self.name,
                    stage=self._rrs_state_label(expected),
                )
            )
        # rule ELIG-2: the head may meanwhile head another open household
        self.member_ids.filtered("is_head")._check_head_of_one_household_open_elsewhere()
        return {
            "closing_reason": False,
            "closing_date": False,
            "reopened_date": fields.Date.context_today(self),
            "reopen_count": self.reopen_count + 1,
        }

    def _rrs_after_move(self, source, target):
        res = super()._rrs_after_move(source, target)
        if source == "closed":
            self.message_post(
                body=self.env._("Case reopened by %(user)s.", user=self.env.user.name)
            )
        return res

    # ------------------------------------------------------------------ actions
    def action_accept(self):
        """Intake or waiting list -> assessment (rules ELIG-1, INT-2, CLO-1)."""
        self._check_state_in(("intake", "waiting"), self.env._("Accepting"))
        return self._rrs_move("assessment")

    def action_waitlist(self):
        """The agency cannot serve promptly: the applicant waits (rule INT-1)."""
        self._check_state_in(("intake",), self.env._("Putting on the waiting list"))
        return self._rrs_move("waiting")

    def action_refer_out(self):
        """The agency cannot serve: refer out and close (rule INT-1)."""
        self._check_state_in(("intake", "waiting"), self.env._("Referring out"))
        self.check_access("write")
        for case in self:
            if case.closing_reason != "referred_out":
                case.closing_reason = "referred_out"
        return self._rrs_move("closed")

    def action_start_service(self):
        """Assessment -> in service: the signed forms must be on file (rule CON-1)."""
        self._check_state_in(("assessment",), self.env._("Starting services"))
        return self._rrs_move("active")

    def action_start_closing(self):
        self._check_state_in(("active",), self.env._("Starting the closing"))
        return self._rrs_move("closing")

    def action_close(self):
        """Closing -> closed; the preconditions are checked by ``_get_state_problems``."""
        self._check_state_in(("closing",), self.env._("Closing"))
        return self._rrs_move("closed")

    def action_reopen(self):
        if not self.env.user.has_group("rrs_case.group_supervisor"):
            raise AccessError(self.env._("Only a supervisor or a program manager reopens a case."))
        self._check_state_in(("closed",), self.env._("Reopening"))
        for case in self:
            case._rrs_move("active" if case.service_start_date else "intake")
        return True

    def _action_related(self, xmlid, field="case_id"):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [(field, "=", self.id)]
        action["context"] = {f"default_{field}": self.id}
        return action

    def action_view_notes(self):
        return self._action_related("rrs_case.rrs_case_note_action")

    def action_view_consents(self):
        return self._action_related("rrs_case.rrs_consent_action")

    def action_view_referrals(self):
        return self._action_related("rrs_case.rrs_referral_action")

    def action_view_plans(self):
        return self._action_related("rrs_case.rrs_service_plan_action")

    def action_view_reviews(self):
        return self._action_related("rrs_case.rrs_case_review_action")

    def action_view_incidents(self):
        return self._action_related("rrs_case.rrs_incident_action")

    def action_view_history(self):
        """The case's change history (REC-4): its creates, writes and deletes and those of its
        records, as the reader's record rules on auditlog.log allow."""
        action = self._action_related("rrs_case.rrs_auditlog_log_action", field="rrs_case_id")
        action["context"] = {}
        return action

    def action_new_plan(self):
        """Open the plan being drafted, or start one (a revision of the current plan)."""
        self.ensure_one()
        draft = self.service_plan_ids.filtered(lambda p: p.state == "draft")[:1]
        if not draft and self.current_plan_id:
            return self.current_plan_id.action_revise()
        if not draft:
            draft = self.env["rrs.service.plan"].create({"case_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "rrs.service.plan",
            "res_id": draft.id,
            "view_mode": "form",
        }

    # ---------------------------------------------------------- disposal (REC-3)
    def _get_disposal_counts(self):
        """What disposing of this case destroys, as (label, count); a hook for upper addons."""
        self.ensure_one()
        counted = [
            (self.env._("household members"), self.member_ids),
            (self.env._("case notes"), self.note_ids),
            (self.env._("consents and forms"), self.consent_ids),
            (self.env._("referrals"), self.referral_ids),
            (self.env._("service plans"), self.service_plan_ids),
            (self.env._("case reviews"), self.review_ids),
            (self.env._("home visits"), self.home_visit_ids),
            (self.env._("case-management activities"), self.case_activity_ids),
            (
                self.env._("incident reports"),
                # sudo(): counts the case's incident reports, including colleagues' drafts,
                # for the program manager who disposes of the case
                self.env["rrs.incident"].sudo().search([("case_id", "=", self.id)]),
            ),
        ]
        return [(label, len(records)) for label, records in counted if records]

    def _before_disposal(self):
        """Remove what the database would not cascade (a hook for upper addons): the calendar
        events of the home visits (the visit extends the event, not the other way round), and
        the records of the case through the ORM, so that their files (the kept copies of signed
        letters and agreements), messages and activities go with them."""
        self.home_visit_ids.event_id.unlink()
        plans = self.service_plan_ids
        (self.note_ids.letter_attachment_ids | plans.agreement_attachment_id).unlink()
        plans.goal_ids.unlink()
        incidents = self.env["rrs.incident"].search([("case_id", "in", self.ids)])
        for records in (
            plans,
            self.note_ids,
            self.consent_ids,
            self.referral_ids,
            self.review_ids,
            incidents,
        ):
            records.unlink()

    def action_dispose(self):
        """Destroy the records of closed cases past their retention, leaving proof (REC-3)."""
        if not self.env.user.has_group("rrs_case.group_program_manager"):
            raise AccessError(self.env._("Only a program manager disposes of case records."))
        today = fields.Date.context_today(self)
        for case in self:
            if case.state != "closed" or not case.retention_until_date:
                raise UserError(
                    self.env._("Case %(case)s is not closed: its records are kept.", case=case.name)
                )
            if case.retention_until_date >= today:
                raise UserError(
                    self.env._(
                        "The records of case %(case)s are kept until %(date)s.",
                        case=case.name,
                        date=case.retention_until_date,
                    )
                )
            if case.litigation_hold:
                raise UserError(
                    self.env._(
                        "Case %(case)s is on litigation hold: its records are kept until the "
                        "hold is lifted.",
                        case=case.name,
                    )
                )
        Disposal = self.env["rrs.record.disposal"]
        for case in self:
            # sudo(): the checks above passed; the program manager destroys every record of
            # the case, including those no one may delete in normal work, and leaves proof.
            case = case.sudo()
            counts = case._get_disposal_counts()
            Disposal.sudo().create(
                {
                    "name": case.name,
                    "company_id": case.company_id.id,
                    "program_id": case.program_id.id,
                    "closing_date": case.closing_date,
                    "retention_until_date": case.retention_until_date,
                    "disposed_date": fields.Datetime.now(),
                    "user_id": self.env.user.id,
                    "authority": self.env._(
                        "Retention of %(program)s: %(years)s years after the last entry",
                        program=case.program_id.name,
                        years=case.program_id.retention_years,
                    ),
                    "record_counts": "\n".join(f"{label}: {n}" for label, n in counts),
                }
            )
            people = case.member_ids.partner_id
            with rrs_disposing():
                case._before_disposal()
                case.unlink()
                people._rrs_dispose_people()
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_case_record(self):
        """A case that was accepted is part of the record: it goes only by disposal (REC-3)."""
        if is_disposing():
            return
        kept = self.filtered(lambda c: c.state not in ("intake", "waiting") or c.note_ids)
        if kept:
            raise UserError(
                self.env._(
                    "Case %(case)s is part of the agency's records: it is destroyed only by "
                    "disposal once its retention period is over.",
                    case=kept[0].name,
                )
            )

    def action_open_close_wizard(self):
        """Closing is a guided step (rules CLO-1, CLO-2)."""
        self.ensure_one()
        self._check_state_in(("closing",), self.env._("Closing"))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "rrs_case.rrs_case_close_wizard_action"
        )
        action["context"] = {"default_case_id": self.id}
        return action

    # --------------------------------------------------------- business logic
    def _get_missing_forms(self):
        """Forms still to be signed for this case (rule CON-1).

        Adults (18+) sign the confidentiality form (countersigned by staff) and the Client
        Charter themselves; minors are covered by the forms of the head of household or a
        spouse, or by a form their guardian signed for them.
        """
        self.ensure_one()
        missing = []
        consents = self.consent_ids.filtered(lambda c: c._is_valid())
        for kind, label in (
            ("confidentiality", self.env._("Confidentiality form")),
            ("charter", self.env._("Client Charter")),
        ):
            signed = consents.filtered(lambda c, kind=kind: c.consent_type == kind)
            own = signed.filtered(lambda c: c.signer_role == "client")
            family_signers = own.filtered(lambda c: c.member_id.relationship in ("head", "spouse"))
            for member in self.member_ids:
                if member.is_minor:
                    covered = family_signers or signed.filtered(
                        lambda c, m=member: c.signer_role == "guardian" and c.member_id == m
                    )
                else:
                    covered = own.filtered(lambda c, m=member: c.member_id == m)
                if not covered and member.is_minor:
                    missing.append(
                        self.env._(
                            "%(label)s: %(name)s (signed by a parent or guardian)",
                            label=label,
                            name=member.partner_id.name,
                        )
                    )
                elif not covered:
                    missing.append(f"{label}: {member.partner_id.name}")
                elif kind == "confidentiality" and not covered.filtered("countersign_date"):
                    missing.append(
                        self.env._(
                            "%(label)s: %(name)s (staff countersignature missing)",
                            label=label,
                            name=member.partner_id.name,
                        )
                    )
        return missing

    def _check_supervisor_of(self, user, action):
        """``user`` supervises the case's worker, or manages programs, and is not its worker.

        A worker never signs or reviews as their own supervisor (rules PLAN-4, PLAN-5).
        """
        for case in self:
            if user in case.worker_user_ids:
                raise AccessError(
                    self.env._(
                        "%(user)s works on case %(case)s and cannot %(action)s as its supervisor.",
                        user=user.name,
                        case=case.name,
                        action=action,
                    )
                )
            if user.has_group("rrs_case.group_program_manager"):
                continue
            if not user.has_group("rrs_case.group_supervisor") or (
                case.user_id.id not in user.rrs_supervised_user_ids()
            ):
                raise AccessError(
                    self.env._(
                        "Only the supervisor of %(worker)s or a program manager can %(action)s.",
                        worker=case.user_id.name,
                        action=action,
                    )
                )

    # ----------------------------------------------------------------- import
    @api.model
    def get_import_templates(self):
        """Issue 9: a template for importing cases with their households, one row per person."""
        return [
            {
                "label": self.env._("Import template for cases with their households"),
                "template": "/rrs_case/static/import/rrs_case_import_template.csv",
            }
        ]

    # ------------------------------------------------------------------- cron
    @api.model
    def _cron_case_reviews(self):
        """Daily: an activity for each case whose review is coming due (rule PLAN-4)."""
        domain = [
            ("state", "in", ("active", "closing")),
            ("next_review_date", "!=", False),
            ("next_review_date", "<=", fields.Date.context_today(self) + relativedelta(days=14)),
        ]
        self._rrs_run_in_batches(domain, "_schedule_review_activities", 500)

    def _schedule_review_activities(self):
        """One batch: the supervisor (or the self-reviewing worker) is reminded once."""
        self_reviewers = {
            user.id for user in self.user_id if user._rrs_reviews_own_cases(self.env.company)
        }

        def values_for(case):
            user = case.user_id if case.user_id.id in self_reviewers else case.supervisor_user_id
            return {
                "user_id": (user or case.user_id).id,
                "date_deadline": case.next_review_date,
                "summary": self.env._("Case review due"),
            }

        # No e-mail per reminder: the activity is in the reviewer's activity menu, and an
        # assignment e-mail costs a dozen queries per case (see docs/benchmarks.md).
        self._rrs_schedule_activities(
            "rrs_case.mail_activity_type_case_review", values_for, notify=False
        )

    def _check_sharing_allowed(self, partner, on_date, legal_exception, justification, what):
        """The release of information that allows sharing with ``partner`` (rule CON-2).

        Without one, a recorded legal exception with its justification allows it (returns no
        release); otherwise the sharing is refused with a message naming the party.
        """
        self.ensure_one()
        consent = self.get_valid_release(partner, on_date)
        if consent:
            return consent
        if not legal_exception:
            raise UserError(
                self.env._(
                    "No valid release of information names %(party)s. Have the client sign one, "
                    "record the legal exception that allows sharing, or send %(what)s without "
                    "client information.",
                    party=partner.display_name,
                    what=what,
                )
            )
        if not justification:
            raise UserError(
                self.env._("Explain why the legal exception applies to %(what)s.", what=what)
            )
        return self.env["rrs.consent"]

    @api.private
    def get_valid_release(self, partner, on_date=None):
        """A release of information naming ``partner`` valid on ``on_date`` (rule CON-2)."""
        self.ensure_one()
        on_date = on_date or fields.Date.context_today(self)
        return self.consent_ids.filtered(
            lambda c: (
                c.consent_type == "release"
                and c.party_partner_id.commercial_partner_id == partner.commercial_partner_id
                and c._is_valid(on_date)
            )
        )[:1]
