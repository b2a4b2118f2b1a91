# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Confidentiality breaches, managed by a program manager and linked to the access log
(rule REC-4)."""

from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestBreach(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._active_case()
        # the read that exposed the case, in the access log
        cls.entry = cls.env["rrs.access.log"].create(
            {
                "date": datetime(2026, 3, 2, 10, 0),
                "user_id": cls.worker_far.id,
                "action": "export",
                "res_model": "rrs.case",
                "res_id": cls.case.id,
                "case_id": cls.case.id,
                "unusual": True,
                "unusual_reason": "export",
            }
        )
        cls.Breach = cls.env["rrs.breach"]

    def _breach(self, user=None, **vals):
        return self.Breach.with_user(user or self.manager).create(
            {
                "description": "A spreadsheet of 40 households was emailed to a landlord.",
                "cause": "The wrong attachment was picked in the email.",
                "case_ids": [Command.set(self.case.ids)],
                "access_log_ids": [Command.set(self.entry.ids)],
                **vals,
            }
        )

    def test_rec4_a_program_manager_records_and_closes_a_breach(self):
        breach = self._breach()
        self.assertTrue(breach.name.startswith("BR/"))
        self.assertEqual(breach.responsible_id, self.manager)
        self.assertEqual(breach.person_count, len(self.case.member_ids))
        self.assertEqual(breach.access_log_ids, self.entry)
        with self.assertRefused("Record the actions taken", UserError):
            breach.action_contain()
        breach.actions = "The landlord deleted the email and confirmed it in writing."
        breach.action_contain()
        self.assertEqual(breach.state, "contained")
        self.assertTrue(breach.contained_date)
        with self.assertRefused("or why no one was", UserError):
            breach.action_close()
        breach.write({"clients_informed_date": self.today})
        with self.assertRefused("Say who was informed", UserError):
            breach.action_close()
        breach.informed = "Each family by phone with an interpreter; ORR by email."
        breach.with_user(self.manager).action_close()
        self.assertEqual((breach.state, breach.closed_by_id), ("closed", self.manager))
        with self.assertRefused("A closed breach stays as it was closed", UserError):
            breach.with_user(self.manager).write({"description": "Nothing happened."})

    def test_rec4_breach_blank_actions_refused_authorities_informed_alone_closes(self):
        # rule REC-4: blank actions are no actions; informing the authorities alone is a
        # notice, which says who was informed and how
        breach = self._breach(actions="   ")
        with self.assertRefused("Record the actions taken", UserError):
            breach.action_contain()
        self.assertEqual(breach.state, "open")
        breach.actions = "Access of the account revoked."
        breach.action_contain()
        breach.authority_informed_date = self.today
        with self.assertRefused("Say who was informed", UserError):
            breach.action_close()
        breach.informed = "The state privacy office, by its online form."
        breach.action_close()
        self.assertEqual((breach.state, breach.closed_by_id), ("closed", self.manager))

    def test_rec4_closing_without_notice_needs_the_reason(self):
        breach = self._breach(actions="The laptop was wiped remotely.")
        breach.action_contain()
        breach.no_notice_reason = "The disk was encrypted; no information could be read."
        breach.action_close()
        self.assertEqual(breach.state, "closed")

    def test_rec4_an_exposure_that_goes_on_reopens_the_breach(self):
        breach = self._breach(actions="Password reset.")
        breach.action_contain()
        breach.action_reopen()
        self.assertEqual(breach.state, "open")
        self.assertFalse(breach.contained_date)

    def test_rec4_only_program_managers_manage_breaches(self):
        for user in (self.worker, self.supervisor, self.finance, self.volunteer, self.auditor):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "not allowed to create"):
                    self._breach(user=user)
        breach = self._breach(actions="Password reset.")
        self.assertEqual(breach.with_user(self.auditor).description, breach.description)
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            breach.with_user(self.auditor).action_contain()
        for user in (self.worker, self.supervisor, self.finance, self.volunteer):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "not allowed to access"):
                    breach.with_user(user).check_access("read")

    def test_rec4_a_breach_is_never_deleted_and_its_times_are_the_systems(self):
        breach = self._breach(actions="Password reset.")
        with self.assertRaisesRegex(AccessError, "not allowed to delete"):
            breach.with_user(self.manager).unlink()
        with self.assertRefused("never deleted", UserError):
            breach.sudo().unlink()
        with self.assertRefused("is set by the system", UserError):
            breach.with_user(self.manager).write({"closed_date": datetime(2026, 1, 1)})
        with self.assertRefused("cannot go from", UserError):
            breach.with_user(self.manager).write({"state": "closed"})
