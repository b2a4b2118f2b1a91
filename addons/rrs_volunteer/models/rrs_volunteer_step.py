# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RrsVolunteerStep(models.Model):
    """One onboarding step of a volunteer, with the date it was done and its expiry (rule
    VOL-1). Recorded by the coordinator; who recorded it and when are set by the system."""

    _name = "rrs.volunteer.step"
    _description = "Volunteer onboarding step done"
    _inherit = ["rrs.guard.mixin"]
    _order = "volunteer_id, sequence, id"
    _check_company_auto = True

    _rrs_parent_field = "volunteer_id"
    _rrs_system_fields = ("recorded_by_id", "recorded_date")

    volunteer_id = fields.Many2one(
        "rrs.volunteer", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="volunteer_id.company_id", store=True, index=True)
    type_id = fields.Many2one(
        "rrs.volunteer.step.type", string="Step", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="type_id.sequence", store=True)
    blocking = fields.Boolean(related="type_id.blocking")
    done_date = fields.Date(string="Done on")
    expiry_date = fields.Date(
        string="Expires on",
        compute="_compute_expiry_date",
        store=True,
        readonly=False,
        help="Computed from the step's validity; the certificate's own expiry date may be "
        "written instead.",
    )
    status = fields.Selection(
        [
            ("missing", "To do"),
            ("valid", "Valid"),
            ("expiring", "Expiring"),
            ("expired", "Expired"),
        ],
        compute="_compute_status",
    )
    document = fields.Binary(attachment=True)
    document_name = fields.Char()
    note = fields.Char()
    recorded_by_id = fields.Many2one("res.users", string="Recorded by", readonly=True)
    recorded_date = fields.Date(string="Recorded on", readonly=True)

    _type_unique = models.Constraint(
        "UNIQUE(volunteer_id, type_id)", "The volunteer has this onboarding step already."
    )

    @api.depends("done_date", "type_id.validity_months")
    def _compute_expiry_date(self):
        for step in self:
            months = step.type_id.validity_months
            step.expiry_date = (
                step.done_date + relativedelta(months=months)
                if step.done_date and months
                else False
            )

    @api.depends("done_date", "expiry_date")
    @api.depends_context("tz")
    def _compute_status(self):
        today = fields.Date.context_today(self)
        for step in self:
            notice = relativedelta(days=step.company_id.rrs_volunteer_notice_days)
            if not step.done_date or step.done_date > today:
                step.status = "missing"
            elif step.expiry_date and step.expiry_date < today:
                step.status = "expired"
            elif step.expiry_date and step.expiry_date <= today + notice:
                step.status = "expiring"
            else:
                step.status = "valid"

    @api.constrains("done_date", "expiry_date", "document")
    def _check_step(self):
        today = fields.Date.context_today(self)
        for step in self:
            if step.done_date and step.done_date > today:
                raise ValidationError(
                    self.env._(
                        "%(step)s cannot be recorded as done in the future (%(date)s).",
                        step=step.type_id.name,
                        date=fields.Date.to_string(step.done_date),
                    )
                )
            if step.done_date and step.expiry_date and step.expiry_date < step.done_date:
                raise ValidationError(
                    self.env._("%(step)s cannot expire before it was done.", step=step.type_id.name)
                )
            if step.done_date and step.type_id.needs_document and not step.document:
                raise ValidationError(
                    self.env._(
                        "Attach the document of %(step)s (the certificate or the signed form) "
                        "when you record it as done.",
                        step=step.type_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        steps = super().create(vals_list)
        done = steps.filtered("done_date")
        if done and not self.env.su:
            with done._rrs_system_write():
                done.write(
                    {
                        "recorded_by_id": self.env.user.id,
                        "recorded_date": fields.Date.context_today(self),
                    }
                )
        return steps

    def write(self, vals):
        if self._rrs_guarded() and {"done_date", "expiry_date", "document"} & set(vals):
            # A step refused by its checks (no document, done in the future) leaves nothing
            # written, even inside a longer transaction.
            with self.env.cr.savepoint():
                result = super().write(vals)
                with self._rrs_system_write():
                    super().write(
                        {
                            "recorded_by_id": self.env.user.id,
                            "recorded_date": fields.Date.context_today(self),
                        }
                    )
            return result
        return super().write(vals)
