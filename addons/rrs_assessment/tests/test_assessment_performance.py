# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

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

    def test_asm3_many_assessments_start_in_one_write(self):
        """Rule ASM-3, issue 17: starting 2 or 6 planned assessments together, as the first
        answers of a batch or a client writing the stage do, costs the same queries; each
        assessment still gets its own entry in the change history (REC-4)."""
        cases = [self._family_case() for _ in range(10)]

        def batches(point):
            first = self.env["rrs.assessment"].concat(
                *[c.assessment_ids.filtered(lambda a: a.point == point) for c in cases]
            )
            return (("warm-up", first[:2]), ("2", first[2:4]), ("6", first[4:]))

        def check(batch):
            self.assertEqual(set(batch.mapped("state")), {"in_progress"})
            logs = self._stage_change_entries(batch)
            self.assertEqual(sorted(logs.mapped("res_id")), sorted(batch.ids))
            self.assertEqual(set(logs.mapped("user_id")), {self.worker})

        for point, path, run in (
            ("a1", "move", lambda batch: batch.with_user(self.worker)._rrs_move("in_progress")),
            (
                "a2",
                "write",
                lambda batch: batch.with_user(self.worker).write({"state": "in_progress"}),
            ),
        ):
            with self.subTest(path=path):
                counts = self._batch_query_counts(batches(point), run, lambda: None, check)
                self.assertEqual(counts["2"], counts["6"], counts)

    def test_asm3_completion_keeps_the_results_the_answers_wrote(self):
        """Rule ASM-3, issue 17: the results are computed again on every change of an answer
        and at completion, and written only where they changed."""
        # the head's first assessment (each adult has one)
        assessment = self._family_case().assessment_ids.filtered(lambda a: a.point == "a1")[0]
        self._answer(assessment, [1] * 8)
        housing = assessment.factor_result_ids.filtered(lambda r: r.factor_id.code == "housing")
        self.assertEqual(housing.score, 1.0)
        answer = assessment.answer_ids.filtered(
            lambda a: a.question_id.factor_id.code == "housing"
        )[0]
        three = answer.question_id.option_ids.filtered(lambda o: o.score == 3)
        written = []

        def spy(model):
            original = self.registry[model].write

            def write(records, vals):
                written.append((records._name, tuple(records.ids), tuple(sorted(vals))))
                return original(records, vals)

            return patch.object(self.registry[model], "write", write)

        with spy("rrs.assessment.factor.result"), spy("rrs.assessment"):
            answer.with_user(self.worker).option_id = three
            self.assertEqual(
                written,
                [
                    ("rrs.assessment.factor.result", tuple(housing.ids), ("score",)),
                    ("rrs.assessment", tuple(assessment.ids), ("score",)),
                ],
            )
            self.assertEqual(housing.score, 1.5)
            level, score = assessment.need_level_id, assessment.score
            written.clear()
            assessment.with_user(self.worker).action_complete()
        self.assertEqual(assessment.state, "done")
        self.assertEqual((assessment.need_level_id, assessment.score), (level, score))
        # the move's own write only: the stage and what the system sets with it
        self.assertEqual(
            written,
            [
                (
                    "rrs.assessment",
                    tuple(assessment.ids),
                    ("assessor_id", "completion_date", "state"),
                )
            ],
        )
