# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Integrity rows of the volunteer addon: every move of matches, volunteers, hours and
community activities, the fields only the system sets, the parent a record stays with and
the frozen stages, by a plain write and through the actions, as every role of the suite and
as the volunteer coordinator and the volunteer's own portal login (rules VOL-1, VOL-2,
VOL-3, CON-2)."""

from dateutil.relativedelta import relativedelta

from odoo.addons.rrs_case.tests.integrity import OK, ROLES, SYSTEM_SET, IntegrityCommon, Row
from odoo.tests import tagged

from .common import RrsVolunteerCommon

EXTRA_ROLES = ("coordinator", "vol_portal")
ALL_ROLES = ROLES + EXTRA_ROLES


def match_staff(expectation, **others):
    """The family's workers and the coordinator share ``expectation`` on a match."""
    return {
        "worker": expectation,
        "supervisor": expectation,
        "manager": expectation,
        "coordinator": expectation,
        **others,
    }


def coordinators(expectation, **others):
    """The coordinator and the program manager (a coordinator too)."""
    return {"coordinator": expectation, "manager": expectation, **others}


def organisers(expectation, **others):
    return match_staff(expectation, **others)


NOT_COORDINATOR_PROPOSE = ("rule", "Only a volunteer coordinator proposes a volunteer")
NOT_FAMILY_WORKER = ("access", "Only the family's case worker")
NOT_COORDINATOR_HOURS = ("rule", "Only a volunteer coordinator approves hours")
FROZEN = ("rule", "it stays as it is")
NOT_SCREENED = ("rule", r"cannot be matched: Police check \(vulnerable sector\) expired on")

MATCH_ROWS = (
    Row(
        "VOL-1",
        "propose a screened volunteer",
        "rrs.volunteer.match",
        "_requested_with_volunteer",
        action="action_propose",
        expect=coordinators(OK, worker=NOT_COORDINATOR_PROPOSE, supervisor=NOT_COORDINATOR_PROPOSE),
        check="_check_proposed",
    ),
    Row(
        "VOL-1",
        "propose by a plain write of the state",
        "rrs.volunteer.match",
        "_requested_with_volunteer",
        vals={"state": "proposed"},
        expect=coordinators(OK, worker=NOT_COORDINATOR_PROPOSE, supervisor=NOT_COORDINATOR_PROPOSE),
        check="_check_proposed",
    ),
    Row(
        "VOL-1",
        "propose a volunteer whose police check expired",
        "rrs.volunteer.match",
        "_requested_expired_volunteer",
        vals={"state": "proposed"},
        expect=coordinators(
            NOT_SCREENED, worker=NOT_COORDINATOR_PROPOSE, supervisor=NOT_COORDINATOR_PROPOSE
        ),
    ),
    Row(
        "CON-2",
        "approve a proposed match under a release naming the volunteer",
        "rrs.volunteer.match",
        "_proposed",
        action="action_approve",
        expect=match_staff(OK, coordinator=NOT_FAMILY_WORKER),
        check="_check_approved",
    ),
    Row(
        "CON-2",
        "approve by a plain write of the state",
        "rrs.volunteer.match",
        "_proposed",
        vals={"state": "active"},
        expect=match_staff(OK, coordinator=NOT_FAMILY_WORKER),
        check="_check_approved",
    ),
    Row(
        "CON-2",
        "approve without a release naming the volunteer",
        "rrs.volunteer.match",
        "_proposed_without_release",
        vals={"state": "active"},
        expect=match_staff(
            ("rule", "No valid release of information names"), coordinator=NOT_FAMILY_WORKER
        ),
    ),
    Row(
        "VOL-2",
        "decline a proposed volunteer",
        "rrs.volunteer.match",
        "_proposed_to_decline",
        action="action_decline",
        expect=match_staff(OK),
    ),
    Row(
        "VOL-2",
        "end an active match",
        "rrs.volunteer.match",
        "_active_to_end",
        action="action_end",
        expect=match_staff(OK),
        check="_check_ended",
    ),
    Row(
        "VOL-2",
        "end an active match by a plain write of the state",
        "rrs.volunteer.match",
        "_active_to_end",
        vals={"state": "ended"},
        expect=match_staff(OK),
        check="_check_ended",
    ),
    Row(
        "VOL-2",
        "cancel a requested match",
        "rrs.volunteer.match",
        "_requested",
        action="action_cancel",
        expect=match_staff(OK),
    ),
    Row(
        "VOL-2",
        "reopen an ended match",
        "rrs.volunteer.match",
        "_ended",
        vals={"state": "active"},
        expect=match_staff(("rule", "cannot go from “Ended” to “Active”")),
    ),
    Row(
        "CON-2",
        "write who approved a match",
        "rrs.volunteer.match",
        "_active",
        vals={"approved_by_id": "manager"},
        expect=match_staff(SYSTEM_SET),
    ),
    Row(
        "CON-2",
        "remove the release a match was approved under",
        "rrs.volunteer.match",
        "_active",
        vals={"consent_id": False},
        expect=match_staff(SYSTEM_SET),
    ),
    Row(
        "VOL-2",
        "move a match to another family",
        "rrs.volunteer.match",
        "_requested",
        vals={"case_id": "other_case"},
        expect=match_staff(("rule", "stays with the Family it was created for")),
    ),
    Row(
        "VOL-2",
        "change the volunteer of a proposed match",
        "rrs.volunteer.match",
        "_proposed",
        vals={"volunteer_id": "vol_other"},
        expect=match_staff(("rule", "is chosen while it is requested")),
    ),
    Row(
        "VOL-2",
        "change an ended match",
        "rrs.volunteer.match",
        "_ended",
        vals={"meeting_place": "Somewhere else"},
        expect=match_staff(FROZEN),
    ),
    Row(
        "VOL-2",
        "match a restricted case",
        "rrs.volunteer.match",
        "_restricted_match_vals",
        create=True,
        expect={
            "worker": ("rule", "cannot be matched with a restricted case"),
            "supervisor": ("rule", "cannot be matched with a restricted case"),
            "manager": ("rule", "cannot be matched with a restricted case"),
            "coordinator": NOT_FAMILY_WORKER,
        },
    ),
)

VOLUNTEER_ROWS = (
    Row(
        "VOL-1",
        "activate a screened applicant",
        "rrs.volunteer",
        "_applicant_screened",
        action="action_activate",
        expect=coordinators(OK),
        check="_check_activated",
    ),
    Row(
        "VOL-1",
        "activate an applicant without a police check",
        "rrs.volunteer",
        "_applicant_unscreened",
        vals={"state": "active"},
        expect=coordinators(
            ("rule", r"cannot become active: Police check \(vulnerable sector\) not done")
        ),
    ),
    Row(
        "VOL-1",
        "pause an active volunteer",
        "rrs.volunteer",
        "_active_volunteer",
        action="action_pause",
        expect=coordinators(OK),
    ),
    Row(
        "VOL-1",
        "end a volunteer",
        "rrs.volunteer",
        "_volunteer_leaving",
        vals={"state": "ended"},
        expect=coordinators(OK),
    ),
    Row(
        "VOL-1",
        "write a volunteer's activation date",
        "rrs.volunteer",
        "_active_volunteer",
        vals={"activation_date": "2020-01-01"},
        expect=coordinators(SYSTEM_SET),
    ),
    Row(
        "VOL-1",
        "write who recorded a step",
        "rrs.volunteer.step",
        "_police_step",
        vals={"recorded_by_id": "manager"},
        expect=coordinators(SYSTEM_SET),
    ),
    Row(
        "VOL-1",
        "move a step to another volunteer",
        "rrs.volunteer.step",
        "_police_step",
        vals={"volunteer_id": "vol_other"},
        expect=coordinators(("rule", "stays with the")),
    ),
    Row(
        "VOL-1",
        "record a police check without its document",
        "rrs.volunteer.step",
        "_missing_police_step",
        vals={"done_date": "2020-01-01"},
        expect=coordinators(("rule", "Attach the document of Police check")),
    ),
)

HOURS_ROWS = (
    Row(
        "VOL-2",
        "approve hours",
        "rrs.volunteer.hours",
        "_submitted_hours",
        action="action_approve",
        expect=coordinators(OK, vol_portal=NOT_COORDINATOR_HOURS),
        check="_check_hours_approved",
    ),
    Row(
        "VOL-2",
        "approve hours by a plain write of the state",
        "rrs.volunteer.hours",
        "_submitted_hours",
        vals={"state": "approved"},
        expect=coordinators(OK, vol_portal=NOT_COORDINATOR_HOURS),
        check="_check_hours_approved",
    ),
    Row(
        "VOL-2",
        "reject hours",
        "rrs.volunteer.hours",
        "_submitted_hours_to_reject",
        action="action_reject",
        expect=coordinators(OK, vol_portal=NOT_COORDINATOR_HOURS),
    ),
    Row(
        "VOL-2",
        "write the hourly rate",
        "rrs.volunteer.hours",
        "_submitted_hours",
        vals={"hourly_rate": 99.0},
        expect=coordinators(SYSTEM_SET, vol_portal=("access", "hourly_rate")),
    ),
    Row(
        "VOL-2",
        "write who approved hours",
        "rrs.volunteer.hours",
        "_approved_hours",
        vals={"approved_by_id": "manager"},
        expect=coordinators(SYSTEM_SET),
    ),
    Row(
        "VOL-2",
        "change approved hours",
        "rrs.volunteer.hours",
        "_approved_hours",
        vals={"hours": 8.0},
        expect=coordinators(FROZEN),
    ),
    Row(
        "VOL-2",
        "move hours to another volunteer",
        "rrs.volunteer.hours",
        "_submitted_hours",
        vals={"volunteer_id": "vol_other"},
        expect=coordinators(
            ("rule", "stays with the Volunteer"), vol_portal=("rule", "stays with the Volunteer")
        ),
    ),
)

ACTIVITY_ROWS = (
    Row(
        "VOL-3",
        "document a community activity",
        "rrs.community.activity",
        "_activity_ready",
        action="action_document",
        expect=organisers(OK),
        check="_check_documented",
    ),
    Row(
        "VOL-3",
        "document an activity without outcomes nor who took part",
        "rrs.community.activity",
        "_activity_empty",
        vals={"state": "done"},
        expect=organisers(("rule", "cannot be documented")),
    ),
    Row(
        "VOL-3",
        "change a documented activity",
        "rrs.community.activity",
        "_activity_done",
        vals={"outcomes": "Rewritten"},
        expect=organisers(FROZEN),
    ),
    Row(
        "VOL-3",
        "write who documented an activity",
        "rrs.community.activity",
        "_activity_done",
        vals={"documented_by_id": "manager"},
        expect=organisers(SYSTEM_SET),
    ),
)


@tagged("post_install", "-at_install")
class TestIntegrityVolunteer(IntegrityCommon, RrsVolunteerCommon):
    ROWS = MATCH_ROWS + VOLUNTEER_ROWS + HOURS_ROWS + ACTIVITY_ROWS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._case(head=cls._person("Nour Hamdan", age=36))
        cls.case_no_release = cls._case(head=cls._person("Ali Farah", age=44))
        cls.other_case = cls._case(head=cls._person("Mina Tran", age=29))
        cls.vol_expired = cls._volunteer("Eli Expired")
        # done 100 days ago; its certificate expired on that day
        cls._step(cls.vol_expired, cls.police_check).sudo().expiry_date = cls.today - relativedelta(
            days=100
        )
        cls.hours_match = cls._active_match(cls.other_case)
        cls.school = cls.env["res.partner"].create({"name": "Northside School", "is_company": True})
        cls.restricted_case = (
            cls._case(head=cls._person("Minor", age=15), program=cls.program_prs)
            if "is_prs" in cls.env["rrs.case"]._fields
            else None
        )

    def _user(self, role):
        if role == "vol_portal":
            return self.portal_user
        return super()._user(role)

    def _resolve(self, vals):
        resolved = super()._resolve(vals)
        for fname, value in vals.items():
            if value == "coordinator":
                resolved[fname] = self.coordinator.id
            elif value == "other_case":
                resolved[fname] = self.other_case.id
            elif value == "vol_other":
                resolved[fname] = self.vol_other.id
        return resolved

    def run_table(self):
        counts = {"allowed": 0, "refused": 0}
        for row in self.ROWS:
            for role in ALL_ROLES:
                with self.subTest(rule=row.rule, what=row.what, role=role):
                    counts[self._run_row(row, role)] += 1
        return counts

    # ------------------------------------------------------------- matches
    def _requested(self):
        return self._match(self.case)

    def _requested_with_volunteer(self):
        return self._match(self.case, self.vol, propose=False)

    def _requested_expired_volunteer(self):
        return self._match(self.case, self.vol_expired, propose=False)

    def _proposed(self):
        match = self._match(self.case, self.vol)
        self._release(self.case, self.vol.partner_id)
        match.sudo().meeting_place = "Library"
        return match

    def _proposed_without_release(self):
        match = self._match(self.case_no_release, self.vol)
        match.sudo().meeting_place = "Library"
        return match

    def _proposed_to_decline(self):
        match = self._match(self.case, self.vol)
        match.sudo().decline_reason = "The family asked for someone else"
        return match

    def _active(self):
        return self._active_match(self.case)

    def _active_to_end(self):
        match = self._active_match(self.case)
        match.sudo().end_reason = "The family is settled"
        return match

    def _ended(self):
        match = self._active_to_end()
        match.with_user(self.worker).action_end()
        return match

    def _restricted_match_vals(self):
        if not self.restricted_case:
            self.skipTest("rrs_minors is not installed: no case is restricted in the core")
        self.assertTrue(self.restricted_case.restricted)
        return {"case_id": self.restricted_case.id, "task_type_id": self.task_mentoring.id}

    def _check_proposed(self, match):
        self.assertEqual(match.state, "proposed")
        self.assertIn(match.proposed_by_id, self.coordinator | self.manager)
        self.assertEqual(match.proposed_date, self.today)

    def _check_approved(self, match):
        self.assertEqual(match.state, "active")
        self.assertEqual(match.consent_id.party_partner_id, self.vol.partner_id)
        self.assertEqual(match.approved_date, self.today)
        self.assertIn(match.approved_by_id, self.worker | self.supervisor | self.manager)

    def _check_ended(self, match):
        self.assertEqual(match.state, "ended")
        self.assertEqual(match.ended_date, self.today)
        self.assertTrue(match.ended_by_id)

    # ---------------------------------------------------------- volunteers
    def _applicant_screened(self):
        return self._volunteer("Ana Applicant", screened=False)

    def _applicant_unscreened(self):
        return self._volunteer("Ben Applicant", screened=False, police_check=False)

    def _active_volunteer(self):
        return self._volunteer("Cal Active")

    def _volunteer_leaving(self):
        volunteer = self._volunteer("Dee Leaving")
        volunteer.sudo().end_reason = "Moved away"
        return volunteer

    def _police_step(self):
        return self._step(self._volunteer("Eda Stepped"), self.police_check)

    def _missing_police_step(self):
        return self._step(self._applicant_unscreened(), self.police_check)

    def _check_activated(self, volunteer):
        self.assertEqual(volunteer.state, "active")
        self.assertEqual(volunteer.activation_date, self.today)

    # --------------------------------------------------------------- hours
    def _submitted_hours(self):
        return (
            self.env["rrs.volunteer.hours"]
            .with_user(self.portal_user)
            .create({"match_id": self.hours_match.id, "hours": 2.0, "activity": "Visit"})
            .with_env(self.env)
        )

    def _submitted_hours_to_reject(self):
        hours = self._submitted_hours()
        hours.reject_reason = "No visit that day"
        return hours

    def _approved_hours(self):
        hours = self._submitted_hours()
        hours.with_user(self.coordinator).action_approve()
        return hours

    def _check_hours_approved(self, hours):
        self.assertEqual(hours.state, "approved")
        self.assertEqual(hours.hourly_rate, self.company.rrs_volunteer_hourly_rate)
        self.assertAlmostEqual(hours.value, 2.0 * self.company.rrs_volunteer_hourly_rate)
        self.assertIn(hours.approved_by_id, self.coordinator | self.manager)

    # ---------------------------------------------------------- activities
    def _activity_empty(self):
        return self.env["rrs.community.activity"].create({"name": "Job fair", "date": self.today})

    def _activity_ready(self):
        activity = self._activity_empty()
        activity.write({"partner_ids": [self.school.id], "outcomes": "Five interviews"})
        return activity

    def _activity_done(self):
        activity = self._activity_ready()
        activity.action_document()
        return activity

    def _check_documented(self, activity):
        self.assertEqual(activity.state, "done")
        self.assertEqual(activity.documented_date, self.today)
        self.assertTrue(activity.documented_by_id)

    def test_integrity_table(self):
        # rules VOL-1, VOL-2, VOL-3, CON-2 by every role and the coordinator, plain writes
        # and actions alike
        counts = self.run_table()
        self.assertEqual(sum(counts.values()), len(self.ROWS) * len(ALL_ROLES))
        self.assertGreater(counts["allowed"], 0)
        self.assertGreater(counts["refused"], counts["allowed"])
