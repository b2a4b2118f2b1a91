# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools.pdf import PdfFileReader

from .common import RrsCaseCommon

# A 1x1 PNG: the signature drawn in the signature box
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


class ServicePlanCommon(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env["res.partner"].create(
            {"name": "WorkBridge Employment", "is_company": True, "rrs_is_provider": True}
        )
        cls.employment = cls.env.ref("rrs_case.service_category_employment")

    @classmethod
    def _plan(cls, case, user=None, **vals):
        values = {
            "case_id": case.id,
            "summary": "From the intake assessment",
            "family_network": "Weekly call with the family's relatives",
            "crisis_procedure": "Office line, then the worker within one working day",
            "self_sufficiency_pathway": "English, then work in logistics",
            "self_sufficiency_barriers": "No local work history",
            "client_signer_partner_id": case.head_partner_id.id,
            "goal_ids": [
                Command.create(
                    {
                        "name": "Paid work",
                        "service_category_id": cls.employment.id,
                        "desired_outcome": "Full-time job that covers the rent",
                        "target_date": cls.today + relativedelta(months=6),
                        "services": "Job readiness, placement",
                        "provider_type": "provider",
                        "provider_id": cls.provider.id,
                    }
                )
            ],
        }
        values.update(vals)
        return cls.env["rrs.service.plan"].with_user(user or case.user_id).create(values)

    def _sign(self, plan, supervisor=None):
        plan = plan.with_user(plan.case_id.user_id)
        plan.client_signature = SIGNATURE
        plan.action_sign_client()
        plan.action_sign_worker()
        if supervisor:
            plan.with_user(supervisor).action_sign_supervisor()
        return plan


@tagged("post_install", "-at_install")
class TestServicePlan(ServicePlanCommon):
    def test_plan1_signed_plan_holds_goals_networks_crisis_self_sufficiency(self):
        # rule PLAN-1
        case = self._active_case()
        plan = self._plan(case, family_network=False)
        self.assertEqual(plan.version, 1)
        with self.assertRefused("Family and informal networks", UserError):
            self._sign(plan)
        plan.family_network = "Church welcome group, cousin in Ohio"
        self._sign(plan)
        self.assertEqual(plan.state, "signed")
        self.assertEqual(plan.client_signature_date, self.today)
        self.assertEqual(plan.worker_signer_id, self.worker)
        self.assertEqual(plan.worker_signature_date, self.today)
        self.assertEqual(case.current_plan_id, plan)

    def test_plan1_each_required_part_alone_blocks_signing(self):
        # rule PLAN-1: goals, networks, the crisis procedure, the pathway to and the barriers to
        # self-sufficiency, each missing alone
        parts = {
            "family_network": "Family and informal networks",
            "crisis_procedure": "Expedited planning in a crisis",
            "self_sufficiency_pathway": "Pathway to economic self-sufficiency",
            "self_sufficiency_barriers": "Barriers to economic self-sufficiency",
        }
        for fname, label in parts.items():
            with self.subTest(missing=fname):
                plan = self._plan(self._active_case(), **{fname: False})
                self.assertIn(label, plan.signing_problems)
                others = set(parts.values()) - {label}
                self.assertFalse([o for o in others if o in plan.signing_problems])
                with self.assertRefused(label, UserError):
                    self._sign(plan)
        plan = self._plan(self._active_case(), goal_ids=[])
        self.assertIn("add at least one goal", plan.signing_problems)
        with self.assertRefused("add at least one goal", UserError):
            self._sign(plan)

    def test_plan1_form_lists_what_is_missing_before_the_signature_box_opens(self):
        # rule PLAN-1 (issue 9): the worker sees what the plan needs before the client is asked
        # to sign; the list empties as the worker completes the plan, in the form itself
        case = self._active_case()
        plan = self._plan(case, family_network=False, crisis_procedure=" ").with_user(self.worker)
        self.assertIn("Family and informal networks", plan.signing_problems)
        self.assertIn("Expedited planning in a crisis", plan.signing_problems)
        self.assertNotIn("Pathway", plan.signing_problems)
        with Form(plan) as form:
            form.family_network = "Cousin in Ohio"
            self.assertNotIn("Family and informal networks", form.signing_problems)
            self.assertIn("Expedited planning in a crisis", form.signing_problems)
            form.crisis_procedure = "Office line, then the worker within a working day"
            self.assertFalse(form.signing_problems)
        self._sign(plan)
        self.assertFalse(plan.signing_problems, "a signed plan has nothing left to do")

    def test_plan1_goal_names_who_delivers(self):
        # rule PLAN-1
        case = self._active_case()
        plan = self._plan(case)
        plan.goal_ids.write({"provider_type": "provider", "provider_id": False})
        with self.assertRefused("name the provider who delivers", UserError):
            self._sign(plan)
        plan.goal_ids.write({"provider_type": "worker", "responsible_user_id": False})
        with self.assertRefused("which staff member delivers", UserError):
            self._sign(plan)

    def test_plan1_plan_signed_by_client_or_guardian(self):
        # rule PLAN-1
        child = self._person("Child", age=15)
        case = self._active_case(members=[(child, "child")])
        outsider = self._person("Neighbour", age=50)
        with self.assertRefused("not a member of household"):
            self._plan(case, client_signer_partner_id=outsider.id)
        with self.assertRefused("is a minor: the plan is signed by their legal guardian"):
            self._plan(case, client_signer_partner_id=child.id, client_signer_role="client")
        # a legal guardian may be from outside the household (a court-appointed guardian)
        guardian = self._plan(
            self._active_case(members=[(self._person("Child", age=12), "child")]),
            client_signer_partner_id=outsider.id,
            client_signer_role="guardian",
        )
        self.assertEqual(guardian.client_signer_partner_id, outsider)
        plan = self._plan(case)
        plan.client_signature = False
        with self.assertRefused("signs in the signature box first", UserError):
            plan.with_user(self.worker).action_sign_client()

    def test_plan1_supervisor_signs_where_program_requires(self):
        # rule PLAN-1
        self.program_icm.plan_supervisor_signature = True
        case = self._active_case(program=self.program_icm, immigration_category_id=self.cat_gar.id)
        plan = self._sign(self._plan(case))
        self.assertTrue(plan.supervisor_required)
        self.assertEqual(plan.state, "draft", "still waiting for the supervisor's signature")
        plan.with_user(self.supervisor).action_sign_supervisor()
        self.assertEqual(plan.state, "signed")
        self.assertEqual(plan.supervisor_signer_id, self.supervisor)
        self.assertEqual(plan.supervisor_signature_date, self.today)

    def test_plan1_worker_cannot_sign_as_supervisor(self):
        # rule PLAN-1
        self.program_icm.plan_supervisor_signature = True
        case = self._active_case(program=self.program_icm, immigration_category_id=self.cat_gar.id)
        plan = self._sign(self._plan(case))
        with self.assertRefused("cannot sign this plan as its supervisor", AccessError):
            plan.with_user(self.worker).action_sign_supervisor()
        # a supervisor of another team cannot sign either
        with self.assertRefused("doesn't have 'write' access to:\\n- Service Plan", AccessError):
            plan.with_user(self.supervisor_other).action_sign_supervisor()
        # a supervisor who is the case's own worker cannot sign as its supervisor
        case.with_user(self.supervisor).write(
            {"secondary_user_ids": [Command.link(self.supervisor.id)]}
        )
        with self.assertRefused("works on case", AccessError):
            plan.with_user(self.supervisor).action_sign_supervisor()
        self.assertEqual(plan.state, "draft")

    def test_plan1_only_an_assigned_worker_signs_as_worker(self):
        # rule PLAN-1
        case = self._active_case()
        plan = self._plan(case)
        with self.assertRefused("Only a case worker assigned", AccessError):
            plan.with_user(self.supervisor).action_sign_worker()

    def test_plan2_children_six_and_older_take_part_or_reason_recorded(self):
        # rule PLAN-2
        six = self._person("Six", age=6)
        five = self._person("Five", age=5)
        case = self._active_case(members=[(six, "child"), (five, "child")])
        plan = self._plan(case)
        by_partner = {p.member_id.partner_id: p for p in plan.participant_ids}
        self.assertTrue(by_partner[six].took_part, "a child of six takes part by default")
        self.assertFalse(by_partner[five].took_part)
        self.assertEqual(by_partner[five].reason_not, "under_age")
        by_partner[six].write({"took_part": False, "reason_not": "under_age"})
        with self.assertRefused("Six is 6: children aged 6 and older take part", UserError):
            self._sign(plan)
        by_partner[six].write({"reason_not": "cultural", "reason_detail": False})
        with self.assertRefused("explain why Six did not take part", UserError):
            self._sign(plan)
        by_partner[six].reason_detail = "The family asked that children not attend planning."
        self._sign(plan)
        self.assertEqual(plan.state, "signed")

    def test_plan2_birthday_boundary(self):
        """A child who turns 6 on the planning day takes part; the day before, not."""
        # rule PLAN-2
        birth = self.today - relativedelta(years=6)
        child = self._person("Birthday child", birthdate=birth)
        case = self._active_case(members=[(child, "child")])
        with freeze_time(self.today - relativedelta(days=1)):
            self.env.invalidate_all()
            plan = self._plan(case)
            member = plan.participant_ids.filtered(lambda p: p.member_id.partner_id == child)
            self.assertEqual(member.reason_not, "under_age")
            plan.unlink()
        self.env.invalidate_all()
        plan = self._plan(case)
        member = plan.participant_ids.filtered(lambda p: p.member_id.partner_id == child)
        self.assertTrue(member.took_part)

    def test_plan2_each_reason_for_not_taking_part_alone(self):
        # rule PLAN-2: a child of 6 or older who did not take part needs a reason, and a
        # cultural objection or clinical justification its explanation; every household
        # member is listed on the plan
        child = self._person("Eight", age=8)
        case = self._active_case(members=[(child, "child")])
        plan = self._plan(case)
        part = plan.participant_ids.filtered(lambda p: p.member_id.partner_id == child)
        self.assertTrue(part.took_part)
        part.with_user(self.worker).write({"took_part": False})
        with self.assertRefused("say why Eight did not take part", UserError):
            self._sign(plan)
        part.with_user(self.worker).write({"reason_not": "clinical"})
        with self.assertRefused("explain why Eight did not take part", UserError):
            self._sign(plan)
        part.with_user(self.worker).write({"reason_detail": "Therapist advised against it"})
        newborn = self._person("Newborn", age=0)
        case.with_user(self.worker).member_ids = [
            Command.create({"partner_id": newborn.id, "relationship": "child"})
        ]
        with self.assertRefused("say whether Newborn took part", UserError):
            self._sign(plan)
        self.assertEqual(plan.state, "draft")
        newborn_member = case.member_ids.filtered(lambda m: m.partner_id == newborn)
        self.env["rrs.service.plan.participant"].with_user(self.worker).create(
            {
                "plan_id": plan.id,
                "member_id": newborn_member.id,
                "took_part": False,
                "reason_not": "under_age",
            }
        )
        self._sign(plan)
        self.assertEqual(plan.state, "signed")

    def test_plan3_agreement_pdf_contains_goals_signatures_policies(self):
        # rule PLAN-3
        plan = self.env.ref("rrs_case.plan_rahimi_1_demo")
        # printed in the agency's language (English): the family's Dari, when the demo has
        # activated it, is tested with the other languages (test_document_only_languages)
        plan.document_language_id = self.env.ref("rrs_case.language_eng")
        self.assertEqual(plan._rrs_document_lang()[0], "en_US")
        # the agency's own policy texts (company settings), not a text of the report
        plan.company_id.rrs_client_information_policy = "<p>Your file is yours to see.</p>"
        report = self.env.ref("rrs_case.action_report_service_agreement")
        html = report._render_qweb_html(report, plan.ids)[0].decode()
        for text in (
            "Your file is yours to see.",
            "Ahmad in paid work",
            "English for Fatima and Ahmad",
            "Fatima Rahimi",
            "Conflict of interest",
            "do not accept gifts",
            "Use and protection of your information",
            "Case worker",
        ):
            self.assertIn(text, html)
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report, plan.ids
        )
        self.assertEqual(kind, "pdf")
        pages = PdfFileReader(io.BytesIO(pdf)).pages
        text = " ".join(" ".join(page.extract_text().split()) for page in pages)
        for expected in ("Service agreement", "Ahmad in paid work", "Conflict of interest"):
            self.assertIn(expected, text)

    def test_plan3_agreement_given_after_signing(self):
        # rule PLAN-3
        case = self._active_case()
        plan = self._plan(case)
        with self.assertRefused("once it is signed", UserError):
            plan.with_user(self.worker).action_mark_agreement_given()
        self._sign(plan).action_mark_agreement_given()
        self.assertEqual(plan.agreement_given_date, self.today)

    def test_plan3_agreement_given_once_and_its_date_kept(self):
        # rule PLAN-3: the date the client received the agreement is recorded once
        case = self._active_case()
        plan = self._sign(self._plan(case))
        with freeze_time(self.today - relativedelta(days=1)):
            plan.with_user(self.worker).action_mark_agreement_given()
        given = self.today - relativedelta(days=1)
        self.assertEqual(plan.agreement_given_date, given)
        with self.assertRefused(f"The client received {plan.name} on {given}", UserError):
            plan.with_user(self.worker).action_mark_agreement_given()
        self.assertEqual(plan.agreement_given_date, given)

    def test_plan3_the_client_gets_the_agreement_kept_at_signature(self):
        # rule PLAN-3: a draft prints from the report; a signed plan gives the copy kept when
        # it was signed
        case = self._active_case()
        plan = self._plan(case)
        action = plan.with_user(self.worker).action_print_agreement()
        self.assertEqual(action["report_name"], "rrs_case.report_service_agreement")
        self._sign(plan)
        action = plan.with_user(self.worker).action_print_agreement()
        self.assertEqual(
            action["url"], f"/web/content/{plan.agreement_attachment_id.id}?download=true"
        )

    def test_plan5_signed_plan_frozen_and_kept_as_signed(self):
        # rule PLAN-5
        case = self._active_case()
        plan = self._sign(self._plan(case))
        attachment = plan.agreement_attachment_id
        self.assertTrue(attachment, "the signed agreement is kept")
        self.assertIn(b"Paid work", base64.b64decode(attachment.datas))
        with self.assertRefused("stays as it was signed", UserError):
            plan.with_user(self.worker).write({"crisis_procedure": "changed"})
        with self.assertRefused("goals stay as they were signed", UserError):
            plan.goal_ids.with_user(self.worker).write({"desired_outcome": "changed"})
        with self.assertRefused("goals stay as they were signed", UserError):
            plan.goal_ids.with_user(self.worker).unlink()
        with self.assertRefused("stays as it was signed", UserError):
            plan.participant_ids[:1].with_user(self.worker).write({"took_part": False})
        with self.assertRefused("never deleted", UserError):
            plan.with_user(self.manager).unlink()
        # progress is followed on the signed plan
        plan.goal_ids.with_user(self.worker).write({"status": "in_progress", "progress": 40})
        self.assertEqual(plan.goal_ids.progress, 40)

    def test_plan5_revision_discussed_signed_and_supersedes(self):
        # rule PLAN-5
        case = self._active_case()
        first = self._sign(self._plan(case))
        action = case.with_user(self.worker).action_new_plan()
        revision = self.env["rrs.service.plan"].browse(action["res_id"])
        self.assertEqual(revision.version, 2)
        self.assertEqual(revision.previous_plan_id, first)
        self.assertEqual(revision.state, "draft")
        self.assertFalse(revision.client_signature_date)
        self.assertEqual(revision.goal_ids.name, "Paid work")
        self.assertEqual(case.current_plan_id, first, "in force until the revision is signed")
        with self.assertRefused("already has a plan being drafted", UserError):
            self._plan(case)
        revision.goal_ids.with_user(self.worker).desired_outcome = "Part-time job and training"
        self._sign(revision)
        self.assertEqual(first.state, "superseded")
        self.assertEqual(case.current_plan_id, revision)
        self.assertEqual(first.goal_ids.desired_outcome, "Full-time job that covers the rent")

    def test_plan5_a_superseded_plan_is_kept_and_never_revised(self):
        # rule PLAN-5: only the signed plan in force is revised; a superseded plan stays
        case = self._active_case()
        first = self._sign(self._plan(case))
        action = first.with_user(self.worker).action_revise()
        revision = self.env["rrs.service.plan"].browse(action["res_id"])
        self._sign(revision)
        self.assertEqual((first.state, revision.state), ("superseded", "signed"))
        with self.assertRefused("Only the current signed plan is revised", UserError):
            first.with_user(self.worker).action_revise()
        with self.assertRefused("never deleted", UserError):
            first.with_user(self.manager).unlink()
        self.assertTrue(first.exists())
        third = revision.with_user(self.worker).action_revise()
        self.assertEqual(self.env["rrs.service.plan"].browse(third["res_id"]).version, 3)

    def test_plan5_supervisor_signs_where_the_program_asks(self):
        # rule PLAN-5: where the program asks for it, the plan is signed once the supervisor
        # has signed too; without that setting, client and worker sign it
        self.program.plan_supervisor_signature = True
        case = self._active_case()
        plan = self._sign(self._plan(case))
        self.assertEqual(plan.state, "draft")
        self.assertTrue(plan.client_signature_date and plan.worker_signature_date)
        plan.with_user(self.supervisor).action_sign_supervisor()
        self.assertEqual(plan.state, "signed")
        self.assertEqual(plan.supervisor_signer_id, self.supervisor)
        self.program.plan_supervisor_signature = False
        other = self._sign(self._plan(self._active_case()))
        self.assertEqual(other.state, "signed")

    def test_plan_security_workers_supervisors_and_others(self):
        # rules PLAN-1, PLAN-5: plans follow the case's record rules
        case = self._active_case()
        plan = self._plan(case)
        self.assertEqual(
            plan.with_user(self.worker_other).search([("id", "=", plan.id)]), plan.browse()
        )
        for user in (self.worker_other, self.worker_far, self.supervisor_other):
            with self.assertRaises(AccessError):
                plan.with_user(user).read(["goal_ids"])
            with self.assertRaises(AccessError):
                plan.goal_ids.with_user(user).read(["name"])
        for user in (self.volunteer, self.finance):
            with self.assertRaises(AccessError):
                plan.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self._plan(self._active_case(), user=user)
        plan.with_user(self.supervisor).read(["goal_ids"])
        plan.with_user(self.manager).read(["goal_ids"])
        plan.with_user(self.auditor).read(["goal_ids"])
        with self.assertRaises(AccessError):
            plan.with_user(self.auditor).write({"summary": "audited"})
        with self.assertRaises(AccessError):
            self._plan(self._active_case(), user=self.worker_far)


@tagged("post_install", "-at_install")
class TestCaseReview(ServicePlanCommon):
    def _review(self, case, **vals):
        values = {
            "case_id": case.id,
            "coordination": "Providers coordinated by the worker",
            "progress": "Two of three goals on track",
            "appropriateness": "appropriate",
            "decisions": "Continue",
        }
        values.update(vals)
        return self.env["rrs.case.review"].with_user(case.user_id).create(values)

    def _self_reviewer(self, user):
        self.env["hr.employee"].search([("user_id", "=", user.id)]).rrs_self_review = True

    def test_plan4_next_review_at_the_program_interval(self):
        # rule PLAN-4
        case = self._active_case(service_start_date=self.today - relativedelta(months=1))
        self.assertEqual(case.next_review_date, case.service_start_date + relativedelta(months=3))
        review = self._review(case)
        self.assertEqual(review.due_date, case.next_review_date)
        review.with_user(self.supervisor).action_done()
        self.assertEqual(review.reviewer_id, self.supervisor)
        self.assertEqual(case.last_review_date, self.today)
        self.assertEqual(case.next_review_date, self.today + relativedelta(months=3))
        # the program's own interval, not the shipped three months
        self.program.review_interval_months = 2
        self.assertEqual(case.next_review_date, self.today + relativedelta(months=2))

    def test_plan4_review_is_done_by_the_supervisor_not_the_worker(self):
        # rule PLAN-4
        case = self._active_case()
        review = self._review(case)
        with self.assertRefused("cannot review this case as its supervisor", AccessError):
            review.with_user(self.worker).action_done()
        with self.assertRefused("doesn't have 'read' access to:\\n- Case Review", AccessError):
            review.with_user(self.supervisor_other).action_done()
        review.coordination = False
        with self.assertRefused("Coordination and implementation", UserError):
            review.with_user(self.supervisor).action_done()
        review.coordination = "Coordinated"
        review.with_user(self.supervisor).action_done()
        with self.assertRefused("stays as recorded", UserError):
            review.with_user(self.supervisor).write({"decisions": "changed"})

    def test_plan4_team_review_names_two_members(self):
        # rule PLAN-4
        case = self._active_case()
        review = self._review(case, reviewer_type="team")
        with self.assertRefused("at least two team members", UserError):
            review.with_user(self.worker).action_done()
        review.team_user_ids = self.worker | self.worker_other
        review.with_user(self.worker).action_done()
        self.assertEqual(review.state, "done")

    def test_plan4_self_review_only_for_experienced_workers_and_sampled(self):
        # rule PLAN-4
        case = self._active_case()
        review = self._review(case, reviewer_type="self")
        with self.assertRefused("does not review their own cases", AccessError):
            review.with_user(self.worker).action_done()
        self._self_reviewer(self.worker)
        self.program.self_review_sample_percent = 100
        review.with_user(self.worker).action_done()
        self.assertTrue(review.sampled)
        activity = review.activity_ids
        self.assertEqual(activity.user_id, self.supervisor, "the supervisor checks the sample")
        with self.assertRefused("cannot check this review as its supervisor", AccessError):
            review.with_user(self.worker).action_check_sample()
        review.with_user(self.supervisor).action_check_sample()
        self.assertEqual(review.sample_checked_by_id, self.supervisor)
        self.assertFalse(review.activity_ids)

    def test_plan4_self_review_only_by_a_worker_assigned_to_the_case(self):
        # rule PLAN-4: a self-review is done by an experienced worker assigned to the case,
        # never by someone who reads the case without working on it
        case = self._active_case()
        review = self._review(case, reviewer_type="self")
        self._self_reviewer(self.manager)
        with self.assertRefused(
            "A self-review is done by a worker assigned to the case", AccessError
        ):
            review.with_user(self.manager).action_done()
        self.assertEqual(review.state, "draft")
        self._self_reviewer(self.worker)
        review.with_user(self.worker).action_done()
        self.assertEqual((review.state, review.reviewer_id), ("done", self.worker))

    def test_plan4_sample_rate(self):
        # rule PLAN-4
        case = self._active_case()
        self._self_reviewer(self.worker)
        self.program.self_review_sample_percent = 0
        review = self._review(case, reviewer_type="self")
        review.with_user(self.worker).action_done()
        self.assertFalse(review.sampled)
        self.program.self_review_sample_percent = 30
        for draw, expected in ((0.29, True), (0.30, False)):
            review = self._review(case, reviewer_type="self")
            with patch("random.SystemRandom.random", return_value=draw):
                review.with_user(self.worker).action_done()
            self.assertEqual(review.sampled, expected, f"draw {draw} at 30%")

    def test_plan4_cron_reminds_once_when_review_comes_due(self):
        # rule PLAN-4
        start = self.today - relativedelta(months=3) + relativedelta(days=14)
        case = self._active_case(service_start_date=start)
        due = case.next_review_date
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", "rrs.case"), ("res_id", "=", case.id)]
        no_commit = patch.object(
            type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: float("inf")
        )
        with no_commit, freeze_time(due - relativedelta(days=15)):
            self.env["rrs.case"]._cron_case_reviews()
            self.assertFalse(Activity.search(domain))
        with no_commit, freeze_time(due - relativedelta(days=14)):
            self.env["rrs.case"]._cron_case_reviews()
            self.env["rrs.case"]._cron_case_reviews()
            activity = Activity.search(domain)
            self.assertEqual(len(activity), 1, "one reminder however often the cron runs")
            self.assertEqual(activity.user_id, self.supervisor)
            self.assertEqual(activity.date_deadline, due)
        self._review(case).with_user(self.supervisor).action_done()
        self.assertFalse(Activity.search(domain), "done with the review")

    def test_cron_failing_record_never_blocks_the_others(self):
        """A case whose reminder fails is logged and left out; the batch goes on."""
        start = self.today - relativedelta(months=3)
        cases = self.env["rrs.case"]
        for i in range(3):
            cases |= self._active_case(
                head=self._person(f"Due {i}", age=30), service_start_date=start
            )
        broken = cases[1]
        Case = type(self.env["rrs.case"])
        original = Case._schedule_review_activities

        def schedule(records):
            if broken in records:
                raise ValueError("corrupt record")
            return original(records)

        no_commit = patch.object(
            type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: float("inf")
        )
        with (
            no_commit,
            patch.object(Case, "_schedule_review_activities", schedule),
            self.assertLogs("odoo.addons.rrs_case.models.rrs_batch_mixin", "ERROR") as logs,
        ):
            self.env["rrs.case"]._cron_case_reviews()
        self.assertEqual(len(logs.records), 1)
        self.assertIn(str(broken.id), logs.output[0])
        reminded = self.env["mail.activity"].search(
            [("res_model", "=", "rrs.case"), ("res_id", "in", cases.ids)]
        )
        self.assertEqual(set(reminded.mapped("res_id")), set((cases - broken).ids))

    def test_plan4_review_security(self):
        # rule PLAN-4
        case = self._active_case()
        review = self._review(case)
        for user in (self.worker_far, self.volunteer, self.finance):
            with self.assertRaises(AccessError):
                review.with_user(user).read(["progress"])
        review.with_user(self.auditor).read(["progress"])
        with self.assertRaises(AccessError):
            review.with_user(self.auditor).write({"progress": "x"})
