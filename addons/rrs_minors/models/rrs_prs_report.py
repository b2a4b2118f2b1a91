# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.rrs_case.models.rrs_guard_mixin import SYSTEM_ONLY, is_disposing
from odoo.exceptions import UserError
from odoo.tools import format_date, format_time

from .rrs_case_note import PRS_CONTACTS

# Filled from the case record when the report is generated; frozen once submitted.
GENERATED = (
    "contact_count",
    "home_visit_count",
    "service_area_ids",
    "concern_ids",
    "level_id",
    "living_with_sponsor",
    "school",
    "court_summary",
    "residence_summary",
)
# What the supervisor reviewed: a change of any of them asks for a new review.
REVIEWED_CONTENT = ("report_type", "period_start", "period_end", "narrative", "closure_reason")


class RrsPrsReport(models.Model):
    """A monthly follow-up report or the case closure report to ORR (rule PRS-6).

    Generated from the record (contacts, service areas, concerns, level, school, court dates,
    moves), completed by the worker, reviewed by the supervisor and marked submitted.
    """

    _name = "rrs.prs.report"
    _description = "PRS Report to ORR"
    _inherit = ["mail.thread", "rrs.guard.mixin", "rrs.access.logged.mixin"]
    _order = "period_end desc, id desc"
    _check_company_auto = True
    _rrs_state_field = "state"
    _rrs_parent_field = "case_id"
    # rule PRS-6: what the record says, who reviewed it and when it was submitted are the
    # system's, set by generating, reviewing and submitting the report
    _rrs_system_fields = (
        *GENERATED,
        "reviewed_by_id",
        "reviewed_date",
        "submitted_date",
        "submitted_by_id",
    )
    _rrs_frozen_states = ("submitted",)

    name = fields.Char(compute="_compute_name", store=True)
    case_id = fields.Many2one(
        "rrs.case",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('is_prs', '=', True)]",
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    user_id = fields.Many2one(related="case_id.user_id", string="Case worker", store=True)
    report_type = fields.Selection(
        [("monthly", "Monthly follow-up report"), ("closure", "Case closure report")],
        required=True,
        default="monthly",
    )
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True, index=True)
    state = fields.Selection(
        [("draft", "Draft"), ("reviewed", "Reviewed"), ("submitted", "Submitted")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    contact_count = fields.Integer(string="Contacts", readonly=True, copy=False)
    home_visit_count = fields.Integer(string="Home visits", readonly=True, copy=False)
    service_area_ids = fields.Many2many(
        "rrs.prs.service.area", string="Service areas accessed", readonly=True, copy=False
    )
    concern_ids = fields.Many2many(
        "rrs.prs.concern", string="Notifications of concern", readonly=True, copy=False
    )
    level_id = fields.Many2one("rrs.prs.level", string="PRS level", readonly=True, copy=False)
    living_with_sponsor = fields.Boolean(readonly=True, copy=False)
    school = fields.Char(readonly=True, copy=False)
    court_summary = fields.Text(string="Court dates", readonly=True, copy=False)
    residence_summary = fields.Text(string="Residence", readonly=True, copy=False)
    narrative = fields.Text(
        string="Progress and outcomes",
        help="Communication with the child and the sponsor during the period, with outcomes.",
    )
    closure_reason = fields.Text(
        string="Why services end", help="Closure report: the reason and the child's situation."
    )
    reviewed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    reviewed_date = fields.Date(readonly=True, copy=False)
    submitted_date = fields.Date(readonly=True, copy=False, tracking=True)
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)

    _period_order = models.Constraint(
        "CHECK(period_start <= period_end)", "A report's period ends after it starts."
    )

    @api.depends("case_id.name", "report_type", "period_end")
    def _compute_name(self):
        labels = dict(self._fields["report_type"].selection)
        for report in self:
            report.name = f"{labels.get(report.report_type, '')} {report.case_id.name or ''}"

    @api.onchange("case_id", "report_type")
    def _onchange_period(self):
        case = self.case_id
        if not case or not case.prs_release_date:
            return
        if self.report_type == "closure":
            self.period_start = case.service_start_date or case.prs_release_date
            self.period_end = case.prs_end_date or fields.Date.context_today(self)
        elif case.prs_report_due_date:
            # rule PRS-6: the month the case's clock asks for, from the day after the last
            # submitted monthly report (or the start of services) to the day it is due
            covered = case._prs_reported_until()
            self.period_start = (
                covered + relativedelta(days=1)
                if covered
                else case.service_start_date or case.prs_release_date
            )
            self.period_end = case.prs_report_due_date

    def write(self, vals):
        if not self or not self._rrs_guarded():
            return super().write(vals)
        reviewed = self.filtered(lambda r: r.state == "reviewed")
        changed = reviewed.filtered(
            lambda r: any(
                f in vals and not self._rrs_same_value(r, f, vals[f]) for f in REVIEWED_CONTENT
            )
        )
        res = super().write(vals)
        changed = changed.filtered(lambda r: r.state == "reviewed")
        if changed:
            # rule PRS-6: a report changed after its review is reviewed again
            with changed._rrs_system_write():
                changed.write({"state": "draft", "reviewed_by_id": False, "reviewed_date": False})
        return res

    def _rrs_frozen_message(self):
        return self.env._("A submitted report stays as it was submitted.")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reviewed(self):
        if is_disposing():
            return
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("Only a draft report can be deleted."))

    # -------------------------------------------------------------------- moves
    def _rrs_moves(self):
        """Every status change of a report, by button, import or API (rule PRS-6)."""
        return {
            ("draft", "reviewed"): "_rrs_move_review",
            ("reviewed", "submitted"): "_rrs_move_submit",
            # changed after its review (see write)
            ("reviewed", "draft"): SYSTEM_ONLY,
        }

    def _rrs_move_review(self, target):
        if not self.narrative:
            raise UserError(self.env._("Write the progress and outcomes first."))
        if self.report_type == "closure" and not self.closure_reason:
            raise UserError(self.env._("Say why services end in the closure report."))
        self.case_id._check_supervisor_of(self.env.user, self.env._("review this report"))
        return {
            "reviewed_by_id": self.env.user.id,
            "reviewed_date": fields.Date.context_today(self),
        }

    def _rrs_move_submit(self, target):
        return {
            "submitted_date": fields.Date.context_today(self),
            "submitted_by_id": self.env.user.id,
        }

    def _rrs_after_move(self, source, target):
        res = super()._rrs_after_move(source, target)
        if target == "submitted" and self.report_type == "monthly":
            self.case_id._prs_close_clock_activities("report")
        return res

    # ------------------------------------------------------------------ actions
    def action_generate(self):
        """Fill the report from the case record for its period (rule PRS-6)."""
        self.check_access("write")
        for report in self:
            if report.state != "draft":
                raise UserError(self.env._("Only a draft report is generated again."))
            # the caller may write the report (checked above); what the record says is the
            # system's
            with report._rrs_system_write():
                report.write(report._generated_values())
        return True

    def _generated_values(self):
        """What the record says about the period (rules PRS-5, PRS-6).

        Contacts are the documented communications with the child or the sponsor in the
        period: contact notes (meeting, home visit, check-in, office visit, phone), letters and
        messages exchanged with the child or the sponsor, and safety and well-being calls that
        reached them (a call also written as a phone note that day counts once). Dates and times
        are written in the agency's timezone and the user's language.
        """
        self.ensure_one()
        report = self
        case = report.case_id
        start, end = report.period_start, report.period_end
        notes = case.note_ids.filtered(lambda n: start <= n.contact_date <= end)
        people = case.prs_child_member_id.partner_id | case.prs_sponsor_partner_id
        contacts = notes.filtered(
            lambda n: (
                n.contact_type in PRS_CONTACTS
                or (n.contact_type == "correspondence" and n.correspondent_partner_id in people)
            )
        )
        phones = contacts.filtered(lambda n: n.contact_type == "phone")
        phone_days = set(phones.mapped("contact_date"))
        calls = case.prs_safety_call_ids.filtered(
            lambda c: (
                start <= c.call_date <= end
                and c.outcome != "unreachable"
                and c.call_date not in phone_days
            )
        )
        tz = pytz.timezone(report._agency_tz())
        concerns = case.prs_concern_ids.filtered(
            lambda c: start <= pytz.utc.localize(c.reported_date).astimezone(tz).date() <= end
        )
        # rule PRS-8: where the child lived when the period began and every move in it
        known = case.prs_residence_ids.filtered(lambda r: r.date_from <= end).sorted("date_from")
        before = known.filtered(lambda r: r.date_from <= start)[-1:]
        residences = before | known.filtered(lambda r: r.date_from > start)
        current = known[-1:]
        return {
            "contact_count": len(contacts) + len(calls),
            "home_visit_count": len(notes.filtered(lambda n: n.contact_type == "home_visit")),
            "service_area_ids": [fields.Command.set(notes.prs_service_area_ids.ids)],
            "concern_ids": [fields.Command.set(concerns.ids)],
            "level_id": case.prs_level_id.id,
            "living_with_sponsor": current.with_sponsor if current else True,
            "school": case.prs_school_name or "",
            "court_summary": "\n".join(
                report._court_line(c) for c in case.prs_court_date_ids.sorted("hearing_date")
            ),
            "residence_summary": "\n".join(report._residence_line(r) for r in residences),
        }

    def _agency_tz(self):
        """The agency's timezone: the day a concern was reported, the time of a hearing."""
        return self.company_id.partner_id.tz or self.env.user.tz or "UTC"

    def _court_line(self, hearing):
        tz = pytz.timezone(self._agency_tz())
        when = pytz.utc.localize(hearing.hearing_date).astimezone(tz)
        values = {
            "date": format_date(self.env, when.date()),
            "time": format_time(self.env, when.time(), time_format="short"),
            "hearing": dict(hearing._fields["hearing_type"]._description_selection(self.env)).get(
                hearing.hearing_type
            )
            or self.env._("Hearing"),
            "court": hearing.court or self.env._("court not known"),
            "outcome": hearing.outcome or "",
        }
        if hearing.outcome:
            return self.env._(
                "%(date)s at %(time)s: %(hearing)s, %(court)s. Outcome: %(outcome)s", **values
            )
        return self.env._("%(date)s at %(time)s: %(hearing)s, %(court)s", **values)

    def _residence_line(self, residence):
        address = ", ".join(
            part
            for part in (
                residence.street,
                residence.city,
                " ".join(p for p in (residence.state_id.code, residence.zip) if p),
            )
            if part
        )
        values = {"date": format_date(self.env, residence.date_from), "address": address}
        if residence.with_sponsor:
            return self.env._("Since %(date)s: %(address)s, with the sponsor", **values)
        return self.env._("Since %(date)s: %(address)s, not with the sponsor", **values)

    def action_review(self):
        for report in self:
            if report.state != "draft":
                raise UserError(self.env._("Only a draft report is reviewed."))
        for report in self:
            report._rrs_move("reviewed")
        return True

    def action_submit(self):
        for report in self:
            if report.state != "reviewed":
                raise UserError(
                    self.env._("The supervisor reviews the report before it is submitted.")
                )
        return self._rrs_move("submitted")
