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
