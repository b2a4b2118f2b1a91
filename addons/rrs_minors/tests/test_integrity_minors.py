# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Integrity of the post-release services records and the separated minors' records: reports
to ORR, notifications of concern and their amendments, the safety call, the level history and
the caregiver assessments. Each row tries one move or one system-set field by a plain write or
create and through the button, as every role (rules PRS-1, PRS-2, PRS-6, PRS-7, MIN-2)."""

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.addons.rrs_case.models.rrs_guard_mixin import rrs_disposing
from odoo.addons.rrs_case.tests.integrity import (
    OK,
    SYSTEM_SET,
    IntegrityCommon,
    Row,
    writers,
)
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RrsMinorsCommon

D = relativedelta
NOT_A_MOVE = ("rule", "cannot go from")
NOT_REVIEWER = ("access", "cannot review this report as its supervisor")

REPORT_ROWS = (
    Row(
        "PRS-6",
        "review a report by writing its status: the worker never reviews their own",
        "rrs.prs.report",
        "_report_draft",
        vals={"state": "reviewed"},
        expect=writers(OK, worker=NOT_REVIEWER),
        check="_check_reviewed",
    ),
    Row(
        "PRS-6",
        "review a report by the button",
        "rrs.prs.report",
        "_report_draft",
        action="action_review",
        expect=writers(OK, worker=NOT_REVIEWER),
        check="_check_reviewed",
    ),
    Row(
        "PRS-6",
        "review a report without its progress and outcomes",
        "rrs.prs.report",
        "_report_empty",
        vals={"state": "reviewed"},
        expect=writers(("rule", "progress and outcomes")),
    ),
    Row(
        "PRS-6",
        "forge the supervisor's review",
        "rrs.prs.report",
        "_report_draft",
        vals={"reviewed_by_id": 2, "reviewed_date": "2026-04-01"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PRS-6",
        "submit a draft by writing its status",
        "rrs.prs.report",
        "_report_draft",
        vals={"state": "submitted"},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "PRS-6",
        "submit a reviewed report by writing its status",
        "rrs.prs.report",
        "_report_reviewed",
        vals={"state": "submitted"},
        expect=writers(OK),
        check="_check_submitted",
    ),
    Row(
        "PRS-6",
        "submit by the button",
        "rrs.prs.report",
        "_report_reviewed",
        action="action_submit",
        expect=writers(OK),
        check="_check_submitted",
    ),
    Row(
        "PRS-6",
        "forge the submission",
        "rrs.prs.report",
        "_report_reviewed",
        vals={"submitted_date": "2026-04-01", "submitted_by_id": 2},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PRS-6",
        "change a reviewed report: it is reviewed again",
        "rrs.prs.report",
        "_report_reviewed",
        vals={"narrative": "Changed after the review"},
        expect=writers(OK),
        check="_check_back_to_draft",
    ),
    Row(
        "PRS-6",
        "a submitted report back to draft",
        "rrs.prs.report",
        "_report_submitted",
        vals={"state": "draft"},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "PRS-6",
        "edit a submitted report",
        "rrs.prs.report",
        "_report_submitted",
        vals={"narrative": "Rewritten"},
        expect=writers(("rule", "stays as it was submitted")),
    ),
    Row(
        "PRS-6",
        "delete a submitted report",
        "rrs.prs.report",
        "_report_submitted",
        action="unlink",
        expect={
            "supervisor": ("rule", "Only a draft report"),
            "manager": ("rule", "Only a draft report"),
        },
    ),
    Row(
        "PRS-6",
        "forge what the record says",
        "rrs.prs.report",
        "_report_draft",
        vals={"contact_count": 40, "home_visit_count": 8},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PRS-6",
        "fill a report from the record",
        "rrs.prs.report",
        "_report_draft",
        action="action_generate",
        expect=writers(OK),
        check="_check_generated",
    ),
    Row(
        "PRS-6",
        "create a report already submitted",
        "rrs.prs.report",
        "_vals_report_submitted",
        create=True,
        expect=writers(("rule", "cannot be created in")),
    ),
)

CONCERN_ROWS = (
    Row(
        "PRS-7",
        "file a notification in someone else's name",
        "rrs.prs.concern",
        "_vals_concern_other_user",
        create=True,
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PRS-7",
        "file a notification on another date",
        "rrs.prs.concern",
        "_vals_concern_backdated",
        create=True,
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PRS-7",
        "file a notification",
        "rrs.prs.concern",
        "_vals_concern",
        create=True,
        expect=writers(OK),
        check="_check_filed",
    ),
    Row(
        "PRS-7",
        "record ORR notified by writing the date",
        "rrs.prs.concern",
        "_concern",
        vals={"orr_notified_date": "2026-03-10 09:00:00"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PRS-7",
        "record ORR notified by the button",
        "rrs.prs.concern",
        "_concern",
        action="action_notify_orr",
        expect=writers(OK),
        check="_check_orr_notified",
    ),
    Row(
        "PRS-7",
        "rewrite what happened",
        "rrs.prs.concern",
        "_concern",
        vals={"description": "Nothing happened"},
        expect=writers(("rule", "stays as it was filed")),
    ),
    Row(
        "PRS-7",
        "delete a notification",
        "rrs.prs.concern",
        "_concern",
        action="unlink",
    ),
    Row(
        "PRS-7",
        "delete the contact of an agency a concern was reported to",
        "res.partner",
        "_agency",
        action="unlink",
        expect=writers(("rule", "reported to: the contact is kept with it")),
    ),
    Row(
        "PRS-7",
        "add an amendment in someone else's name",
        "rrs.prs.concern.amendment",
        "_vals_amendment_other_user",
        create=True,
        expect=writers(SYSTEM_SET),
    ),
)

PRS_ROWS = (
    Row(
        "PRS-1",
        "delete the safety call",
        "rrs.prs.safety.call",
        "_safety_call",
        action="unlink",
        expect={
            "supervisor": ("rule", "stays in the record"),
            "manager": ("rule", "stays in the record"),
        },
    ),
    Row(
        "PRS-2",
        "back-date a change of level",
        "rrs.prs.level.history",
        "_vals_level_backdated",
        create=True,
        expect=writers(("rule", "level history records each change")),
    ),
    Row(
        "PRS-2",
        "record a level the case does not have",
        "rrs.prs.level.history",
        "_vals_level_other",
        create=True,
        expect=writers(("rule", "level history records each change")),
    ),
    Row(
        "PRS-2",
        "the case's level changes: recorded today",
        "rrs.case",
        "_case_level_1",
        vals={"prs_level_id": "level_2"},
        expect=writers(OK),
        check="_check_level_recorded",
    ),
    Row(
        "MIN-2",
        "delete a caregiver assessment",
        "rrs.minor.caregiver.assessment",
        "_caregiver_assessment",
        action="unlink",
        expect={
            "supervisor": ("rule", "stays in the record"),
            "manager": ("rule", "stays in the record"),
        },
    ),
)


@tagged("post_install", "-at_install")
class TestIntegrityMinors(IntegrityCommon, RrsMinorsCommon):
    ROWS = REPORT_ROWS + CONCERN_ROWS + PRS_ROWS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rows = []
        for row in cls.ROWS:
            if row.vals and row.vals.get("prs_level_id") == "level_2":
                row = row._replace(vals={"prs_level_id": cls.level_2.id})
            rows.append(row)
        cls.ROWS = tuple(rows)

    # ---------------------------------------------------------------- fixtures
    def _report(self, **vals):
        case = self._prs_case()
        start = case.service_start_date
        values = {
            "case_id": case.id,
            "report_type": "monthly",
            "period_start": start,
            "period_end": start + D(months=1) - D(days=1),
            "narrative": "Settled; school started.",
        }
        values.update(vals)
        return self.env["rrs.prs.report"].create(values)

    def _report_draft(self):
        return self._report()

    def _report_empty(self):
        return self._report(narrative=False)

    def _report_reviewed(self):
        report = self._report()
        report.with_user(self.supervisor).action_review()
        return report

    def _report_submitted(self):
        report = self._report_reviewed()
        report.with_user(self.worker).action_submit()
        return report

    def _vals_report_submitted(self):
        case = self._prs_case()
        return {
            "case_id": case.id,
            "period_start": case.service_start_date,
            "period_end": case.service_start_date + D(months=1) - D(days=1),
            "narrative": "Settled",
            "state": "submitted",
        }

    def _vals_concern(self, **vals):
        return {
            "case_id": self._prs_case().id,
            "category": "running_away",
            "description": "The child did not come home last night.",
            **vals,
        }

    def _vals_concern_other_user(self):
        return self._vals_concern(reported_by_id=self.worker_other.id)

    def _vals_concern_backdated(self):
        return self._vals_concern(reported_date="2026-03-01 08:00:00")

    def _concern(self):
        return self.env["rrs.prs.concern"].create(self._vals_concern())

    def _agency(self):
        police = self.env["res.partner"].create({"name": "City police", "is_company": True})
        self.env["rrs.prs.concern"].create(self._vals_concern(agency_ids=[Command.set(police.ids)]))
        return police

    def _vals_amendment_other_user(self):
        return {
            "concern_id": self._concern().id,
            "text": "The child came back.",
            "user_id": self.worker_other.id,
        }

    def _safety_call(self):
        return self.env["rrs.prs.safety.call"].create(self._vals_safety_call())

    def _vals_safety_call(self, **vals):
        return {
            "case_id": self._prs_case().id,
            "living_with_sponsor": "yes",
            "in_school": "yes",
            "knows_court_dates": "yes",
            "is_safe": "yes",
            "outcome": "no_concern",
            **vals,
        }

    def _vals_safety_call_future(self):
        return self._vals_safety_call(call_date=self.today + D(days=1))

    def _vals_level_backdated(self):
        case = self._prs_case()
        return {
            "case_id": case.id,
            "level_id": case.prs_level_id.id,
            "date_from": self.today - D(days=30),
        }

    def _vals_level_other(self):
        case = self._prs_case()
        return {"case_id": case.id, "level_id": self.level_2.id}

    def _case_level_1(self):
        return self._prs_case()

    def _caregiver_assessment(self):
        nephew = self._person("Nephew", age=14)
        case = self._active_case(members=[(nephew, "other_relative")])
        minor = case.member_ids.filtered(lambda m: m.partner_id == nephew)
        minor.separated_minor_category = "with_relatives"
        return self.env["rrs.minor.caregiver.assessment"].create(
            {
                "member_id": minor.id,
                "caregiver_partner_id": case.head_partner_id.id,
                "identity_verified": True,
                "identity_method": "Passports",
                "housing_space": "adequate",
                "safety": "adequate",
                "financial_stability": "adequate",
                "outcome": "suitable",
            }
        )

    # ------------------------------------------------------------------ checks
    def _check_reviewed(self, report):
        self.assertEqual(report.state, "reviewed")
        self.assertIn(report.reviewed_by_id, self.supervisor | self.manager)
        self.assertEqual(report.reviewed_date, self.today)

    def _check_submitted(self, report):
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.submitted_date, self.today)
        self.assertIn(report.submitted_by_id, self.worker | self.supervisor | self.manager)

    def _check_back_to_draft(self, report):
        self.assertEqual(report.state, "draft")
        self.assertFalse(report.reviewed_by_id or report.reviewed_date)

    def _check_generated(self, report):
        self.assertEqual(report.level_id, self.level_1)
        self.assertTrue(report.living_with_sponsor)

    def _check_filed(self, concern):
        self.assertIn(concern.reported_by_id, self.worker | self.supervisor | self.manager)

    def _check_orr_notified(self, concern):
        self.assertTrue(concern.orr_notified_date)

    def _check_level_recorded(self, case):
        line = case.prs_level_history_ids.sorted("id")[-1:]
        self.assertEqual((line.level_id, line.date_from), (self.level_2, self.today))

    # ------------------------------------------------------------------- tests
    def test_integrity_table(self):
        # rules PRS-1, PRS-2, PRS-6, PRS-7, MIN-2 by every role, through write, create and
        # the buttons
        counts = self.run_table()
        self.assertEqual(sum(counts.values()), len(self.ROWS) * 7)
        self.assertGreater(counts["allowed"], 0)
        self.assertGreater(counts["refused"], counts["allowed"])

    def test_prs7_agency_contact_refusal_names_the_concern_only_to_who_may_read_it(self):
        # rule PRS-7: the contact stays; the message names the concern to its readers only
        police = self._agency()
        concern = self.env["rrs.prs.concern"].search([("agency_ids", "in", police.ids)])
        with self.assertRefused(concern.name, UserError):
            police.with_user(self.worker).unlink()
        with self.assertRefused("a notification of concern was reported to", UserError):
            police.with_user(self.worker_far).unlink()
        with self.assertRefused("reported to", UserError):
            police.unlink()
        police.with_user(self.worker).write({"active": False})
        self.assertEqual(
            concern.with_context(active_test=False).agency_ids, police, "archived, still named"
        )

    def test_prs7_concerns_only_grow(self):
        # rule PRS-7: agencies are added, never removed; ORR notified once, by its button
        concern = self._concern()
        cps = self.env["res.partner"].create({"name": "Child protective services"})
        as_worker = concern.with_user(self.worker)
        as_worker.write({"agency_ids": [Command.link(cps.id)]})
        with self.assertRefused("never remove one", UserError):
            as_worker.write({"agency_ids": [Command.unlink(cps.id)]})
        as_worker.action_notify_orr()
        notified = concern.orr_notified_date
        as_worker.action_notify_orr()
        self.assertEqual(concern.orr_notified_date, notified, "recorded once")

    def test_parent_never_changes(self):
        # the case (notification, minor) a record belongs to never changes
        report = self._report()
        concern = self._concern()
        other = self._prs_case()
        amendment = self.env["rrs.prs.concern.amendment"].create(
            {"concern_id": concern.id, "text": "Came back."}
        )
        for record, fname, value in (
            (report, "case_id", other.id),
            (concern, "case_id", other.id),
        ):
            with self.assertRefused("stays with|stays as it", UserError):
                record.with_user(self.worker).write({fname: value})
        with self.assertRefused("not allowed to modify", AccessError):
            amendment.with_user(self.manager).write({"concern_id": self._concern().id})

    def test_prs1_safety_call_recorded_once_made(self):
        # rule PRS-1: today is recorded, tomorrow is not
        Call = self.env["rrs.prs.safety.call"].with_user(self.worker)
        with self.assertRefused("once made"):
            Call.create(self._vals_safety_call_future())
        Call.create(self._vals_safety_call(call_date=self.today))

    def test_disposal_removes_what_is_never_deleted(self):
        # rule REC-3: disposal still destroys the records never deleted in normal work
        call = self._safety_call()
        assessment = self._caregiver_assessment()
        with rrs_disposing():
            call.unlink()
            assessment.unlink()
        self.assertFalse(call.exists() or assessment.exists())
