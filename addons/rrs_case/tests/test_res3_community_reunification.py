# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestCommunityReunification(RrsCaseCommon):
    """Rule RES-3: community connections and family reunification on the reception checklist."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.arrival = cls.today - relativedelta(days=20)
        cls.case = cls._active_case(arrival_date=cls.arrival)
        items = cls.case.checklist_item_ids
        cls.community = items.filtered(
            lambda i: i.template_line_id == cls.env.ref("rrs_case.checklist_rrs_community")
        )
        cls.reunification = items.filtered(
            lambda i: i.template_line_id == cls.env.ref("rrs_case.checklist_rrs_reunification")
        )

    def test_res3_community_and_reunification_tasks_due_after_arrival_with_guidance(self):
        # rule RES-3: both tasks come with acceptance, in their own areas, due 60 and 90 days
        # after arrival (not after the start of services), with the program's guidance
        self.assertNotEqual(self.case.service_start_date, self.arrival)
        community = self.community.with_user(self.worker)
        reunification = self.reunification.with_user(self.worker)
        self.assertEqual(
            (community.area, community.due_date, community.state),
            ("community", self.arrival + relativedelta(days=60), "todo"),
        )
        self.assertEqual(
            (reunification.area, reunification.due_date, reunification.state),
            ("reunification", self.arrival + relativedelta(days=90), "todo"),
        )
        self.assertIn("ethnic community and the predominant community", community.name)
        self.assertIn("local group of the wider community", community.guidance)
        self.assertIn("Prepare both parties, coordinate with the other", reunification.guidance)
        labels = dict(self.env["rrs.case.checklist.item"]._fields["area"].selection)
        self.assertEqual(labels["reunification"], "Family reunification")
        self.assertEqual(labels["community"], "Community connections")

    def test_res3_reunification_not_applicable_only_with_the_reason(self):
        # rule RES-3: reunification is set aside as not applicable with the reason, which
        # stays while it applies no more and goes when the task is back to do
        task = self.reunification.with_user(self.worker)
        message = "Say why “Family reunification support where relevant” does not apply"
        with self.assertRefused(message):
            task.state = "not_applicable"
        self.assertEqual(task.state, "todo")
        task.write({"state": "not_applicable", "reason": "No relative expected to join"})
        self.assertEqual(
            (task.state, task.reason), ("not_applicable", "No relative expected to join")
        )
        with self.assertRefused(message):
            task.reason = False
        self.assertEqual(task.reason, "No relative expected to join")
        task.state = "todo"
        self.assertEqual((task.state, task.reason), ("todo", False))

    def test_res3_program_task_set_aside_not_deleted(self):
        # rule RES-3: the reunification task cannot be deleted, even by a supervisor (the
        # lowest role allowed to delete tasks): it is set aside with the reason instead
        task = self.reunification.with_user(self.supervisor)
        with self.assertRefused("set aside as not applicable, with the reason", UserError):
            task.unlink()
        self.assertTrue(task.exists())
        # a task the worker added by hand, not done, is deleted
        own = (
            self.env["rrs.case.checklist.item"]
            .with_user(self.supervisor)
            .create({"case_id": self.case.id, "name": "Visit the mosque with the family"})
        )
        own.unlink()
        self.assertFalse(own.exists())
