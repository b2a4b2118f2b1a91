# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPrs6DemoMonth(TransactionCase):
    """The demo's post-release services months (demo/rrs_reporting_minors_demo.xml) fill the
    ORR monthly summary of the month before the demo was loaded (rule PRS-6)."""

    def test_prs6_demo_month_fills_the_orr_summary(self):
        closed = self.env.ref("rrs_reporting_minors.case_ramos_demo", raise_if_not_found=False)
        if not closed:
            self.skipTest("The demo data of rrs_reporting_minors is not loaded.")
        cases = {
            key: self.env.ref(f"rrs_reporting_minors.case_{key}_demo")
            for key in ("xol", "mejia", "flores", "sultani", "cruz", "chuc", "hosseini")
        }
        manager = self.env.ref("rrs_case.user_manager_demo")
        # the demo's last month: the one its closed case closed in, whenever it was loaded
        start = closed.closing_date.replace(day=1)
        report = (
            self.env["rrs.orr.monthly.report"]
            .with_user(manager)
            .create({"date_from": start, "date_to": start + relativedelta(months=1, days=-1)})
        )
        summary = report._orr_summary()
        self.assertGreaterEqual(summary["open"], 11)
        self.assertGreaterEqual(summary["new"], 1)
        self.assertGreaterEqual(summary["closed"], 1)
        self.assertGreaterEqual(summary["on_time"], 5)
        self.assertGreaterEqual(summary["late"], 1)
        self.assertGreaterEqual(summary["not_submitted"], 1)
        self.assertGreaterEqual(summary["missing"], 1)
        self.assertGreaterEqual(summary["closure_reports"], 1)
        self.assertEqual(summary["closed_without_report"], 0)
        self.assertGreaterEqual(summary["concerns"].get("running_away", 0), 1)
        self.assertGreaterEqual(summary["concerns"].get("trafficking", 0), 1)
        self.assertGreater(summary["contacts"], summary["reports"])
        self.assertGreater(summary["home_visits"], 0)
        self.assertLess(summary["with_sponsor"], summary["reports"])
        areas = {area.name: count for area, count in summary["areas"].items() if area}
        self.assertGreaterEqual(len(areas), 5)
        self.assertGreaterEqual(areas["Placement stability and safety"], 6)

        statuses = {row[0]: row[3] for row in report._orr_case_rows()}
        expected = {
            "xol": "Submitted on time",
            "mejia": "Submitted on time",
            "sultani": "Submitted on time",
            "hosseini": "Submitted on time",
            "flores": "Submitted late",
            "cruz": "Reviewed, not submitted",
            "chuc": "Missing",
        }
        for key, status in expected.items():
            self.assertEqual(statuses[cases[key].name], status, key)
        # closed in the month: its closure report covers the last period
        self.assertEqual(statuses[closed.name], "Not due")

        # the month before: on time but one late, nothing missing among the demo's cases
        before = start - relativedelta(months=1)
        report = (
            self.env["rrs.orr.monthly.report"]
            .with_user(manager)
            .create({"date_from": before, "date_to": start - relativedelta(days=1)})
        )
        statuses = {row[0]: row[3] for row in report._orr_case_rows()}
        self.assertEqual(statuses[cases["chuc"].name], "Submitted late")
        self.assertEqual(statuses[cases["cruz"].name], "Submitted on time")
        self.assertEqual(statuses[closed.name], "Submitted on time")
