# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The volunteer's portal pages: their active matches and their hours, on a phone.

Every read and write runs as the portal user: the record rules and field groups of the addon
decide what they see (rule VOL-2); nothing here uses ``sudo()``.
"""

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from ..models.rrs_volunteer_hours import MAX_HOURS

HOURS_SHOWN = 20


class VolunteerPortal(CustomerPortal):
    def _rrs_volunteer(self):
        return request.env["rrs.volunteer"].search(
            [("partner_id", "=", request.env.user.partner_id.id)], limit=1
        )

    def _rrs_active_matches(self, volunteer):
        return request.env["rrs.volunteer.match"].search(
            [("volunteer_id", "=", volunteer.id), ("state", "=", "active")],
            order="meeting_datetime, id",
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "volunteer_match_count" in counters or "volunteer_hours_count" in counters:
            volunteer = self._rrs_volunteer()
            Match = request.env["rrs.volunteer.match"]
            Hours = request.env["rrs.volunteer.hours"]
            if "volunteer_match_count" in counters:
                values["volunteer_match_count"] = (
                    Match.search_count(
                        [("volunteer_id", "=", volunteer.id), ("state", "=", "active")]
                    )
                    if volunteer and Match.has_access("read")
                    else 0
                )
            if "volunteer_hours_count" in counters:
                values["volunteer_hours_count"] = (
                    Hours.search_count([("volunteer_id", "=", volunteer.id)])
                    if volunteer and Hours.has_access("read")
                    else 0
                )
        return values

    @http.route("/my/volunteer/matches", type="http", auth="user", website=True)
    def portal_volunteer_matches(self, **kw):
        volunteer = self._rrs_volunteer()
        if not volunteer:
            return request.redirect("/my")
        matches = self._rrs_active_matches(volunteer)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "volunteer_matches",
                "volunteer": volunteer,
                "matches": matches,
            }
        )
        return request.render("rrs_volunteer.portal_my_volunteer_matches", values)

    @http.route(
        "/my/volunteer/hours", type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def portal_volunteer_hours(self, **post):
        volunteer = self._rrs_volunteer()
        if not volunteer:
            return request.redirect("/my")
        error, form = None, {}
        if request.httprequest.method == "POST":
            form = {k: post.get(k, "") for k in ("date", "hours", "match_id", "activity")}
            try:
                vals = self._rrs_hours_values(form)
                with request.env.cr.savepoint():
                    request.env["rrs.volunteer.hours"].create(vals)
                    request.env.flush_all()
                return request.redirect("/my/volunteer/hours?logged=1")
            except (UserError, ValidationError, AccessError) as exc:
                request.env.invalidate_all()
                error = exc.args[0] if exc.args else str(exc)
        return request.render(
            "rrs_volunteer.portal_my_volunteer_hours",
            self._rrs_hours_page_values(volunteer, error, form, post.get("logged")),
        )

    def _rrs_hours_values(self, form):
        """The values of the form, checked before anything is written."""
        try:
            hours = float((form["hours"] or "").replace(",", "."))
        except ValueError as exc:
            raise ValidationError(request.env._("Write the hours as a number, e.g. 1.5.")) from exc
        try:
            date = fields.Date.to_date(form["date"]) if form["date"] else fields.Date.today()
        except ValueError as exc:
            raise ValidationError(request.env._("Choose the day you gave the hours.")) from exc
        if not 0 < hours <= MAX_HOURS:
            raise ValidationError(request.env._("Hours are more than 0 and at most 16 a day."))
        if not (form["activity"] or "").strip():
            raise ValidationError(request.env._("Say in a few words what you did."))
        vals = {"date": date, "hours": hours, "activity": form["activity"].strip()}
        if form["match_id"]:
            try:
                vals["match_id"] = int(form["match_id"])
            except ValueError as exc:
                raise ValidationError(request.env._("Choose one of your matches.")) from exc
        return vals

    def _rrs_hours_page_values(self, volunteer, error, form, logged):
        Hours = request.env["rrs.volunteer.hours"]
        lines = Hours.search([("volunteer_id", "=", volunteer.id)], limit=HOURS_SHOWN)
        month_start = fields.Date.today().replace(day=1)
        totals = dict(
            Hours._read_group(
                [("volunteer_id", "=", volunteer.id), ("state", "!=", "rejected")],
                ["state"],
                ["hours:sum"],
            )
        )
        month = Hours._read_group(
            [
                ("volunteer_id", "=", volunteer.id),
                ("state", "!=", "rejected"),
                ("date", ">=", month_start),
            ],
            [],
            ["hours:sum"],
        )[0][0]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "volunteer_hours",
                "volunteer": volunteer,
                "lines": lines,
                "matches": self._rrs_active_matches(volunteer),
                "approved_total": totals.get("approved", 0.0),
                "submitted_total": totals.get("submitted", 0.0),
                "month_total": month or 0.0,
                "error": error,
                "form": form,
                "logged": bool(logged) and not error,
                "today": fields.Date.to_string(fields.Date.today()),
            }
        )
        return values
