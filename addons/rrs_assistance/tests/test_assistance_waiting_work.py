# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.rrs_case.tests.test_waiting_work import WaitingWorkCommon
from odoo.tests import tagged

from .common import RrsAssistanceCommon


@tagged("post_install", "-at_install")
class TestAssistanceWaitingWork(RrsAssistanceCommon, WaitingWorkCommon):
    def test_fin2_supervisor_card_counts_the_teams_requests_to_approve(self):
        mine = self._submitted(40.0)
        far_case = self._case(user=self.worker_far)
        far = self._submitted(
            41.0,
            case_id=far_case.id,
            beneficiary_id=far_case.member_ids[:1].id,
            user=self.worker_far,
        )
        self._request(42.0)  # a draft waits for no one
        card = self._cards(self.supervisor)["assistance"]
        self.assertEqual(card["count"], 1, "the team's submitted request, not the other team's")
        self.assertEqual(card["count"], self._list_count(self.supervisor, card))
        self.assertEqual(self._cards(self.supervisor_other)["assistance"]["count"], 1)
        self.assertNotIn("assistance", self._cards(self.worker))
        self.assertNotIn("assistance", self._cards(self.finance))
        mine.with_user(self.supervisor).action_approve()
        self.assertEqual(self._cards(self.supervisor)["assistance"]["count"], 0)
        far.with_user(self.supervisor_other).action_approve()
        self.assertEqual(self._cards(self.supervisor_other)["assistance"]["count"], 0)
