# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.rrs_case.models.rrs_guard_mixin import is_disposing
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

CHECK = [("adequate", "Adequate"), ("concern", "Concern"), ("not_assessed", "Not assessed")]


class RrsMinorCaregiverAssessment(models.Model):
    """The assessment of a separated minor's caregiver and placement (rule MIN-2)."""

    _name = "rrs.minor.caregiver.assessment"
    _description = "Caregiver and Placement Assessment"
    _inherit = ["rrs.guard.mixin", "rrs.access.logged.mixin"]
    _order = "assessment_date desc, id desc"
    _check_company_auto = True
    _rrs_parent_field = "member_id"

    member_id = fields.Many2one(
        "rrs.case.member",
        string="Minor",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('separated_minor_category', '!=', False)]",
    )
    case_id = fields.Many2one(related="member_id.case_id", store=True, index=True)
    company_id = fields.Many2one(related="member_id.case_id.company_id", store=True, index=True)
    caregiver_partner_id = fields.Many2one(
        "res.partner", string="Caregiver", required=True, index="btree_not_null"
    )
    assessment_date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    user_id = fields.Many2one("res.users", string="Assessed by", default=lambda self: self.env.user)
    identity_verified = fields.Boolean(string="Caregiver's identity verified")
    identity_method = fields.Char(
        string="How", help="Documents seen, cross-checks with the child and with relatives."
    )
    separation_years = fields.Integer(string="Years apart before reunion")
    previous_relationship = fields.Text(
        string="Previous relationship", help="Nature and extent of the relationship before."
    )
    housing_space = fields.Selection(CHECK, required=True, default="not_assessed")
    safety = fields.Selection(CHECK, required=True, default="not_assessed")
    financial_stability = fields.Selection(CHECK, required=True, default="not_assessed")
    notes = fields.Text()
    outcome = fields.Selection(
        [
            ("suitable", "Suitable"),
            ("with_support", "Suitable with support"),
            ("not_suitable", "Not suitable: placement to change"),
        ],
        required=True,
    )
    next_due_date = fields.Date(
        string="Next assessment due",
        compute="_compute_next_due_date",
        store=True,
        readonly=False,
        help="Placements are re-assessed on the program's case review interval by default.",
    )

    @api.depends("caregiver_partner_id.name", "assessment_date")
    def _compute_display_name(self):
        for assessment in self:
            assessment.display_name = self.env._(
                "Caregiver assessment of %(caregiver)s, %(date)s",
                caregiver=assessment.caregiver_partner_id.name or "",
                date=format_date(self.env, assessment.assessment_date),
            )

    @api.depends("assessment_date", "case_id.program_id.review_interval_months")
    def _compute_next_due_date(self):
        for assessment in self:
            months = assessment.case_id.program_id.review_interval_months or 3
            assessment.next_due_date = assessment.assessment_date + relativedelta(months=months)

    @api.constrains("assessment_date")
    def _check_assessment_date(self):
        # rule MIN-2: an assessment is recorded once made; the next one is due from it
        today = fields.Date.context_today(self)
        for assessment in self:
            if assessment.assessment_date > today:
                raise ValidationError(
                    self.env._(
                        "A caregiver assessment is recorded once made (%(date)s is in the future).",
                        date=assessment.assessment_date,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        """Rule MIN-2: the placement's assessments are its history; a new assessment updates
        it."""
        if is_disposing():
            return
        raise UserError(
            self.env._(
                "A caregiver assessment stays in the record; record a new assessment to update it."
            )
        )

    @api.constrains("identity_verified", "identity_method", "separation_years", "outcome")
    def _check_identity(self):
        # rule MIN-2: after a long separation the caregiver's identity is verified
        for assessment in self:
            if assessment.outcome != "not_suitable" and not assessment.identity_verified:
                raise ValidationError(
                    self.env._(
                        "Verify the caregiver's identity before finding the placement suitable."
                    )
                )
            if assessment.identity_verified and not assessment.identity_method:
                raise ValidationError(self.env._("Say how the caregiver's identity was verified."))
            concerns = [
                f
                for f in ("housing_space", "safety", "financial_stability")
                if assessment[f] != "adequate"
            ]
            if assessment.outcome == "suitable" and concerns:
                raise ValidationError(
                    self.env._(
                        "Housing space, safety and financial stability must all be adequate for "
                        "a placement found suitable without support."
                    )
                )
