# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: E501 - the texts to break are the code's own lines, as long as they are
"""The table of ``scripts/mutate`` (issue 18): small deliberate breaks of the rules' code, one
per entry. ``old`` is found exactly once in ``file`` (``scripts/mutate`` checks it before
running: when the code changes, update the entry); ``new`` replaces it for one run of the
tests whose names carry the rule's key (``PLAN-4`` -> ``pytest -k plan4``).
"""

MUTATIONS = [
    # ------------------------------------------------------------------ rrs_case
    {
        "rule": "ELIG-1",
        "file": "addons/rrs_case/models/rrs_case.py",
        "old": "and self.immigration_category_id not in self.program_id.category_ids",
        "new": "and not self.immigration_category_id",
        "why": "category-served check replaced by an always-false test (elif branch has a "
        "category): a program accepts categories it does not serve",
    },
    {
        "rule": "ELIG-2",
        "file": "addons/rrs_case/models/rrs_case.py",
        "old": "for user in case.user_id | case.secondary_user_ids:",
        "new": "for user in case.secondary_user_ids:",
        "why": "the primary worker is no longer checked to be in the Case Worker group",
    },
    {
        "rule": "INT-1",
        "file": "addons/rrs_case/models/rrs_case.py",
        "old": '_order = "priority desc, intake_date desc, id desc"',
        "new": '_order = "intake_date desc, id desc"',
        "why": "urgent and emergency cases no longer come first in case lists",
    },
    {
        "rule": "INT-2",
        "file": "addons/rrs_case/models/rrs_case.py",
        "old": 'if state in ("waiting", *ACCEPTED_STATES) and not self.applicant_informed_date:',
        "new": 'if state == "waiting" and not self.applicant_informed_date:',
        "why": "accepting a case no longer requires the date the applicant was informed",
    },
    {
        "rule": "CLO-1",
        "file": "addons/rrs_case/models/rrs_case.py",
        "old": 'vals["closing_user_id"] = vals.get("user_id") or self.env.user.id',
        "new": 'vals["closing_user_id"] = self.env.user.id',
        "why": "closing responsible defaults to whoever creates the case, not the primary worker",
    },
    {
        "rule": "CLO-2",
        "file": "addons/rrs_case/models/rrs_case.py",
        "old": "elif self.aftercare_plan_date > closing_day:",
        "new": "elif self.aftercare_plan_date >= closing_day:",
        "why": "off-by-one: an aftercare plan made on the closing day is refused",
    },
    {
        "rule": "PLAN-4",
        "file": "addons/rrs_case/models/rrs_case.py",
        "old": "start = case.last_review_date or case.service_start_date",
        "new": "start = case.service_start_date",
        "why": "next review date ignores the last completed review (always from service start)",
    },
    {
        "rule": "REC-1",
        "file": "addons/rrs_case/models/rrs_case.py",
        "old": 'staff = self.env.user.has_group("rrs_case.group_case_worker")',
        "new": 'staff = self.env.user.has_group("base.group_user")',
        "why": "any internal user (finance, auditors) counts as case staff: a restricted "
        "(minor's) case shows the family's name to finance",
    },
    {
        "rule": "REC-3",
        "file": "addons/rrs_case/models/rrs_case.py",
        "old": "if case.retention_until_date >= today:",
        "new": "if case.retention_until_date > today:",
        "why": "off-by-one: disposal allowed on the last day of the retention period",
    },
    {
        "rule": "PRS-9",
        "file": "addons/rrs_case/models/rrs_case.py",
        "old": "if count > case.program_id.caseload_cap:",
        "new": "if count >= case.program_id.caseload_cap:",
        "why": "off-by-one: the 40th case (at the hard cap) is refused",
    },
    {
        "rule": "CON-1",
        "file": "addons/rrs_case/models/rrs_case_member.py",
        "old": "relativedelta(on_date, birth).years >= ADULT_AGE",
        "new": "relativedelta(on_date, birth).years > ADULT_AGE",
        "why": "off-by-one: a youth is not an adult on their 18th birthday (cannot sign own forms)",
    },
    {
        "rule": "PLAN-2",
        "file": "addons/rrs_case/models/rrs_case_member.py",
        "old": "self.age < PARTICIPATION_AGE",
        "new": "self.age <= PARTICIPATION_AGE",
        "why": "off-by-one: a child who is exactly 6 is treated as too young to take part",
    },
    {
        "rule": "CON-2",
        "file": "addons/rrs_case/models/rrs_consent.py",
        "old": "if not (consent.party_partner_id and consent.scope and consent.expiry_date):",
        "new": "if not (consent.party_partner_id and consent.scope):",
        "why": "a release of information without an expiry date is accepted",
    },
    {
        "rule": "REC-2",
        "file": "addons/rrs_case/models/rrs_case_note.py",
        "old": '                    (self.env._("its purpose"), note.purpose),\n',
        "new": "",
        "why": "a correspondence note no longer needs its purpose",
    },
    {
        "rule": "VIS-4",
        "file": "addons/rrs_case/models/rrs_case_note.py",
        "old": "days = note.case_id.program_id.note_deadline_days or 5",
        "new": "days = 5",
        "why": "hard-coded: the program's note deadline (business days) is ignored, always 5",
    },
    {
        "rule": "PLAN-1",
        "file": "addons/rrs_case/models/rrs_service_plan.py",
        "old": "            and self.worker_signature_date\n"
        "            and (self.supervisor_signature_date or not self.supervisor_required)\n",
        "new": "            and self.worker_signature_date\n",
        "why": "a plan counts as fully signed without the supervisor's signature where the "
        "program requires it",
    },
    {
        "rule": "PLAN-3",
        "file": "addons/rrs_case/models/rrs_service_plan.py",
        "old": '            if plan.state == "draft":\n'
        '                raise UserError(self.env._("Give the client the plan once it is signed."))',
        "new": '            if plan.state == "superseded":\n'
        '                raise UserError(self.env._("Give the client the plan once it is signed."))',
        "why": "the agreement can be marked given to the client while the plan is still a draft",
    },
    {
        "rule": "PLAN-5",
        "file": "addons/rrs_case/models/rrs_service_plan.py",
        "old": 'lambda p: p.state == "signed" and p != self',
        "new": 'lambda p: p.state == "signed" and p.version > self.version',
        "why": "signing a revision no longer supersedes the previous signed version",
    },
    {
        "rule": "PLAN-6",
        "file": "addons/rrs_case/models/rrs_referral.py",
        "old": '("follow_up_date", "<=", fields.Date.context_today(self))',
        "new": '("follow_up_date", "<", fields.Date.context_today(self))',
        "why": "off-by-one: the follow-up activity comes a day after the follow-up date",
    },
    {
        "rule": "REC-4",
        "file": "addons/rrs_case/models/rrs_case_emergency_access.py",
        "old": "not 0 < hours <= limit",
        "new": "not 0 < hours < limit",
        "why": "off-by-one: an emergency access for the company's maximum hours is refused",
    },
    {
        "rule": "REC-5",
        "file": "addons/rrs_case/models/rrs_incident.py",
        "old": "                shift_end = max(\n"
        "                    stop for i_start, stop in spans if i_start.astimezone(tz).date() == day\n"
        "                )\n",
        "new": "                shift_end = shift[1]\n",
        "why": "the lunch break ends the shift: a morning incident is due at noon, not at the "
        "end of the working day",
    },
    {
        "rule": "RES-1",
        "file": "addons/rrs_case/models/rrs_case_checklist_item.py",
        "old": "item.due_date = origin + relativedelta(days=line.due_days)",
        "new": "item.due_date = origin + relativedelta(days=line.due_days + 1)",
        "why": "off-by-one: each reception task falls due a day late",
    },
    {
        "rule": "RES-2",
        "file": "addons/rrs_case/models/rrs_case_services.py",
        "old": "for member in case.member_ids.filtered(lambda m: not m.is_minor):",
        "new": "for member in case.member_ids:",
        "why": "minors are listed as missing required orientation topics (adults only dropped)",
    },
    {
        "rule": "RES-4",
        "file": "addons/rrs_case/models/rrs_case_activity.py",
        "old": "if not 0 < activity.minutes <= MINUTES_PER_DAY:",
        "new": "if not 0 < activity.minutes < MINUTES_PER_DAY:",
        "why": "off-by-one: an activity of exactly 1,440 minutes (24 h) is refused",
    },
    {
        "rule": "VIS-1",
        "file": "addons/rrs_case/models/rrs_home_visit.py",
        "old": "visit.is_afternoon = local.hour + local.minute / 60 >= limit",
        "new": "visit.is_afternoon = local.hour + local.minute / 60 > limit",
        "why": "off-by-one: a visit starting exactly at the program's latest hour (12:00) "
        "counts as morning",
    },
    {
        "rule": "VIS-2",
        "file": "addons/rrs_case/models/rrs_home_visit.py",
        "old": 'for visit in self.filtered(lambda v: v.state != "cancelled"):',
        "new": 'for visit in self.filtered(lambda v: v.state not in ("cancelled", "planned")):',
        "why": "a visit can be planned at an address marked unsafe (checked only later)",
    },
    {
        "rule": "VIS-3",
        "file": "addons/rrs_case/models/rrs_home_visit_escalation.py",
        "old": 'if not {"worker_called", "client_contacted"} <= tried:',
        "new": 'if not {"worker_called"} <= tried:',
        "why": "police step allowed once the worker was called, without trying the client",
    },
    # ---------------------------------------------------------------- rrs_minors
    {
        "rule": "MIN-1",
        "file": "addons/rrs_minors/models/rrs_case.py",
        "old": 'case.restricted = case.is_prs or any(case.member_ids.mapped("separated_minor_category"))',
        "new": "case.restricted = case.is_prs",
        "why": "a household with a separated minor is no longer a restricted (minor's) record",
    },
    {
        "rule": "PRS-2",
        "file": "addons/rrs_minors/models/rrs_case.py",
        "old": 'last_visit = max([level_since, *visits.mapped("contact_date")])',
        "new": "last_visit = level_since",
        "why": "next monthly home visit ignores the visits made (always a month after the "
        "level's start)",
    },
    {
        "rule": "PRS-3",
        "file": "addons/rrs_minors/models/rrs_case.py",
        "old": "if (self.prs_tvpra or self.prs_home_study)",
        "new": "if self.prs_tvpra",
        "why": "home-study cases start from the referral, not from release",
    },
    {
        "rule": "PRS-4",
        "file": "addons/rrs_minors/models/rrs_case.py",
        "old": "return min(candidates)",
        "new": "return max(candidates)",
        "why": "services end at the latest of the end conditions instead of whichever comes first",
    },
    {
        "rule": "PRS-1",
        "file": "addons/rrs_minors/models/rrs_prs_safety_call.py",
        "old": 'if call.outcome == "no_concern" and worrying:',
        "new": 'if call.outcome == "no_concern" and len(worrying) > 1:',
        "why": "off-by-one: a single worrying answer can end the call with no concern",
    },
    {
        "rule": "PRS-5",
        "file": "addons/rrs_minors/models/rrs_case_note.py",
        "old": 'PRS_CONTACTS = ("meeting", "home_visit", "quarterly_checkin", "office_visit", "phone")',
        "new": 'PRS_CONTACTS = ("meeting", "quarterly_checkin", "office_visit", "phone")',
        "why": "home visits of a PRS case no longer record the service areas",
    },
    {
        "rule": "PRS-6",
        "file": "addons/rrs_minors/models/rrs_prs_report.py",
        "old": "                and c.call_date not in phone_days\n",
        "new": "",
        "why": "a safety call also written as a phone note that day is counted twice in the "
        "monthly report's contacts",
    },
    {
        "rule": "PRS-7",
        "file": "addons/rrs_minors/models/rrs_prs_concern.py",
        "old": "command[0] == Command.SET and set(self.agency_ids.ids) <= set(command[2])",
        "new": "command[0] == Command.SET",
        "why": "a notification of concern can lose agencies through a replace (SET) command",
    },
    {
        "rule": "PRS-8",
        "file": "addons/rrs_minors/models/rrs_prs_residence.py",
        "old": "for residence in residences:",
        "new": "for residence in residences.filtered(lambda r: not r.with_sponsor):",
        "why": "a move is recorded on the case's history only when the child leaves the sponsor",
    },
    {
        "rule": "MIN-2",
        "file": "addons/rrs_minors/models/rrs_minor_caregiver_assessment.py",
        "old": 'for f in ("housing_space", "safety", "financial_stability")',
        "new": 'for f in ("housing_space", "safety")',
        "why": "a placement can be found suitable without support despite financial instability",
    },
    # ------------------------------------------------------------ rrs_assessment
    {
        "rule": "ASM-2",
        "file": "addons/rrs_assessment/models/rrs_assessment.py",
        "old": "overdue = self.filtered(lambda a: a.due_date and a.due_date < today)",
        "new": "overdue = self.filtered(lambda a: a.due_date and a.due_date <= today)",
        "why": "off-by-one: an assessment is flagged overdue on its due date",
    },
    {
        "rule": "ASM-3",
        "file": "addons/rrs_assessment/models/rrs_assessment_instrument.py",
        "old": "if score >= rule.min_score - 1e-9:",
        "new": "if score > rule.min_score:",
        "why": "off-by-one: a score exactly at a level's threshold gets the lower need level",
    },
    {
        "rule": "ASM-4",
        "file": "addons/rrs_assessment/models/rrs_case.py",
        "old": "members = members.filtered(lambda m: m.is_adult_on(on_date))  # rule ASM-4",
        "new": "members = members.filtered(lambda m: not m.is_minor)  # rule ASM-4",
        "why": "adulthood judged today, not on the assessment's due date: a youth turning 18 "
        "never enters the schedule",
    },
    # ------------------------------------------------------------ rrs_assistance
    {
        "rule": "FIN-1",
        "file": "addons/rrs_assistance/models/crossovered_budget_lines.py",
        "old": "if allocated + amount > planned + 0.005:",
        "new": "if allocated > planned + 0.005:",
        "why": "the budget check ignores the request's own amount: a validation over the "
        "remaining budget passes the ORM check",
    },
    {
        "rule": "FIN-2",
        "file": "addons/rrs_assistance/models/rrs_assistance_request.py",
        "old": "elif (self.date - arrival).days > policy.eligibility_days:",
        "new": "elif (self.date - arrival).days >= policy.eligibility_days:",
        "why": "off-by-one: a request on the last day of the eligibility window is over limit",
    },
    {
        "rule": "FIN-3",
        "file": "addons/rrs_assistance/models/account_move.py",
        "old": 'bills = self._rrs_assistance_bills().filtered(lambda m: m.state == "posted")',
        "new": 'bills = self._rrs_assistance_bills().filtered(lambda m: m.state == "draft")',
        "why": "a posted assistance bill can be reset to draft",
    },
    {
        "rule": "FIN-4",
        "file": "addons/rrs_assistance/models/rrs_case.py",
        "old": "deadline = case.arrival_date + relativedelta(days=terms.days_after_arrival)",
        "new": "deadline = case.arrival_date + relativedelta(days=90)",
        "why": "hard-coded: the per-capita deadline ignores the agreement's days after arrival",
    },
    {
        "rule": "OUT-3",
        "file": "addons/rrs_assistance/models/rrs_assistance_request.py",
        "old": "if siblings and combined > limit:",
        "new": "if siblings and combined >= limit:",
        "why": "off-by-one: requests adding up exactly to the per-request limit are flagged as "
        "a split purchase",
    },
    # ------------------------------------------------ the gaps a first reading found
    {
        "rule": "CON-2",
        "file": "addons/rrs_case/models/rrs_consent.py",
        "old": "return not (self.expiry_date and self.expiry_date < on_date)",
        "new": "return not (self.expiry_date and self.expiry_date <= on_date)",
        "why": "off-by-one: a release is no longer valid on its expiry day",
    },
    {
        "rule": "PLAN-4",
        "file": "addons/rrs_case/models/rrs_case.py",
        "old": "months=case.program_id.review_interval_months",
        "new": "months=3",
        "why": "hard-coded: the program's review interval is ignored, always 3 months",
    },
    {
        "rule": "PLAN-6",
        "file": "addons/rrs_case/models/rrs_referral.py",
        "old": "days = referral.case_id.program_id.referral_follow_up_days",
        "new": "days = 7",
        "why": "hard-coded: the program's referral follow-up days are ignored, always 7",
    },
]
