# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.addons.rrs_case.tests.common import RrsCaseCommon


class RrsAssessmentCommon(RrsCaseCommon):
    """A small published instrument (3 factors) and an ICM-like program scheduling it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.levels = {
            code: cls.env.ref(f"rrs_assessment.need_level_{code}")
            for code in ("very_high", "high", "moderate", "moderate_low", "low")
        }

        def question(text, n_options=5):
            return Command.create(
                {
                    "name": text,
                    "option_ids": [
                        Command.create({"name": f"{text} / {s}", "score": s})
                        for s in range(n_options)
                    ],
                }
            )

        cls.instrument = cls.env["rrs.assessment.instrument"].create(
            {
                "name": "Test matrix",
                "code": "test_matrix",
                "kind": "matrix",
                "adults_only": True,
                "factor_ids": [
                    Command.create(
                        {
                            "name": "Housing",
                            "code": "housing",
                            "sequence": 1,
                            "question_ids": [
                                question("Talks to the landlord"),
                                question("Pays rent on time"),
                                question("Knows tenant rights"),
                                question("Reports repairs"),
                            ],
                        }
                    ),
                    Command.create(
                        {
                            "name": "Employment",
                            "code": "employment",
                            "sequence": 2,
                            "question_ids": [question("Looks for work"), question("Has a resume")],
                        }
                    ),
                    Command.create(
                        {
                            "name": "Childcare",
                            "code": "childcare",
                            "sequence": 3,
                            "applies_to": "children",
                            "question_ids": [
                                question("Finds childcare"),
                                question("Knows subsidies"),
                            ],
                        }
                    ),
                ],
                "level_rule_ids": [
                    Command.create({"need_level_id": cls.levels["very_high"].id, "min_score": 3.2}),
                    Command.create({"need_level_id": cls.levels["high"].id, "min_score": 2.4}),
                    Command.create({"need_level_id": cls.levels["moderate"].id, "min_score": 1.6}),
                    Command.create(
                        {"need_level_id": cls.levels["moderate_low"].id, "min_score": 0.8}
                    ),
                    Command.create({"need_level_id": cls.levels["low"].id, "min_score": 0}),
                ],
            }
        )
        cls.instrument.action_publish()
        cls.program_sched = cls.program_icm.copy(
            {"code": "ICM-T", "assessment_schedule_ids": False}
        )
        cls.program_sched.assessment_schedule_ids = [
            Command.create({"point": "a1", "instrument_code": "test_matrix", "month": 1}),
            Command.create(
                {
                    "point": "a2",
                    "instrument_code": "test_matrix",
                    "month": 4,
                    "skippable_level_ids": [Command.set(cls.levels["low"].ids)],
                }
            ),
            Command.create({"point": "a3", "instrument_code": "test_matrix", "month": 8}),
            Command.create({"point": "a4", "instrument_code": "test_matrix", "month": 12}),
            Command.create(
                {
                    "point": "a5",
                    "instrument_code": "test_matrix",
                    "month": 16,
                    "only_if_extended": True,
                }
            ),
        ]

    @classmethod
    def _family_case(cls, start="2026-01-15", child_age=7, child_birthdate=None, **kwargs):
        head = cls._person("Hawa Abdi", age=34)
        spouse = cls._person("Abdirahman Abdi", age=38)
        child = cls._person("Ayaan Abdi", age=child_age, birthdate=child_birthdate)
        case = cls._active_case(
            program=cls.program_sched,
            immigration_category_id=cls.cat_gar.id,
            head=head,
            members=[(spouse, "spouse"), (child, "child")],
            **kwargs,
        )
        case.service_start_date = start
        return case

    @staticmethod
    def _answer(assessment, scores):
        """Answer the questions of ``assessment`` in order with ``scores`` (None = skip)."""
        assessment.action_start()
        for answer, score in zip(
            assessment.answer_ids.sorted(lambda a: (a.factor_sequence, a.question_sequence, a.id)),
            scores,
            strict=False,
        ):
            if score is not None:
                answer.option_id = answer.question_id.option_ids.filtered(
                    lambda o, s=score: o.score == s
                )

    @staticmethod
    def _months(date_str, months):
        from datetime import date

        return date.fromisoformat(date_str) + relativedelta(months=months)
