# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import timedelta

import openpyxl

from odoo.addons.rrs_case.tests.common import RrsCaseCommon
from odoo.addons.rrs_reporting.models.rrs_logic_model_outcome import in_scope
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tests import tagged

LEVELS = ("very_high", "high", "moderate", "moderate_low", "low")


@tagged("post_install", "-at_install")
class TestRes4CssCaseload(RrsCaseCommon):
    """Four cases of one program served in the 30 days to today, a fifth of another program.

    | case | worker     | people | need level     | activities in the period (min) | sent |
    | A    | worker     | 3      | Very High      | housing 60, health 120, empl. 30 | 2    |
    | B    | worker     | 1      | Very High      | housing 90 (+ 50 before)         | 1    |
    | C    | worker_far | 2      | Low            | language 45 (+ 100 before)       | 0    |
    | D    | worker     | 1      | none, Moderate | orientation 30, citizenship 60   | 1    |
    | E    | worker     | 1      | Very High      | housing 60 (other program)       | 1    |

    Case A also has a draft referral; D's orientation was logged before its level was set.
    Very High: 2 cases, 4 clients, 4 activities, 5 h, 3 referrals (per case 2, 2.5, 1.5);
    Moderate: 1, 1, 1, 1 h, 1; Low: 1, 2, 1, 0.75 h, 0; not assessed: 1, 1, 1, 0.5 h, 0.
    All: 4 cases (D once), 7 clients, 7 activities, 7.25 h, 4 referrals.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.levels = {code: cls.env.ref(f"rrs_assessment.need_level_{code}") for code in LEVELS}
        cls.css_program = cls._program("CSS program", "CSST")
        cls.other_program = cls._program("Other program", "OTHT")
        cls.date_from = cls.today - timedelta(days=29)
        cls.provider = cls.env["res.partner"].create({"name": "Clinic", "is_company": True})
        topic = {
            code: cls.env.ref(f"rrs_case.activity_topic_{code}")
            for code in ("housing", "health", "employment", "language", "orientation")
        }
        topic["citizenship"] = cls.env.ref("rrs_case.activity_topic_citizenship")
        cls.topic = topic

        cls.case_a = cls._served_case("Case A", cls.worker, 3, "very_high")
        cls._log(cls.case_a, [("housing", 60, 1), ("health", 120, 2), ("employment", 30, 29)])
        cls._refer(cls.case_a, 2)
        cls._referral(cls.case_a)  # a draft: not made yet
        cls.case_b = cls._served_case("Case B", cls.worker, 1, "very_high")
        cls._log(cls.case_b, [("housing", 90, 0), ("housing", 50, 30)])
        cls._refer(cls.case_b, 1)
        cls.case_c = cls._served_case("Case C", cls.worker_far, 2, "low")
        cls._log(cls.case_c, [("language", 45, 3), ("language", 100, 45)])
        cls.case_d = cls._served_case("Case D", cls.worker, 1, None)
        cls._log(cls.case_d, [("orientation", 30, 10)])
        cls.case_d.need_level_id = cls.levels["moderate"]
        cls._log(cls.case_d, [("citizenship", 60, 5)])
        cls._refer(cls.case_d, 1)
        cls.case_e = cls._served_case(
            "Case E", cls.worker, 1, "very_high", program=cls.other_program
        )
        cls._log(cls.case_e, [("housing", 60, 1)])
        cls._refer(cls.case_e, 1)

    # ---------------------------------------------------------------- fixture
    @classmethod
    def _program(cls, name, code):
        program = cls.program.copy({"name": name, "code": code})
        program.checklist_line_ids.unlink()
        program.assessment_schedule_ids.unlink()
        return program

    @classmethod
    def _served_case(cls, name, user, people, level, program=None):
        head = cls._person(f"{name} head", age=40)
        members = [
            (cls._person(f"{name} child {i}", age=5 + i), "child") for i in range(people - 1)
        ]
        case = cls._accepted_case(
            user=user, head=head, members=members, program=program or cls.css_program
        )
        if level:
            case.need_level_id = cls.levels[level]
        return case

    @classmethod
    def _log(cls, case, efforts):
        cls.env["rrs.case.activity"].create(
            [
                {
                    "case_id": case.id,
                    "topic_id": cls.topic[code].id,
                    "minutes": minutes,
                    "activity_date": cls.today - timedelta(days=days_ago),
                }
                for code, minutes, days_ago in efforts
            ]
        )

    @classmethod
    def _referral(cls, case):
        return cls.env["rrs.referral"].create(
            {
                "case_id": case.id,
                "provider_id": cls.provider.id,
                "service_category_id": cls.env.ref("rrs_case.service_category_health").id,
                "reason": "Dental care",
                "shares_client_info": False,
            }
        )

    @classmethod
    def _refer(cls, case, count):
        for _i in range(count):
            cls._referral(case).action_send()

    def _report(self, user, **vals):
        values = {
            "date_from": self.date_from,
            "date_to": self.today,
            "program_ids": [(6, 0, self.css_program.ids)],
        }
        values.update(vals)
        return self.env["rrs.css.caseload.report"].with_user(user).create(values)

    def _tables(self, report):
        caseload, by_topic = report._rrs_report_sections()
        rows = {row[0]: row[1:] for row in caseload["rows"]}
        topics = {row[0]: row[1:] for row in by_topic["rows"]}
        return rows, caseload["total"][1:], topics, by_topic["total"][1:]

    # ---------------------------------------------------------------- RES-4
    def test_res4_caseload_activities_and_referrals_by_need_level(self):
        # rule RES-4: activities counted with their time at the level of the day they were
        # logged, referrals sent in the period, per need level and per case
        rows, total, _topics, _topic_total = self._tables(self._report(self.manager))
        self.assertEqual(
            list(rows),
            ["Very High", "High", "Moderate", "Moderate to Low", "Low", "Not assessed"],
        )
        self.assertEqual(rows["Very High"][:5], [2, 4, 4, 5.0, 3])
        self.assertEqual(rows["Very High"][5:8], [2.0, 2.5, 1.5])
        self.assertEqual(rows["High"][:5], [0, 0, 0, 0.0, 0])
        self.assertEqual(rows["High"][5:8], [None, None, None])
        self.assertEqual(rows["Moderate"][:8], [1, 1, 1, 1.0, 1, 1.0, 1.0, 1.0])
        self.assertEqual(rows["Low"][:8], [1, 2, 1, 0.75, 0, 1.0, 0.75, 0.0])
        self.assertEqual(rows["Not assessed"][:8], [1, 1, 1, 0.5, 0, 1.0, 0.5, 0.0])
        # case D is counted at two levels and once in the total
        self.assertEqual(total[:5], [4, 7, 7, 7.25, 4])
        self.assertAlmostEqual(total[5], 7 / 4)
        self.assertAlmostEqual(total[6], 7.25 / 4)
        self.assertEqual(total[7], 1.0)

    def test_res4_hours_by_topic_and_need_level(self):
        # rule RES-4: the eleven topics by need level, in hours
        _rows, _total, topics, topic_total = self._tables(self._report(self.manager))
        self.assertEqual(len(topics), 11)
        # columns: Very High, High, Moderate, Moderate to Low, Low, Not assessed, All
        self.assertEqual(topics["Housing"], [2.5, 0, 0, 0, 0, 0, 2.5])
        self.assertEqual(topics["Health"], [2.0, 0, 0, 0, 0, 0, 2.0])
        self.assertEqual(topics["Language skills"], [0, 0, 0, 0, 0.75, 0, 0.75])
        self.assertEqual(topics["Citizenship"][2], 1.0)
        self.assertEqual(topics["Orientation to the country"][5], 0.5)
        self.assertEqual(topics["Law and justice"][6], 0)
        self.assertEqual(topic_total, [5.0, 0, 1.0, 0, 0.75, 0.5, 7.25])

    def test_res4_each_role_reports_its_own_scope(self):
        # rule RES-4: the worker's caseload (A, B, D), the far worker's (C), the supervisor
        # the team's (A, B, D), the auditor every case; finance and volunteers nothing
        expected = {
            self.worker: [3, 5, 6, 6.5, 4],
            self.worker_far: [1, 2, 1, 0.75, 0],
            self.supervisor: [3, 5, 6, 6.5, 4],
            self.auditor: [4, 7, 7, 7.25, 4],
        }
        for user, figures in expected.items():
            _rows, total, _topics, _topic_total = self._tables(self._report(user))
            self.assertEqual(total[:5], figures, user.login)
        for user in (self.finance, self.volunteer):
            with self.assertRaises(AccessError):
                self._report(user)
            with self.assertRaises(AccessError):
                self._report(self.manager).with_user(user)._rrs_report_sections()

    def test_res4_a_companys_activities_counted_on_their_own_company(self):
        """RES-4, issue 17: a program manager's scope (every case of their companies) is
        tested on the activity's and the referral's own company, not by joining every case
        of the companies to each figure; the same records either way, and a company's scope
        leaves another company's work out."""
        agency = self.env["res.company"].create({"name": "Second agency (CSS test)"})
        Activity = self.env["rrs.case.activity"].sudo()
        companies = self.env["res.company"].search([])
        for model in ("rrs.case.activity", "rrs.referral"):
            scope = Domain("company_id", "in", companies.ids)
            own = in_scope(self.env, model, scope)
            sql = self.env[model].sudo()._search(own).select().code
            self.assertNotIn('"rrs_case"', sql, model)
            through_case = Domain("case_id", "any", scope)
            self.assertEqual(
                self.env[model].sudo().search(own),
                self.env[model].sudo().search(through_case),
                model,
            )
        # a team's scope still goes through the cases (their workers)
        team, _label = self.supervisor.with_user(self.supervisor).rrs_report_scope()
        self.assertEqual(
            in_scope(self.env, "rrs.case.activity", team), Domain("case_id", "any", team)
        )
        # only a list of companies is taken to the record's column: any other condition
        # on the company (a record without a case has none) goes through the case
        other = Domain("company_id", "not in", companies.ids)
        self.assertEqual(
            in_scope(self.env, "rrs.case.activity", other), Domain("case_id", "any", other)
        )
        # goals keep their plan's company, not their case's: through the case
        self.assertEqual(
            in_scope(self.env, "rrs.service.goal", scope), Domain("case_id", "any", scope)
        )
        # the other agency's served case and its hour of work
        program = self.css_program.copy({"company_id": agency.id, "code": "CSSB"})
        program.checklist_line_ids.unlink()
        program.assessment_schedule_ids.unlink()
        worker_b = self._company_worker(agency, "rrs_css_worker_b")
        case_b = self._accepted_case(
            user=worker_b,
            head=self._person("Agency B head", age=40),
            program=program,
            company_id=agency.id,
        )
        self._log(case_b, [("housing", 60, 1)])
        # in the first company only: its activities, not the other agency's
        first = Domain("company_id", "in", self.company.ids)
        found = Activity.search(in_scope(self.env, "rrs.case.activity", first))
        self.assertIn(self.case_a, found.case_id)
        self.assertNotIn(case_b, found.case_id)
        self.assertEqual(found, Activity.search(Domain("case_id", "any", first)))
        both = Domain("company_id", "in", (self.company | agency).ids)
        self.assertIn(
            case_b, Activity.search(in_scope(self.env, "rrs.case.activity", both)).case_id
        )
        # the manager's figures are those of the table above
        _rows, total, _topics, _topic_total = self._tables(self._report(self.manager))
        self.assertEqual(total[:5], [4, 7, 7, 7.25, 4])

    def test_res4_every_program_when_none_is_chosen(self):
        # rule RES-4: no program chosen: every program of the company, case E included
        rows, total, _topics, _topic_total = self._tables(
            self._report(self.worker, program_ids=False)
        )
        self.assertEqual(total[:5], [4, 6, 7, 7.5, 5])
        self.assertEqual(rows["Very High"][:5], [3, 5, 5, 6.0, 4])

    def test_res4_restricted_case_counted_never_listed(self):
        # rules RES-4, REC-1: the auditor's figures count the restricted case B; the report
        # names no case nor person
        self.case_b.restricted = True
        self.env.invalidate_all()
        report = self._report(self.auditor)
        self.assertFalse(
            self.env["rrs.case"].with_user(self.auditor).search_count([("id", "=", self.case_b.id)])
        )
        rows, total, _topics, _topic_total = self._tables(report)
        self.assertEqual(rows["Very High"][:5], [2, 4, 4, 5.0, 3])
        self.assertEqual(total[:5], [4, 7, 7, 7.25, 4])
        report.action_compute()
        html = str(report.preview_html)
        for name in (self.case_b.name, "Case B head"):
            self.assertNotIn(name, html)

    # ---------------------------------------------------------------- STF-2
    def test_stf2_css_figures_beside_the_agencys(self):
        # rule STF-2: the CSS activities, hours and referrals per need level, from Very High
        # to Low 22/15/19/13/10, 17/19/20/16/10, 10/10/11/5/4; none for "not assessed"
        rows, total, _topics, _topic_total = self._tables(self._report(self.manager))
        expected = {
            "Very High": [22, 17, 10],
            "High": [15, 19, 10],
            "Moderate": [19, 20, 11],
            "Moderate to Low": [13, 16, 5],
            "Low": [10, 10, 4],
            "Not assessed": [None, None, None],
        }
        for label, figures in expected.items():
            self.assertEqual(rows[label][8:], figures, label)
        self.assertEqual(total[8:], [None, None, None])

    def test_res4_stf2_workbook_and_pdf(self):
        # rules RES-4, STF-2: the XLSX opened back with the filters and both tables, the PDF
        report = self._report(self.manager)
        Report = self.env["ir.actions.report"].with_user(self.manager)
        content, kind = Report._render_xlsx(
            "rrs_reporting.report_css_caseload_xlsx", report.ids, None
        )
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = {}
        for row in range(1, sheet.max_row + 1):
            cells.setdefault(
                sheet.cell(row, 1).value, [sheet.cell(row, col).value for col in range(2, 14)]
            )
        self.assertEqual(sheet["A1"].value, "CSS caseload by need level")
        self.assertEqual(cells["Programs"][0], "CSS program")
        self.assertTrue(cells["Cases"][0].startswith("Every case of"))
        self.assertEqual(cells["Very High"][:11], [2, 4, 4, 5, 3, 2, 2.5, 1.5, 22, 17, 10])
        self.assertEqual(cells["Not assessed"][:8], [1, 1, 1, 0.5, 0, 1, 0.5, 0])
        self.assertEqual(cells["Not assessed"][8:11], [None, None, None])
        self.assertEqual(cells["Housing"][:7], [2.5, 0, 0, 0, 0, 0, 2.5])
        header = [sheet.cell(row, 1).value for row in range(1, sheet.max_row + 1)]
        self.assertEqual(header.count("All"), 2)
        html = Report._render_qweb_html("rrs_reporting.report_css_caseload", report.ids)[0].decode()
        self.assertIn("CSS caseload by need level", html)
        self.assertIn("Hours of activities by topic and need level", html)
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "rrs_reporting.report_css_caseload", report.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_res4_query_count_is_constant(self):
        # rule RES-4: grouped queries only: the same count with twice the cases and activities
        def count(user):
            report = self._report(user)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            report._rrs_report_sections()
            return self.env.cr.sql_log_count - before

        for user in (self.manager, self.worker):
            count(user)  # warm the caches of the rules and the registry
            small = count(user)
            for i in range(5):
                case = self._served_case(f"More {user.login} {i}", self.worker, 2, LEVELS[i])
                self._log(case, [("housing", 30, 1), ("health", 15, 2)])
                self._refer(case, 1)
            large = count(user)
            self.assertEqual(small, large, user.login)
            self.assertLessEqual(large, 13, user.login)  # manager 12, worker 13
