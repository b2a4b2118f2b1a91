# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Integrity: people served are protected contacts (rules CON-2, REC-4).

A person served (a member of at least one case) is read by those who may read one of their
cases and changed by those who may change one of them; other contacts stay ordinary.
"""

from datetime import datetime, time

from odoo import Command
from odoo.addons.mail.tools.discuss import Store
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import RrsCaseCommon

READ_REFUSED = r"doesn't have 'read' access|not allowed to access"
WRITE_REFUSED = r"doesn't have '(write|read)' access|not allowed to modify"


@tagged("post_install", "-at_install")
class TestPersonServed(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal = new_test_user(cls.env, login="rrs_internal", groups="base.group_user")
        cls.case = cls._active_case(user=cls.worker)
        cls.case_other = cls._active_case(user=cls.worker_other)  # same supervisor
        cls.case_far = cls._active_case(user=cls.worker_far)  # another supervisor's team
        cls.client = cls.case.head_partner_id
        cls.client_other = cls.case_other.head_partner_id
        cls.client_far = cls.case_far.head_partner_id
        cls.provider = cls.env["res.partner"].create(
            {"name": "City Health Clinic", "is_company": True, "rrs_is_provider": True}
        )

    def assertReads(self, user, *partners):
        for partner in partners:
            Partner = self.env["res.partner"].with_user(user)
            self.assertEqual(Partner.search([("id", "=", partner.id)]), partner, user.login)
            self.assertTrue(partner.with_user(user).read(["name", "birthdate_date", "street"]))

    def assertCannotRead(self, user, *partners):
        for partner in partners:
            Partner = self.env["res.partner"].with_user(user)
            self.assertFalse(Partner.search([("id", "=", partner.id)]), user.login)
            with self.assertRaisesRegex(AccessError, READ_REFUSED, msg=user.login):
                partner.with_user(user).read(["birthdate_date"])

    def assertCannotWrite(self, user, partner):
        with self.assertRaisesRegex(AccessError, WRITE_REFUSED, msg=user.login):
            partner.with_user(user).write({"street": "1 Other Street"})

    def test_person_served_flag_follows_the_household(self):
        # rules CON-2, REC-4
        person = self._person("Newborn", age=0)
        self.assertFalse(person.rrs_person_served)
        self.case.member_ids = [Command.create({"partner_id": person.id, "relationship": "child"})]
        self.assertTrue(person.rrs_person_served)
        self.case.member_ids.filtered(lambda m: m.partner_id == person).unlink()
        self.assertFalse(person.rrs_person_served)
        self.assertTrue(self.client.rrs_person_served)
        self.assertFalse(self.provider.rrs_person_served)
        self.assertFalse(self.worker.partner_id.rrs_person_served)

    def test_worker_reads_and_changes_own_clients_only(self):
        """Integrity: a worker never reads nor changes another worker's client."""
        # rules CON-2, REC-4
        self.assertReads(self.worker, self.client)
        self.client.with_user(self.worker).write(
            {"street": "12 Elm Street", "rrs_unsafe_reason": False}
        )
        self.assertEqual(self.client.street, "12 Elm Street")
        self.assertCannotRead(self.worker, self.client_other, self.client_far)
        for partner in (self.client_other, self.client_far):
            self.assertCannotWrite(self.worker, partner)
        with self.assertRaisesRegex(AccessError, WRITE_REFUSED):
            self.client_other.with_user(self.worker).write({"birthdate_date": "1990-01-01"})
        # the secondary worker shares the household
        self.case_other.secondary_user_ids = [Command.link(self.worker.id)]
        self.env.flush_all()  # saved, as at the end of the request
        self.assertReads(self.worker, self.client_other)

    def test_worker_cannot_take_another_workers_client_into_a_household(self):
        """Integrity: joining a household would open the person to the worker."""
        # rule REC-4
        with self.assertRefused("cases you cannot see", AccessError):
            self.case.with_user(self.worker).write(
                {
                    "member_ids": [
                        Command.create(
                            {"partner_id": self.client_far.id, "relationship": "other_relative"}
                        )
                    ]
                }
            )
        self.assertCannotRead(self.worker, self.client_far)
        # a new person, or one of the worker's own clients, joins as before
        newcomer = self.env["res.partner"].with_user(self.worker).create({"name": "Newcomer"})
        self.case.with_user(self.worker).member_ids = [
            Command.create({"partner_id": newcomer.id, "relationship": "other_relative"})
        ]
        self.assertTrue(newcomer.rrs_person_served)
        self.assertReads(self.worker, newcomer)

    def test_supervisors_and_managers_follow_their_cases(self):
        # rules CON-2, REC-4
        self.assertReads(self.supervisor, self.client, self.client_other)
        self.client_other.with_user(self.supervisor).write({"street": "3 Oak Lane"})
        self.assertCannotRead(self.supervisor, self.client_far)
        self.assertCannotWrite(self.supervisor, self.client_far)
        self.assertReads(self.supervisor_other, self.client_far)
        self.assertReads(self.manager, self.client, self.client_other, self.client_far)
        self.client_far.with_user(self.manager).write({"street": "8 Pine Road"})

    def test_finance_and_auditors_read_unrestricted_people_never_change_them(self):
        """Integrity: finance and auditors read the people of unrestricted cases, read only,
        and never the people of a restricted (minors') case."""
        # rules CON-2, REC-4, REC-1
        for user in (self.finance, self.auditor):
            self.assertReads(user, self.client, self.client_far)
            self.assertCannotWrite(user, self.client)
        self.case_far.restricted = True
        for user in (self.finance, self.auditor):
            self.assertCannotRead(user, self.client_far)
            self.assertReads(user, self.client)
        # the restricted case's people stay with its staff
        self.assertReads(self.worker_far, self.client_far)
        self.assertReads(self.supervisor_other, self.client_far)
        self.assertReads(self.manager, self.client_far)

    def test_volunteers_and_other_internal_users_see_no_person_served(self):
        # rules CON-2, REC-4; VOL-2: a volunteer learns only what the task needs
        for user in (self.volunteer, self.internal):
            Partner = self.env["res.partner"].with_user(user)
            self.assertFalse(Partner.search([("rrs_person_served", "=", True)]), user.login)
            self.assertCannotRead(user, self.client, self.client_other, self.client_far)
            names = (self.client | self.client_other | self.client_far).mapped("name")
            self.assertFalse(Partner.search([("name", "in", names)]), user.login)

    def test_ordinary_contacts_stay_visible_to_every_internal_user(self):
        # the boundary: providers and users' own partners are no protected contacts, even a
        # staff member who is also in a household
        self.case.member_ids = [
            Command.create({"partner_id": self.worker_far.partner_id.id, "relationship": "sibling"})
        ]
        self.assertTrue(self.worker_far.partner_id.rrs_person_served)
        for user in (self.volunteer, self.internal, self.finance, self.auditor, self.worker_far):
            self.assertReads(user, self.provider, self.worker.partner_id)
            self.assertReads(user, self.worker_far.partner_id)
            user.with_user(user).read(["name", "partner_id"])

    def test_case_form_mail_visits_and_activities_keep_working(self):
        """Integrity: the protections do not break the case's everyday work."""
        case = self.case.with_user(self.worker)
        case.message_subscribe(partner_ids=self.client.ids)
        case.message_post(body="Lease signed", partner_ids=self.client.ids)
        case.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.worker.id, summary="Call the landlord"
        )
        visit = (
            self.env["rrs.home.visit"]
            .with_user(self.worker)
            .create(
                {
                    "case_id": self.case.id,
                    "start": datetime.combine(self._monday(), time(8, 0)),
                    "purpose": "Settling in",
                }
            )
        )
        self.assertEqual(visit.address_partner_id, self.client)
        visit.read(["name", "start", "address_partner_id", "partner_ids"])
        household = {
            "member_ids": {
                "fields": {
                    "partner_id": {"fields": {"display_name": {}}},
                    "birthdate_date": {},
                    "relationship": {},
                }
            },
            "message_follower_ids": {"fields": {"display_name": {}}},
        }
        for user in (self.worker, self.supervisor, self.manager, self.finance, self.auditor):
            values = self.case.with_user(user).web_read(household)[0]
            self.assertEqual(
                values["member_ids"][0]["partner_id"]["display_name"], self.client.name, user.login
            )
        # the chatter: messages, followers and suggested recipients, as the web client loads them
        for user in (self.worker, self.supervisor, self.manager, self.auditor):
            case = self.case.with_user(user)
            messages = self.env["mail.message"].with_user(user)._message_fetch(None, thread=case)
            self.assertTrue(messages["messages"], user.login)
            store = Store()
            store.add(messages["messages"])
            case._thread_to_store(
                store, [], request_list=["followers", "suggestedRecipients", "activities"]
            )
            self.assertTrue(store.get_result(), user.login)
