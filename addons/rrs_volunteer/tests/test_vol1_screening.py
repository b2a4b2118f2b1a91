# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rule VOL-1: a volunteer passes the agency's screening (every blocking onboarding step done
and not expired) before any contact with clients: activation, proposal, approval, the
``is_matchable`` search and the coordinator's expiry reminders."""

import re
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PDF, RrsVolunteerCommon

POLICE = r"Police check \(vulnerable sector\)"


def no_commit(env):
    return patch.object(type(env["ir.cron"]), "_commit_progress", lambda *a, **k: float("inf"))


@tagged("post_install", "-at_install")
class TestVol1Screening(RrsVolunteerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._case()

    def _expire_police_check(self, volunteer, on_date):
        """The coordinator records the certificate's own expiry date."""
        self._step(volunteer, self.police_check).with_user(self.coordinator).write(
            {"expiry_date": on_date}
        )
        self.env.invalidate_all()

    def _screening_reminders(self, volunteer):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "rrs.volunteer"),
                ("res_id", "=", volunteer.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("rrs_volunteer.mail_activity_type_screening_expiry").id,
                ),
            ]
        )

    # ------------------------------------------------------------ activation
    def test_vol1_fixture_is_screened(self):
        self.assertEqual(self.vol.state, "active")
        self.assertTrue(self.vol.is_matchable)
        self.assertEqual(self.vol.activation_date, self.today)
        self.assertEqual(self.vol.user_id, self.portal_user)
        self.assertEqual(len(self.vol.step_ids), len(self.step_types))

    def test_vol1_activation_refused_while_a_blocking_step_is_missing(self):
        applicant = self._volunteer("Amal Applicant", screened=False, police_check=False)
        applicant = applicant.with_user(self.coordinator)
        with self.assertRefused(rf"cannot become active: {POLICE} not done", UserError):
            applicant.action_activate()
        self.assertEqual(applicant.state, "applicant")
        # the same move by a plain write of the state
        with self.assertRefused(rf"cannot become active: {POLICE} not done", UserError):
            applicant.write({"state": "active"})
        self._step(applicant, self.police_check).write(
            {"done_date": self.today, "document": PDF, "document_name": "check.pdf"}
        )
        applicant.action_activate()
        self.assertEqual(applicant.state, "active")
        self.assertEqual(applicant.activation_date, self.today)
        self.assertTrue(applicant.is_matchable)

    def test_vol1_activation_only_by_the_coordinator(self):
        applicant = self._volunteer("Bea Applicant", screened=False)
        for user in (self.worker, self.supervisor, self.finance, self.portal_user):
            with self.assertRefused("not allowed to modify|You are not allowed", AccessError):
                applicant.with_user(user).action_activate()
        self.assertEqual(applicant.state, "applicant")
        # a program manager is a coordinator
        applicant.with_user(self.manager).action_activate()
        self.assertEqual(applicant.state, "active")

    def test_vol1_activation_on_the_expiry_day_and_the_day_after(self):
        # the police check is valid through its expiry day, expired the day after
        done = self.today - relativedelta(months=36, days=-10)
        applicant = self._volunteer("Cleo Applicant", screened=False, police_check=done)
        expiry = self._step(applicant, self.police_check).expiry_date
        self.assertEqual(expiry, done + relativedelta(months=36))
        applicant = applicant.with_user(self.coordinator)
        with freeze_time(expiry + relativedelta(days=1)):
            with self.assertRefused(
                rf"cannot become active: {POLICE} expired on {expiry}", UserError
            ):
                applicant.action_activate()
            self.assertFalse(applicant.with_user(self.coordinator).is_matchable)
        self.assertEqual(applicant.state, "applicant")
        with freeze_time(expiry - relativedelta(days=1)):
            self.env.invalidate_all()
            self.assertEqual(self._step(applicant, self.police_check).status, "expiring")
        with freeze_time(expiry):
            self.env.invalidate_all()
            applicant.action_activate()
            self.assertEqual(applicant.state, "active")
            self.assertEqual(applicant.activation_date, expiry)
            self.assertTrue(applicant.is_matchable)
        with freeze_time(expiry + relativedelta(days=1)):
            self.env.invalidate_all()
            self.assertFalse(applicant.is_matchable)
            self.assertEqual(self._step(applicant, self.police_check).status, "expired")

    def test_vol1_documents_required_for_police_check_and_confidentiality_form(self):
        applicant = self._volunteer(
            "Dan Applicant", screened=False, police_check=False, confidentiality=False
        )
        for step_type in (self.police_check, self.confidentiality):
            step = self._step(applicant, step_type).with_user(self.coordinator)
            with self.assertRefused(rf"Attach the document of {re.escape(step_type.name)}"):
                step.write({"done_date": self.today})
            self.assertFalse(step.done_date)
            step.write({"done_date": self.today, "document": PDF, "document_name": "a.pdf"})
            self.assertEqual(step.recorded_by_id, self.coordinator)
            self.assertEqual(step.recorded_date, self.today)
        # the application needs no document
        application = self._step(applicant, self.application).with_user(self.coordinator)
        application.write({"done_date": self.today - relativedelta(days=1)})
        self.assertEqual(application.done_date, self.today - relativedelta(days=1))

    def test_vol1_a_step_is_not_done_in_the_future(self):
        applicant = self._volunteer("Eve Applicant", screened=False, application=False)
        step = self._step(applicant, self.application).with_user(self.coordinator)
        tomorrow = self.today + relativedelta(days=1)
        with self.assertRefused("Application cannot be recorded as done in the future"):
            step.write({"done_date": tomorrow})
        with self.assertRefused("Application cannot expire before it was done"):
            step.write({"done_date": self.today, "expiry_date": self.today - relativedelta(days=1)})

    # ------------------------------------------------------------- proposal
    def test_vol1_proposal_refused_when_the_police_check_expired(self):
        volunteer = self._volunteer("Fay Expired")
        self._expire_police_check(volunteer, self.today - relativedelta(days=1))
        yesterday = fields.Date.to_string(self.today - relativedelta(days=1))
        message = rf"Fay Expired cannot be matched: {POLICE} expired on {yesterday}"
        match = self._match(self.case, volunteer, propose=False).with_user(self.coordinator)
        self.assertEqual(match.volunteer_id, volunteer)
        with self.assertRefused(message, UserError):
            match.action_propose()
        self.assertEqual(match.state, "requested")
        with self.assertRefused(message, UserError):
            match.write({"state": "proposed"})
        self.assertEqual(match.state, "requested")
        self.assertFalse(match.proposed_by_id)
        # valid through today: the proposal goes through
        self._expire_police_check(volunteer, self.today)
        match.write({"state": "proposed"})
        self.assertEqual(match.state, "proposed")
        self.assertEqual(match.proposed_by_id, self.coordinator)
        self.assertEqual(match.proposed_date, self.today)

    def test_vol1_only_the_coordinator_proposes(self):
        match = self._match(self.case)
        match.with_user(self.coordinator).volunteer_id = self.vol
        with self.assertRefused("Only a volunteer coordinator proposes a volunteer", UserError):
            match.with_user(self.worker).action_propose()
        self.assertEqual(match.state, "requested")
        match.with_user(self.coordinator).action_propose()
        self.assertEqual(match.state, "proposed")

    def test_vol1_approval_refused_when_the_check_expired_after_the_proposal(self):
        volunteer = self._volunteer("Gil Lapsing")
        self._expire_police_check(volunteer, self.today + relativedelta(days=5))
        match = self._match(self.case, volunteer)
        self.assertEqual(match.state, "proposed")
        self._release(self.case, volunteer.partner_id)
        match = match.with_user(self.worker)
        match.meeting_place = "Community centre"
        expiry = fields.Date.to_string(self.today + relativedelta(days=5))
        with freeze_time(self.today + relativedelta(days=6)):
            with self.assertRefused(
                rf"Gil Lapsing cannot be matched: {POLICE} expired on {expiry}", UserError
            ):
                match.action_approve()
        self.assertEqual(match.state, "proposed")
        self.assertFalse(match.approved_by_id)
        with freeze_time(self.today + relativedelta(days=5)):
            match.action_approve()
        self.assertEqual(match.state, "active")
        self.assertEqual(match.approved_by_id, self.worker)

    # ---------------------------------------------------------- is_matchable
    def test_vol1_is_matchable_search_agrees_with_the_compute(self):
        screened = self.vol
        applicant = self._volunteer("Hal Applicant", screened=False, interview=False)
        expired = self._volunteer("Ida Expired")
        self._expire_police_check(expired, self.today - relativedelta(days=1))
        last_day = self._volunteer("Joe Lastday")
        self._expire_police_check(last_day, self.today)
        paused = self._volunteer("Kim Paused")
        paused.with_user(self.coordinator).action_pause()
        mine = screened | applicant | expired | last_day | paused
        for user in (self.coordinator, self.worker, self.manager):
            Volunteer = self.env["rrs.volunteer"].with_user(user)
            computed = mine.with_user(user).filtered("is_matchable")
            self.assertEqual(computed, screened | last_day, user.login)
            for domain, expected in (
                ([("is_matchable", "=", True)], computed),
                ([("is_matchable", "!=", False)], computed),
                ([("is_matchable", "=", False)], mine - computed),
                ([("is_matchable", "!=", True)], mine - computed),
            ):
                found = Volunteer.search(domain + [("id", "in", mine.ids)])
                self.assertEqual(found, expected, f"{user.login} {domain}")

    # ------------------------------------------------------------------ cron
    def test_vol1_expiry_reminder_once_per_step_and_expiry_date(self):
        volunteer = self._volunteer("Lea Reminded")
        police_expiry = self.today + relativedelta(days=10)
        self._expire_police_check(volunteer, police_expiry)
        confidentiality = self._step(volunteer, self.confidentiality)
        # done 100 days ago, valid 12 months: beyond the 30 days' notice
        self.assertGreater(confidentiality.expiry_date, self.today + relativedelta(days=30))
        Volunteer = self.env["rrs.volunteer"]
        with no_commit(self.env):
            Volunteer._cron_screening_expiry()
        reminders = self._screening_reminders(volunteer)
        self.assertEqual(len(reminders), 1)
        self.assertEqual(reminders.user_id, self.coordinator)
        self.assertEqual(reminders.date_deadline, police_expiry)
        self.assertIn("Police check", reminders.summary)
        with no_commit(self.env):
            Volunteer._cron_screening_expiry()
        self.assertEqual(self._screening_reminders(volunteer), reminders)
        # the confidentiality form enters the notice period: a second reminder, once
        confidentiality.with_user(self.coordinator).expiry_date = self.today + relativedelta(
            days=30
        )
        with no_commit(self.env):
            Volunteer._cron_screening_expiry()
            Volunteer._cron_screening_expiry()
        reminders = self._screening_reminders(volunteer)
        self.assertEqual(len(reminders), 2)
        self.assertEqual(
            sorted(reminders.mapped("date_deadline")),
            [police_expiry, self.today + relativedelta(days=30)],
        )
        # a volunteer whose steps are far from their expiry gets none
        self.assertFalse(self._screening_reminders(self.vol))

    def test_vol1_expiry_reminder_for_two_steps_expiring_the_same_day(self):
        volunteer = self._volunteer("Max Sameday")
        same_day = self.today + relativedelta(days=7)
        for step_type in (self.police_check, self.confidentiality):
            self._step(volunteer, step_type).with_user(self.coordinator).expiry_date = same_day
        with no_commit(self.env):
            self.env["rrs.volunteer"]._cron_screening_expiry()
            self.env["rrs.volunteer"]._cron_screening_expiry()
        reminders = self._screening_reminders(volunteer)
        self.assertEqual(len(reminders), 2, reminders.mapped("summary"))
        self.assertEqual(set(reminders.mapped("date_deadline")), {same_day})

    def test_vol1_expiry_reminder_a_failing_volunteer_does_not_block_the_others(self):
        first = self._volunteer("Ned First")
        broken = self._volunteer("Oli Broken")
        last = self._volunteer("Pat Last")
        for volunteer in first | broken | last:
            self._expire_police_check(volunteer, self.today + relativedelta(days=3))
        Volunteer = type(self.env["rrs.volunteer"])
        original = Volunteer._rrs_add_assignees_as_followers

        def failing(records, vals_list):
            # the reminders of a batch are created together: the batch fails, then each
            # volunteer is tried alone
            if broken.id in [vals["res_id"] for vals in vals_list]:
                raise RuntimeError("simulated failure")
            return original(records, vals_list)

        with (
            no_commit(self.env),
            patch.object(Volunteer, "_rrs_add_assignees_as_followers", failing),
        ):
            self.env["rrs.volunteer"]._cron_screening_expiry()
        self.assertEqual(len(self._screening_reminders(first)), 1)
        self.assertEqual(len(self._screening_reminders(last)), 1)
        self.assertFalse(self._screening_reminders(broken))
        # the next run, without the failure, reminds the one left out
        with no_commit(self.env):
            self.env["rrs.volunteer"]._cron_screening_expiry()
        self.assertEqual(len(self._screening_reminders(broken)), 1)
        self.assertEqual(len(self._screening_reminders(first)), 1)

    def test_vol1_ended_volunteers_get_no_reminder(self):
        volunteer = self._volunteer("Quin Leaving")
        self._expire_police_check(volunteer, self.today + relativedelta(days=3))
        volunteer = volunteer.with_user(self.coordinator)
        with self.assertRefused("Record why the volunteer leaves", UserError):
            volunteer.action_end()
        volunteer.end_reason = "Moved away"
        volunteer.action_end()
        self.assertEqual(volunteer.end_date, self.today)
        with no_commit(self.env):
            self.env["rrs.volunteer"]._cron_screening_expiry()
        self.assertFalse(self._screening_reminders(volunteer))
