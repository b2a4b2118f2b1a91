# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RrsAssistanceGrantReportWizard(models.TransientModel):
    _name = "rrs.assistance.grant.report.wizard"
    _description = "Assistance workbook per grant and month"

    grant_id = fields.Many2one(
        "account.analytic.account",
        required=True,
        domain="[('rrs_is_grant', '=', True)]",
    )
    month = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Any day of the month to report.",
    )

    @api.constrains("month")
    def _check_month(self):
        for wizard in self:
            if wizard.month.year < 2000:
                raise ValidationError(self.env._("Choose a month from the year 2000 on."))

    def _bounds(self):
        start = self.month.replace(day=1)
        return start, start + relativedelta(months=1, days=-1)

    def action_export(self):
        self.ensure_one()
        return self.env.ref("rrs_assistance.action_report_assistance_grant_xlsx").report_action(
            self
        )
