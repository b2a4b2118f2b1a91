# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .rrs_guard_mixin import SYSTEM_ONLY, is_disposing


class RrsServicePlan(models.Model):
    """A service plan made with the person and family (rule PLAN-1), signed and versioned.

    A plan is drafted, discussed and signed by the client or legal guardian, the worker and,
    where the program says so, the supervisor, each with the date (rules PLAN-1, PLAN-5).
    Once signed, its content is frozen and the signed service agreement is kept as a PDF
    (rule PLAN-3); a revision is a new version that supersedes it when it is signed in turn.
    """

    _name = "rrs.service.plan"
    _description = "Service Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "rrs.guard.mixin"]
    _order = "case_id, version desc"
    _check_company_auto = True
    _rec_name = "name"

    _rrs_state_field = "state"
    _rrs_parent_field = "case_id"
    # rules PLAN-1, PLAN-3, PLAN-5: the signatures, their dates, the kept agreement, the
    # version chain and the day the client received the agreement are set by the system
    _rrs_system_fields = (
        "version",
        "previous_plan_id",
        "client_signature_date",
        "worker_signer_id",
        "worker_signature_date",
        "supervisor_signer_id",
        "supervisor_signature_date",
        "signed_date",
        "agreement_attachment_id",
        "agreement_given_date",
    )
    # rule PLAN-5: a signed plan stays as it was signed (content, goals, participants,
    # signatures); a revision is a new version
    _rrs_frozen_states = ("signed", "superseded")
    # the language a signed agreement is printed in for the client is a print choice
    _rrs_frozen_writable = ("document_language_id",)

    name = fields.Char(compute="_compute_name", store=True)
    case_id = fields.Many2one(
        "rrs.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    document_language_id = fields.Many2one(
        "rrs.language",
        string="Printed in",
        compute="_compute_document_language_id",
        store=True,
        readonly=False,
        help="The language this document prints in for the client: the case's, unless "
        "changed here.",
    )
    program_id = fields.Many2one(related="case_id.program_id", store=True, index=True)
    user_id = fields.Many2one(related="case_id.user_id", string="Primary case worker", store=True)
    version = fields.Integer(
        compute="_compute_version",
        store=True,
        precompute=True,
        required=True,
        readonly=True,
        copy=False,
    )
    previous_plan_id = fields.Many2one(
        "rrs.service.plan", string="Revision of", readonly=True, copy=False, index="btree_not_null"
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("signed", "Signed"),
            ("superseded", "Superseded"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    is_current = fields.Boolean(
        compute="_compute_is_current", search="_search_is_current", string="Current plan"
    )
    plan_date = fields.Date(
        string="Planned on", required=True, default=fields.Date.context_today, tracking=True
    )
    summary = fields.Text(
        string="Basis of the plan",
        help="What the plan is based on: the assessment's findings and the person's own "
        "priorities.",
    )
    goal_ids = fields.One2many("rrs.service.goal", "plan_id", string="Goals", copy=True)
    goal_count = fields.Integer(compute="_compute_goal_count")
    family_network = fields.Text(
        string="Family and informal networks",
        help="How the plan keeps and strengthens family ties and informal support networks.",
    )
    crisis_procedure = fields.Text(
        string="Expedited planning in a crisis",
        help="What is done, and by whom, when a crisis or an urgent need arises.",
    )
    self_sufficiency_pathway = fields.Text(string="Pathway to economic self-sufficiency")
    self_sufficiency_barriers = fields.Text(string="Barriers to economic self-sufficiency")
    participant_ids = fields.One2many(
        "rrs.service.plan.participant", "plan_id", string="Who took part", copy=True
    )

    # signatures (rules PLAN-1, PLAN-5)
    client_signer_partner_id = fields.Many2one(
        "res.partner",
        string="Signed by (client or guardian)",
        help="The person served, or the legal guardian of a minor.",
        index="btree_not_null",
    )
    client_signer_role = fields.Selection(
        [("client", "Client"), ("guardian", "Legal guardian")], default="client"
    )
    client_signature = fields.Binary(copy=False, attachment=True)
    signing_problems = fields.Text(
        compute="_compute_signing_problems",
        string="Before signing",
        help="What the plan still needs before the client can sign it (rules PLAN-1, PLAN-2). "
        "The signature box opens once nothing is missing.",
    )
    client_signature_date = fields.Date(copy=False, readonly=True)
    worker_signer_id = fields.Many2one(
        "res.users", string="Signed by the worker", copy=False, readonly=True
    )
    worker_signature_date = fields.Date(copy=False, readonly=True)
    supervisor_required = fields.Boolean(
        related="program_id.plan_supervisor_signature", string="Supervisor signs"
    )
    supervisor_signer_id = fields.Many2one(
        "res.users", string="Signed by the supervisor", copy=False, readonly=True
    )
    supervisor_signature_date = fields.Date(copy=False, readonly=True)
    signed_date = fields.Date(copy=False, readonly=True, tracking=True, index=True)
    agreement_attachment_id = fields.Many2one(
        "ir.attachment", string="Signed agreement", copy=False, readonly=True
    )
    agreement_given_date = fields.Date(
        string="Agreement given to the client on",
        copy=False,
        readonly=True,
        tracking=True,
        help="When the client received (or was explained) the signed plan and the policies.",
    )

    _case_version_unique = models.Constraint(
        "UNIQUE(case_id, version)", "A case has one plan per version number."
    )
    _one_draft_per_case = models.UniqueIndex(
        "(case_id) WHERE state = 'draft'",
        "A case already has a plan being drafted: finish or delete it before starting another.",
    )

    # ------------------------------------------------------------------ compute
    @api.depends(
        "state",
        "goal_ids.name",
        "goal_ids.provider_type",
        "goal_ids.responsible_user_id",
        "goal_ids.provider_id",
        "family_network",
        "crisis_procedure",
        "self_sufficiency_pathway",
        "self_sufficiency_barriers",
        "participant_ids.took_part",
        "participant_ids.reason_not",
        "participant_ids.reason_detail",
        "case_id.member_ids",
    )
    def _compute_signing_problems(self):
        # rule PLAN-1: the form shows what is missing and keeps the signature box closed
        # until the plan is complete; the ORM refuses an incomplete signature whatever the client
        for plan in self:
            problems = plan._get_signing_problems() if plan.state == "draft" else []
            plan.signing_problems = "\n".join(f"- {p}" for p in problems) or False

    @api.depends("case_id.name", "version")
    def _compute_name(self):
        for plan in self:
            plan.name = self.env._(
                "Service plan %(case)s v%(version)s", case=plan.case_id.name, version=plan.version
            )

    @api.depends("case_id")
    def _compute_version(self):
        """Each new plan of a case takes the case's next version number (rule PLAN-5)."""
        new = self.filtered(lambda p: not p.version)
        for plan in self - new:
            plan.version = plan.version
        if not new:
            return
        # sudo(): version numbers only; a worker may not see every older plan of the case
        last = {
            case.id: version
            for case, version in self.env["rrs.service.plan"]
            .sudo()
            ._read_group([("case_id", "in", new.case_id.ids)], ["case_id"], ["version:max"])
        }
        for plan in new:
            last[plan.case_id.id] = last.get(plan.case_id.id, 0) + 1
            plan.version = last[plan.case_id.id]

    @api.depends("goal_ids")
    def _compute_goal_count(self):
        for plan in self:
            plan.goal_count = len(plan.goal_ids)

    @api.depends("state")
    def _compute_is_current(self):
        for plan in self:
            plan.is_current = plan.state == "signed"

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the current plan."))
        positive = (operator == "=") == value
        return [("state", "=" if positive else "!=", "signed")]

    # -------------------------------------------------------------- constraints
    @api.constrains("client_signer_partner_id", "client_signer_role", "case_id")
    def _check_client_signer(self):
        for plan in self.filtered("client_signer_partner_id"):
            members = plan.case_id.member_ids
            if (
                plan.client_signer_role == "client"
                and plan.client_signer_partner_id not in members.partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s is not a member of household %(case)s: the plan is signed by "
                        "the person served or their legal guardian.",
                        name=plan.client_signer_partner_id.name,
                        case=plan.case_id.name,
                    )
                )
            member = members.filtered(lambda m, p=plan.client_signer_partner_id: m.partner_id == p)
            if plan.client_signer_role == "client" and member.is_minor:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a minor: the plan is signed by their legal guardian.",
                        name=member.partner_id.name,
                    )
                )

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        cases = self.env["rrs.case"].browse([v["case_id"] for v in vals_list if v.get("case_id")])
        # sudo(): counts the drafts of the cases only, to explain the refusal clearly
        drafting = (
            self.sudo().search([("case_id", "in", cases.ids), ("state", "=", "draft")]).case_id
        )
        for vals in vals_list:
            case_id = vals.get("case_id")
            if vals.get("state", "draft") == "draft" and case_id in drafting.ids:
                raise UserError(
                    self.env._(
                        "Case %(case)s already has a plan being drafted: finish or delete it "
                        "before starting another.",
                        case=drafting.browse(case_id).name,
                    )
                )
            if case_id and "client_signer_partner_id" not in vals:
                vals["client_signer_partner_id"] = cases.browse(case_id).head_partner_id.id
        if not (self._rrs_guarded() and any(v.get("client_signature") for v in vals_list)):
            plans = super().create(vals_list)
            plans.filtered(lambda p: not p.participant_ids)._add_household_participants()
            return plans
        # rule PLAN-1: the client signs a complete plan (issue 9); a refused signature leaves
        # no plan behind.
        with self.env.cr.savepoint():
            plans = super().create(vals_list)
            plans.filtered(lambda p: not p.participant_ids)._add_household_participants()
            signed = plans.filtered(lambda p: p.client_signature and p.state == "draft")
            signed._raise_signing_problems()
        return plans

    def write(self, vals):
        signing = "client_signature" in vals and self._rrs_guarded()
        if signing:
            # The caller's right comes first: a role that may not write gets the access error.
            self.check_access("write")
            for plan in self.filtered(lambda p: p.state == "draft" and p.client_signature_date):
                if not plan._is_same_signature(vals["client_signature"]):
                    raise UserError(
                        self.env._(
                            "The client signed %(plan)s on %(date)s: the signature stays as it "
                            "was given.",
                            plan=plan.name,
                            date=plan.client_signature_date,
                        )
                    )
        if not (signing and vals["client_signature"]):
            return super().write(vals)
        # rule PLAN-1: the client signs a complete plan (issue 9), judged with the values saved
        # with the signature; a refused signature leaves nothing written.
        with self.env.cr.savepoint():
            res = super().write(vals)
            self.filtered(lambda p: p.state == "draft")._raise_signing_problems()
        return res

    def _is_same_signature(self, value):
        self.ensure_one()
        if isinstance(value, str):
            value = value.encode()
        return (value or False) == (self.client_signature or False)

    def _rrs_frozen_message(self):
        return self.env._(
            "%(plan)s is signed: it stays as it was signed. Start a revision to change goals, "
            "participants or signatures.",
            plan=self.name,
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        if is_disposing():
            return
        if self.filtered(lambda p: p.state != "draft"):
            raise UserError(
                self.env._("A signed service plan is part of the case record and is never deleted.")
            )

    # ------------------------------------------------------------------ actions
    def _add_household_participants(self):
        self.env["rrs.service.plan.participant"].create(
            [
                {
                    "plan_id": plan.id,
                    "member_id": member.id,
                    "took_part": not member._is_young_child(),
                    "reason_not": "under_age" if member._is_young_child() else False,
                }
                for plan in self
                for member in plan.case_id.member_ids
            ]
        )

    def _check_draft_for_participants(self):
        if not self.env.su and self.filtered(lambda p: p.state != "draft"):
            raise UserError(self.env._("Who took part in a signed plan stays as it was signed."))

    def _check_draft(self):
        for plan in self:
            if plan.state != "draft":
                raise UserError(
                    self.env._("%(plan)s is already signed.", plan=plan.name),
                )

    def _get_signing_problems(self):
        """What is missing before this plan can be signed (rules PLAN-1, PLAN-2)."""
        self.ensure_one()
        problems = []
        if not self.goal_ids:
            problems.append(self.env._("add at least one goal"))
        for goal in self.goal_ids:
            problems += goal._get_problems()
        labels = self._fields
        for fname in (
            "family_network",
            "crisis_procedure",
            "self_sufficiency_pathway",
            "self_sufficiency_barriers",
        ):
            if not (self[fname] or "").strip():
                problems.append(
                    self.env._(
                        "fill in “%(field)s”", field=labels[fname]._description_string(self.env)
                    )
                )
        for participant in self.participant_ids:
            problem = participant._get_problem()
            if problem:
                problems.append(problem)
        missing = self.case_id.member_ids - self.participant_ids.member_id
        if missing:
            problems.append(
                self.env._(
                    "say whether %(names)s took part",
                    names=", ".join(missing.partner_id.mapped("name")),
                )
            )
        return problems

    def _raise_signing_problems(self):
        for plan in self:
            problems = plan._get_signing_problems()
            if problems:
                raise UserError(
                    self.env._(
                        "%(plan)s cannot be signed yet:\n- %(problems)s",
                        plan=plan.name,
                        problems="\n- ".join(problems),
                    )
                )

    def _check_not_signed_by(self, date_field, who):
        for plan in self.filtered(date_field):
            raise UserError(
                self.env._(
                    "%(plan)s already has the signature of %(who)s.", plan=plan.name, who=who
                )
            )

    def _sign(self, values):
        """Write a signature the caller's right was checked for, then finish if complete."""
        with self._rrs_system_write():
            self.write(values)
        self._finish_signing()
        return True

    def action_sign_client(self):
        """Record the client's (or legal guardian's) signature, given in front of the worker."""
        self.ensure_one()
        self.check_access("write")
        self._check_draft()
        self._check_not_signed_by("client_signature_date", self.env._("the client"))
        self._raise_signing_problems()
        if not self.client_signer_partner_id:
            raise UserError(self.env._("Choose who signs for the client (the client or guardian)."))
        if not self.client_signature:
            raise UserError(self.env._("The client or guardian signs in the signature box first."))
        return self._sign({"client_signature_date": fields.Date.context_today(self)})

    def action_sign_worker(self):
        self.ensure_one()
        self.check_access("write")
        self._check_draft()
        self._check_not_signed_by("worker_signature_date", self.env._("the case worker"))
        self._raise_signing_problems()
        if self.env.user not in self.case_id.worker_user_ids:
            raise AccessError(
                self.env._(
                    "Only a case worker assigned to case %(case)s signs its plan as worker.",
                    case=self.case_id.name,
                )
            )
        return self._sign(
            {
                "worker_signer_id": self.env.user.id,
                "worker_signature_date": fields.Date.context_today(self),
            }
        )

    def action_sign_supervisor(self):
        self.ensure_one()
        self.check_access("write")
        self._check_draft()
        self._check_not_signed_by("supervisor_signature_date", self.env._("the supervisor"))
        self._raise_signing_problems()
        self.case_id._check_supervisor_of(self.env.user, self.env._("sign this plan"))
        return self._sign(
            {
                "supervisor_signer_id": self.env.user.id,
                "supervisor_signature_date": fields.Date.context_today(self),
            }
        )

    def _is_fully_signed(self):
        self.ensure_one()
        return bool(
            self.client_signature_date
            and self.worker_signature_date
            and (self.supervisor_signature_date or not self.supervisor_required)
        )

    def _finish_signing(self):
        """Once every signature is in, the plan is signed (rule PLAN-5)."""
        self.ensure_one()
        if self._is_fully_signed():
            self._rrs_move("signed")

    # ------------------------------------------------------------------- moves
    def _rrs_moves(self):
        """A plan is signed once everyone has signed; a signed plan is superseded by the
        signature of its revision, never by hand (rules PLAN-1, PLAN-5)."""
        return {
            ("draft", "signed"): "_rrs_move_sign",
            ("signed", "superseded"): SYSTEM_ONLY,
        }

    def _rrs_move_sign(self, target):
        self._raise_signing_problems()
        if not self._is_fully_signed():
            raise UserError(
                self.env._(
                    "%(plan)s is signed once the client or guardian, the case worker and, where "
                    "the program asks for it, the supervisor have each signed it with the "
                    "buttons of the plan.",
                    plan=self.name,
                )
            )
        return {"signed_date": fields.Date.context_today(self)}

    def _rrs_after_move(self, source, target):
        """Signed: the previous version is superseded and the agreement kept (PLAN-3, PLAN-5)."""
        super()._rrs_after_move(source, target)
        if target != "signed":
            return
        previous = self.case_id.service_plan_ids.filtered(
            lambda p: p.state == "signed" and p != self
        )
        with previous._rrs_system_write():
            previous.write({"state": "superseded"})
        self._attach_signed_agreement()
        self.message_post(
            body=self.env._(
                "Plan signed by %(client)s, %(worker)s%(supervisor)s.",
                client=self.client_signer_partner_id.name,
                worker=self.worker_signer_id.name,
                supervisor=(", " + self.supervisor_signer_id.name)
                if self.supervisor_signer_id
                else "",
            )
        )

    def _attach_signed_agreement(self):
        """Keep the service agreement as printed at signature (rules PLAN-3, PLAN-5); the file
        can then be neither changed nor deleted (see ir.attachment)."""
        self.ensure_one()
        report = self.env.ref("rrs_case.action_report_service_agreement")
        content, content_type = report._render_qweb_pdf(report, self.ids)
        extension = "pdf" if content_type == "pdf" else "html"
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.name}.{extension}",
                "type": "binary",
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf" if extension == "pdf" else "text/html",
            }
        )
        with self._rrs_system_write():
            self.agreement_attachment_id = attachment

    def action_revise(self):
        """A new draft version with the same content, to discuss and sign (rule PLAN-5)."""
        self.ensure_one()
        self.check_access("write")
        if self.state != "signed":
            raise UserError(self.env._("Only the current signed plan is revised."))
        Plan = self.env["rrs.service.plan"]
        Plan.check_access("create")
        # The version chain is the system's: the caller may write this plan and create plans.
        with Plan._rrs_system_write():
            revision = self.copy(
                {
                    "previous_plan_id": self.id,
                    "plan_date": fields.Date.context_today(self),
                    "client_signature": False,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": revision.id,
            "view_mode": "form",
        }

    def action_print_agreement(self):
        self.ensure_one()
        if self.agreement_attachment_id:
            return {
                "type": "ir.actions.act_url",
                "url": f"/web/content/{self.agreement_attachment_id.id}?download=true",
                "target": "new",
            }
        return self.env.ref("rrs_case.action_report_service_agreement").report_action(self)

    def action_mark_agreement_given(self):
        """Rule PLAN-3: the client received the signed plan and the policies, on that day."""
        self.check_access("write")
        for plan in self:
            if plan.state == "draft":
                raise UserError(self.env._("Give the client the plan once it is signed."))
            if plan.agreement_given_date:
                raise UserError(
                    self.env._(
                        "The client received %(plan)s on %(date)s.",
                        plan=plan.name,
                        date=plan.agreement_given_date,
                    )
                )
        with self._rrs_system_write():
            self.write({"agreement_given_date": fields.Date.context_today(self)})
        return True

    @api.depends("case_id.document_language_id")
    def _compute_document_language_id(self):
        for record in self:
            record.document_language_id = record.case_id.document_language_id

    def _rrs_document_lang(self):
        """``(Odoo language code, fallback)`` this document prints in for the client."""
        self.ensure_one()
        return self.document_language_id._rrs_document_lang(self.company_id)
