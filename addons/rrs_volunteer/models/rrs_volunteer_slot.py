# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

PERIODS = [("morning", "Morning"), ("afternoon", "Afternoon"), ("evening", "Evening")]
WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


def period_of(hour):
    if hour < 12:
        return "morning"
    if hour < 17:
        return "afternoon"
    return "evening"


class RrsVolunteerSlot(models.Model):
    """A part of a weekday a volunteer is available (21 shipped: 7 days, 3 parts of a day)."""

    _name = "rrs.volunteer.slot"
    _description = "Volunteer availability"
    _order = "weekday, sequence"

    weekday = fields.Selection(WEEKDAYS, required=True)
    period = fields.Selection(PERIODS, required=True)
    sequence = fields.Integer(compute="_compute_sequence", store=True)

    _slot_unique = models.Constraint(
        "UNIQUE(weekday, period)", "This part of the week exists already."
    )

    @api.depends("period")
    def _compute_sequence(self):
        order = {code: index for index, (code, _label) in enumerate(PERIODS)}
        for slot in self:
            slot.sequence = order.get(slot.period, 0)

    @api.depends("weekday", "period")
    def _compute_display_name(self):
        days = dict(self._fields["weekday"]._description_selection(self.env))
        periods = dict(self._fields["period"]._description_selection(self.env))
        for slot in self:
            slot.display_name = self.env._(
                "%(day)s %(period)s",
                day=days.get(slot.weekday, ""),
                period=(periods.get(slot.period) or "").lower(),
            )
