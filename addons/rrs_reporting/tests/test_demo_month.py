# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoMonth(TransactionCase):
    """The demo database has a month of activity that fills the reports and dashboards, and a
    disparity the program's total hides (issue 15)."""

    def setUp(self):
        super().setUp()
        self.outcome = self.env.ref("rrs_reporting.outcome_rp_employed_demo", False)
        if not self.outcome:
            self.skipTest("a database without the demo data")
        self.manager = self.env.ref("rrs_case.user_manager_demo")
        self.today = fields.Date.context_today(self.outcome)

    def test_out2_demo_month_shows_a_disparity_the_total_hides(self):
        # rule OUT-2: the program meets its target; by gender, both groups large enough to be
        # shown, the women far below the men and below the target
        outcome = self.outcome.with_user(self.manager)
        self.assertGreaterEqual(outcome.value, outcome.target)
        breakdown = (
            self.env["rrs.outcome.breakdown"]
            .with_user(self.manager)
            .create(
                {
                    "outcome_id": outcome.id,
                    "indicator": outcome.indicator,
                    "date_from": outcome.date_from,
                    "date_to": outcome.date_to,
                    "program_ids": [(6, 0, outcome.program_id.ids)],
                    "dimension": "gender",
                    "target": outcome.target,
                }
            )
        )
        _total, groups = breakdown._rrs_breakdown()
        by_label = {group["label"]: group for group in groups}
        women, men = by_label["Female"], by_label["Male"]
        self.assertFalse(women["hidden"] or men["hidden"])
        self.assertLess(women["value"], outcome.target)
        self.assertGreaterEqual(men["value"] - women["value"], 25.0)

    def test_demo_month_fills_the_reports(self):
        start = self.today - timedelta(days=30)
        css = (
            self.env["rrs.css.caseload.report"]
            .with_user(self.manager)
            .create({"date_from": start, "date_to": self.today})
        )
        [levels, topics] = css._rrs_report_sections()
        assessed = [row for row in levels["rows"] if row[0] != "Not assessed" and row[1]]
        self.assertGreaterEqual(len(assessed), 3, "activities at three need levels at least")
        self.assertTrue(all(row[-1] for row in topics["rows"]), "every topic has hours")
        Dashboard = self.env["rrs.dashboard.overdue"].with_user(self.manager)
        overdue = Dashboard.browse(Dashboard.rrs_open_dashboard()["res_id"])
        self.assertTrue(overdue.checklist_count and overdue.referral_count)
        Dashboard = self.env["rrs.dashboard.caseload"].with_user(self.manager)
        caseload = Dashboard.browse(Dashboard.rrs_open_dashboard()["res_id"])
        self.assertGreaterEqual(len(caseload.line_ids), 3)
        self.assertGreaterEqual(caseload.active_count, 16)
