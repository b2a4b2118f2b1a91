# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RrsCaseMember(models.Model):
    _inherit = "rrs.case.member"

    # rule MIN-1: the categories of separated refugee minors (RRS 7)
    separated_minor_category = fields.Selection(
        [
            ("with_relatives", "With blood relatives other than parents"),
            ("with_non_relatives", "With or joining non-relatives"),
            ("joining_parents", "Travelling apart from and joining parents"),
            ("joining_relatives", "Joining relatives other than parents"),
            ("married", "Married minor"),
        ],
        string="Separated minor",
        index="btree_not_null",
    )
    caregiver_partner_id = fields.Many2one(
        "res.partner", string="Caregiver", index="btree_not_null"
    )
    caregiver_relationship = fields.Char(string="Caregiver's relationship")
    caregiver_assessment_ids = fields.One2many(
        "rrs.minor.caregiver.assessment",
        "member_id",
        string="Caregiver assessments",
        groups="rrs_case.group_case_worker",
    )
    caregiver_assessment_due_date = fields.Date(
        string="Next caregiver assessment due",
        compute="_compute_caregiver_assessment_due_date",
        store=True,
        index=True,
    )

    @api.depends(
        "separated_minor_category",
        "caregiver_assessment_ids.assessment_date",
        "caregiver_assessment_ids.next_due_date",
        "case_id.intake_date",
    )
    def _compute_caregiver_assessment_due_date(self):
        # rule MIN-2: assessed at intake, then updated on the program's schedule
        for member in self:
            if not member.separated_minor_category:
                member.caregiver_assessment_due_date = False
                continue
            latest = member.caregiver_assessment_ids.sorted("assessment_date")[-1:]
            member.caregiver_assessment_due_date = (
                latest.next_due_date or member.case_id.intake_date
            )

    @api.constrains("separated_minor_category", "birthdate_date")
    def _check_separated_minor_is_minor(self):
        for member in self.filtered("separated_minor_category"):
            if not member.is_minor:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not a minor: only a person under 18 is a separated minor.",
                        name=member.partner_id.name,
                    )
                )
