# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from psycopg2.errors import NotNullViolation

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestCaseLifecycle(RrsCaseCommon):
    def test_reference_from_sequence(self):
        case = self._case()
        self.assertTrue(case.name.startswith("RRS/"), case.name)
        self.assertNotEqual(case.name, self._case().name)
        self.assertEqual(case.state, "intake")

    def test_int1_urgent_cases_come_first(self):
        # rule INT-1: urgent needs and emergencies are put first
        normal = self._case()
        emergency = self._case(priority="2", urgent_needs="No shelter tonight")
        urgent = self._case(priority="1", urgent_needs="Medication runs out in 3 days")
        found = self.env["rrs.case"].search([("id", "in", (normal | emergency | urgent).ids)])
        self.assertEqual(found.ids, [emergency.id, urgent.id, normal.id])

    def test_int1_waiting_list_needs_reason_and_information(self):
        # rule INT-1 and INT-2: waiting list when the agency cannot serve promptly
        case = self._case()
        with self.assertRefused("waiting list"):
            case.action_waitlist()
        self.assertEqual(case.state, "intake")
        case.write(
            {"applicant_informed_date": self.today, "waiting_reason": "Caseloads full until May"}
        )
        case.action_waitlist()
        self.assertEqual(case.state, "waiting")
        self.assertEqual(case.waiting_since, self.today)
        # an import straight into the waiting list is dated too, or keeps its own date
        imported = self._case(
            state="waiting", applicant_informed_date=self.today, waiting_reason="Imported"
        )
        self.assertEqual(imported.waiting_since, self.today)
        dated = self._case(
            state="waiting",
            applicant_informed_date=self.today,
            waiting_reason="Imported",
            waiting_since="2026-01-05",
        )
        self.assertEqual(str(dated.waiting_since), "2026-01-05")

    def test_int1_refer_out_names_the_organisation(self):
        # rule INT-1: referred out when the agency cannot serve
        case = self._case()
        with self.assertRefused(exception=UserError, regex="organisation"):
            case.action_refer_out()
        other_agency = self.env["res.partner"].create(
            {"name": "Lutheran Services", "is_company": True}
        )
        case.write(
            {
                "referred_out_partner_id": other_agency.id,
                "applicant_informed_date": self.today,
                "referral_out_reason": "Lives outside our service area",
            }
        )
        case.action_refer_out()
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.closing_reason, "referred_out")
        self.assertEqual(case.closing_date, self.today)
        # an applicant on the waiting list is referred out too
        waiting = self._case(
            state="waiting",
            applicant_informed_date=self.today,
            waiting_reason="Caseloads full until May",
            referred_out_partner_id=other_agency.id,
            referral_out_reason="The wait is too long for the family",
        )
        waiting.action_refer_out()
        self.assertEqual((waiting.state, waiting.closing_reason), ("closed", "referred_out"))

    def test_int2_accept_requires_applicant_informed(self):
        # rule INT-2: the applicant is told how the request matches our services
        case = self._case(immigration_category_id=self.cat_refugee.id)
        with self.assertRefused("applicant was told"):
            case.action_accept()
        self.assertEqual(case.state, "intake")
        case.write({"service_match": "full", "applicant_informed_date": self.today})
        case.action_accept()
        self.assertEqual(case.state, "assessment")

    def test_int2_waiting_list_and_referral_out_need_the_date_the_applicant_was_told(self):
        # rule INT-2: each way out of intake needs the date the applicant was told, alone
        agency = self.env["res.partner"].create({"name": "Lutheran Services", "is_company": True})
        waiting = self._case(waiting_reason="Caseloads full until May").with_user(self.worker)
        with self.assertRefused("record when the applicant was told"):
            waiting.action_waitlist()
        self.assertEqual(waiting.state, "intake")
        waiting.applicant_informed_date = self.today
        waiting.action_waitlist()
        self.assertEqual(waiting.state, "waiting")
        out = self._case(
            referred_out_partner_id=agency.id, referral_out_reason="Outside our area"
        ).with_user(self.worker)
        with self.assertRefused("was told about the referral", UserError):
            out.action_refer_out()
        self.assertEqual(out.state, "intake")
        out.applicant_informed_date = self.today
        out.action_refer_out()
        self.assertEqual(out.state, "closed")

    def test_elig1_category_must_be_served_by_program(self):
        # rule ELIG-1: only eligible immigration categories are accepted
        case = self._case(applicant_informed_date=self.today)
        with self.assertRefused("immigration category"):
            case.action_accept()
        case.immigration_category_id = self.cat_gar  # a Canadian class, not served by COA R&P
        with self.assertRefused("does not serve"):
            case.action_accept()
        self.assertEqual(case.state, "intake")
        case.immigration_category_id = self.env.ref("rrs_case.immigration_category_siv")
        case.action_accept()
        self.assertEqual(case.state, "assessment")

    def test_elig1_case_moved_to_a_program_not_serving_its_category(self):
        # rule ELIG-1: the category is checked again when the program changes
        case = self._case(
            applicant_informed_date=self.today, immigration_category_id=self.cat_refugee.id
        )
        case.action_accept()
        with self.assertRefused("does not serve"):
            case.write({"program_id": self.program_prs.id})
        self.assertEqual(case.program_id, self.program)

    def test_elig1_shipped_categories(self):
        # rule ELIG-1: the shipped categories cover the US and Canadian classes and PRS
        codes = set(self.env["rrs.immigration.category"].search([]).mapped("code"))
        self.assertLessEqual(
            {
                "refugee",
                "asylee",
                "cuban_haitian_entrant",
                "trafficking_victim",
                "amerasian",
                "siv",
                "gar",
                "jas",
                "psr",
                "bvor",
                "uac",
            },
            codes,
        )
        self.assertEqual(self.program_prs.category_ids.mapped("code"), ["uac"])

    def test_elig2_one_primary_worker(self):
        # rule ELIG-2: every family has one assigned primary worker, a case worker
        with self.assertRaisesRegex(
            ValidationError, "is not a case worker and cannot be assigned to a case"
        ):
            self._case(user=self.finance)
        case = self._case()
        with mute_logger("odoo.sql_db"), self.assertRaises(NotNullViolation), self.cr.savepoint():
            case.user_id = False
            case.flush_recordset()
        self.assertEqual(case.user_id, self.worker)
        # secondary workers are case workers too
        with self.assertRefused(
            "Rrs Finance is not a case worker and cannot be assigned to a case"
        ):
            case.with_user(self.worker).write(
                {"secondary_user_ids": [Command.link(self.finance.id)]}
            )
        case.with_user(self.worker).write(
            {"secondary_user_ids": [Command.link(self.worker_other.id)]}
        )
        self.assertEqual(case.secondary_user_ids, self.worker_other)

    def test_clo1_closing_responsible_from_intake(self):
        # rule CLO-1: closing planning has an assigned responsible staff member from intake
        case = self._case(user=self.worker_other)
        self.assertEqual(case.closing_user_id, self.worker_other)
        case.write(
            {
                "closing_user_id": False,
                "immigration_category_id": self.cat_refugee.id,
                "applicant_informed_date": self.today,
            }
        )
        with self.assertRefused("responsible for planning the closing"):
            case.action_accept()

    def test_con1_services_start_only_with_signed_forms(self):
        # rule CON-1: confidentiality form and Client Charter at the start of service
        case = self._accepted_case()
        with self.assertRefused(exception=UserError, regex="Confidentiality form"):
            case.action_start_service()
        self.assertEqual(case.state, "assessment")
        self._sign_all(case)
        case.action_start_service()
        self.assertEqual(case.state, "active")
        self.assertEqual(case.service_start_date, self.today)

    def test_planned_end_and_extension(self):
        case = self._active_case()
        case.service_start_date = "2026-01-15"
        self.assertEqual(str(case.planned_end_date), "2027-01-14")
        with self.assertRefused("why the service is extended"):
            case.extension = 6
        with self.assertRefused("at most 12 months"):
            case.write({"extension": 13, "extension_reason": "High needs"})
        case.write({"extension": 12, "extension_reason": "High needs at the 12-month review"})
        self.assertEqual(str(case.planned_end_date), "2028-01-14")

    def test_planned_end_in_days_for_prs(self):
        child = self._person("Child released to a sponsor", age=15)
        sponsor = self._person("Sponsor (aunt)", age=38)
        case = self._accepted_case(
            program=self.program_prs,
            immigration_category_id=self.env.ref("rrs_case.immigration_category_uac").id,
            head=child,
        )
        # rule CON-1: a minor's forms are signed by the guardian
        for kind in ("confidentiality", "charter"):
            self.env["rrs.consent"].create(
                {
                    "case_id": case.id,
                    "consent_type": kind,
                    "member_id": case.member_ids.id,
                    "signer_role": "guardian",
                    "signer_partner_id": sponsor.id,
                    "countersign_user_id": self.worker.id if kind == "confidentiality" else False,
                    "countersign_date": self.today if kind == "confidentiality" else False,
                }
            )
        case.action_start_service()
        case.service_start_date = "2026-03-01"
        self.assertEqual(case.planned_end_date, case.service_start_date + relativedelta(days=89))

    def test_clo1_close_refused_without_reason_or_summary_nothing_written(self):
        # rule CLO-1: closing needs a reason and a summary, each alone, as the case's worker
        case = self._active_case().with_user(self.worker)
        case.write(self._aftercare())
        case.action_start_closing()
        case.closing_summary = False
        with self.assertRefused("reason for closing"):
            case.action_close()
        case.invalidate_recordset()
        self.assertEqual(case.state, "closing")
        self.assertFalse(case.closing_date)
        case.closing_reason = "goals_met"
        with self.assertRefused("closing summary"):
            case.action_close()
        case.invalidate_recordset()
        self.assertEqual(case.state, "closing")
        case.closing_summary = "Employed, housing stable, children in school."
        case.action_close()
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.closing_date, self.today)

    def test_clo1_close_by_direct_write_is_refused(self):
        # rule CLO-1: a direct write to the closed stage is checked the same way
        case = self._active_case()
        with self.assertRefused("cannot be in stage"):
            case.write({"state": "closed"})

    def test_clo1_referred_out_closing_names_the_organisation(self):
        # rule CLO-1: closing as referred out needs the organisation (no summary then)
        case = self._active_case()
        case.write(self._aftercare())
        case.action_start_closing()
        case = case.with_user(self.worker)
        case.closing_reason = "referred_out"
        with self.assertRefused("name the organisation the case is referred to"):
            case.action_close()
        self.assertEqual(case.state, "closing")
        case.referred_out_partner_id = self.env["res.partner"].create(
            {"name": "Catholic Charities", "is_company": True}
        )
        self.assertFalse(case.closing_summary)
        case.action_close()
        self.assertEqual(case.state, "closed")

    def test_clo1_closing_responsible_is_the_creator_without_a_primary_worker_given(self):
        # rule CLO-1: a case created without naming its worker: the creator is both the
        # primary worker and the closing responsible
        case = (
            self.env["rrs.case"]
            .with_user(self.worker)
            .create(
                {
                    "program_id": self.program.id,
                    "member_ids": [
                        Command.create(
                            {
                                "partner_id": self._person("Walk-in", age=30).id,
                                "relationship": "head",
                            }
                        )
                    ],
                }
            )
        )
        self.assertEqual(case.user_id, self.worker)
        self.assertEqual(case.closing_user_id, self.worker)

    def test_reopen(self):
        case = self._active_case()
        case.action_start_closing()
        case.write(
            {"closing_reason": "moved", "closing_summary": "Moved to Ohio", **self._aftercare()}
        )
        case.action_close()
        case.with_user(self.supervisor).action_reopen()
        self.assertEqual(case.state, "active")
        self.assertFalse(case.closing_reason)
        # CLO-2: reopening is recorded
        self.assertEqual(case.reopened_date, self.today)
        self.assertEqual(case.reopen_count, 1)

    def test_actions_check_the_stage(self):
        case = self._case()
        with self.assertRefused(exception=UserError, regex="not possible"):
            case.action_close()
        with self.assertRefused(exception=UserError, regex="not possible"):
            case.action_start_service()

    @freeze_time("2026-05-10")
    def test_arrival_date_in_the_future_refused(self):
        with self.assertRefused("arrival date"):
            self._case(arrival_date="2026-05-11")
        case = self._case(arrival_date="2026-05-10")
        self.assertEqual(str(case.arrival_date), "2026-05-10")

    def test_caseload_hard_cap(self):
        # rule PRS-9 (the generic part): a worker is never assigned past the program's hard cap
        program = self.program.copy({"code": "CAP", "caseload_target": 1, "caseload_cap": 2})
        self._case(program=program)
        self._case(program=program)
        with self.assertRefused("at most 2 per case worker"):
            self._case(program=program)
        other = self._case(program=program, user=self.worker_other)
        self.assertEqual(other.user_id, self.worker_other)
