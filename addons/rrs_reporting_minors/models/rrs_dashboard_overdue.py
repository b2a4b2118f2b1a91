# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""PRS clocks (rules PRS-1 to PRS-4, PRS-6) on the overdue work dashboard of rrs_reporting."""

from odoo import fields, models
from odoo.addons.rrs_case.models.rrs_case import ACCEPTED_STATES
from odoo.fields import Domain


def prs_overdue(day):
    """Post-release services cases with a clock overdue on ``day``: the same conditions as the
    case list's *PRS clock overdue* filter (rrs_minors), each clock overdue from the day after
    its date and only while its step is still to do."""
    return (
        Domain("is_prs", "=", True)
        & Domain("state", "in", ACCEPTED_STATES)
        & (
            (Domain("service_start_date", "=", False) & Domain("prs_start_due_date", "<", day))
            | (
                Domain("prs_safety_call_date", "=", False)
                & Domain("prs_safety_call_due_date", "<", day)
            )
            | Domain("prs_home_visit_due_date", "<", day)
            | Domain("prs_report_due_date", "<", day)
            | Domain("prs_checkin_due_date", "<", day)
            | Domain("prs_end_date", "<", day)
        )
    )


class RrsDashboardOverdue(models.TransientModel):
    _inherit = "rrs.dashboard.overdue"

    prs_count = fields.Integer(string="PRS cases with a clock overdue", readonly=True)

    def _rrs_figures(self):
        figures = super()._rrs_figures()
        figures["prs_count"] = (
            "rrs.case",
            "rrs_case.rrs_case_action",
            prs_overdue(fields.Date.context_today(self)),
            self._fields["prs_count"]._description_string(self.env),
        )
        return figures


class RrsDashboardOverdueLine(models.TransientModel):
    _inherit = "rrs.dashboard.overdue.line"

    prs_count = fields.Integer(string="PRS clocks", readonly=True)
