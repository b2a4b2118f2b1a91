# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.tests import HttpCase, tagged

from .common import RrsAssistanceCommon


@tagged("post_install", "-at_install")
class TestAssistanceTour(HttpCase, RrsAssistanceCommon):
    def test_request_approve_validate_in_the_browser(self):
        """Rules FIN-1, FIN-2 in the browser: the worker asks from the case (refused without a
        source document), the supervisor approves from the list, finance validates."""
        head = self._person("Tour Head", age=38)
        case = self._case(head=head)
        self.env["res.partner"].create({"name": "Tour Furniture Store", "is_company": True})
        self.grant.name = "Tour grant"
        self.start_tour(
            f"/odoo/action-rrs_case.rrs_case_action/{case.id}",
            "rrs_assistance_worker_request",
            login="rrs_worker",
        )
        request = self.env["rrs.assistance.request"].search([("case_id", "=", case.id)])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.amount, 245.0)
        # the worker attaches the quote (the browser cannot pick a file in a tour)
        quote = (
            self.env["ir.attachment"]
            .with_user(self.worker)
            .create(
                {
                    "name": "quote.txt",
                    "datas": base64.b64encode(b"Two beds, one table: 245.00"),
                    "res_model": "rrs.assistance.request",
                    "res_id": request.id,
                }
            )
        )
        request.with_user(self.worker).document_ids = quote
        self.start_tour(
            f"/odoo/action-rrs_assistance.rrs_assistance_request_action/{request.id}",
            "rrs_assistance_worker_submit",
            login="rrs_worker",
        )
        self.assertEqual(request.state, "submitted")
        self.start_tour(
            "/odoo/action-rrs_assistance.rrs_assistance_request_action_to_approve",
            "rrs_assistance_supervisor_approve",
            login="rrs_supervisor",
        )
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approved_by_ids, self.supervisor)
        self.start_tour(
            "/odoo/action-rrs_assistance.rrs_assistance_request_action_to_validate",
            "rrs_assistance_finance_validate",
            login="rrs_finance",
        )
        self.assertEqual(request.state, "validated")
        self.assertEqual(request.move_id.state, "posted")
        self.assertEqual(request.validated_by_id, self.finance)
