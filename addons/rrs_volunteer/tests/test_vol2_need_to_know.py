# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rule VOL-2: a volunteer learns only what the task needs. The coordinator manages matches
without the case file; the volunteer (a portal user) reads the first names, the task, the
place and the time of their active matches of unrestricted cases, and nothing else; their
access ends with the match, with the family's release, or with the volunteer."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RrsVolunteerCommon

NO_ACCESS = (
    r"not allowed to access|You are not allowed|do not have enough rights|doesn't have 'read'"
)
ALLOWED_FIELDS = [
    "name",
    "family_first_names",
    "task_type_id",
    "description",
    "meeting_place",
    "meeting_datetime",
    "schedule",
    "state",
]


@tagged("post_install", "-at_install")
class TestVol2NeedToKnow(RrsVolunteerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.daughter = cls._person("Amira Haddad", age=12)
        cls.case = cls._case(
            head=cls._person("Omar Haddad", age=40), members=[(cls.daughter, "child")]
        )
        cls.match = cls._active_match(
            cls.case,
            description="Help with the bus routes",
            schedule="Saturdays 10:00-12:00",
        )
        cls.note = cls.env["rrs.case.note"].search([("case_id", "=", cls.case.id)], limit=1)

    def _portal(self, records, user=None):
        self.env.invalidate_all()
        return records.with_user(user or self.portal_user)

    # ------------------------------------------------------------ coordinator
    def test_vol2_coordinator_manages_matches_without_the_case_file(self):
        coordinator_match = self.match.with_user(self.coordinator)
        values = coordinator_match.read(["family_first_names", "state", "volunteer_id"])[0]
        self.assertEqual(values["family_first_names"], "Omar, Amira")
        self.assertEqual(values["volunteer_id"][0], self.vol.id)
        with self.assertRefused(NO_ACCESS, AccessError):
            self.case.with_user(self.coordinator).read(["name"])
        with self.assertRefused(NO_ACCESS, AccessError):
            self.env["rrs.case"].with_user(self.coordinator).search([])
        with self.assertRefused(NO_ACCESS, AccessError):
            self.env["rrs.case.note"].with_user(self.coordinator).search([])
        with self.assertRefused(NO_ACCESS, AccessError):
            self.env["rrs.case.member"].with_user(self.coordinator).search([])
        # the case worker reads both
        self.case.with_user(self.worker).read(["name"])
        self.match.with_user(self.worker).read(["case_id", "consent_id"])

    # ------------------------------------------------------------------ portal
    def test_vol2_volunteer_reads_what_the_task_needs(self):
        match = self._portal(self.match)
        values = match.read(ALLOWED_FIELDS)[0]
        self.assertEqual(values["family_first_names"], "Omar, Amira")
        self.assertEqual(values["task_type_id"][0], self.task_mentoring.id)
        self.assertEqual(values["meeting_place"], "Public library, main entrance")
        self.assertEqual(values["description"], "Help with the bus routes")
        self.assertEqual(values["schedule"], "Saturdays 10:00-12:00")
        self.assertEqual(
            self.env["rrs.volunteer.match"].with_user(self.portal_user).search([]), self.match
        )
        for fname in ("case_id", "consent_id", "program_id", "case_user_id", "end_reason"):
            with self.subTest(field=fname), self.assertRefused(fname, AccessError):
                self._portal(self.match).read([fname])

    def test_vol2_volunteer_reads_nothing_of_the_case(self):
        head = self.case.member_ids.filtered(lambda m: m.relationship == "head")
        for records in (
            self.case,
            self.case.member_ids,
            head.partner_id,
            self.daughter,
        ):
            with self.subTest(model=records._name), self.assertRefused(NO_ACCESS, AccessError):
                self._portal(records).read(["display_name"])
        for model in ("rrs.case", "rrs.case.note", "rrs.case.member", "rrs.consent"):
            with self.subTest(model=model), self.assertRefused(NO_ACCESS, AccessError):
                self.env[model].with_user(self.portal_user).search([])

    def test_vol2_volunteer_cannot_read_another_volunteers_match(self):
        other_case = self._case(head=self._person("Yusuf Karimi", age=35))
        other = self._active_match(other_case, volunteer=self.vol_other)
        self._portal(other, self.portal_user_other).read(["family_first_names"])
        with self.assertRefused(NO_ACCESS, AccessError):
            self._portal(other).read(["family_first_names"])
        with self.assertRefused(NO_ACCESS, AccessError):
            self._portal(self.match, self.portal_user_other).read(["family_first_names"])
        # nor the other volunteer's profile
        with self.assertRefused(NO_ACCESS, AccessError):
            self._portal(self.vol_other).read(["name"])
        self._portal(self.vol).read(["name"])

    def test_vol2_volunteer_reads_only_active_matches(self):
        requested = self._match(self.case, self.vol, propose=False)
        proposed = self._match(self.case, self.vol, task=self.task_transport)
        self.assertEqual((requested.state, proposed.state), ("requested", "proposed"))
        for match in requested | proposed:
            with self.assertRefused(NO_ACCESS, AccessError):
                self._portal(match).read(["family_first_names"])
        self.assertEqual(
            self.env["rrs.volunteer.match"].with_user(self.portal_user).search([]), self.match
        )

    def test_vol2_ending_the_match_ends_the_volunteers_access_at_once(self):
        self._portal(self.match).read(["family_first_names"])
        match = self.match.with_user(self.worker)
        with self.assertRefused("Record why the match ends", UserError):
            match.action_end()
        match.end_reason = "The family is settled"
        match.action_end()
        self.assertEqual(match.state, "ended")
        self.assertEqual(match.ended_by_id, self.worker)
        self.assertEqual(match.ended_date, self.today)
        with self.assertRefused(NO_ACCESS, AccessError):
            self._portal(self.match).read(["family_first_names"])
        # an ended match stays as it is
        with self.assertRefused("is Ended: it stays as it is", UserError):
            self.match.with_user(self.worker).write({"meeting_place": "Elsewhere"})

    def test_vol2_revoking_the_release_ends_the_match(self):
        release = self.match.consent_id
        self.assertEqual(release.party_partner_id, self.vol.partner_id)
        other_case = self._case(head=self._person("Lina Sayed", age=30))
        other = self._active_match(other_case)
        release.with_user(self.worker).action_revoke()
        self.assertEqual(self.match.state, "ended")
        self.assertEqual(self.match.ended_date, self.today)
        self.assertEqual(self.match.end_reason, "The family revoked its consent.")
        with self.assertRefused(NO_ACCESS, AccessError):
            self._portal(self.match).read(["family_first_names"])
        # the other family's match, under its own release, goes on
        self.assertEqual(other.state, "active")
        self._portal(other).read(["family_first_names"])

    def test_vol2_ending_the_volunteer_ends_their_matches(self):
        proposed = self._match(self.case, self.vol, task=self.task_transport)
        volunteer = self.vol.with_user(self.coordinator)
        with self.assertRefused("still has active matches", UserError):
            volunteer.action_pause()
        volunteer.end_reason = "Moved to another city"
        volunteer.action_end()
        self.assertEqual(self.match.state, "ended")
        self.assertEqual(self.match.end_reason, "The volunteer left the program.")
        self.assertEqual(proposed.state, "requested")
        self.assertFalse(proposed.volunteer_id)
        self.assertEqual(proposed.decline_reason, "The volunteer left the program.")
        with self.assertRefused(NO_ACCESS, AccessError):
            self._portal(self.match).read(["family_first_names"])

    def test_vol2_restricted_case_is_never_matched(self):
        if "is_prs" not in self.env["rrs.case"]._fields:
            self.skipTest("rrs_minors is not installed: no case is restricted in the core")
        minors_case = self._case(head=self._person("Child", age=15), program=self.program_prs)
        self.assertTrue(minors_case.restricted)
        Match = self.env["rrs.volunteer.match"].with_user(self.worker)
        with self.assertRefused("cannot be matched with a restricted case"):
            Match.create({"case_id": minors_case.id, "task_type_id": self.task_mentoring.id})
        # nor moved onto one
        requested = self._match(self.case)
        with self.assertRefused("stays with the Family it was created for", UserError):
            requested.with_user(self.worker).write({"case_id": minors_case.id})

    def test_vol2_volunteer_is_chosen_while_requested(self):
        proposed = self._match(self.case, self.vol, task=self.task_transport)
        with self.assertRefused("is chosen while it is requested", UserError):
            proposed.with_user(self.coordinator).write({"volunteer_id": self.vol_other.id})
        with self.assertRefused("is chosen while it is requested", UserError):
            self.match.with_user(self.coordinator).write({"volunteer_id": self.vol_other.id})
        self.assertEqual(self.match.volunteer_id, self.vol)
        # the family's worker declines: the match is asked for again, without the volunteer
        with self.assertRefused("Say why the proposed volunteer is declined", UserError):
            proposed.with_user(self.worker).action_decline()
        proposed.with_user(self.worker).write({"decline_reason": "The family prefers a woman"})
        proposed.with_user(self.worker).action_decline()
        self.assertEqual(proposed.state, "requested")
        self.assertFalse(proposed.volunteer_id)
        self.assertFalse(proposed.proposed_by_id)
        proposed.with_user(self.coordinator).write({"volunteer_id": self.vol_other.id})
        self.assertEqual(proposed.volunteer_id, self.vol_other)

    def test_vol2_volunteer_cannot_change_a_match(self):
        with self.assertRefused(NO_ACCESS, AccessError):
            self._portal(self.match).write({"meeting_place": "My home"})
        with self.assertRefused(NO_ACCESS, AccessError):
            self._portal(self.match).action_end()
        self.assertEqual(self.match.state, "active")

    def test_vol2_only_the_familys_worker_or_supervisor_approves(self):
        proposed = self._match(self.case, self.vol, task=self.task_transport)
        proposed.with_user(self.worker).meeting_place = "Clinic entrance"
        for user in (self.worker_far, self.worker_other, self.coordinator):
            with (
                self.subTest(user=user.login),
                self.assertRefused(
                    r"Only the family's case worker|not allowed to|doesn't have 'write'",
                    AccessError,
                ),
            ):
                proposed.with_user(user).action_approve()
        self.assertEqual(proposed.state, "proposed")
        proposed.with_user(self.supervisor).action_approve()
        self.assertEqual(proposed.state, "active")
        self.assertEqual(proposed.approved_by_id, self.supervisor)

    def test_vol2_volunteer_logs_hours_on_own_active_match_only(self):
        Hours = self.env["rrs.volunteer.hours"].with_user(self.portal_user)
        line = Hours.create({"match_id": self.match.id, "hours": 2, "activity": "Bus routes"})
        self.assertEqual(line.volunteer_id, self.vol)
        with self.assertRefused("You log your own hours only", UserError):
            Hours.create(
                {
                    "volunteer_id": self.vol_other.id,
                    "hours": 2,
                    "activity": "Someone else's",
                }
            )
        other_case = self._case(head=self._person("Rami Aziz", age=30))
        other = self._active_match(other_case, volunteer=self.vol_other)
        with self.assertRefused("Hours are logged on a match while it is active", UserError):
            Hours.create({"match_id": other.id, "hours": 1, "activity": "Not mine"})
        self.match.with_user(self.worker).write({"end_reason": "Done"})
        self.match.with_user(self.worker).action_end()
        with self.assertRefused("Hours are logged on a match while it is active", UserError):
            Hours.create({"match_id": self.match.id, "hours": 1, "activity": "After the end"})
        # nor moved there, or to another volunteer's match, by correcting a line
        loose = Hours.create({"hours": 1, "activity": "Unsorted"})
        for match in (self.match, other):
            with self.assertRefused("Hours are logged on a match while it is active", UserError):
                loose.write({"match_id": match.id})
        self.assertFalse(loose.match_id)
