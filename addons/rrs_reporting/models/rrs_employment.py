# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RrsEmployment(models.Model):
    """A job held by an adult of the household, the fact behind the employment outcomes
    (rules OUT-1, OUT-3): recorded by the case worker on the case."""

    _name = "rrs.employment"
    _description = "Employment"
    _inherit = ["mail.thread", "rrs.guard.mixin"]
    _order = "start_date desc, id desc"
    _check_company_auto = True
    _rrs_parent_field = "case_id"

    case_id = fields.Many2one("rrs.case", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    program_id = fields.Many2one(related="case_id.program_id", string="Program")
    member_id = fields.Many2one(
        "rrs.case.member",
        string="Person",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('case_id', '=', case_id)]",
        tracking=True,
    )
    employer_id = fields.Many2one(
        "res.partner", domain=[("is_company", "=", True)], tracking=True, index="btree_not_null"
    )
    job_title = fields.Char(tracking=True)
    employment_type = fields.Selection(
        [
            ("full_time", "Full-time"),
            ("part_time", "Part-time"),
            ("self_employed", "Self-employed"),
            ("temporary", "Temporary"),
        ],
        string="Type",
        required=True,
        default="full_time",
        tracking=True,
    )
    found_through = fields.Selection(
        [
            ("job_developer", "Agency job developer"),
            ("referral", "Referral"),
            ("self", "Found by the person"),
        ],
        string="How the job was found",
        tracking=True,
    )
    start_date = fields.Date(required=True, tracking=True, index=True)
    end_date = fields.Date(tracking=True, help="Leave empty while the person holds the job.")
    hours_per_week = fields.Float(tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    hourly_wage = fields.Monetary(tracking=True)
    arrival_date = fields.Date(related="case_id.arrival_date", string="Arrival")
    days_after_arrival = fields.Integer(
        compute="_compute_days_after_arrival",
        store=True,
        index=True,
        help="Days from the case's arrival to the start of the job: what the employment "
        "outcomes count.",
    )
    note = fields.Text()

    @api.depends("start_date", "case_id.arrival_date")
    def _compute_days_after_arrival(self):
        for job in self:
            arrival = job.case_id.arrival_date
            job.days_after_arrival = (
                (job.start_date - arrival).days if job.start_date and arrival else 0
            )

    @api.depends("member_id", "job_title", "employer_id")
    def _compute_display_name(self):
        for job in self:
            parts = [job.member_id.display_name, job.job_title, job.employer_id.name]
            job.display_name = " – ".join(p for p in parts if p)

    @api.constrains("start_date", "end_date", "hours_per_week", "hourly_wage")
    def _check_figures(self):
        for job in self:
            if job.end_date and job.start_date and job.end_date < job.start_date:
                raise ValidationError(
                    self.env._(
                        "The job ends (%(end)s) before it starts (%(start)s): check the dates.",
                        end=job.end_date,
                        start=job.start_date,
                    )
                )
            if job.hours_per_week < 0 or job.hours_per_week > 168:
                raise ValidationError(
                    self.env._(
                        "Hours per week must be between 0 and 168 (%(hours)s given).",
                        hours=job.hours_per_week,
                    )
                )
            if job.hourly_wage < 0:
                raise ValidationError(self.env._("The hourly wage cannot be negative."))

    @api.constrains("member_id", "case_id", "start_date")
    def _check_member(self):
        for job in self:
            # sudo(): the member's case and date of birth, read only to check the job's person
            member = job.member_id.sudo()
            if member.case_id != job.case_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s is not a member of the household of case %(case)s: record "
                        "the job on that person's own case.",
                        person=member.partner_id.name,
                        case=job.case_id.name,
                    )
                )
            if job.start_date and not member.is_adult_on(job.start_date):
                raise ValidationError(
                    self.env._(
                        "%(person)s was a minor on %(date)s: only adults' jobs are recorded here.",
                        person=member.partner_id.name,
                        date=job.start_date,
                    )
                )
