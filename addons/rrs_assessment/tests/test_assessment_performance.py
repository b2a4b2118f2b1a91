# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import RrsAssessmentCommon


@tagged("post_install", "-at_install")
class TestAssessmentPerformance(RrsAssessmentCommon):
    def test_reminder_batch_query_count_does_not_grow(self):
        """The daily cron costs the same number of queries per batch, whatever its size."""
        # rule ASM-2: the daily reminder cron, measured
        cases = [self._family_case(start="2026-01-15") for _ in range(10)]
        a1 = self.env["rrs.assessment"].concat(
            *[c.assessment_ids.filtered(lambda a: a.point == "a1") for c in cases]
        )
        warm, small, large = a1[:4], a1[4:8], a1[8:]
        self.assertEqual(len(large), 12)
        with freeze_time("2026-02-16"):  # overdue and within the reminder window
            warm._process_reminders()
            for batch in (small, large):
                self.env.invalidate_all()
                with self.assertQueryCount(17):
                    batch._process_reminders()
                self.assertTrue(all(batch.mapped("is_overdue")))
                self.assertEqual(len(batch.activity_ids), len(batch))
            # a second run changes nothing and costs less
            for batch in (small, large):
                self.env.invalidate_all()
                with self.assertQueryCount(4):
                    batch._process_reminders()

    def test_asm2_reminder_cron_batch_queries_do_not_grow_with_assignees(self):
        """Rule ASM-2, issue 17: a reminder batch costs the same whether its assessments are
        due to one worker or to twenty, at 5 or 20 assessments."""
        workers = self._supervised_workers(20, "rrs_asm2")

        def first_assessments(users):
            return self.env["rrs.assessment"].concat(
                *[
                    self._family_case(user=user).assessment_ids.filtered(lambda a: a.point == "a1")
                    for user in users
                ]
            )

        warm = first_assessments([self.worker] * 5)
        small = first_assessments([self.worker] * 5)
        one = first_assessments([self.worker] * 20)
        spread = first_assessments(workers)
        Activity = self.env["mail.activity"]
        due = self.env.ref("rrs_assessment.mail_activity_type_assessment_due")
        mine = [("res_model", "=", "rrs.assessment"), ("res_id", "in", (small | one | spread).ids)]

        def reset():
            Activity.search(mine).unlink()
            self.env["mail.followers"].search(mine).unlink()

        def check(batch):
            self.assertTrue(all(batch.mapped("is_overdue")))
            for assessment in batch:
                activity = assessment.activity_ids
                self.assertEqual(activity.activity_type_id, due)
                self.assertEqual(activity.user_id, assessment.case_id.user_id)
                self.assertIn(activity.user_id.partner_id, assessment.message_partner_ids)

        batches = (("warm-up", warm), ("5", small), ("one", one), ("20", spread))
        with freeze_time("2026-02-16"):  # overdue and within the reminder window
            counts = self._batch_query_counts(
                batches, lambda batch: batch._process_reminders(), reset, check
            )
        self.assertEqual(len(spread.user_id), 20)
        self.assertEqual(counts["one"], counts["20"], counts)
        self.assertEqual(counts["5"], counts["one"], counts)

    def test_case_assessment_counters_query_count(self):
        cases = self.env["rrs.case"].concat(*[self._family_case() for _ in range(6)])
        for size in (1, 6):
            subset = cases[:size].with_user(self.worker)
            for _warm in range(2):
                subset.web_read(
                    {"assessment_count": {}, "assessment_overdue_count": {}, "need_level_id": {}}
                )
                self.env.invalidate_all()
            # the access-log entry written at the commit included (REC-4)
            with self.assertQueryCount(5):
                values = subset.web_read(
                    {"assessment_count": {}, "assessment_overdue_count": {}, "need_level_id": {}}
                )
            self.assertEqual({v["assessment_count"] for v in values}, {8})
