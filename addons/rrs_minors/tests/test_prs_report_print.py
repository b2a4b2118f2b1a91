# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import html_escape

from .common import RrsMinorsCommon

D = relativedelta
DRAFT_MARK = "o_rrs_draft_mark"
ACCESS_REFUSED = r"not allowed to access|top-secret records"


@tagged("post_install", "-at_install")
class TestPrsReportPrint(RrsMinorsCommon):
    """The monthly report to ORR says what the case holds for the period and prints on the
    agency's letterhead (rules PRS-5, PRS-6, PRS-8)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "America/Chicago"
        cls.area_legal = cls.env.ref("rrs_minors.prs_service_area_legal")
        cls.area_medical = cls.env.ref("rrs_minors.prs_service_area_medical")
        cls.school_district = cls.env["res.partner"].create(
            {"name": "Lincoln Unified School District", "is_company": True}
        )
        cls.case = case = cls._prs_case()
        cls.start = start = case.service_start_date  # 2026-03-04
        cls.end = start + D(months=1) - D(days=1)  # 2026-04-03
        sponsor = case.prs_sponsor_partner_id
        illinois = cls.env.ref("base.state_us_14")
        # in the period: a home visit, a phone call, an office visit, a letter from the sponsor
        cls._contact(case, "home_visit", start + D(days=3), cls.area_education)
        cls._contact(case, "phone", start + D(days=10), cls.area_safety)
        cls._contact(case, "office_visit", start + D(days=12), cls.area_legal)
        Note = cls.env["rrs.case.note"]
        letter = {
            "case_id": case.id,
            "contact_type": "correspondence",
            "direction": "in",
            "channel": "letter",
            "written_date": start + D(days=6),
        }
        Note.create(
            dict(
                letter,
                subject="The sponsor's letter",
                purpose="New work schedule",
                correspondent_partner_id=sponsor.id,
                contact_date=start + D(days=5),
            )
        )
        # not a contact with the child or the sponsor
        Note.create(
            dict(
                letter,
                subject="Enrolment confirmed",
                purpose="School enrolment",
                correspondent_partner_id=cls.school_district.id,
                contact_date=start + D(days=6),
            )
        )
        # outside the period
        cls._contact(case, "phone", start - D(days=1), cls.area_medical)
        cls._contact(case, "home_visit", cls.end + D(days=1), cls.area_medical)
        Call = cls.env["rrs.prs.safety.call"]
        answers = {
            "case_id": case.id,
            "living_with_sponsor": "yes",
            "in_school": "yes",
            "knows_court_dates": "yes",
            "is_safe": "yes",
            "outcome": "no_concern",
        }
        # the same call as the phone note of that day: counted once
        Call.create(dict(answers, call_date=start + D(days=10)))
        Call.create(dict(answers, call_date=start + D(days=20)))
        Call.create(
            dict(
                answers,
                call_date=start + D(days=21),
                outcome="unreachable",
                notes="No answer; voicemail left, calling again tomorrow.",
            )
        )
        case.prs_school_name = "Lincoln High School"
        case.prs_court_date_ids = [
            # 14:00 UTC is 9:00 in Springfield (CDT); 15:00 UTC on April 15 is 10:00
            Command.create(
                {
                    "hearing_date": datetime(2026, 3, 10, 14, 0),
                    "court": "Chicago Immigration Court",
                    "hearing_type": "master",
                    "outcome": "Continued to April 15",
                }
            ),
            Command.create(
                {
                    "hearing_date": datetime(2026, 4, 15, 15, 0),
                    "court": "Chicago Immigration Court",
                    "hearing_type": "individual",
                }
            ),
        ]
        address = {"city": "Springfield", "state_id": illinois.id}
        case.prs_residence_ids = [
            Command.create(
                dict(address, date_from=cls.RELEASE - D(days=30), street="1 Shelter Road")
            ),
            Command.create(
                dict(address, date_from=cls.RELEASE, street="12 Elm Street", zip="62701")
            ),
            Command.create(
                dict(
                    address,
                    date_from=start + D(days=15),
                    street="40 Oak Avenue",
                    zip="62703",
                    with_sponsor=False,
                    reason="Moved in with the sponsor's sister",
                )
            ),
            Command.create(dict(address, date_from=cls.end + D(days=2), street="7 Late Lane")),
        ]
        cls.report_action = cls.env.ref("rrs_minors.action_report_prs_report")

    def _report(self):
        report = (
            self.env["rrs.prs.report"]
            .with_user(self.worker)
            .create(
                {
                    "case_id": self.case.id,
                    "report_type": "monthly",
                    "period_start": self.start,
                    "period_end": self.end,
                    "narrative": "Settled with the sponsor; school started.",
                }
            )
        )
        report.action_generate()
        return report

    def _html(self, report, user=None):
        action = self.report_action.with_user(user or self.worker)
        # the HTML wkhtmltopdf receives (report_type pdf: the page-number placeholders)
        html = action._render_qweb_html(
            self.report_action.id, report.ids, data={"report_type": "pdf"}
        )[0]
        return html.decode()

    def test_prs6_generated_figures(self):
        # rules PRS-5, PRS-6, PRS-8
        report = self._report()
        # home visit, phone, office visit, the sponsor's letter and the call of day 20
        self.assertEqual(report.contact_count, 5)
        self.assertEqual(report.home_visit_count, 1)
        self.assertEqual(
            report.service_area_ids, self.area_education | self.area_safety | self.area_legal
        )
        self.assertEqual(report.school, "Lincoln High School")
        # where the child lived at the period's end; the move back after it is not counted
        self.assertFalse(report.living_with_sponsor)
        court = report.court_summary.splitlines()
        self.assertEqual(len(court), 2)
        self.assertIn("03/10/2026 at 9:00", court[0])
        self.assertIn("Master calendar hearing, Chicago Immigration Court", court[0])
        self.assertIn("Outcome: Continued to April 15", court[0])
        self.assertIn("04/15/2026 at 10:00", court[1])
        self.assertIn("Individual (merits) hearing, Chicago Immigration Court", court[1])
        self.assertNotIn("2026-04-15", report.court_summary)
        self.assertEqual(
            report.residence_summary.splitlines(),
            [
                "Since 03/02/2026: 12 Elm Street, Springfield, IL 62701, with the sponsor",
                "Since 03/19/2026: 40 Oak Avenue, Springfield, IL 62703, not with the sponsor",
            ],
        )

    def test_prs6_printed_on_letterhead_draft_until_submitted(self):
        # rule PRS-6
        report = self._report()
        html = self._html(report)
        for text in (
            html_escape(self.company.name),
            '<span class="page"',
            '<span class="topage"',
            DRAFT_MARK,
            "not yet submitted to ORR",
            "Lincoln High School",
            "Chicago Immigration Court",
            "40 Oak Avenue",
            self.area_legal.name,
            "Settled with the sponsor; school started.",
        ):
            self.assertIn(text, html)
        self.assertRegex(html, r"Contacts with the child or the sponsor</th>\s*<td><span>5</span>")
        self.assertRegex(html, r"Home visits</th>\s*<td><span>1</span>")
        report.with_user(self.supervisor).action_review()
        self.assertIn(DRAFT_MARK, self._html(report))
        report.with_user(self.worker).action_submit()
        html = self._html(report)
        self.assertNotIn(DRAFT_MARK, html)
        self.assertIn("Submitted on", html)
        self.assertIn(html_escape(self.company.name), html)

    def test_prs6_only_readers_print(self):
        # rule PRS-6: the report prints with the reader's rights
        report = self._report()
        for user in (self.worker_far, self.auditor, self.finance, self.volunteer):
            with self.assertRaisesRegex(AccessError, ACCESS_REFUSED):
                self._html(report, user)
        self.assertIn(html_escape(self.company.name), self._html(report, self.supervisor))

    def test_prs6_restricted_case_letter_only_for_case_staff(self):
        # rule REC-2 on a restricted (minor's) case: the auditor reads no note of it, so
        # prints none of its letters
        self.assertTrue(self.case.restricted)
        letter = (
            self.env["rrs.case.note"]
            .with_user(self.worker)
            .create(
                {
                    "case_id": self.case.id,
                    "subject": "Letter to the school: enrolment",
                    "contact_type": "correspondence",
                    "direction": "out",
                    "channel": "letter",
                    "purpose": "Enrolment of the child",
                    "correspondent_partner_id": self.school_district.id,
                    "on_behalf_of_client": True,
                    "body": "<p>Please enrol the child in 9th grade.</p>",
                }
            )
        )
        action = self.env.ref("rrs_case.action_report_case_letter")
        for user in (self.auditor, self.worker_far):
            with self.assertRaisesRegex(AccessError, ACCESS_REFUSED):
                action.with_user(user)._render_qweb_html(action.id, letter.ids)
        html = action.with_user(self.worker)._render_qweb_html(action.id, letter.ids)[0]
        self.assertIn("Please enrol the child", html.decode())

    def test_prs6_demo_report_shows_the_month(self):
        # rule PRS-6: the demo report of Mateo's first month is not empty
        report = self.env.ref("rrs_minors.report_lopez_1_demo")
        self.assertEqual(report.contact_count, 4)
        self.assertEqual(report.home_visit_count, 1)
        self.assertTrue(report.service_area_ids)
        self.assertIn("Lincoln High School", report.school)
        self.assertIn("Master calendar hearing, Chicago Immigration Court", report.court_summary)
        self.assertIn("2214 East Cook Street, Springfield, IL 62703", report.residence_summary)
