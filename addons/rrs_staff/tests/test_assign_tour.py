# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import RrsStaffCommon


@tagged("post_install", "-at_install")
class TestAssignTour(HttpCase, RrsStaffCommon):
    def test_supervisor_reassigns_a_case_from_its_form(self):
        """Rules STF-1, STF-4 in the browser: the ranked team, the choice, the move."""
        arabic = self.env.ref("rrs_case.language_ara")
        self.env["hr.employee.skill"].create(
            {
                "employee_id": self.employee_other.id,
                "skill_type_id": arabic.skill_id.skill_type_id.id,
                "skill_id": arabic.skill_id.id,
                "skill_level_id": self.env.ref("hr_skills.hr_skill_level_c2").id,
            }
        )
        case = self._case(primary_language_id=arabic.id)
        todo = self.env.ref("mail.mail_activity_data_todo")
        activity = case.activity_schedule(
            activity_type_id=todo.id, user_id=self.worker.id, summary="Call the landlord"
        )
        self.start_tour(
            f"/odoo/action-rrs_case.rrs_case_action/{case.id}",
            "rrs_case_assign",
            login="rrs_supervisor",
        )
        self.assertEqual(case.user_id, self.worker_other)
        self.assertEqual(activity.user_id, self.worker_other, "the open activity follows")
        self.assertTrue(
            case.message_ids.filtered(
                lambda m: "reassigned from" in (m.body or "") and "Arabic-speaking" in m.body
            )
        )
