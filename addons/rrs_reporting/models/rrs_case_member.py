# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.rrs_case.models.rrs_case_member import ADULT_AGE

# School age, as the assessment's school-age factors count it (a child aged 5 to 17).
SCHOOL_AGE_FROM = 5
WORKING_AGE_TO = 64


class RrsCaseMember(models.Model):
    _inherit = "rrs.case.member"

    # Stored so that outcome indicators count people by their age on arrival in one query
    # (a domain cannot compare a birth date with the case's arrival date).
    arrival_age = fields.Integer(
        string="Age on arrival",
        compute="_compute_arrival_age",
        store=True,
        index=True,
        help="Age in full years on the case's arrival date; 0 when either date is unknown "
        "(such a person is left out of the age groups the indicators count).",
    )

    employment_ids = fields.One2many(
        "rrs.employment",
        "member_id",
        string="Jobs",
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
    )
    school_enrolment_ids = fields.One2many(
        "rrs.school.enrolment",
        "member_id",
        string="School enrolments",
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
    )
    self_sufficiency_ids = fields.One2many(
        "rrs.self.sufficiency",
        "member_id",
        string="Self-sufficiency",
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
    )

    # Stored so that an indicator's people and those who reached it are counted in one grouped
    # query: the first job, and the first school enrolment, in days after arrival.
    employed_within = fields.Selection(
        [("90", "Within 90 days"), ("180", "Within 180 days"), ("later", "Later")],
        string="First job",
        compute="_compute_employed_within",
        store=True,
        index=True,
        help="When the person's first recorded job started, counted from the case's arrival.",
    )
    school_within = fields.Selection(
        [("30", "Within 30 days"), ("later", "Later")],
        string="In school",
        compute="_compute_school_within",
        store=True,
        index=True,
        help="When the person was first enrolled in school, counted from the case's arrival "
        "(waiting for a place is not enrolled).",
    )

    @api.depends("employment_ids.days_after_arrival")
    def _compute_employed_within(self):
        for member in self:
            days = member.employment_ids.mapped("days_after_arrival")
            first = min(days) if days else None
            if first is None:
                member.employed_within = False
            elif first <= 90:
                member.employed_within = "90"
            elif first <= 180:
                member.employed_within = "180"
            else:
                member.employed_within = "later"

    @api.depends("school_enrolment_ids.status", "school_enrolment_ids.days_after_arrival")
    def _compute_school_within(self):
        for member in self:
            days = member.school_enrolment_ids.filtered(
                lambda enrolment: enrolment.status == "enrolled"
            ).mapped("days_after_arrival")
            first = min(days) if days else None
            if first is None:
                member.school_within = False
            else:
                member.school_within = "30" if first <= 30 else "later"

    @api.depends("partner_id.birthdate_date", "case_id.arrival_date")
    def _compute_arrival_age(self):
        for member in self:
            birth, arrival = member.partner_id.birthdate_date, member.case_id.arrival_date
            member.arrival_age = relativedelta(arrival, birth).years if birth and arrival else 0

    @api.private
    def is_school_age_on(self, on_date):
        """Aged 5 to 17 on ``on_date``, by a known date of birth."""
        self.ensure_one()
        birth = self.birthdate_date
        return bool(birth) and SCHOOL_AGE_FROM <= relativedelta(on_date, birth).years < ADULT_AGE
