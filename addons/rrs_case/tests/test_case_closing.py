# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestCaseClosing(RrsCaseCommon):
    def _closing_case(self, **kwargs):
        case = self._active_case(**kwargs)
        case.action_start_closing()
        case.write({"closing_reason": "goals_met", "closing_summary": "Goals met"})
        return case

    def test_clo2_aftercare_plan_required_before_closing(self):
        # rule CLO-2
        case = self._closing_case()
        with self.assertRefused("short- and long-term needs for aftercare"):
            case.action_close()
        with self.assertRefused("supports that continue after closing"):
            case.action_close()
        with self.assertRefused("when the aftercare plan was made"):
            case.action_close()
        case.write(self._aftercare())
        case.action_close()
        self.assertEqual(case.state, "closed")

    def test_clo2_each_aftercare_part_alone_is_required(self):
        # rule CLO-2: every part of the aftercare plan, each missing alone
        messages = {
            "aftercare_short_term_needs": "short- and long-term needs for aftercare",
            "aftercare_long_term_needs": "short- and long-term needs for aftercare",
            "aftercare_supports": "supports that continue after closing",
            "aftercare_plan_date": "when the aftercare plan was made",
        }
        for fname, message in messages.items():
            with self.subTest(missing=fname):
                case = self._closing_case()
                case.write(dict(self._aftercare(), **{fname: False}))
                with self.assertRefused(message):
                    case.action_close()
                self.assertEqual(case.state, "closing")

    def test_clo2_aftercare_plan_made_in_advance_boundary(self):
        """Planned the day of closing or before: accepted; planned after closing: refused."""
        # rule CLO-2
        for offset, accepted in ((-1, True), (0, True), (1, False)):
            case = self._closing_case()
            case.write(self._aftercare(self.today + relativedelta(days=offset)))
            if accepted:
                case.action_close()
                self.assertEqual(case.state, "closed")
            else:
                with self.assertRefused("made before closing, not after"):
                    case.action_close()
                self.assertEqual(case.state, "closing")

    def test_clo2_closing_evaluation_where_no_aftercare(self):
        # rule CLO-2
        self.program_prs.closing_requirement = "evaluation"  # as shipped for ORR PRS
        case = self._closing_case(
            program=self.program_prs,
            immigration_category_id=self.env.ref("rrs_case.immigration_category_uac").id,
        )
        self.assertEqual(case.closing_requirement, "evaluation")
        with self.assertRefused("write the closing evaluation"):
            case.action_close()
        case.closing_evaluation = "Services delivered for 90 days; the child is in school."
        with self.assertRefused("unmet needs"):
            case.action_close()
        case.unmet_needs = "Dental care: on a waiting list."
        case.action_close()
        self.assertEqual(case.state, "closed")

    def test_clo2_never_served_case_closes_without_aftercare(self):
        # rule CLO-2
        case = self._accepted_case(referred_out_partner_id=self._person("Other agency").id)
        case.write({"state": "closing"})  # straight from assessment, services never started
        case.write({"closing_reason": "referred_out"})
        case.action_close()
        self.assertEqual(case.state, "closed")

    def test_clo2_guided_closing_step(self):
        # rule CLO-2
        case = self._active_case()
        case.action_start_closing()
        action = case.with_user(self.worker).action_open_close_wizard()
        self.assertEqual(action["res_model"], "rrs.case.close.wizard")
        wizard_model = self.env["rrs.case.close.wizard"].with_user(self.worker)
        form = Form(wizard_model.with_context(**action["context"]))
        form.closing_reason = "goals_met"
        form.closing_summary = "Employed and housed"
        form.aftercare_plan_date = self.today + relativedelta(days=2)
        form.aftercare_short_term_needs = "Lease renewal"
        form.aftercare_long_term_needs = "Citizenship"
        form.aftercare_supports = "Mentor"
        wizard = form.save()
        with self.assertRefused("made before closing, not after"):
            wizard.action_close()
        self.assertEqual(case.state, "closing")
        self.assertFalse(case.closing_summary, "a refusal writes nothing on the case")
        wizard.aftercare_plan_date = self.today
        wizard.action_close()
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.aftercare_supports, "Mentor")

    def test_clo2_wizard_only_for_cases_in_closing(self):
        # rule CLO-2
        case = self._active_case()
        with self.assertRefused("not possible", UserError):
            case.action_open_close_wizard()

    def test_rec3_retention_from_the_last_entry(self):
        # rule REC-3: the program's years (7 for CSS and RRS as shipped) after the last entry
        case = self._closing_case()
        case.write(self._aftercare(self.today - relativedelta(days=20)))
        self.assertFalse(case.retention_until_date, "open records are kept")
        case.action_close()
        years = case.program_id.retention_years
        self.assertEqual(case.retention_until_date, self.today + relativedelta(years=years))
        closed_on = self.today - relativedelta(days=10)
        case.closing_date = closed_on
        self.assertEqual(case.retention_until_date, closed_on + relativedelta(years=years))
        called_on = self.today - relativedelta(days=5)
        self.env["rrs.case.note"].create(
            {
                "case_id": case.id,
                "subject": "Reference letter requested after closing",
                "contact_type": "phone",
                "contact_date": called_on,
                "written_date": called_on,
            }
        )
        until = called_on + relativedelta(years=years)
        self.assertEqual(case.retention_until_date, until)
        Case = self.env["rrs.case"]
        over = [("id", "=", case.id), ("retention_until_date", "<", until)]
        self.assertFalse(Case.search(over))
        self.assertTrue(Case.search([("id", "=", case.id), ("retention_until_date", "<=", until)]))
        with self.assertRefused("Only a program manager", UserError):
            case.with_user(self.supervisor).litigation_hold = True
        case.with_user(self.manager).litigation_hold = True
        self.assertFalse(
            Case.search([("id", "=", case.id), ("litigation_hold", "=", False)]),
            "a case under litigation never shows as due for disposal",
        )

    def test_rec3_disposal_after_retention_leaves_proof(self):
        # rule REC-3: disposal at the end of retention, never on hold, proof kept
        case = self._closing_case()
        case.write(self._aftercare(self.today - relativedelta(days=20)))
        case.action_close()
        plan_case_name = case.name
        head = case.head_partner_id
        visit = self.env["rrs.home.visit"].create(
            {
                "case_id": case.id,
                "worker_id": case.user_id.id,
                "purpose": "Aftercare check",
                "start": fields.Datetime.now().replace(hour=9, minute=0),
            }
        )
        event = visit.event_id
        self.env["rrs.service.plan"].create({"case_id": case.id, "state": "signed"})
        with self.assertRefused("part of the agency's records", UserError):
            case.with_user(self.manager).unlink()
        with self.assertRefused("Only a program manager", AccessError):
            case.with_user(self.supervisor).action_dispose()
        until = case.retention_until_date
        with freeze_time(until), self.assertRefused("are kept until", UserError):
            case.with_user(self.manager).action_dispose()
        case.with_user(self.manager).litigation_hold = True
        with freeze_time(until + relativedelta(days=1)):
            with self.assertRefused("litigation hold", UserError):
                case.with_user(self.manager).action_dispose()
            case.with_user(self.manager).litigation_hold = False
            case.with_user(self.manager).action_dispose()
        self.assertFalse(case.exists())
        self.assertFalse(head.exists(), "the person served, in no other case, goes too")
        self.assertFalse(event.exists(), "the visits' calendar events go too")
        proof = self.env["rrs.record.disposal"].search([("name", "=", plan_case_name)])
        self.assertEqual(proof.user_id, self.manager)
        self.assertIn("service plans: 1", proof.record_counts)
        self.assertIn("home visits: 1", proof.record_counts)
        self.assertNotIn("Head of household", proof.record_counts, "no personal data")
        with self.assertRefused("not allowed to delete", AccessError):
            proof.with_user(self.manager).unlink()
        with self.assertRefused("never deleted", UserError):
            proof.sudo().unlink()
        with self.assertRaises(AccessError):
            proof.with_user(self.worker).read(["name"])
        proof.with_user(self.auditor).read(["name"])

    def test_rec3_the_programs_own_retention_years(self):
        # rule REC-3: the retention period is the program's, not a constant
        self.program.retention_years = 10
        case = self._closing_case()
        case.write(self._aftercare(self.today - relativedelta(days=20)))
        case.with_user(self.worker).action_close()
        self.assertEqual(
            case.with_user(self.worker).retention_until_date,
            self.today + relativedelta(years=10),
        )

    def test_rec3_an_intake_case_with_notes_is_kept(self):
        # rule REC-3: an intake case is deleted while nothing was recorded on it; once a
        # note is written, only disposal destroys it
        empty = self._case()
        empty.with_user(self.manager).unlink()
        self.assertFalse(empty.exists())
        case = self._case()
        self.env["rrs.case.note"].with_user(self.worker).create(
            {"case_id": case.id, "subject": "First call", "contact_type": "phone"}
        )
        with self.assertRefused("is part of the agency's records", UserError):
            case.with_user(self.manager).unlink()
        self.assertTrue(case.exists())
