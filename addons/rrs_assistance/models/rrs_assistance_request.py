# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A request for direct financial assistance on a case (rules FIN-1 to FIN-3, OUT-3).

Draft → Submitted (the worker) → Approved (every approval tier, OCA ``base_tier_validation``,
never by the requester) → Validated (finance: the vendor bill is posted on the grant) → Paid
(by itself when the bill is paid). Rejected by an approver; cancelled before validation by the
case's staff, after it by finance, which reverses the bill. Every move goes through the suite's
guard (``rrs.guard.mixin``): a plain ``write`` of ``state`` is the same move as the button."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.rrs_case.models.rrs_guard_mixin import (
    SYSTEM_ONLY,
    is_disposing,
    rrs_system_write,
)
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

LIVE_STATES = ("submitted", "approved", "validated", "paid")
# what the anomaly checks find (rule OUT-3), stored as codes on the request
ANOMALY_KINDS = ("duplicate", "unusual", "staff_payee", "split")


class RrsAssistanceRequest(models.Model):
    _name = "rrs.assistance.request"
    _description = "Financial assistance request"
    _inherit = ["rrs.guard.mixin", "tier.validation", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    _rrs_state_field = "state"
    _rrs_parent_field = "case_id"
    _rrs_system_fields = (
        "name",
        "requested_by_id",
        "requested_date",
        "approved_date",
        "validated_by_id",
        "validated_date",
        "move_id",
        "reversal_move_id",
        "budget_line_id",
        "limit_reasons",
        "over_limit",
        "override_user_id",
        "override_date",
        "override_reason",
        "anomaly_reasons",
        "has_anomaly",
        "anomaly_kinds",
        "paid_date",
        "cancelled_by_id",
        "cancel_reason",
    )
    _rrs_number_sequence = "rrs.assistance.request"
    _rrs_number_placeholder = "New"
    _rrs_frozen_states = ("submitted", "approved", "validated", "paid", "rejected", "cancelled")
    # proofs of purchase come after the payment
    _rrs_frozen_writable = ("receipt_document_ids",)
    # Finance pays the assistance of a restricted (minor's) case knowing only what the payment
    # needs: the request, never whom it is for nor why (rule REC-1).
    _rrs_restricted_readers = ("rrs_case.group_finance",)
    _rrs_restricted_hidden_fields = ("beneficiary_id", "justification")

    # base_tier_validation: the tiers run between submission and approval
    _state_from = ["submitted"]
    _state_to = ["approved"]
    _cancel_state = "cancelled"
    # the form shows the approvals and its own Approve / Reject buttons
    _tier_validation_manual_config = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="New", index=True
    )
    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    program_id = fields.Many2one(related="case_id.program_id", store=True, index=True)
    # the case number, for whoever pays or audits without reading the case (a restricted one)
    case_ref = fields.Char(related="case_id.name", string="Case number", store=True)
    restricted = fields.Boolean(related="case_id.restricted", store=True, index=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("validated", "Validated"),
            ("paid", "Paid"),
            ("rejected", "Rejected"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    beneficiary_id = fields.Many2one(
        "rrs.case.member",
        required=True,
        index=True,
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
        domain="[('case_id', '=', case_id)]",
    )
    beneficiary_label = fields.Char(string="For", compute="_compute_beneficiary_label")
    payee_type = fields.Selection(
        [
            ("client", "The client"),
            ("landlord", "Landlord"),
            ("utility", "Utility"),
            ("vendor", "Vendor"),
        ],
        required=True,
        default="vendor",
    )
    payee_id = fields.Many2one("res.partner", required=True, index=True)
    purpose_id = fields.Many2one("rrs.assistance.purpose", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True, tracking=True)
    date = fields.Date(
        string="Request date", required=True, default=fields.Date.context_today, index=True
    )
    period_start = fields.Date(string="Covers from")
    period_end = fields.Date(string="Covers to")
    grant_id = fields.Many2one(
        "account.analytic.account",
        required=True,
        index=True,
        domain="[('rrs_is_grant', '=', True), ('company_id', 'in', (company_id, False))]",
        tracking=True,
    )
    justification = fields.Text(
        required=True, groups="rrs_case.group_case_worker,rrs_case.group_auditor"
    )
    document_ids = fields.Many2many(
        "ir.attachment",
        "rrs_assistance_request_document_rel",
        "request_id",
        "attachment_id",
        string="Source documents",
        help="Quote, lease, invoice: what the amount rests on (rule FIN-1).",
    )
    receipt_document_ids = fields.Many2many(
        "ir.attachment",
        "rrs_assistance_request_receipt_rel",
        "request_id",
        "attachment_id",
        string="Receipts",
        help="Proofs of purchase and the client's signed acknowledgement.",
    )
    requested_by_id = fields.Many2one("res.users", string="Requested by", readonly=True, index=True)
    requested_date = fields.Date(string="Submitted on", readonly=True)
    approved_date = fields.Datetime(string="Approved on", readonly=True)
    approver_user_ids = fields.Many2many(
        "res.users", compute="_compute_approver_user_ids", string="May approve"
    )
    approved_by_ids = fields.Many2many(
        "res.users", compute="_compute_approved_by_ids", string="Approved by"
    )
    validated_by_id = fields.Many2one("res.users", string="Validated by", readonly=True)
    validated_date = fields.Date(string="Validated on", readonly=True)
    move_id = fields.Many2one("account.move", string="Bill", readonly=True, index=True, copy=False)
    reversal_move_id = fields.Many2one("account.move", string="Reversal", readonly=True, copy=False)
    payment_state = fields.Selection(related="move_id.payment_state", string="Payment")
    paid_date = fields.Date(readonly=True, copy=False)
    budget_line_id = fields.Many2one(
        "crossovered.budget.lines", string="Grant budget", readonly=True, index=True, copy=False
    )
    limit_reasons = fields.Text(string="Over the program's limits", readonly=True, copy=False)
    over_limit = fields.Boolean(readonly=True, copy=False, index=True)
    override_user_id = fields.Many2one("res.users", string="Override by", readonly=True, copy=False)
    override_date = fields.Datetime(readonly=True, copy=False)
    override_reason = fields.Text(readonly=True, copy=False)
    anomaly_reasons = fields.Text(string="Anomalies", readonly=True, copy=False)
    has_anomaly = fields.Boolean(string="Flagged", readonly=True, copy=False, index=True)
    anomaly_kinds = fields.Char(
        readonly=True,
        copy=False,
        help="Codes of the anomalies found (duplicate, unusual, staff_payee, split), for the "
        "reports that count them by kind.",
    )
    cancelled_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    cancel_reason = fields.Char(readonly=True, copy=False)

    _amount_positive = models.Constraint(
        "CHECK (amount > 0)", "The amount of an assistance request must be more than zero."
    )

    # ------------------------------------------------------------------ computes
    @api.depends("beneficiary_id", "restricted")
    @api.depends_context("uid")
    def _compute_beneficiary_label(self):
        # Finance pays a restricted (minor's) case without learning who the child is: the label
        # names the beneficiary only to whoever may read the member (rule REC-1).
        # sudo(): reads which member each request names and their names; a name is given only
        # to a caller who may read that member with their own rights (_filtered_access).
        requests = self.sudo()
        member_of = {r.id: r.beneficiary_id for r in requests}
        members = requests.beneficiary_id
        readable = set(self.env["rrs.case.member"].browse(members.ids)._filtered_access("read").ids)
        names = {m.id: m.partner_id.name for m in members}
        for request in self:
            member = member_of.get(request.id)
            if not member:
                request.beneficiary_label = False
            elif member.id in readable:
                request.beneficiary_label = names[member.id]
            else:
                request.beneficiary_label = self.env._("Restricted case")

    @api.depends("case_id.user_id", "company_id")
    def _compute_approver_user_ids(self):
        """Who may approve: the supervisors above the case's worker in the employee hierarchy,
        and the company's program managers (the requester is removed by the tier's four-eyes
        setting)."""
        # sudo(): the program managers' user ids, who may approve; reading a group's users is
        # for administrators only.
        managers = self.env.ref("rrs_case.group_program_manager").sudo().all_user_ids
        # sudo(): case workers may not read hr.employee; this only walks up the hierarchy of
        # the case's worker to return user ids.
        Employee = self.env["hr.employee"].sudo()
        # sudo(): the cases' primary workers, whose supervisors approve.
        worker_of = {request.id: request.case_id.sudo().user_id.id for request in self}
        employee_of = {}
        for employee in Employee.search([("user_id", "in", list(set(worker_of.values())))]):
            employee_of.setdefault(employee.user_id.id, employee)
        for request in self:
            users = managers.filtered(lambda u, r=request: r.company_id in u.company_ids)
            employee = employee_of.get(worker_of[request.id], Employee)
            seen = set()
            parent = employee.parent_id
            while parent and parent.id not in seen:
                seen.add(parent.id)
                users |= parent.user_id
                parent = parent.parent_id
            request.approver_user_ids = users.filtered(
                lambda u: u.has_group("rrs_case.group_supervisor")
            )

    @api.depends("review_ids.status", "review_ids.done_by")
    def _compute_approved_by_ids(self):
        for request in self:
            request.approved_by_ids = request.review_ids.filtered(
                lambda r: r.status == "approved"
            ).done_by

    # ---------------------------------------------------------------- constraints
    @api.constrains("period_start", "period_end")
    def _check_period(self):
        for request in self:
            if (
                request.period_start
                and request.period_end
                and request.period_end < request.period_start
            ):
                raise ValidationError(
                    self.env._(
                        "%(request)s: the period it covers ends before it starts.",
                        request=request.display_name,
                    )
                )

    # ------------------------------------------------------------------------ CRUD
    def _rrs_attach_documents(self):
        """Uploaded documents belong to their request: whoever reads the request reads them
        (an upload of a new record has no res_id, readable by its uploader only)."""
        # sudo(): sets the owner of attachments the caller just linked (the ORM checked that
        # the caller may read them) to this request.
        for request in self.sudo():
            loose = (request.document_ids | request.receipt_document_ids).filtered(
                lambda a, r=request: a.res_model != r._name or a.res_id != r.id
            )
            loose.filtered(lambda a: not a.res_id).write(
                {"res_model": request._name, "res_id": request.id}
            )

    def write(self, vals):
        result = super().write(vals)
        if {"document_ids", "receipt_document_ids"} & set(vals):
            self._rrs_attach_documents()
        return result

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._rrs_attach_documents()
        return records

    def unlink(self):
        # before base_tier_validation deletes the reviews of what is not deletable
        self._unlink_only_drafts()
        return super().unlink()

    def _unlink_only_drafts(self):
        # rule FIN-3: a request that went into the approval chain is a financial record, kept
        # for the case's retention and destroyed only with the case's disposal (REC-3).
        if is_disposing():
            return
        for request in self:
            if request.state != "draft":
                raise UserError(
                    self.env._(
                        "%(request)s was submitted: financial records are never deleted. "
                        "Cancel it instead.",
                        request=request.name,
                    )
                )

    def _tier_validation_check_state_on_write(self, vals):
        # need_validation has no dependencies and review_ids hangs on an integer res_id: both
        # may be stale in the cache of a longer transaction (submission, then approval).
        self.invalidate_recordset(["need_validation", "review_ids"])
        return super()._tier_validation_check_state_on_write(vals)

    def _check_allow_write_under_validation(self, vals):
        # What may change while the tiers run is the guard's to say (frozen states, system
        # fields): a submitted request keeps its content whatever base_tier_validation allows.
        return True

    def _allow_to_remove_reviews(self, values):
        # rule FIN-2: the approvals stay on record, even for a cancelled request.
        return False

    # ----------------------------------------------------------------------- moves
    def _rrs_moves(self):
        return {
            ("draft", "submitted"): "_rrs_check_submit",
            ("submitted", "approved"): "_rrs_check_approve",
            ("submitted", "rejected"): SYSTEM_ONLY,
            ("approved", "validated"): "_rrs_check_validate",
            ("validated", "paid"): SYSTEM_ONLY,
            ("paid", "validated"): SYSTEM_ONLY,
            ("draft", "cancelled"): "_rrs_check_cancel_open",
            ("submitted", "cancelled"): "_rrs_check_cancel_open",
            ("approved", "cancelled"): "_rrs_check_cancel_open",
            ("validated", "cancelled"): "_rrs_check_cancel_validated",
        }

    def _rrs_check_case_staff(self):
        """The caller works on the case (may change it), as the worker or their supervisors."""
        try:
            self.case_id.check_access("write")
        except AccessError as error:
            raise AccessError(
                self.env._(
                    "Only the staff of case %(case)s may do this with %(request)s.",
                    case=self.case_id.name,
                    request=self.name,
                )
            ) from error

    def _rrs_submit_problems(self):
        self.ensure_one()
        problems = []
        if not self.document_ids:
            problems.append(
                self.env._("Attach the quote, lease or invoice the amount rests on (FIN-1).")
            )
        if self.purpose_id.needs_period and not (self.period_start and self.period_end):
            problems.append(
                self.env._("Say which period the %(purpose)s covers.", purpose=self.purpose_id.name)
            )
        if self.grant_id.rrs_program_ids and self.program_id not in self.grant_id.rrs_program_ids:
            problems.append(
                self.env._(
                    "Grant %(grant)s does not fund %(program)s.",
                    grant=self.grant_id.display_name,
                    program=self.program_id.display_name,
                )
            )
        # sudo(): compares the payee with the household's people, who are protected contacts.
        household = self.case_id.sudo().member_ids.partner_id
        if self.payee_type == "client" and self.payee_id not in household:
            problems.append(
                self.env._("A payment to the client goes to a member of the household.")
            )
        return problems

    def _rrs_check_submit(self, target):
        self._rrs_check_case_staff()
        problems = self._rrs_submit_problems()
        if problems:
            raise ValidationError(
                self.env._(
                    "%(request)s cannot be submitted yet:\n%(problems)s",
                    request=self.name,
                    problems="\n".join(f"- {p}" for p in problems),
                )
            )
        limits = self._rrs_limit_problems()
        return {
            "requested_by_id": self.env.uid,
            "requested_date": fields.Date.context_today(self),
            "limit_reasons": "\n".join(limits) or False,
            "over_limit": bool(limits),
            **self._rrs_anomaly_values(),
        }

    def _rrs_check_approve(self, target):
        if self.validation_status != "validated":
            pending = self.review_ids.filtered(lambda r: r.status in ("waiting", "pending"))
            raise UserError(
                self.env._(
                    "%(request)s is approved once every approval tier has approved it "
                    "(%(pending)s still to approve).",
                    request=self.name,
                    pending=", ".join(pending.mapped("name")) or self.env._("none requested"),
                )
            )
        limits = self._rrs_limit_problems()
        if limits and not self.override_user_id:
            raise ValidationError(
                self.env._(
                    "%(request)s is over the program's limits and needs a program manager's "
                    "override before approval:\n%(limits)s",
                    request=self.name,
                    limits="\n".join(f"- {line}" for line in limits),
                )
            )
        return {
            "approved_date": fields.Datetime.now(),
            "limit_reasons": "\n".join(limits) or False,
            "over_limit": bool(limits),
        }

    def _rrs_check_validate(self, target):
        """rule FIN-2: finance validates, never the requester nor an approver; rule FIN-1: the
        grant has a budget for the date and enough left (under a row lock)."""
        if not self.env.user.has_group("rrs_case.group_finance"):
            raise AccessError(
                self.env._("Only finance validates an approved assistance request (FIN-2).")
            )
        if self.env.user in (self.requested_by_id | self.approved_by_ids):
            raise UserError(
                self.env._(
                    "You requested or approved %(request)s: someone else in finance must "
                    "validate it (FIN-2).",
                    request=self.name,
                )
            )
        today = fields.Date.context_today(self)
        line = self._rrs_budget_line(today)
        line._rrs_lock_and_check(self.amount, self)
        return {
            "validated_by_id": self.env.uid,
            "validated_date": today,
            "budget_line_id": line.id,
            **self._rrs_anomaly_values(),
        }

    def _rrs_check_cancel_open(self, target):
        self._rrs_check_case_staff()
        return {"cancelled_by_id": self.env.uid}

    def _rrs_check_cancel_validated(self, target):
        if not self.env.user.has_group("rrs_case.group_finance"):
            raise AccessError(
                self.env._(
                    "%(request)s has a posted bill: only finance cancels it, by reversing the "
                    "bill (FIN-3).",
                    request=self.name,
                )
            )
        if self.move_id.payment_state not in ("not_paid", False):
            raise UserError(
                self.env._(
                    "%(request)s is already (partly) paid: record the payee's refund on bill "
                    "%(bill)s first (FIN-3).",
                    request=self.name,
                    bill=self.move_id.name,
                )
            )
        return {"cancelled_by_id": self.env.uid}

    def _rrs_after_move(self, source, target):
        result = super()._rrs_after_move(source, target)
        if target == "submitted":
            # The tiers are created as the requester (the four-eyes rule removes them).
            # need_validation has no dependencies: computed while in draft, it is stale now.
            self.invalidate_recordset(["need_validation"])
            with rrs_system_write("tier.review"):
                self.request_validation()
            self.invalidate_recordset(["need_validation", "review_ids"])
        elif target == "validated":
            self._rrs_create_bill()
            self.budget_line_id._rrs_refresh_allocation()
        elif target == "cancelled" and source == "validated":
            self._rrs_reverse_bill()
            self.budget_line_id._rrs_refresh_allocation()
        elif target == "cancelled":
            pending = self.review_ids.filtered(lambda r: r.status in ("waiting", "pending"))
            if pending:
                with rrs_system_write("tier.review"):
                    pending.write({"status": "cancel"})
        return result

    # --------------------------------------------------------------- business rules
    def _rrs_period_bounds(self, day, unit):
        if unit == "year":
            start = day.replace(month=1, day=1)
            return start, start + relativedelta(years=1, days=-1)
        if unit == "quarter":
            start = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
            return start, start + relativedelta(months=3, days=-1)
        start = day.replace(day=1)
        return start, start + relativedelta(months=1, days=-1)

    @api.model
    def _rrs_sum(self, Request, base, extra):
        return Request._read_group(base + extra, [], ["amount:sum"])[0][0] or 0.0

    def _rrs_limit_problems(self):
        """Where the request goes over its program's policy (limits and the eligibility
        window after arrival); each line says which limit and by how much."""
        self.ensure_one()
        problems = []
        Policy = self.env["rrs.assistance.policy"]
        # sudo(): the policies and the case's other requests are summed, never shown.
        policies = Policy.sudo().search(
            [
                ("program_id", "=", self.program_id.id),
                ("purpose_id", "in", (self.purpose_id.id, False)),
            ]
        )
        # sudo(): the case's other requests are summed and its arrival date compared, never
        # shown (a supervisor approving may not read another team's requests of the case).
        Request = self.sudo()
        fmt = self.currency_id.format
        arrival = self.case_id.sudo().arrival_date
        for policy in policies:
            scope = policy.purpose_id.name or self.env._("all purposes")
            base = [
                ("id", "!=", self.id),
                ("case_id", "=", self.case_id.id),
                ("state", "in", LIVE_STATES),
            ]
            if policy.purpose_id:
                base.append(("purpose_id", "=", policy.purpose_id.id))

            if policy.request_limit and self.amount > policy.request_limit:
                problems.append(
                    self.env._(
                        "%(amount)s is above the per-request limit of %(limit)s (%(scope)s).",
                        amount=fmt(self.amount),
                        limit=fmt(policy.request_limit),
                        scope=scope,
                    )
                )
            if policy.case_limit:
                sofar = self._rrs_sum(Request, base, [])
                if sofar + self.amount > policy.case_limit:
                    problems.append(
                        self.env._(
                            "The case would receive %(total)s, above the per-case limit of "
                            "%(limit)s (%(scope)s).",
                            total=fmt(sofar + self.amount),
                            limit=fmt(policy.case_limit),
                            scope=scope,
                        )
                    )
            if policy.person_limit:
                # sudo(): the beneficiary field is for case staff; compared, not shown.
                sofar = self._rrs_sum(
                    Request, base, [("beneficiary_id", "=", self.sudo().beneficiary_id.id)]
                )
                if sofar + self.amount > policy.person_limit:
                    problems.append(
                        self.env._(
                            "This person would receive %(total)s, above the per-person limit "
                            "of %(limit)s (%(scope)s).",
                            total=fmt(sofar + self.amount),
                            limit=fmt(policy.person_limit),
                            scope=scope,
                        )
                    )
            if policy.period_limit:
                start, end = self._rrs_period_bounds(self.date, policy.period_unit)
                sofar = self._rrs_sum(Request, base, [("date", ">=", start), ("date", "<=", end)])
                if sofar + self.amount > policy.period_limit:
                    problems.append(
                        self.env._(
                            "The case would receive %(total)s between %(start)s and %(end)s, "
                            "above the limit of %(limit)s per %(unit)s (%(scope)s).",
                            total=fmt(sofar + self.amount),
                            start=start,
                            end=end,
                            limit=fmt(policy.period_limit),
                            unit=dict(
                                policy._fields["period_unit"]._description_selection(self.env)
                            )[policy.period_unit].lower(),
                            scope=scope,
                        )
                    )
            if policy.eligibility_days:
                if not arrival:
                    problems.append(
                        self.env._(
                            "The case has no arrival date: the %(days)s-day window of "
                            "%(program)s cannot be checked.",
                            days=policy.eligibility_days,
                            program=self.program_id.display_name,
                        )
                    )
                elif (self.date - arrival).days > policy.eligibility_days:
                    problems.append(
                        self.env._(
                            "Requested %(days)s days after arrival; %(program)s gives "
                            "%(scope)s within %(window)s days.",
                            days=(self.date - arrival).days,
                            program=self.program_id.display_name,
                            scope=scope,
                            window=policy.eligibility_days,
                        )
                    )
        return problems

    def _rrs_anomaly_problems(self):
        """Anomaly checks for finance (rule OUT-3): flagged with the reason, never blocking."""
        return [message for _kind, message in self._rrs_anomaly_findings()]

    def _rrs_anomaly_values(self):
        """The flag, the reasons and the kinds found, written when the request is submitted
        and again when it is validated (rule OUT-3)."""
        findings = self._rrs_anomaly_findings()
        return {
            "anomaly_reasons": "\n".join(message for _kind, message in findings) or False,
            "has_anomaly": bool(findings),
            "anomaly_kinds": " ".join(sorted({kind for kind, _message in findings})) or False,
        }

    def _rrs_anomaly_findings(self):
        """(kind, reason) of each anomaly found, the kind one of ``ANOMALY_KINDS``, so that a
        report counts the flagged requests by kind in any language."""
        self.ensure_one()
        problems = []
        company = self.company_id
        fmt = self.currency_id.format
        # sudo(): other families' requests are compared, never shown; the reasons name no one.
        Request = self.sudo()
        window = company.rrs_assistance_duplicate_days
        if window:
            same = Request.search_count(
                [
                    ("id", "!=", self.id),
                    ("company_id", "=", company.id),
                    ("payee_id", "=", self.payee_id.id),
                    ("amount", "=", self.amount),
                    ("state", "in", LIVE_STATES),
                    ("date", ">=", self.date - relativedelta(days=window)),
                    ("date", "<=", self.date + relativedelta(days=window)),
                ]
            )
            if same:
                problems.append(
                    (
                        "duplicate",
                        self.env._(
                            "Possible duplicate: %(count)s other request(s) to %(payee)s for "
                            "%(amount)s within %(days)s days.",
                            count=same,
                            payee=self.payee_id.display_name,
                            amount=fmt(self.amount),
                            days=window,
                        ),
                    )
                )
        # Unusual amount for its purpose (the idea of Odoo's abnormal amount warning on bills).
        self.env.cr.execute(
            SQL(
                """
                SELECT COUNT(*), AVG(amount), STDDEV_SAMP(amount)
                  FROM rrs_assistance_request
                 WHERE company_id = %s AND purpose_id = %s AND id != %s
                   AND state IN ('validated', 'paid') AND date >= %s
                """,
                company.id,
                self.purpose_id.id,
                self.id or 0,
                self.date - relativedelta(years=1),
            )
        )
        count, mean, stddev = self.env.cr.fetchone()
        if count >= max(company.rrs_assistance_abnormal_sample, 2) and mean is not None:
            ceiling = float(mean) + company.rrs_assistance_abnormal_factor * float(stddev or 0)
            if self.amount > ceiling:
                problems.append(
                    (
                        "unusual",
                        self.env._(
                            "Unusual amount: %(amount)s for %(purpose)s, where the last year's "
                            "%(count)s requests average %(mean)s (flagged above %(ceiling)s).",
                            amount=fmt(self.amount),
                            purpose=self.purpose_id.name,
                            count=count,
                            mean=fmt(float(mean)),
                            ceiling=fmt(ceiling),
                        ),
                    )
                )
        # A payee who is one of the staff, or paid into a staff member's bank account.
        # sudo(): employees' contacts and bank accounts are compared, never shown.
        employees = self.env["hr.employee"].sudo().search([("company_id", "=", company.id)])
        staff_partners = employees.work_contact_id | employees.user_id.partner_id
        staff_accounts = set(employees.bank_account_ids.mapped("sanitized_acc_number"))
        payee_accounts = set(self.payee_id.sudo().bank_ids.mapped("sanitized_acc_number"))
        payee = self.payee_id.commercial_partner_id
        if payee in staff_partners.commercial_partner_id or (staff_accounts & payee_accounts):
            problems.append(
                (
                    "staff_payee",
                    self.env._(
                        "Payee %(payee)s is a staff member's contact or bank account.",
                        payee=self.payee_id.display_name,
                    ),
                )
            )
        # Several requests splitting one purchase under the per-request limit.
        # sudo(): the program's limits, compared only.
        split_days = company.rrs_assistance_split_days
        limits = (
            self.env["rrs.assistance.policy"]
            .sudo()
            .search(
                [
                    ("program_id", "=", self.program_id.id),
                    ("purpose_id", "in", (self.purpose_id.id, False)),
                    ("request_limit", ">", 0),
                ]
            )
            .mapped("request_limit")
        )
        if split_days and limits and self.amount <= min(limits):
            limit = min(limits)
            siblings = Request.search(
                [
                    ("id", "!=", self.id),
                    ("case_id", "=", self.case_id.id),
                    ("payee_id", "=", self.payee_id.id),
                    ("state", "in", LIVE_STATES),
                    ("amount", "<=", limit),
                    ("date", ">=", self.date - relativedelta(days=split_days)),
                    ("date", "<=", self.date + relativedelta(days=split_days)),
                ]
            )
            combined = sum(siblings.mapped("amount")) + self.amount
            if siblings and combined > limit:
                problems.append(
                    (
                        "split",
                        self.env._(
                            "Possible split purchase: %(count)s requests of this case to %(payee)s "
                            "within %(days)s days add up to %(total)s, above the per-request "
                            "limit of %(limit)s.",
                            count=len(siblings) + 1,
                            payee=self.payee_id.display_name,
                            days=split_days,
                            total=fmt(combined),
                            limit=fmt(limit),
                        ),
                    )
                )
        return problems

    def _rrs_budget_line(self, day):
        """The grant's confirmed budget line covering ``day`` (rule FIN-1)."""
        self.ensure_one()
        line = self.env["crossovered.budget.lines"].search(
            [
                ("analytic_account_id", "=", self.grant_id.id),
                ("date_from", "<=", day),
                ("date_to", ">=", day),
                ("crossovered_budget_id.state", "in", ("confirm", "validate")),
                ("company_id", "=", self.company_id.id),
            ],
            order="date_from desc, id",
            limit=1,
        )
        if not line:
            raise ValidationError(
                self.env._(
                    "Grant %(grant)s has no confirmed budget for %(day)s: add the period's "
                    "budget line before validating %(request)s (FIN-1).",
                    grant=self.grant_id.display_name,
                    day=day,
                    request=self.name,
                )
            )
        return line

    def _rrs_expense_account(self):
        account = self.purpose_id.account_id or self.program_id.assistance_account_id
        if not account:
            raise ValidationError(
                self.env._(
                    "Set the assistance expense account of %(program)s (Resettlement > "
                    "Configuration > Programs) before validating %(request)s.",
                    program=self.program_id.display_name,
                    request=self.name,
                )
            )
        return account

    def _rrs_journal(self):
        journal = self.company_id.rrs_assistance_journal_id or self.env["account.journal"].search(
            [("type", "=", "purchase"), ("company_id", "=", self.company_id.id)], limit=1
        )
        if not journal:
            raise ValidationError(
                self.env._("The company has no purchase journal for assistance bills.")
            )
        return journal

    def _rrs_bill_label(self):
        return self.env._(
            "%(purpose)s – %(request)s, case %(case)s",
            purpose=self.purpose_id.name,
            request=self.name,
            case=self.case_ref,
        )

    def _rrs_create_bill(self):
        """The vendor bill to the payee, on the program's expense account and the grant's
        analytic distribution, posted (rule FIN-1), with the source documents attached.
        Created with finance's own rights (checked by the validation)."""
        for request in self:
            move = self.env["account.move"].create(
                {
                    "move_type": "in_invoice",
                    "partner_id": request.payee_id.id,
                    "journal_id": request._rrs_journal().id,
                    "invoice_date": request.validated_date,
                    "date": request.validated_date,
                    "ref": request.name,
                    "currency_id": request.currency_id.id,
                    "rrs_assistance_request_id": request.id,
                    "invoice_line_ids": [
                        (
                            0,
                            0,
                            {
                                "name": request._rrs_bill_label(),
                                "account_id": request._rrs_expense_account().id,
                                "quantity": 1,
                                "price_unit": request.amount,
                                "tax_ids": [(6, 0, [])],
                                "analytic_distribution": {str(request.grant_id.id): 100},
                            },
                        )
                    ],
                }
            )
            for attachment in request.document_ids:
                attachment.copy({"res_model": "account.move", "res_id": move.id})
            move.action_post()
            # sudo(): the link the validation sets; finance's right was checked by the move.
            request.sudo().move_id = move
            move.message_post(
                body=self.env._(
                    "Financial assistance %(request)s, approved by %(approvers)s, validated by "
                    "%(validator)s.",
                    request=request.name,
                    approvers=", ".join(request.approved_by_ids.mapped("name")),
                    validator=self.env.user.name,
                )
            )

    def _rrs_reverse_bill(self):
        """rule FIN-3: the posted bill is reversed by a credit note reconciled with it; nothing
        is deleted."""
        for request in self.filtered("move_id"):
            reversal = request.move_id._reverse_moves(
                default_values_list=[
                    {
                        "date": fields.Date.context_today(self),
                        "invoice_date": fields.Date.context_today(self),
                        "ref": self.env._("Reversal of %(request)s", request=request.name),
                    }
                ],
                cancel=True,
            )
            # sudo(): the request is cancelled now, out of finance's writable stages; the
            # cancellation itself was checked by the move.
            request.sudo().reversal_move_id = reversal

    def _rrs_sync_payment(self):
        """The bill's payment state flows back: paid (or in payment) moves the request to paid;
        an undone payment moves it back. System moves, after the accountant's own reconcile."""
        for request in self:
            paid = request.move_id.payment_state in ("paid", "in_payment")
            if request.state == "validated" and paid:
                with request._rrs_system_write():
                    request._rrs_move("paid", {"paid_date": fields.Date.context_today(self)})
            elif request.state == "paid" and not paid:
                with request._rrs_system_write():
                    request._rrs_move("validated", {"paid_date": False})

    # --------------------------------------------------------------------- actions
    def action_submit(self):
        for request in self:
            request._rrs_move("submitted")
        return True

    def action_approve(self):
        """Approve the caller's tier; once every tier approved, the request is approved."""
        for request in self:
            if not request.can_review:
                raise UserError(
                    self.env._(
                        "%(request)s is not waiting for your approval (the requester never "
                        "approves their own request, FIN-2).",
                        request=request.name,
                    )
                )
            with rrs_system_write("tier.review"):
                request.validate_tier()
            if request.validation_status == "validated":
                request._rrs_move("approved")
        return True

    def action_reject(self):
        for request in self:
            if not request.can_review:
                raise UserError(
                    self.env._(
                        "%(request)s is not waiting for your approval.", request=request.name
                    )
                )
            with rrs_system_write("tier.review"):
                request.reject_tier()
            with request._rrs_system_write():
                request._rrs_move("rejected")
        return True

    def action_validate(self):
        for request in self:
            request._rrs_move("validated")
        return True

    def action_cancel(self):
        for request in self:
            request._rrs_move("cancelled")
        return True

    def action_override_limits(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "rrs.assistance.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def _rrs_record_override(self, reason):
        """rule FIN-2: a program manager's recorded override of the program's limits."""
        self.ensure_one()
        if not self.env.user.has_group("rrs_case.group_program_manager"):
            raise AccessError(
                self.env._("Only a program manager overrides the program's assistance limits.")
            )
        self.check_access("write")
        if self.state != "submitted" or not self.over_limit:
            raise UserError(
                self.env._(
                    "%(request)s is not a submitted request over the program's limits.",
                    request=self.name,
                )
            )
        if self.env.user == self.requested_by_id:
            raise UserError(
                self.env._(
                    "You requested %(request)s: another program manager overrides it.",
                    request=self.name,
                )
            )
        if not (reason or "").strip():
            raise ValidationError(self.env._("Say why the limits are overridden."))
        with self._rrs_system_write():
            self.write(
                {
                    "override_user_id": self.env.uid,
                    "override_date": fields.Datetime.now(),
                    "override_reason": reason.strip(),
                }
            )
        self.message_post(
            body=self.env._(
                "Limits overridden by %(user)s: %(reason)s", user=self.env.user.name, reason=reason
            )
        )

    def action_view_bill(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "form",
            "res_id": self.move_id.id,
        }

    def action_print_receipt(self):
        self.ensure_one()
        return self.env.ref("rrs_assistance.action_report_assistance_receipt").report_action(self)

    def _rrs_receipt_lang(self):
        """The client's language for the receipt (the case's document language) where the
        suite is translated into it and Odoo has it installed, else the company's."""
        self.ensure_one()
        # sudo(): the case's language, to print the client's document in it.
        language = self.case_id.sudo().document_language_id
        return language._rrs_document_lang(self.company_id)[0]

    def _rrs_amount_in_words(self):
        self.ensure_one()
        return self.currency_id.with_context(lang=self._rrs_receipt_lang()).amount_to_text(
            self.amount
        )
