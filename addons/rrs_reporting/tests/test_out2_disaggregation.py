# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import timedelta

import openpyxl
import psycopg2

from odoo.addons.rrs_case.tests.common import RrsCaseCommon
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..wizards.rrs_outcome_breakdown import suppress

SUPPRESSED = "*"


@tagged("post_install", "-at_install")
class TestOut2Disaggregation(RrsCaseCommon):
    """Twelve working-age adults who arrived 300 days ago, in seven families of one program.

    | family              | country     | people (gender, employed on day)            |
    | Syria 1, Syria 2    | Syria       | man d30, woman - (each)                      |
    | Syria 3             | Syria       | man d45 (single); Syria 1's woman d60       |
    | Afghanistan 1, 2    | Afghanistan | man d20, woman - (each)                      |
    | Afghanistan 3       | Afghanistan | woman - (single)                             |
    | Eritrea             | Eritrea     | man d120, woman -                            |

    Employed within 90 days: 6 of 12 (50 %), the target: met. Men 5 of 6 (83.3 %), women
    1 of 6 (16.7 %): only the breakdown shows that women are far below it. By country: Syria
    4 of 5, Afghanistan 2 of 5, Eritrea 0 of 2.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.rrs_small_cell_threshold = 5
        cls.test_program = cls.program.copy({"name": "Employment program", "code": "EMPL"})
        cls.arrival = cls.today - timedelta(days=300)
        cls.employer = cls.env["res.partner"].create({"name": "Bakery Co", "is_company": True})
        cls.syria = cls.env.ref("base.sy")
        cls.afghanistan = cls.env.ref("base.af")
        cls.eritrea = cls.env.ref("base.er")
        families = [
            ("Syria 1", cls.syria, [("male", 30), ("female", 60)], cls.worker),
            ("Syria 2", cls.syria, [("male", 30), ("female", None)], cls.worker),
            ("Syria 3", cls.syria, [("male", 45)], cls.worker),
            ("Afghanistan 1", cls.afghanistan, [("male", 20), ("female", None)], cls.worker),
            ("Afghanistan 2", cls.afghanistan, [("male", 20), ("female", None)], cls.worker_far),
            ("Afghanistan 3", cls.afghanistan, [("female", None)], cls.worker_far),
            ("Eritrea", cls.eritrea, [("male", 120), ("female", None)], cls.worker_far),
        ]
        cls.cases = {}
        for name, country, people, user in families:
            partners = []
            for index, (gender, _day) in enumerate(people):
                partner = cls._person(f"{name} {gender}", age=30 + index)
                partner.gender = gender
                partners.append(partner)
            case = cls._accepted_case(
                user=user,
                head=partners[0],
                program=cls.test_program,
                members=[(partner, "spouse") for partner in partners[1:]],
                arrival_date=cls.arrival,
                country_of_origin_id=country.id,
            )
            cls.cases[name] = case
            for partner, (_gender, day) in zip(partners, people, strict=True):
                if day is None:
                    continue
                member = case.member_ids.filtered(lambda m, p=partner: m.partner_id == p)
                cls.env["rrs.employment"].create(
                    {
                        "case_id": case.id,
                        "member_id": member.id,
                        "employer_id": cls.employer.id,
                        "job_title": "Baker",
                        "start_date": cls.arrival + timedelta(days=day),
                        "hours_per_week": 35,
                        "hourly_wage": 18.0,
                    }
                )

    def _breakdown(self, user, dimension, **vals):
        values = {
            "indicator": "employed_90",
            "dimension": dimension,
            "date_from": self.arrival,
            "date_to": self.today,
            "program_ids": [(6, 0, self.test_program.ids)],
            "target": 50.0,
        }
        values.update(vals)
        return self.env["rrs.outcome.breakdown"].with_user(user).create(values)

    def _table(self, breakdown):
        [section] = breakdown._rrs_report_sections()
        rows = {row[0]: row[1:4] for row in section["rows"]}
        return rows, section["total"][1:4], section

    # ---------------------------------------------------------------- OUT-2
    def test_out2_disparity_only_the_breakdown_reveals(self):
        # rule OUT-2: 6 of 12 meets the 50 % target; by gender, women are at 16.7 %
        breakdown = self._breakdown(self.manager, "gender")
        rows, total, section = self._table(breakdown)
        self.assertEqual(total[:2], [6, 12])
        self.assertAlmostEqual(total[2], 50.0)
        self.assertEqual(rows["Male"][:2], [5, 6])
        self.assertEqual(rows["Female"][:2], [1, 6])
        self.assertAlmostEqual(rows["Male"][2], 83.333, places=2)
        self.assertAlmostEqual(rows["Female"][2], 16.667, places=2)
        gaps = {row[0]: row[4] for row in section["rows"]}
        self.assertAlmostEqual(gaps["Female"], -33.333, places=2)
        self.assertIn("Below the target: Female.", section["notes"])
        # on screen: the same figures, each group's people behind it
        breakdown.action_compute()
        self.assertEqual((breakdown.numerator, breakdown.denominator), (6, 12))
        female = breakdown.line_ids.filtered(lambda line: line.name == "Female")
        self.assertEqual((female.numerator, female.denominator, female.hidden), (1, 6, False))
        action = female.action_view_reached()
        reached = self.env[action["res_model"]].with_user(self.manager).search(action["domain"])
        self.assertEqual(reached.partner_id.mapped("name"), ["Syria 1 female"])

    def test_out2_a_small_group_cannot_be_worked_out_from_the_totals(self):
        # rule OUT-2: Eritrea (2 people) is hidden, and Afghanistan with it (the smallest
        # other group), so the total minus Syria gives Afghanistan and Eritrea together only
        breakdown = self._breakdown(self.manager, "country")
        rows, total, _section = self._table(breakdown)
        self.assertEqual(total[:2], [6, 12])
        self.assertEqual(rows["Syria"][:2], [4, 5])
        self.assertEqual(rows["Eritrea"], [SUPPRESSED] * 3)
        self.assertEqual(rows["Afghanistan"], [SUPPRESSED] * 3)
        shown = [row for row in rows.values() if row[0] != SUPPRESSED]
        remainder = total[1] - sum(row[1] for row in shown)
        self.assertEqual(remainder, 7)  # two groups together, not Eritrea's 2
        self.assertGreaterEqual(remainder, self.env.company.rrs_small_cell_threshold)
        breakdown.action_compute()
        hidden = breakdown.line_ids.filtered("hidden")
        self.assertEqual(sorted(hidden.mapped("name")), ["Afghanistan", "Eritrea"])
        for fname in ("numerator", "denominator", "value", "gap"):
            self.assertEqual(hidden.mapped(fname), [0, 0], fname)
        with self.assertRaisesRegex(UserError, "too small to be shown"):
            hidden[0].action_view_counted()

    def test_out2_the_threshold_is_the_companys(self):
        # rule OUT-2: at 2, Eritrea's 2 people are shown; at 6, the three countries hide
        # together and the total of 12 stays; at 13, the total is hidden too; below 2 refused
        self.env.company.rrs_small_cell_threshold = 2
        rows, _total, _section = self._table(self._breakdown(self.manager, "country"))
        self.assertEqual(rows["Eritrea"][:2], [0, 2])
        self.assertEqual(rows["Afghanistan"][:2], [2, 5])
        self.env.company.rrs_small_cell_threshold = 6
        rows, total, _section = self._table(self._breakdown(self.manager, "country"))
        self.assertEqual(total[:2], [6, 12])
        self.assertEqual({tuple(row) for row in rows.values()}, {(SUPPRESSED,) * 3})
        self.env.company.rrs_small_cell_threshold = 13
        _rows, total, _section = self._table(self._breakdown(self.manager, "country"))
        self.assertEqual(total, [SUPPRESSED] * 3)
        for value in (1, 0, -5):
            with (
                self.assertRaisesRegex(ValidationError, "smaller than 2 people"),
                self.cr.savepoint(),
            ):
                self.env.company.rrs_small_cell_threshold = value
                self.env.company.flush_recordset()
        # and the database holds it for any client that bypasses the ORM
        with self.assertRaises(psycopg2.errors.CheckViolation), self.cr.savepoint():
            self.cr.execute(
                "UPDATE res_company SET rrs_small_cell_threshold = 1 WHERE id = %s",
                [self.env.company.id],
            )

    def test_out2_suppression_hides_enough(self):
        # rule OUT-2: whatever the sizes, a hidden group is never alone and the hidden groups
        # hold at least the threshold together, unless every group is hidden
        cases = [
            ([12, 2, 9], 5, {1, 2}),
            ([12, 1, 1], 5, {1, 2, 0}),
            ([5, 5, 5], 5, set()),
            ([4, 40, 40], 5, {0, 1}),
            ([3], 5, {0}),
            ([2, 2, 2, 30], 5, {0, 1, 2}),
        ]
        for sizes, threshold, expected in cases:
            hidden = suppress(sizes, threshold)
            self.assertEqual(hidden, expected, sizes)
            if hidden and len(hidden) < len(sizes):
                self.assertGreaterEqual(len(hidden), 2)
                self.assertGreaterEqual(sum(sizes[i] for i in hidden), threshold)

    def test_out2_restricted_cases_counted_never_listed(self):
        # rules OUT-2, REC-1: the auditor's figures count a restricted family; its people are
        # not among the records behind them
        self.cases["Syria 1"].restricted = True
        self.env.invalidate_all()
        breakdown = self._breakdown(self.auditor, "gender")
        rows, total, _section = self._table(breakdown)
        self.assertEqual(total[:2], [6, 12])
        self.assertEqual(rows["Female"][:2], [1, 6])
        breakdown.action_compute()
        female = breakdown.line_ids.filtered(lambda line: line.name == "Female")
        action = female.with_user(self.auditor).action_view_counted()
        listed = self.env[action["res_model"]].with_user(self.auditor).search(action["domain"])
        self.assertEqual(len(listed), 5)
        self.assertNotIn("Syria 1 female", listed.partner_id.mapped("name"))

    def test_out2_each_role_breaks_down_its_own_scope(self):
        # rule OUT-2: the worker's caseload (four families, 7 adults), the far worker's (3
        # families, 5 adults), the supervisor the team's; finance and volunteers nothing
        _rows, total, _section = self._table(self._breakdown(self.worker, "gender"))
        self.assertEqual(total[:2], [5, 7])
        _rows, total, _section = self._table(self._breakdown(self.worker_far, "gender"))
        self.assertEqual(total[:2], [1, 5])
        _rows, total, _section = self._table(self._breakdown(self.supervisor, "gender"))
        self.assertEqual(total[:2], [5, 7])
        for user in (self.finance, self.volunteer):
            with self.assertRaises(AccessError):
                self._breakdown(user, "gender")
            with self.assertRaises(AccessError):
                self._breakdown(self.manager, "gender").with_user(user)._rrs_breakdown()

    def test_out2_every_dimension(self):
        # rule OUT-2: gender, age, origin, language, immigration category, need level, program
        for dimension in ("age_band", "language", "category", "need_level", "program"):
            rows, total, _section = self._table(self._breakdown(self.manager, dimension))
            self.assertEqual(total[:2], [6, 12], dimension)
        rows, _total, _section = self._table(self._breakdown(self.manager, "program"))
        self.assertEqual(rows["Employment program"][:2], [6, 12])
        rows, _total, _section = self._table(self._breakdown(self.manager, "age_band"))
        self.assertEqual(rows["25-34"][:2], [6, 12])
        rows, _total, _section = self._table(self._breakdown(self.manager, "need_level"))
        self.assertEqual(rows["Not recorded"][:2], [6, 12])
        with self.assertRaisesRegex(UserError, "household's"):
            self._breakdown(self.manager, "gender", indicator="goals_achieved")._rrs_breakdown()

    def test_out2_outcome_opens_its_breakdown(self):
        # rule OUT-2: from a logic model's outcome, its program, period and target
        model = (
            self.env["rrs.logic.model"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Employment logic model",
                    "program_id": self.test_program.id,
                    "needs": "<p>Income.</p>",
                    "inputs": "<p>Job developer.</p>",
                    "activities": "<p>Placement.</p>",
                    "outputs": "<p>Interviews.</p>",
                    "impact": "<p>Self-sufficiency.</p>",
                    "outcome_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "Jobs",
                                "indicator": "employed_90",
                                "target": 50.0,
                                "date_from": self.arrival,
                                "date_to": self.today,
                            },
                        ),
                    ],
                }
            )
        )
        outcome = model.outcome_ids.with_user(self.manager)
        self.assertEqual((outcome.numerator, outcome.denominator), (6, 12))
        action = outcome.action_disaggregate()
        breakdown = (
            self.env["rrs.outcome.breakdown"].with_user(self.manager).browse(action["res_id"])
        )
        self.assertEqual(breakdown.program_ids, self.test_program)
        self.assertEqual((breakdown.numerator, breakdown.denominator), (6, 12))

    def test_out2_workbook_and_pdf(self):
        # rule OUT-2: the XLSX opened back, the hidden cells marked, the filters written
        breakdown = self._breakdown(self.manager, "country")
        Report = self.env["ir.actions.report"].with_user(self.manager)
        content, kind = Report._render_xlsx(
            "rrs_reporting.outcome_breakdown_xlsx", breakdown.ids, None
        )
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = {
            sheet.cell(row, 1).value: [sheet.cell(row, col).value for col in range(2, 6)]
            for row in range(1, sheet.max_row + 1)
        }
        self.assertEqual(sheet["A1"].value, "Outcome by group")
        self.assertEqual(cells["Programs"][0], "Employment program")
        self.assertEqual(cells["Smallest group shown"][0], "5 people")
        self.assertEqual(cells["Broken down by"][0], "Country of origin")
        self.assertEqual(cells["Syria"][:3], [4, 5, 80])
        self.assertEqual(cells["Eritrea"], [SUPPRESSED] * 4)
        self.assertEqual(cells["Afghanistan"], [SUPPRESSED] * 4)
        self.assertEqual(cells["All"][:3], [6, 12, 50])
        html = Report._render_qweb_html("rrs_reporting.report_outcome_breakdown", breakdown.ids)[
            0
        ].decode()
        self.assertIn("Outcome by group", html)
        self.assertIn("Country of origin", html)
        self.assertIn("80.0 %", html)
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "rrs_reporting.report_outcome_breakdown", breakdown.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_out2_every_report_has_a_name_of_its_own(self):
        # Odoo finds a report by its name: two reports sharing one would print the first
        # one's model with the second one's record ids
        reports = self.env["ir.actions.report"].search([("report_name", "like", "rrs_%")])
        names = reports.mapped("report_name")
        self.assertEqual(len(names), len(set(names)), sorted(names))
        for report in reports.filtered(lambda r: r.report_type == "xlsx"):
            self.assertIn(f"report.{report.report_name}", self.env)
