# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestCaseAnalysisTour(HttpCase, RrsCaseCommon):
    def test_manager_drills_down_from_a_pivot_cell_to_its_cases(self):
        """The case analysis as a program manager: a cell opens the list of its cases."""
        program = self.program.copy({"name": "Pivot Tour Program", "code": "PTOUR"})
        active = self.env["rrs.case"]
        for name in ("Pivotina Active One", "Pivotina Active Two"):
            active |= self._active_case(head=self._person(name, age=30), program=program)
        intake = self._case(head=self._person("Pivotina Intake", age=30), program=program)
        self.assertEqual(set(active.mapped("state")), {"active"})
        self.assertEqual(intake.state, "intake")
        self.start_tour(
            "/odoo/action-rrs_case.rrs_case_action_analysis",
            "rrs_case_analysis",
            login="rrs_manager",
        )
