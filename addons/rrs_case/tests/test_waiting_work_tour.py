# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .test_waiting_work import WaitingWorkCommon


@tagged("post_install", "-at_install")
class TestWaitingWorkTour(HttpCase, WaitingWorkCommon):
    def test_supervisor_starts_on_the_waiting_work_and_opens_a_card(self):
        self._visit(self.case)
        self._visit(self.case, days=-1)
        self._visit(self.far_case)
        self._letter(self.case, subject="Letter to Oak Lane Rentals")
        self._letter(self.far_case)
        self.supervisor.action_id = False  # the role's default start screen
        self.start_tour("/odoo", "rrs_waiting_work", login="rrs_supervisor")
