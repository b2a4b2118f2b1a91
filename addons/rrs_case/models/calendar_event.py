# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .rrs_guard_mixin import is_disposing
from .rrs_home_visit import is_writing_visit

# Fields of Odoo's mail and activity mixins, written on any event.
BOOKKEEPING_PREFIXES = ("message_", "activity_", "website_message", "rating_")


class CalendarEvent(models.Model):
    """A home visit extends its calendar event (rules VIS-1 to VIS-3): what is written or
    deleted on the event of a visit, from the calendar, an import or the API, is the visit's
    change, with the visit's checks."""

    _inherit = "calendar.event"

    def _rrs_home_visits(self):
        # sudo(): only which of these events carry a home visit, to apply the visit's own
        # checks with the caller's rights; nothing of the visit is returned to the caller.
        return (
            self.env["rrs.home.visit"]
            .sudo()
            .search([("event_id", "in", self.ids)])
            .with_env(self.env)
        )

    def write(self, vals):
        if not self or self.env.su or is_writing_visit():
            return super().write(vals)
        visits = self._rrs_home_visits()
        if not visits:
            return super().write(vals)
        Visit = self.env["rrs.home.visit"]
        routed = {
            fname: value
            for fname, value in vals.items()
            if fname in Visit._fields
            and Visit._fields[fname].inherited
            and not fname.startswith(BOOKKEEPING_PREFIXES)
        }
        if routed:
            # the visit's write: its frozen states, morning rule and new authorisation
            visits.write(routed)
        rest = {fname: value for fname, value in vals.items() if fname not in routed}
        others = self - visits.event_id
        if others:
            super(CalendarEvent, others).write(vals)
        if rest:
            super(CalendarEvent, self - others).write(rest)
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_home_visit(self):
        """The event of a home visit goes only with the visit: when the visit itself may be
        deleted (a planned visit), or by disposal at the end of retention (REC-3)."""
        if is_disposing():
            return
        visits = self._rrs_home_visits()
        if visits:
            visits.check_access("unlink")
            visits._rrs_check_deletable()
