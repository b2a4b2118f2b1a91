# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RrsMinorsCommon

COMPLIANCE_LIST = {
    "name": {},
    "prs_child_member_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "prs_level_id": {"fields": {"display_name": {}}},
    "prs_tvpra": {},
    "prs_release_date": {},
    "prs_safety_call_due_date": {},
    "prs_safety_call_date": {},
    "prs_home_visit_due_date": {},
    "prs_report_due_date": {},
    "prs_end_date": {},
    "prs_end_reason": {},
}


@tagged("post_install", "-at_install")
class TestPrsSecurity(RrsMinorsCommon):
    def test_minors_records_only_for_their_workers_supervisors_managers(self):
        case = self._prs_case()
        note = self._contact(case)
        concern = self.env["rrs.prs.concern"].create(
            {"case_id": case.id, "category": "abuse", "description": "Bruises seen at school"}
        )
        for user in (self.worker, self.supervisor, self.manager):
            case.with_user(user).read(["prs_end_date"])
            note.with_user(user).read(["subject"])
            concern.with_user(user).read(["description"])
        for user in (self.worker_far, self.supervisor_other, self.finance, self.auditor):
            for record in (case, note, case.member_ids, concern):
                with self.assertRaises(AccessError, msg=f"{user.login} {record._name}"):
                    record.with_user(user).read(["display_name"])
        with self.assertRaises(AccessError):
            case.with_user(self.volunteer).read(["name"])
        # finance and auditors still read the adults' cases
        adult_case = self._active_case()
        adult_case.with_user(self.finance).read(["name"])
        adult_case.with_user(self.auditor).read(["name"])
        self.assertNotIn(case, self.env["rrs.case"].with_user(self.auditor).search([]))

    def test_compliance_list_and_cron_query_counts(self):
        cases = self.env["rrs.case"]
        for i in range(30):
            cases |= self._prs_case(release=self.RELEASE + relativedelta(days=i))
        Case = self.env["rrs.case"].with_user(self.worker)
        domain = [("is_prs", "=", True), ("state", "!=", "closed")]
        for limit in (5, 30):
            for _warm in range(2):
                Case.web_search_read(domain, COMPLIANCE_LIST, limit=limit)
                self.env.invalidate_all()
            with self.assertQueryCount(9):
                result = Case.web_search_read(domain, COMPLIANCE_LIST, limit=limit)
            self.assertEqual(len(result["records"]), limit)
            self.env.invalidate_all()
        cases[:5]._prs_schedule_clock_activities()  # warm-up
        for batch in (cases[5:10], cases[10:]):
            self.env.invalidate_all()
            with self.assertQueryCount(33):
                batch._prs_schedule_clock_activities()
