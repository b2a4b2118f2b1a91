# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    rrs_volunteer_hourly_rate = fields.Monetary(
        string="Volunteer hour value",
        currency_field="currency_id",
        default=33.49,
        help="What an hour of volunteer time is worth for in-kind match reporting (the "
        "Independent Sector national value is a common reference).",
    )
    rrs_volunteer_notice_days = fields.Integer(
        string="Screening reminder (days)",
        default=30,
        help="The coordinator is reminded this many days before a volunteer's police check or "
        "another blocking step expires.",
    )

    @api.constrains("rrs_volunteer_hourly_rate", "rrs_volunteer_notice_days")
    def _check_rrs_volunteer_settings(self):
        for company in self:
            if company.rrs_volunteer_hourly_rate < 0:
                raise ValidationError(
                    self.env._("The value of a volunteer hour cannot be negative.")
                )
            if company.rrs_volunteer_notice_days < 0:
                raise ValidationError(
                    self.env._("The screening reminder is a number of days, 0 or more.")
                )
