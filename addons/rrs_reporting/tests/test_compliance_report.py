# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import timedelta

import openpyxl
from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.addons.rrs_case.tests.common import RrsCaseCommon
from odoo.exceptions import AccessError
from odoo.tests import tagged

# columns: late notes, reviews, assessments, checklist tasks, referral follow-ups, total
CLOCKS = 5
NOTES, REVIEWS, ASSESSMENTS, CHECKLIST, REFERRALS, TOTAL = range(6)


@tagged("post_install", "-at_install")
class TestComplianceReport(RrsCaseCommon):
    """What is overdue today (the report's end date), the period the 30 days to today.

    The worker's cases W1 (started 3 months and a day ago: review due yesterday) and W2
    (started 3 months ago: review due today). On W1: assessments due yesterday (planned),
    today (planned), 5 days ago (done 2 days ago); tasks due yesterday (to do), today (to do),
    4 days ago (not applicable), 5 days ago (done 2 days ago); notes of meetings 20 days ago
    (written today: late, deadline in the period), 60 days ago (late, deadline before the
    period), yesterday (on time); referrals sent 8 days ago (follow-up yesterday), 7 days ago
    (follow-up today) and 10 days ago then accepted.
    Worker: notes 1, reviews 1, assessments 1, tasks 1, follow-ups 1: 5.
    The far worker's case F1 (started 4 months ago): review overdue, one assessment due 3 days
    ago: 2. Three days ago, the worker's assessment and task done 2 days ago were overdue.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.test_program = cls.program.copy({"name": "Compliance program", "code": "CMPT"})
        cls.test_program.checklist_line_ids.unlink()
        cls.test_program.assessment_schedule_ids.unlink()
        cls.instrument = cls.env.ref("rrs_assessment.instrument_css_matrix")
        cls.provider = cls.env["res.partner"].create({"name": "Legal aid", "is_company": True})
        day = cls._day
        cls.w1 = cls._started("W1", cls.worker, cls.today - relativedelta(months=3, days=1))
        cls.w2 = cls._started("W2", cls.worker, cls.today - relativedelta(months=3))
        cls.f1 = cls._started("F1", cls.worker_far, cls.today - relativedelta(months=4))
        cls._assessment(cls.w1, day(1))
        cls._assessment(cls.w1, day(0))
        cls._assessment(cls.w1, day(5), done=day(2))
        cls._assessment(cls.f1, day(3))
        Item = cls.env["rrs.case.checklist.item"]
        for name, due, state, done in (
            ("Housing ready", 1, "todo", None),
            ("Airport pickup", 0, "todo", None),
            ("School", 4, "not_applicable", None),
            ("Clothing", 5, "done", 2),
        ):
            Item.create(
                {
                    "case_id": cls.w1.id,
                    "name": name,
                    "due_date": day(due),
                    "state": state,
                    "reason": "No children" if state == "not_applicable" else False,
                    "done_date": day(done) if done is not None else False,
                }
            )
        for contact in (20, 60, 1):
            cls.env["rrs.case.note"].create(
                {
                    "case_id": cls.w1.id,
                    "subject": "Meeting",
                    "body": "<p>Budget.</p>",
                    "contact_type": "meeting",
                    "contact_date": day(contact),
                    "author_id": cls.worker.id,
                }
            )
        for sent in (8, 7, 10):
            referral = cls.env["rrs.referral"].create(
                {
                    "case_id": cls.w1.id,
                    "provider_id": cls.provider.id,
                    "service_category_id": cls.env.ref("rrs_case.service_category_health").id,
                    "reason": "Legal advice",
                    "shares_client_info": False,
                }
            )
            with freeze_time(day(sent)):
                referral.action_send()
            if sent == 10:
                referral.action_accept()

    @classmethod
    def _day(cls, days_ago):
        return cls.today - timedelta(days=days_ago)

    @classmethod
    def _started(cls, name, user, start):
        return cls._active_case(
            user=user,
            head=cls._person(f"{name} head", age=40),
            program=cls.test_program,
            service_start_date=start,
        )

    @classmethod
    def _assessment(cls, case, due, done=None):
        assessment = cls.env["rrs.assessment"].create(
            {
                "case_id": case.id,
                "member_id": case.member_ids[0].id,
                "instrument_id": cls.instrument.id,
                "due_date": due,
            }
        )
        if done:
            assessment.write({"state": "done", "completion_date": done})
        return assessment

    def _report(self, user, **vals):
        values = {
            "date_from": self.today - timedelta(days=29),
            "date_to": self.today,
            "program_ids": [(6, 0, self.test_program.ids)],
        }
        values.update(vals)
        return self.env["rrs.compliance.report"].with_user(user).create(values)

    def _rows(self, report):
        """The five clocks of this addon and the total (a bridge may add clocks between)."""
        [section] = report._rrs_report_sections()

        def keep(values):
            return [*values[:CLOCKS], values[-1]]

        return {row[0]: keep(row[1:]) for row in section["rows"]}, keep(section["total"][1:])

    # ---------------------------------------------------------------- the clocks
    def test_vis4_plan4_asm2_res1_plan6_overdue_by_worker(self):
        # rules VIS-4, PLAN-4, ASM-2, RES-1, PLAN-6: what is overdue today, due yesterday
        # counted, due today not, done or set aside not
        rows, total = self._rows(self._report(self.manager))
        self.assertEqual(rows["Rrs Worker"], [1, 1, 1, 1, 1, 5])
        self.assertEqual(rows["Rrs Worker Far"], [0, 1, 1, 0, 0, 2])
        self.assertEqual(list(rows), ["Rrs Worker", "Rrs Worker Far"])
        self.assertEqual(total, [1, 2, 2, 1, 1, 7])

    def test_asm2_res1_overdue_on_an_earlier_end_date(self):
        # rules ASM-2, RES-1: three days ago, the assessment and the task done two days ago
        # were overdue; yesterday's were not due yet; the far worker's assessment (due three
        # days ago) was due that day, not overdue
        rows, _total = self._rows(self._report(self.manager, date_to=self._day(3)))
        self.assertEqual(rows["Rrs Worker"][ASSESSMENTS], 1)
        self.assertEqual(rows["Rrs Worker"][CHECKLIST], 1)
        self.assertEqual(rows["Rrs Worker Far"][ASSESSMENTS], 0)

    def test_plan4_plan6_the_day_after_the_due_day(self):
        # rules PLAN-4, PLAN-6: tomorrow, W2's review (due today) and the referral followed
        # up today are overdue too
        rows, _total = self._rows(self._report(self.manager, date_to=self._day(-1)))
        self.assertEqual(rows["Rrs Worker"][REVIEWS], 2)
        self.assertEqual(rows["Rrs Worker"][REFERRALS], 2)
        self.assertEqual(rows["Rrs Worker"][ASSESSMENTS], 2)
        self.assertEqual(rows["Rrs Worker"][CHECKLIST], 2)

    def test_vis4_late_notes_of_the_period(self):
        # rule VIS-4: a note written late counts in the period of its deadline only
        rows, _total = self._rows(
            self._report(self.manager, date_from=self._day(90), date_to=self.today)
        )
        self.assertEqual(rows["Rrs Worker"][NOTES], 2)

    def test_plan4_each_role_sees_its_rows(self):
        # rule PLAN-4 (and the other clocks): a worker their own row, a supervisor the team's,
        # the auditor everyone's; finance and volunteers nothing
        rows, _total = self._rows(self._report(self.worker))
        self.assertEqual(rows, {"Rrs Worker": [1, 1, 1, 1, 1, 5]})
        rows, _total = self._rows(self._report(self.worker_far))
        self.assertEqual(rows, {"Rrs Worker Far": [0, 1, 1, 0, 0, 2]})
        rows, _total = self._rows(self._report(self.supervisor))
        self.assertEqual(list(rows), ["Rrs Worker"])
        rows, _total = self._rows(self._report(self.supervisor_other))
        self.assertEqual(list(rows), ["Rrs Worker Far"])
        rows, _total = self._rows(self._report(self.auditor))
        self.assertEqual(list(rows), ["Rrs Worker", "Rrs Worker Far"])
        for user in (self.finance, self.volunteer):
            with self.assertRaises(AccessError):
                self._report(user)
            with self.assertRaises(AccessError):
                self._report(self.manager).with_user(user)._rrs_report_sections()

    def test_plan4_a_secondary_worker_sees_only_their_row(self):
        # rule PLAN-4: the far worker added to W1 reads it, but the report shows their row only
        self.w1.secondary_user_ids = [(4, self.worker_far.id)]
        rows, _total = self._rows(self._report(self.worker_far))
        self.assertEqual(list(rows), ["Rrs Worker Far"])

    def test_plan4_restricted_case_counted_never_listed(self):
        # rules PLAN-4, REC-1: the restricted case F1 counts in the auditor's figures, and the
        # report names no case nor person
        self.f1.restricted = True
        self.env.invalidate_all()
        report = self._report(self.auditor)
        rows, _total = self._rows(report)
        self.assertEqual(rows["Rrs Worker Far"], [0, 1, 1, 0, 0, 2])
        report.action_compute()
        html = str(report.preview_html)
        self.assertIn("Rrs Worker Far", html)
        for name in (self.f1.name, "F1 head"):
            self.assertNotIn(name, html)

    def test_plan4_workbook_and_pdf(self):
        # rules PLAN-4, VIS-4, ASM-2, RES-1, PLAN-6: the XLSX opened back, the PDF rendered
        report = self._report(self.manager)
        Report = self.env["ir.actions.report"].with_user(self.manager)
        content, kind = Report._render_xlsx(
            "rrs_reporting.report_compliance_xlsx", report.ids, None
        )
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        last = sheet.max_column  # the total (a bridge may add clocks before it)
        cells = {
            sheet.cell(row, 1).value: [
                *(sheet.cell(row, col).value for col in range(2, 2 + CLOCKS)),
                sheet.cell(row, last).value,
            ]
            for row in range(1, sheet.max_row + 1)
        }
        self.assertEqual(sheet["A1"].value, "Compliance by worker")
        self.assertEqual(cells["Programs"][0], "Compliance program")
        self.assertIn("Overdue on", cells)
        self.assertEqual(cells["Worker"][0], "Notes written late (VIS-4)")
        self.assertEqual(cells["Rrs Worker"], [1, 1, 1, 1, 1, 5])
        self.assertEqual(cells["Rrs Worker Far"], [0, 1, 1, 0, 0, 2])
        self.assertEqual(cells["All"], [1, 2, 2, 1, 1, 7])
        html = Report._render_qweb_html("rrs_reporting.report_compliance", report.ids)[0].decode()
        self.assertIn("Compliance by worker", html)
        self.assertIn("Case reviews overdue (PLAN-4)", html)
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "rrs_reporting.report_compliance", report.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_plan4_query_count_is_constant(self):
        # rules PLAN-4, VIS-4, ASM-2, RES-1, PLAN-6: one grouped query per clock, the same
        # count with more cases and overdue items
        def count(user):
            report = self._report(user)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            report._rrs_report_sections()
            return self.env.cr.sql_log_count - before

        for user in (self.manager, self.supervisor):
            count(user)  # warm the caches of the rules and the registry
            small = count(user)
            for i in range(4):
                case = self._started(
                    f"More {user.login} {i}",
                    self.worker_other if i % 2 else self.worker,
                    self.today - relativedelta(months=5),
                )
                self._assessment(case, self._day(2))
            large = count(user)
            self.assertEqual(small, large, user.login)
            self.assertLessEqual(large, 24, user.login)  # manager 13, supervisor 23
