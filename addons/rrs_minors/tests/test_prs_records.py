# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import RrsMinorsCommon

D = relativedelta


@tagged("post_install", "-at_install")
class TestPrsRecords(RrsMinorsCommon):
    def test_prs5_every_contact_records_service_areas(self):
        # rule PRS-5
        case = self._prs_case()
        with self.assertRefused("service areas this contact dealt with"):
            self.env["rrs.case.note"].create(
                {"case_id": case.id, "subject": "Visit", "contact_type": "home_visit"}
            )
        # each kind of contact with the child or the sponsor, alone
        for kind in ("meeting", "home_visit", "quarterly_checkin", "office_visit", "phone"):
            with self.subTest(contact_type=kind):
                with self.assertRefused("service areas this contact dealt with"):
                    self.env["rrs.case.note"].create(
                        {"case_id": case.id, "subject": "Contact", "contact_type": kind}
                    )
        note = self._contact(case, areas=self.area_safety | self.area_education)
        self.assertEqual(len(note.prs_service_area_ids), 2)
        # other cases are not asked
        other = self._active_case()
        self.env["rrs.case.note"].create(
            {"case_id": other.id, "subject": "Visit", "contact_type": "home_visit"}
        )

    def test_prs1_safety_call_answers_and_outcome(self):
        # rule PRS-1: the four questions and the outcome
        case = self._prs_case()
        values = {
            "case_id": case.id,
            "living_with_sponsor": "yes",
            "in_school": "no",
            "knows_court_dates": "yes",
            "is_safe": "yes",
            "outcome": "no_concern",
        }
        with self.assertRefused("raise a concern"):
            self.env["rrs.prs.safety.call"].create(values)
        with self.assertRefused("Describe the follow-up"):
            self.env["rrs.prs.safety.call"].create(dict(values, outcome="follow_up"))
        self.env["rrs.prs.safety.call"].create(
            dict(values, outcome="follow_up", notes="School enrolment meeting booked")
        )

    def test_prs1_each_question_alone_raises_a_concern(self):
        # rule PRS-1: any one of the four questions answered "no" or "unknown" is worrying
        case = self._prs_case()
        questions = ("living_with_sponsor", "in_school", "knows_court_dates", "is_safe")
        calm = dict.fromkeys(questions, "yes")
        Call = self.env["rrs.prs.safety.call"].with_user(self.worker)
        for question in questions:
            for answer in ("no", "unknown"):
                with self.subTest(question=question, answer=answer):
                    values = dict(calm, **{question: answer})
                    with self.assertRefused("raise a concern"):
                        Call.create(dict(values, case_id=case.id, outcome="no_concern"))
        call = Call.create(dict(calm, case_id=case.id, outcome="no_concern"))
        self.assertEqual(call.outcome, "no_concern")

    def test_prs6_the_form_proposes_the_month_the_clock_asks_for(self):
        """A new monthly report's period is the one its due date closes: from the start of
        services, then from the day after the last submitted report, through the due date,
        with no day skipped or covered twice, from one month to the next."""
        # rule PRS-6
        case = self._prs_case()
        start = case.service_start_date
        expected_start = start
        for _month in range(2):
            form = Form(self.env["rrs.prs.report"].with_user(self.worker))
            form.case_id = case
            form.report_type = "monthly"
            self.assertEqual(form.period_start, expected_start)
            self.assertEqual(form.period_end, case.prs_report_due_date)
            self.assertEqual(form.period_end, expected_start - D(days=1) + D(months=1))
            report = form.save()
            report.narrative = "Settled; school started."
            report.with_user(self.supervisor).action_review()
            report.with_user(self.worker).action_submit()
            expected_start = report.period_end + D(days=1)

    def test_prs6_monthly_report_generated_reviewed_submitted(self):
        # rule PRS-6
        case = self._prs_case()
        start = case.service_start_date
        self.assertEqual(case.prs_report_due_date, start - D(days=1) + D(months=1))
        self._contact(case, on=start + D(days=3), areas=self.area_education)
        self._contact(case, "phone", on=start + D(days=10))
        report = (
            self.env["rrs.prs.report"]
            .with_user(self.worker)
            .create(
                {
                    "case_id": case.id,
                    "report_type": "monthly",
                    "period_start": start,
                    "period_end": start + D(months=1) - D(days=1),
                }
            )
        )
        report.action_generate()
        self.assertEqual(report.contact_count, 2)
        self.assertEqual(report.home_visit_count, 1)
        self.assertEqual(report.service_area_ids, self.area_education | self.area_safety)
        self.assertEqual(report.level_id, self.level_1)
        with self.assertRefused("progress and outcomes", UserError):
            report.with_user(self.supervisor).action_review()
        report.narrative = "Settled; school started."
        with self.assertRefused("cannot review this report as its supervisor", AccessError):
            report.with_user(self.worker).action_review()
        with self.assertRefused("reviews the report before", UserError):
            report.with_user(self.worker).action_submit()
        report.with_user(self.supervisor).action_review()
        report.with_user(self.worker).action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertEqual(case.prs_report_due_date, report.period_end + D(months=1))
        with self.assertRefused("stays as it was submitted", UserError):
            report.with_user(self.worker).write({"narrative": "changed"})
        html = (
            self.env.ref("rrs_minors.action_report_prs_report")
            ._render_qweb_html("rrs_minors.action_report_prs_report", report.ids)[0]
            .decode()
        )
        self.assertIn("Settled; school started.", html)
        self.assertIn(self.area_education.name, html)

    def test_prs6_closure_report_says_why(self):
        # rule PRS-6
        case = self._prs_case()
        report = self.env["rrs.prs.report"].create(
            {
                "case_id": case.id,
                "report_type": "closure",
                "period_start": case.service_start_date,
                "period_end": case.prs_end_date,
                "narrative": "Ninety days of services completed.",
            }
        )
        with self.assertRefused("Say why services end", UserError):
            report.with_user(self.supervisor).action_review()
        report.closure_reason = "End of the 90-day period; the child is safe and in school."
        report.with_user(self.supervisor).action_review()
        self.assertEqual(report.state, "reviewed")

    def test_prs9_caseload_26th_warned_41st_refused(self):
        # rule PRS-9: 25 per case manager, up to 40, never above 40
        program = self.program_prs
        self.assertEqual((program.caseload_target, program.caseload_cap), (25, 40))
        for _i in range(25):
            self._prs_case(start=False)
        form = Form(
            self.env["rrs.case"].with_context(
                default_program_id=program.id, default_user_id=self.worker.id
            )
        )
        form.user_id = self.worker_other
        warnings = []
        with self.assertLogs("odoo.tests.form.onchange", level="WARNING") as logs:
            form.user_id = self.worker
            warnings = logs.output
        self.assertTrue(any("Caseload above target" in w for w in warnings), warnings)
        for _i in range(15):
            self._prs_case(start=False)
        with self.assertRefused("already has 40 open cases"):
            self._prs_case(start=False)
