# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date, datetime

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.addons.rrs_minors.tests.common import RrsMinorsCommon
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

APRIL = (date(2026, 4, 1), date(2026, 4, 30))
PDF = "rrs_reporting_minors.action_report_orr_monthly_pdf"
XLSX = "rrs_reporting_minors.action_report_orr_monthly_xlsx"


@tagged("post_install", "-at_install")
class TestPrs6OrrMonthly(RrsMinorsCommon):
    """Eight cases, the month reported April 2026.

    | case | worker     | lvl | start  | the month's monthly report            | else        |
    | A    | worker     | 1   | 4 Mar  | ends 3 Apr, submitted 3 Apr (on time) | concern Mar |
    |      |            |     |        | 3 contacts, 1 visit, safety+education |             |
    | B    | worker     | 2   | 4 Mar  | ends 10 Apr, submitted 20 Apr (late)  | concern Apr |
    |      |            |     |        | 2 contacts, 1 visit, safety, away     | (gang)      |
    | C    | worker_oth | 1   | 15 Feb | none: missing                         |             |
    | D    | worker_far | 2   | 4 Mar  | ends 3 Apr, draft, 1 contact, educ.   |             |
    | E    | worker     | 1   | 10 Apr | none, not due (new in the month)      |             |
    | F    | worker_far | 1   | 10 Jan | none; closed 15 Apr, closure report   |             |
    |      |            |     |        | submitted 16 Apr                      |             |
    | G    | worker     | 1   | 10 Jan | closed 20 Mar: not open in April      | report Mar  |
    | H    | worker     | -   | reception and placement case: not PRS          |             |

    Every PRS case is restricted (rule REC-1). Manager: 6 open (level 1: A C E F, level 2: B
    D), 1 new, 1 closed; 4 reports due: 1 on time, 1 late, 1 not submitted, 1 missing; 1
    closure report; 1 concern (gang); 6 contacts, 2 home visits, 2 of 3 with their sponsor;
    safety 2 children, education 2.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "UTC"
        cls.area_other = cls.env.ref("rrs_minors.prs_service_area_legal")
        d = date
        cls.case_a = cls._prs_case(release=d(2026, 3, 2), user=cls.worker)
        cls.case_b = cls._prs_case(
            release=d(2026, 3, 2), user=cls.worker, prs_level_id=cls.level_2.id
        )
        cls.case_c = cls._prs_case(release=d(2026, 2, 13), user=cls.worker_other)
        cls.case_d = cls._prs_case(
            release=d(2026, 3, 2), user=cls.worker_far, prs_level_id=cls.level_2.id
        )
        cls.case_e = cls._prs_case(release=d(2026, 4, 8), user=cls.worker)
        cls.case_f = cls._prs_case(release=d(2026, 1, 8), user=cls.worker_far)
        cls.case_g = cls._prs_case(release=d(2026, 1, 8), user=cls.worker)
        cls.case_h = cls._active_case()
        cls._monthly(
            cls.case_a,
            d(2026, 3, 4),
            d(2026, 4, 3),
            "submitted",
            d(2026, 4, 3),
            3,
            1,
            cls.area_safety | cls.area_education,
            True,
        )
        cls._monthly(
            cls.case_b,
            d(2026, 3, 11),
            d(2026, 4, 10),
            "submitted",
            d(2026, 4, 20),
            2,
            1,
            cls.area_safety,
            False,
        )
        cls._monthly(
            cls.case_d, d(2026, 3, 4), d(2026, 4, 3), "draft", False, 1, 0, cls.area_education, True
        )
        # a report of March (outside the month), and one of a case closed before April
        cls._monthly(
            cls.case_a,
            d(2026, 2, 4),
            d(2026, 3, 3),
            "submitted",
            d(2026, 3, 4),
            9,
            9,
            cls.area_other,
            True,
        )
        cls._monthly(
            cls.case_g,
            d(2026, 2, 10),
            d(2026, 3, 9),
            "submitted",
            d(2026, 3, 10),
            9,
            9,
            cls.area_other,
            True,
        )
        cls._close(cls.case_f, d(2026, 4, 15))
        cls._close(cls.case_g, d(2026, 3, 20))
        cls.env["rrs.prs.report"].create(
            {
                "case_id": cls.case_f.id,
                "report_type": "closure",
                "period_start": d(2026, 1, 10),
                "period_end": d(2026, 4, 15),
                "state": "submitted",
                "submitted_date": d(2026, 4, 16),
                "narrative": "Closed.",
                "closure_reason": "End of the service period.",
            }
        )
        cls._concern(cls.case_b, "gang", datetime(2026, 4, 12, 10, 0))
        cls._concern(cls.case_a, "abuse", datetime(2026, 3, 31, 23, 0))

    @classmethod
    def _monthly(cls, case, start, end, state, submitted, contacts, visits, areas, sponsor):
        return cls.env["rrs.prs.report"].create(
            {
                "case_id": case.id,
                "report_type": "monthly",
                "period_start": start,
                "period_end": end,
                "state": state,
                "submitted_date": submitted,
                "contact_count": contacts,
                "home_visit_count": visits,
                "service_area_ids": [Command.set(areas.ids)],
                "living_with_sponsor": sponsor,
                "level_id": case.prs_level_id.id,
                "narrative": "Visits and calls.",
            }
        )

    @classmethod
    def _close(cls, case, on):
        case.write(
            {
                "state": "closed",
                "closing_date": on,
                "closing_reason": "goals_met",
                "closing_summary": "Services completed.",
                "closing_evaluation": "Stable placement.",
                "unmet_needs": "None.",
                **cls._aftercare(on),
            }
        )

    @classmethod
    def _concern(cls, case, category, when):
        return cls.env["rrs.prs.concern"].create(
            {
                "case_id": case.id,
                "category": category,
                "description": "Seen with a gang.",
                "reported_date": when,
            }
        )

    def _report(self, user, **vals):
        values = {
            "date_from": APRIL[0],
            "date_to": APRIL[1],
            "program_ids": [Command.set(self.program_prs.ids)],
        }
        values.update(vals)
        return self.env["rrs.orr.monthly.report"].with_user(user).create(values)

    def _tables(self, report):
        sections = report._rrs_report_sections()
        figures = {}
        for section in sections[:-1]:
            for row in section["rows"]:
                figures[(section["title"], row[0])] = row[1]
        listed = {row[0]: row for row in sections[-1]["rows"]}
        return figures, listed, sections

    # ---------------------------------------------------------------- PRS-6
    def test_prs6_summary_of_the_month(self):
        # rule PRS-6 (and PRS-5, PRS-7): the hand-computed figures of April
        figures, listed, sections = self._tables(self._report(self.manager))
        cases = "Cases in the month"
        self.assertEqual(figures[(cases, "Cases open during the month")], 6)
        self.assertEqual(figures[(cases, "New cases (services started in the month)")], 1)
        self.assertEqual(figures[(cases, "Cases closed in the month")], 1)
        levels = "Open cases by PRS level"
        self.assertEqual(figures[(levels, self.level_1.name)], 4)
        self.assertEqual(figures[(levels, self.level_2.name)], 2)
        self.assertEqual(sections[1]["total"][1], 6)
        orr = "Reports to ORR"
        self.assertEqual(figures[(orr, "Monthly reports due")], 4)
        self.assertEqual(figures[(orr, "Submitted on time")], 1)
        self.assertEqual(figures[(orr, "Submitted late")], 1)
        self.assertEqual(figures[(orr, "Written, not submitted")], 1)
        self.assertEqual(figures[(orr, "Missing")], 1)
        self.assertEqual(figures[(orr, "Closure reports submitted in the month")], 1)
        self.assertEqual(
            figures[(orr, "Cases closed in the month without a submitted closure report")], 0
        )
        concerns = "Notifications of concern"
        self.assertEqual(figures[(concerns, "Gang involvement")], 1)
        self.assertEqual(figures[(concerns, "Abuse or neglect")], 0)  # filed in March
        self.assertEqual(sections[3]["total"][1], 1)
        contacts = "Contacts and placement (monthly reports of the month)"
        self.assertEqual(figures[(contacts, "Monthly reports of the month")], 3)
        self.assertEqual(figures[(contacts, "Contacts with the child or the sponsor")], 6)
        self.assertEqual(figures[(contacts, "Home visits")], 2)
        self.assertEqual(figures[(contacts, "Children living with their sponsor")], 2)
        areas = "Service areas accessed"
        self.assertEqual(figures[(areas, self.area_safety.name)], 2)
        self.assertEqual(figures[(areas, self.area_education.name)], 2)
        self.assertEqual(figures[(areas, self.area_other.name)], 0)
        # rule PRS-5: every service area is a row, accessed or not
        area_count = (
            self.env["rrs.prs.service.area"].with_context(active_test=False).search_count([])
        )
        self.assertEqual(len(sections[5]["rows"]), area_count)
        # the list: the six open cases, each with its report's status
        self.assertEqual(
            sorted(listed),
            sorted(
                c.name
                for c in (
                    self.case_a,
                    self.case_b,
                    self.case_c,
                    self.case_d,
                    self.case_e,
                    self.case_f,
                )
            ),
        )
        row_a = listed[self.case_a.name]
        self.assertEqual(row_a[1:4], [self.worker.name, self.level_1.name, "Submitted on time"])
        self.assertEqual(row_a[4], date(2026, 4, 3))
        self.assertEqual(
            row_a[6:],
            [3, 1, 0, ", ".join(sorted((self.area_safety | self.area_education).mapped("name")))],
        )
        row_b = listed[self.case_b.name]
        self.assertEqual(row_b[3:5], ["Submitted late", date(2026, 4, 20)])
        self.assertEqual(row_b[6:9], [2, 1, 1])
        self.assertEqual(listed[self.case_c.name][3:5], ["Missing", False])
        self.assertEqual(listed[self.case_d.name][3], "Draft, not submitted")
        self.assertEqual(listed[self.case_e.name][3], "Not due")
        self.assertEqual(listed[self.case_f.name][3], "Not due")
        self.assertEqual(listed[self.case_c.name][5], self.case_c.prs_report_due_date)

    def test_prs6_on_time_is_by_the_day_after_the_period(self):
        # rule PRS-6: submitted the day after the period ends is on time, two days after late
        report = self.env["rrs.prs.report"].search(
            [("case_id", "=", self.case_b.id), ("period_end", "=", date(2026, 4, 10))]
        )
        orr = "Reports to ORR"
        for submitted, on_time in ((date(2026, 4, 11), 2), (date(2026, 4, 12), 1)):
            report.write({"submitted_date": submitted})
            figures, listed, _sections = self._tables(self._report(self.manager))
            self.assertEqual(figures[(orr, "Submitted on time")], on_time, submitted)
            self.assertEqual(figures[(orr, "Submitted late")], 2 - on_time, submitted)

    def test_prs6_missing_once_the_report_fell_due(self):
        # rule PRS-6: case C (services from 15 Feb, nothing submitted) owes its report on
        # 14 Mar: in the March summary it is not missing on 14 Mar, missing on 15 Mar
        self.assertEqual(self.case_c.prs_report_due_date, date(2026, 3, 14))
        march = {"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)}
        for today, missing, status in (
            (date(2026, 3, 14), 0, "Not due"),
            (date(2026, 3, 15), 1, "Missing"),
        ):
            with freeze_time(today):
                figures, listed, _sections = self._tables(self._report(self.supervisor, **march))
            self.assertEqual(figures[("Reports to ORR", "Missing")], missing, today)
            self.assertEqual(listed[self.case_c.name][3], status, today)

    def test_prs6_a_calendar_month(self):
        # rule PRS-6: the summary is monthly
        with self.assertRaisesRegex(ValidationError, "one calendar month"):
            self._report(self.manager, date_to=date(2026, 4, 29))
        with self.assertRaisesRegex(ValidationError, "one calendar month"):
            self._report(self.manager, date_from=date(2026, 4, 2))
        report = self._report(self.manager)
        default = (
            self.env["rrs.orr.monthly.report"]
            .with_user(self.manager)
            .create({"date_from": APRIL[0], "date_to": APRIL[1]})
        )
        self.assertEqual(default.program_ids, self.program_prs)
        self.assertEqual(report._rrs_report_filters()[0], ("Month", "April 2026"))

    def test_prs6_each_role_its_scope(self):
        # rule PRS-6: the worker's caseload (A, B, E), the supervisor's team (A, B, C, E), the
        # other supervisor's (D, F); finance and volunteers nothing
        open_row = ("Cases in the month", "Cases open during the month")
        missing = ("Reports to ORR", "Missing")
        expected = {
            self.worker: ({self.case_a, self.case_b, self.case_e}, 0),
            self.supervisor: ({self.case_a, self.case_b, self.case_c, self.case_e}, 1),
            self.supervisor_other: ({self.case_d, self.case_f}, 0),
            self.manager: (
                {self.case_a, self.case_b, self.case_c, self.case_d, self.case_e, self.case_f},
                1,
            ),
        }
        for user, (cases, missed) in expected.items():
            figures, listed, _sections = self._tables(self._report(user))
            self.assertEqual(figures[open_row], len(cases), user.login)
            self.assertEqual(figures[missing], missed, user.login)
            self.assertEqual(set(listed), {case.name for case in cases}, user.login)
        for user in (self.finance, self.volunteer):
            with self.assertRaises(AccessError):
                self._report(user)
            with self.assertRaises(AccessError):
                self._report(self.manager).with_user(user)._rrs_report_sections()

    def test_prs6_restricted_cases_counted_never_listed_to_the_auditor(self):
        # rules PRS-6, REC-1: every PRS case is restricted; the auditor's figures count them
        # all (the company's), the auditor's list holds none of them
        self.assertTrue(all((self.case_a | self.case_c | self.case_f).mapped("restricted")))
        figures, listed, sections = self._tables(self._report(self.auditor))
        self.assertEqual(figures[("Cases in the month", "Cases open during the month")], 6)
        self.assertEqual(figures[("Reports to ORR", "Submitted late")], 1)
        self.assertEqual(listed, {})
        html = self._report(self.auditor).preview_html
        self.assertNotIn(self.case_a.name, html)
        # the case worker lists their own restricted cases
        _figures, listed, _sections = self._tables(self._report(self.worker))
        self.assertIn(self.case_a.name, listed)

    def test_prs6_workbook_and_pdf(self):
        # rule PRS-6: the XLSX opened back, its cells checked; the PDF rendered
        report = self._report(self.manager)
        Report = self.env["ir.actions.report"].with_user(self.manager)
        content, kind = Report._render_xlsx(XLSX, report.ids, None)
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet["A1"].value, "ORR monthly summary of post-release services")
        cells = {}
        for row in range(1, sheet.max_row + 1):
            cells.setdefault(
                sheet.cell(row, 1).value, [sheet.cell(row, col).value for col in range(2, 11)]
            )
        self.assertEqual(cells["Month"][0], "April 2026")
        self.assertEqual(cells["Programs"][0], self.program_prs.name)
        self.assertEqual(cells["Cases open during the month"][0], 6)
        self.assertEqual(cells["Submitted late"][0], 1)
        self.assertEqual(cells["Missing"][0], 1)
        self.assertEqual(cells["Gang involvement"][0], 1)
        self.assertEqual(cells["Home visits"][0], 2)
        self.assertEqual(cells[self.area_safety.name][0], 2)
        row_b = cells[self.case_b.name]
        self.assertEqual(row_b[:3], [self.worker.name, self.level_2.name, "Submitted late"])
        self.assertEqual(row_b[3], datetime(2026, 4, 20))
        self.assertEqual(row_b[5:8], [2, 1, 1])
        html = Report._render_qweb_html(PDF, report.ids)[0].decode()
        self.assertIn("ORR monthly summary of post-release services", html)
        self.assertIn("Submitted late", html)
        self.assertIn(self.case_b.name, html)
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            PDF, report.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        action = report.action_export_xlsx()
        self.assertEqual(action["report_type"], "xlsx")

    def test_prs6_query_count_is_constant(self):
        # rule PRS-6: the summary and the list read in bulk: the same number of queries for
        # the fixture's cases and with twelve more cases with their reports and concerns
        def count(user):
            report = self._report(user)
            self.env.flush_all()
            self.env.invalidate_all()
            # as a new request: what the contact rule reads once per transaction too
            self.env["res.partner"]._rrs_forget_people_of_users()
            before = self.env.cr.sql_log_count
            report._rrs_report_sections()
            return self.env.cr.sql_log_count - before

        counts = {}
        for user in (self.manager, self.worker):
            count(user)  # warm the caches of the rules and the registry
            counts[user.login] = [count(user)]
        for i in range(12):
            case = self._prs_case(
                release=date(2026, 3, 2),
                user=self.worker,
                prs_level_id=(self.level_1 | self.level_2)[i % 2].id,
            )
            self._monthly(
                case,
                date(2026, 3, 4),
                date(2026, 4, 3),
                ("submitted", "draft")[i % 2],
                date(2026, 4, 3 + i % 3),
                i,
                1,
                (self.area_safety, self.area_other)[i % 2],
                bool(i % 3),
            )
            self._concern(case, ("gang", "abuse")[i % 2], datetime(2026, 4, 5 + i, 9, 0))
        for user in (self.manager, self.worker):
            counts[user.login].append(count(user))
        for login, (small, large) in counts.items():
            self.assertEqual(small, large, login)
            # 26: a manager is a supervisor too, whose contact rule reads the team's people
            # once per request (res.partner._rrs_people_of_team, issue 17, tenth pass)
            self.assertLessEqual(large, 26, login)
        figures, listed, _sections = self._tables(self._report(self.manager))
        self.assertEqual(figures[("Cases in the month", "Cases open during the month")], 18)
        self.assertEqual(len(listed), 18)
