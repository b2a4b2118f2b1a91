# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from .rrs_guard_mixin import is_disposing

ADULT_AGE = 18
# Children take part in service planning from this age (rule PLAN-2).
PARTICIPATION_AGE = 6


class RrsCaseMember(models.Model):
    """A person in a case's household (rule ELIG-2); the person is a contact."""

    _name = "rrs.case.member"
    _description = "Household Member"
    _inherit = ["rrs.guard.mixin"]
    _order = "case_id, is_head desc, birthdate_date, id"
    _rec_name = "partner_id"
    _check_company_auto = True
    _rrs_parent_field = "case_id"

    case_id = fields.Many2one("rrs.case", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    case_state = fields.Selection(related="case_id.state", store=True, string="Case stage")
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", False)],
    )
    relationship = fields.Selection(
        [
            ("head", "Head of household"),
            ("spouse", "Spouse / partner"),
            ("child", "Child"),
            ("parent", "Parent"),
            ("sibling", "Sibling"),
            ("grandparent", "Grandparent"),
            ("grandchild", "Grandchild"),
            ("other_relative", "Other relative"),
            ("non_relative", "Not related"),
        ],
        string="Relationship to head",
        required=True,
    )
    is_head = fields.Boolean(
        string="Head of household", compute="_compute_is_head", store=True, index=True
    )
    # issue 9: imports of households name new people; the contact is created with the member
    person_name = fields.Char(
        related="partner_id.name",
        readonly=False,
        string="Name",
        help="The person's full name. In an import, a name without an existing person creates "
        "the person's contact along with the household member.",
    )
    birthdate_date = fields.Date(
        related="partner_id.birthdate_date", readonly=False, string="Date of birth"
    )
    gender = fields.Selection(related="partner_id.gender", readonly=False)
    nationality_id = fields.Many2one(related="partner_id.nationality_id", readonly=False)
    age = fields.Integer(compute="_compute_age")
    is_minor = fields.Boolean(string="Minor", compute="_compute_age", search="_search_is_minor")

    _person_once_per_case = models.Constraint(
        "UNIQUE(case_id, partner_id)", "This person is already a member of this household."
    )

    @api.depends("partner_id", "case_id.restricted")
    @api.depends_context("uid")
    def _compute_display_name(self):
        # Shown with sudo() by the web client where a member is linked from a record another
        # role may read (an assistance payment): a member of a restricted case (a minor's
        # record, REC-1) is not named to anyone but case staff.
        staff = self.env.user.has_group("rrs_case.group_case_worker")
        for member in self:
            if member.case_id.restricted and not staff:
                member.display_name = self.env._(
                    "Member of restricted case %(case)s", case=member.case_id.name
                )
            else:
                member.display_name = member.partner_id.display_name or ""

    @api.depends("relationship")
    def _compute_is_head(self):
        for member in self:
            member.is_head = member.relationship == "head"

    @api.depends("birthdate_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for member in self:
            if member.birthdate_date:
                member.age = relativedelta(today, member.birthdate_date).years
                member.is_minor = member.age < ADULT_AGE
            else:
                # An unknown date of birth counts as an adult: the person signs their own forms.
                member.age = 0
                member.is_minor = False

    def _is_young_child(self):
        """Younger than the planning age, by a known date of birth (rule PLAN-2)."""
        self.ensure_one()
        return bool(self.birthdate_date) and self.age < PARTICIPATION_AGE

    def _search_is_minor(self, operator, value):
        if operator != "in":
            return NotImplemented
        limit = fields.Date.context_today(self) - relativedelta(years=ADULT_AGE)
        minors = [("birthdate_date", ">", limit)]
        if True in value and False in value:
            return []
        if True in value:
            return minors
        return ["|", ("birthdate_date", "=", False), ("birthdate_date", "<=", limit)]

    @api.private
    def is_adult_on(self, on_date):
        self.ensure_one()
        birth = self.birthdate_date
        return not birth or relativedelta(on_date, birth).years >= ADULT_AGE

    @api.constrains("partner_id", "relationship", "case_id")
    def _check_head_of_one_household(self):
        self._check_head_of_one_household_open_elsewhere(closed_ok=True)

    def _check_head_of_one_household_open_elsewhere(self, closed_ok=False):
        """Refuse a person heading two open households (checked before reopening too)."""
        heads = self.filtered("is_head")
        if not heads:
            return
        # sudo(): the other household may belong to a case this user cannot read; only
        # its existence and number are disclosed in the message.
        others = self.sudo().search(
            [
                ("partner_id", "in", heads.partner_id.ids),
                ("is_head", "=", True),
                ("case_state", "!=", "closed"),
                ("id", "not in", heads.ids),
            ]
        )
        for member in heads:
            clash = others.filtered(lambda o, m=member: o.partner_id == m.partner_id)
            if clash and not (closed_ok and member.case_state == "closed"):
                raise ValidationError(
                    self.env._(
                        "%(name)s is already head of household in open case %(case)s. A person "
                        "heads only one household: close that case or change the relationship.",
                        name=member.partner_id.name,
                        case=clash[0].case_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_people_readable(vals_list)
        self._create_named_people(vals_list)
        return super().create(vals_list)

    def _create_named_people(self, vals_list):
        """An import (or an API client) gives a new person's name instead of a contact: create
        the contacts, with the caller's own rights, in one batch."""
        new = [v for v in vals_list if not v.get("partner_id") and v.get("person_name")]
        for vals in new:
            if not isinstance(vals["person_name"], str) or not vals["person_name"].strip():
                raise ValidationError(self.env._("Give the person's full name."))
        partners = self.env["res.partner"].create(
            [{"name": vals["person_name"].strip(), "type": "contact"} for vals in new]
        )
        for vals, partner in zip(new, partners, strict=True):
            vals["partner_id"] = partner.id
            del vals["person_name"]

    def write(self, vals):
        self._check_people_readable([vals])
        return super().write(vals)

    def modified(self, fnames, create=False, before=False):
        # A person joins, leaves (``unlink`` calls it too) or changes household: the case
        # worker's contact rule reads each worker's people again
        # (res.partner._rrs_people_of_user, issue 17). Here rather than after create or
        # write: the ORM calls it as soon as the values change, before it writes the related
        # fields of the person (their date of birth ...), whose access check must already see
        # the new member.
        if {"partner_id", "case_id"} & set(fnames):
            self.env["res.partner"]._rrs_forget_people_of_users()
        return super().modified(fnames, create=create, before=before)

    def _check_people_readable(self, vals_list):
        """Rules CON-2, REC-4: joining a household opens the person to the case's staff, so a
        user adds only people they may already see (a new contact, or a client of theirs)."""
        if self.env.su:
            return
        partners = self.env["res.partner"].browse(
            {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
        )
        if partners - partners._filtered_access("read"):
            raise AccessError(
                self.env._(
                    "This person belongs to cases you cannot see: only their case staff, or a "
                    "program manager, can add them to another household."
                )
            )

    # ----------------------------------------------------------------- import
    @api.model
    def get_import_templates(self):
        """Issue 9: a template for adding people to existing households."""
        return [
            {
                "label": self.env._("Import template for household members"),
                "template": "/rrs_case/static/import/rrs_case_member_import_template.csv",
            }
        ]

    # ------------------------------------------------------------- deletion
    @api.model
    @tools.ormcache()
    def _rrs_member_links(self):
        """Stored fields of other models naming a household member: (model, field)."""
        links = []
        for model_name, Model in self.env.registry.items():
            if model_name == self._name or Model._abstract or Model._transient or not Model._auto:
                continue
            for fname, field in Model._fields.items():
                if (
                    field.type in ("many2one", "many2many")
                    and field.comodel_name == self._name
                    and field.store
                    and not field.compute
                    and not field.related
                ):
                    links.append((model_name, fname))
        return tuple(links)

    def _rrs_member_removable_domains(self):
        """{model: domain} of the records naming a member that may go with them: work not
        yet done or signed. A hook: upper addons add theirs (assessments not completed)."""
        return {
            "rrs.service.plan.participant": [("plan_id.state", "=", "draft")],
            "rrs.service.goal": [("plan_id.state", "=", "draft")],
        }

    def _rrs_kept_records(self):
        """What names these members in the case file, as (label, count): every record of
        another model that names them, except those that may go with the member."""
        kept = []
        removable = self._rrs_member_removable_domains()
        for model_name, fname in self._rrs_member_links():
            # sudo(): counts only, to tell why the member stays; no record is returned
            Model = self.env[model_name].sudo().with_context(active_test=False)
            domain = Domain(fname, "in", self.ids)
            if model_name in removable:
                domain &= ~Domain(removable[model_name])
            count = Model.search_count(domain)
            if count:
                label = self.env["ir.model"]._get(model_name).name
                kept.append((label, count))
        return kept

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_records(self):
        """A member named by the case file's records stays in the household (REC-3): their
        completed assessments, signed forms, notes, sessions ... would go with them or lose who
        they are about. Disposal at the end of retention removes them all."""
        if is_disposing():
            return
        for member in self:
            kept = member._rrs_kept_records()
            if kept:
                raise UserError(
                    self.env._(
                        "%(name)s stays in the household of case %(case)s: the case file names "
                        "them (%(records)s). Records of the case file are kept until their "
                        "retention period ends.",
                        name=member.partner_id.name,
                        case=member.case_id.name,
                        records=", ".join(f"{label}: {count}" for label, count in kept),
                    )
                )
