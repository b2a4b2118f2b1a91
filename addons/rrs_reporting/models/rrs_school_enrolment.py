# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RrsSchoolEnrolment(models.Model):
    """A school-age child's enrolment (or why not), the fact behind the school outcomes
    (rule OUT-1): recorded by the case worker on the case."""

    _name = "rrs.school.enrolment"
    _description = "School enrolment"
    _inherit = ["mail.thread", "rrs.guard.mixin"]
    _order = "enrolment_date desc, id desc"
    _check_company_auto = True
    _rrs_parent_field = "case_id"

    case_id = fields.Many2one("rrs.case", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    program_id = fields.Many2one(related="case_id.program_id", string="Program")
    member_id = fields.Many2one(
        "rrs.case.member",
        string="Child",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('case_id', '=', case_id)]",
        tracking=True,
    )
    status = fields.Selection(
        [
            ("enrolled", "Enrolled"),
            ("waiting", "Waiting for a place"),
            ("not_enrolled", "Not enrolled"),
        ],
        required=True,
        default="enrolled",
        tracking=True,
        index=True,
    )
    school_id = fields.Many2one(
        "res.partner", domain=[("is_company", "=", True)], tracking=True, index="btree_not_null"
    )
    grade = fields.Char(string="Grade or level", tracking=True)
    enrolment_date = fields.Date(
        tracking=True,
        help="The first day the child is enrolled (or the day of the request).",
        index=True,
    )
    end_date = fields.Date(tracking=True, help="The day the child left the school.")
    reason = fields.Text(
        string="Why not enrolled",
        help="What keeps the child out of school (no place yet, documents missing ...).",
    )
    arrival_date = fields.Date(related="case_id.arrival_date", string="Arrival")
    days_after_arrival = fields.Integer(
        compute="_compute_days_after_arrival",
        store=True,
        index=True,
        help="Days from the case's arrival to the enrolment: what the school outcome counts.",
    )

    @api.depends("enrolment_date", "case_id.arrival_date")
    def _compute_days_after_arrival(self):
        for enrolment in self:
            arrival = enrolment.case_id.arrival_date
            start = enrolment.enrolment_date
            enrolment.days_after_arrival = (start - arrival).days if start and arrival else 0

    @api.depends("member_id", "school_id", "status")
    def _compute_display_name(self):
        labels = dict(self._fields["status"]._description_selection(self.env))
        for enrolment in self:
            parts = [
                enrolment.member_id.display_name,
                enrolment.school_id.name or labels.get(enrolment.status),
            ]
            enrolment.display_name = " – ".join(p for p in parts if p)

    @api.constrains("status", "school_id", "enrolment_date", "end_date", "reason")
    def _check_status(self):
        for enrolment in self:
            if enrolment.status == "enrolled" and not (
                enrolment.school_id and enrolment.enrolment_date
            ):
                raise ValidationError(
                    self.env._("An enrolled child needs the school and the enrolment date.")
                )
            if enrolment.status == "not_enrolled" and not (enrolment.reason or "").strip():
                raise ValidationError(
                    self.env._("Say why the child is not enrolled: it is what the family needs.")
                )
            if (
                enrolment.end_date
                and enrolment.enrolment_date
                and enrolment.end_date < enrolment.enrolment_date
            ):
                raise ValidationError(
                    self.env._(
                        "The enrolment ends (%(end)s) before it starts (%(start)s): check the "
                        "dates.",
                        end=enrolment.end_date,
                        start=enrolment.enrolment_date,
                    )
                )

    @api.constrains("member_id", "case_id", "enrolment_date")
    def _check_member(self):
        for enrolment in self:
            # sudo(): the member's case and date of birth, read only to check the child
            member = enrolment.member_id.sudo()
            if member.case_id != enrolment.case_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s is not a member of the household of case %(case)s: record "
                        "the enrolment on that child's own case.",
                        person=member.partner_id.name,
                        case=enrolment.case_id.name,
                    )
                )
            on_date = (
                enrolment.enrolment_date
                or enrolment.case_id.arrival_date
                or fields.Date.context_today(self)
            )
            if not member.is_school_age_on(on_date):
                raise ValidationError(
                    self.env._(
                        "%(person)s was not of school age (5 to 17) on %(date)s, or the date of "
                        "birth is missing: school enrolments are for school-age children.",
                        person=member.partner_id.name,
                        date=on_date,
                    )
                )
