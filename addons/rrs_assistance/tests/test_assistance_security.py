# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may do what with financial assistance, both ways, as each role (rules FIN-2, REC-1)."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RrsAssistanceCommon


@tagged("post_install", "-at_install")
class TestAssistanceSecurity(RrsAssistanceCommon):
    def test_fin2_worker_requests_supervisor_approves_finance_validates(self):
        request = self._submitted(200.0)
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.review_ids.requested_by, self.worker)
        self.assertIn(self.supervisor, request.review_ids.reviewer_ids)
        self.assertNotIn(self.worker, request.review_ids.reviewer_ids)
        with self.assertRefused(
            "is not waiting for your approval \\(the requester never", UserError
        ):
            request.with_user(self.worker).action_approve()
        with self.assertRefused("approved once every approval tier has approved it", UserError):
            request.with_user(self.worker).write({"state": "approved"})
        # finance acts only on approved requests: a submitted one is not writable to it
        with self.assertRefused(
            "doesn't have 'write' access to:\n- Financial assistance", AccessError
        ):
            request.with_user(self.finance).action_validate()
        request.with_user(self.supervisor).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approved_by_ids, self.supervisor)
        with self.assertRefused(
            "Only finance validates an approved assistance request", AccessError
        ):
            request.with_user(self.supervisor).write({"state": "validated"})
        request.with_user(self.finance).write({"state": "validated"})
        self.assertEqual(request.state, "validated")
        self.assertTrue(request.move_id)

    def test_fin2_a_supervisor_never_approves_their_own_request(self):
        request = self._request(150.0, user=self.supervisor)
        request.with_user(self.supervisor).action_submit()
        self.assertEqual(request.requested_by_id, self.supervisor)
        self.assertNotIn(self.supervisor, request.review_ids.reviewer_ids)
        with self.assertRefused("is not waiting for your approval", UserError):
            request.with_user(self.supervisor).action_approve()
        with self.assertRefused("approved once every approval tier", UserError):
            request.with_user(self.supervisor).write({"state": "approved"})
        # another approver (the program manager) may
        request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approved_by_ids, self.manager)

    def test_fin2_finance_never_validates_what_it_requested_or_approved(self):
        self.worker.group_ids |= self.env.ref("rrs_case.group_finance")
        request = self._approved(90.0)
        with self.assertRefused("You requested or approved .*: someone else in finance", UserError):
            request.with_user(self.worker).action_validate()
        request.with_user(self.finance).action_validate()
        self.assertEqual(request.validated_by_id, self.finance)
        # the approver, also in finance, neither
        self.supervisor.group_ids |= self.env.ref("rrs_case.group_finance")
        approved = self._approved(80.0)
        self.assertEqual(approved.approved_by_ids, self.supervisor)
        with self.assertRefused("You requested or approved .*: someone else in finance", UserError):
            approved.with_user(self.supervisor).action_validate()
        self.assertEqual(approved.state, "approved")

    def test_fin2_approvals_cannot_be_written_around_the_buttons(self):
        request = self._submitted(80.0)
        review = request.review_ids
        for user in (self.worker, self.supervisor, self.manager, self.finance):
            with self.assertRefused("recorded by its Approve and Reject buttons", UserError):
                review.with_user(user).write({"status": "approved", "done_by": user.id})
            with self.assertRefused("never deleted", UserError):
                review.with_user(user).unlink()
        with self.assertRefused("created when it is submitted", UserError):
            self.env["tier.review"].with_user(self.supervisor).create(
                {
                    "model": request._name,
                    "res_id": request.id,
                    "definition_id": review.definition_id.id,
                }
            )
        self.assertEqual(review.status, "pending")
        self.assertEqual(request.state, "submitted")

    def test_fin2_reject_stops_the_request_and_keeps_the_trail(self):
        request = self._submitted(70.0)
        with self.assertRefused("goes to “Rejected” by itself", UserError):
            request.with_user(self.supervisor).write({"state": "rejected"})
        request.with_user(self.supervisor).action_reject()
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.review_ids.status, "rejected")
        self.assertEqual(request.review_ids.done_by, self.supervisor)
        with self.assertRefused("Rejected: it stays as it is", UserError):
            request.with_user(self.worker).write({"amount": 60.0})

    def test_rec1_worker_sees_own_cases_requests_only(self):
        request = self._request(50.0)
        request.with_user(self.worker).read(["name", "amount"])
        request.with_user(self.supervisor).read(["name", "amount"])
        request.with_user(self.manager).read(["name", "amount"])
        with self.assertRaisesRegex(AccessError, "Financial assistance request"):
            request.with_user(self.worker_far).read(["name"])
        with self.assertRaisesRegex(AccessError, "Financial assistance request"):
            request.with_user(self.supervisor_other).read(["name"])
        with self.assertRaisesRegex(AccessError, "Financial assistance request"):
            request.with_user(self.volunteer).read(["name"])
        far_case = self._case(user=self.worker_far)
        with self.assertRefused("Financial assistance request", AccessError):
            self.env["rrs.assistance.request"].with_user(self.worker).create(
                self._vals(
                    user=self.worker, case_id=far_case.id, beneficiary_id=far_case.member_ids[:1].id
                )
            )

    def test_fin2_finance_and_auditors_read_never_create_and_never_see_journals_as_workers(self):
        request = self._validated(60.0)
        request.with_user(self.finance).read(["name", "amount", "payee_id", "beneficiary_label"])
        request.with_user(self.auditor).read(["name", "amount", "payee_id", "beneficiary_id"])
        with self.assertRefused("Financial assistance request", AccessError):
            self.env["rrs.assistance.request"].with_user(self.finance).create(
                self._vals(user=self.finance)
            )
        with self.assertRefused("Financial assistance request", AccessError):
            request.with_user(self.auditor).write({"receipt_document_ids": [(6, 0, [])]})
        # accounting: finance and auditors read the bill, case staff never
        request.move_id.with_user(self.finance).read(["name"])
        request.move_id.with_user(self.auditor).read(["name"])
        for user in (self.worker, self.supervisor, self.manager):
            with self.assertRaisesRegex(AccessError, "Journal Entry"):
                request.move_id.with_user(user).read(["name"])
        # budgets are changed by finance only (OCA gives every user write on budget lines)
        for user in (self.worker, self.supervisor, self.manager, self.auditor):
            with self.assertRefused("Budget Line", AccessError):
                self.line.with_user(user).write({"planned_amount": 99999.0})
        self.line.with_user(self.finance).write({"planned_amount": 2000.0})
        # finance never reads case notes, nor assessments where they are installed
        with self.assertRaisesRegex(AccessError, "Case Note"):
            self.env["rrs.case.note"].with_user(self.finance).check_access("read")
        if "rrs.assessment" in self.env:
            with self.assertRaisesRegex(AccessError, "not allowed to access"):
                self.env["rrs.assessment"].with_user(self.finance).check_access("read")

    def test_rec1_finance_pays_a_restricted_case_without_learning_who_the_child_is(self):
        self.case.restricted = True
        request = self._approved(110.0)
        as_finance = request.with_user(self.finance)
        self.assertEqual(as_finance.beneficiary_label, "Restricted case")
        self.assertEqual(as_finance.case_id.display_name, self.case.name)
        self.assertNotIn(self.member.partner_id.name, as_finance.case_id.display_name)
        with self.assertRaisesRegex(AccessError, "beneficiary_id|Beneficiary"):
            as_finance.read(["beneficiary_id"])
        with self.assertRaisesRegex(AccessError, "beneficiary_id|justification|Justification"):
            as_finance.read(["justification"])
        with self.assertRaisesRegex(AccessError, "Case"):
            self.case.with_user(self.finance).read(["name"])
        as_finance.action_validate()
        self.assertEqual(request.state, "validated")
        # the worker still sees whom it is for; the auditor does not see the restricted request
        self.assertEqual(
            request.with_user(self.worker).beneficiary_label, self.member.partner_id.name
        )
        with self.assertRaisesRegex(AccessError, "Financial assistance request"):
            request.with_user(self.auditor).read(["name"])

    def test_fin2_an_added_tier_program_manager_above_an_amount(self):
        """Agencies add tiers: a program manager approves after the supervisor above 1,000."""
        self.env["tier.definition"].create(
            {
                "name": "Program manager above 1,000",
                "model_id": self.env["ir.model"]._get_id("rrs.assistance.request"),
                "review_type": "group",
                "reviewer_group_id": self.env.ref("rrs_case.group_program_manager").id,
                "exclude_requester": True,
                "approve_sequence": True,
                "definition_domain": "[('amount', '>', 1000)]",
                "sequence": 50,
                "company_id": False,
            }
        )
        self.line.planned_amount = 5000.0
        small = self._submitted(1000.0)
        self.assertEqual(len(small.review_ids), 1, "at 1,000 the supervisor alone approves")
        large = self._submitted(1000.01)
        self.assertEqual(len(large.review_ids), 2)
        large.with_user(self.supervisor).action_approve()
        self.assertEqual(large.state, "submitted", "the program manager's tier is still open")
        with self.assertRefused("is not waiting for your approval", UserError):
            large.with_user(self.supervisor).action_approve()
        with self.assertRefused("approved once every approval tier has approved it", UserError):
            large.with_user(self.supervisor).write({"state": "approved"})
        large.with_user(self.manager).action_approve()
        self.assertEqual(large.state, "approved")
        self.assertEqual(large.approved_by_ids, self.supervisor | self.manager)

    def test_finance_starts_on_the_requests_to_validate(self):
        action = self.env.ref("rrs_assistance.rrs_assistance_request_action_to_validate")
        self.assertEqual(self.finance.rrs_home_action(), action)
        self.assertEqual(self.worker.rrs_home_action(), self.env.ref("rrs_case.rrs_case_action_my"))
        visible = self.env["ir.ui.menu"].with_user(self.worker)._visible_menu_ids()
        self.assertIn(self.env.ref("rrs_assistance.rrs_assistance_request_menu").id, visible)
        self.assertNotIn(
            self.env.ref("rrs_assistance.rrs_assistance_request_to_validate_menu").id, visible
        )
        self.assertNotIn(self.env.ref("rrs_assistance.rrs_assistance_budget_menu").id, visible)
        visible = self.env["ir.ui.menu"].with_user(self.finance)._visible_menu_ids()
        self.assertIn(
            self.env.ref("rrs_assistance.rrs_assistance_request_to_validate_menu").id, visible
        )
