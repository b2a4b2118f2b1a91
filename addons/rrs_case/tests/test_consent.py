# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestConsent(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mother = cls._person("Mariam Haidari", age=36)
        cls.father = cls._person("Rahim Haidari", age=40)
        cls.son = cls._person("Omid Haidari", age=19)
        cls.daughter = cls._person("Laila Haidari", age=12)
        cls.interpreter = cls._person("Farid (interpreter)", age=50)
        cls.case = cls._case(
            head=cls.mother,
            members=[(cls.father, "spouse"), (cls.son, "child"), (cls.daughter, "child")],
        )
        cls.m = {m.partner_id: m for m in cls.case.member_ids}

    def _form(self, kind, person, signer=None, role="client", **vals):
        values = {
            "case_id": self.case.id,
            "consent_type": kind,
            "member_id": self.m[person].id if person else False,
            "signer_role": role,
            "signer_partner_id": (signer or person).id,
        }
        values.update(vals)
        return self.env["rrs.consent"].create(values)

    def _countersigned(self):
        return {"countersign_user_id": self.worker.id, "countersign_date": self.today}

    def test_con1_adults_sign_their_own(self):
        # rule CON-1: adults (18+) sign their own forms
        with self.assertRefused("signed by Omid Haidari themself"):
            self._form("charter", self.son, signer=self.mother)
        with self.assertRefused("18 or older and signs their own"):
            self._form("charter", self.son, signer=self.mother, role="guardian")
        self.assertTrue(self._form("charter", self.son))

    def test_con1_minors_are_covered_by_a_guardian(self):
        # rule CON-1: minors are covered by the guardian's forms
        with self.assertRefused("was a minor .* a parent or legal guardian signs"):
            self._form("charter", self.daughter)
        with self.assertRefused("cannot sign as their own guardian"):
            self._form("charter", self.daughter, signer=self.daughter, role="guardian")
        self.assertTrue(self._form("charter", self.daughter, signer=self.mother, role="guardian"))

    def test_con1_a_minor_cannot_sign_as_guardian(self):
        young = self._person("Young sibling", age=16)
        self.case.member_ids = [(0, 0, {"partner_id": young.id, "relationship": "child"})]
        with self.assertRefused("is a minor and cannot sign as a guardian"):
            self._form("charter", self.daughter, signer=young, role="guardian")

    @freeze_time("2026-06-01")
    def test_con1_youth_turning_18_signs_their_own(self):
        youth = self._person("Turns 18 on 2026-06-01", birthdate="2008-06-01")
        self.case.member_ids = [(0, 0, {"partner_id": youth.id, "relationship": "child"})]
        member = self.case.member_ids.filtered(lambda m: m.partner_id == youth)
        with self.assertRefused("18 or older"):
            self._form("charter", None, signer=self.mother, role="guardian", member_id=member.id)
        self.assertTrue(
            self._form(
                "charter", None, signer=youth, member_id=member.id, signature_date="2026-06-01"
            )
        )
        with self.assertRefused("was a minor on 2026-05-31"):
            self._form(
                "confidentiality",
                None,
                signer=youth,
                member_id=member.id,
                signature_date="2026-05-31",
            )

    def test_con1_interpreters_sign_the_confidentiality_form(self):
        form = self._form("confidentiality", None, signer=self.interpreter, role="interpreter")
        self.assertEqual(form.signer_role, "interpreter")
        with self.assertRefused("Interpreters sign the confidentiality form only"):
            self._form("charter", None, signer=self.interpreter, role="interpreter")

    def test_con1_case_shows_what_is_missing(self):
        # rule CON-1: a case shows the missing forms, person by person
        missing = self.case.consent_missing
        for name in ("Mariam", "Rahim", "Omid", "Laila"):
            self.assertIn(name, missing)
        self._form("confidentiality", self.mother)
        self.case.invalidate_recordset(["consent_missing"])
        self.assertIn("Mariam Haidari (staff countersignature missing)", self.case.consent_missing)
        self.case.consent_ids.with_user(self.worker).action_countersign()
        self._form("charter", self.mother)
        for person in (self.father, self.son):
            self._form("confidentiality", person, **self._countersigned())
            self._form("charter", person)
        # the minor daughter is covered by her mother's (head of household) forms
        self.case.invalidate_recordset(["consent_missing"])
        self.assertFalse(self.case.consent_missing)
        self.assertFalse(self.case._get_missing_forms())

    def test_con1_forms_of_an_adult_child_do_not_cover_siblings(self):
        only_son = self._case(
            head=self._person("Grandmother", age=70),
            members=[
                (self._person("Adult grandson", age=22), "grandchild"),
                (self._person("Minor granddaughter", age=8), "grandchild"),
            ],
        )
        grandson = only_son.member_ids.filtered(
            lambda m: m.relationship == "grandchild" and not m.is_minor
        )
        for kind in ("confidentiality", "charter"):
            self.env["rrs.consent"].create(
                {
                    "case_id": only_son.id,
                    "consent_type": kind,
                    "member_id": grandson.id,
                    "signer_role": "client",
                    "signer_partner_id": grandson.partner_id.id,
                    **(
                        {"countersign_user_id": self.worker.id, "countersign_date": self.today}
                        if kind == "confidentiality"
                        else {}
                    ),
                }
            )
        self.assertIn("Minor granddaughter", only_son.consent_missing)
        self.assertIn("Grandmother", only_son.consent_missing)

    def test_con1_countersignature_needs_who_and_when(self):
        # rule CON-1: the staff countersignature names who and when
        with self.assertRefused("both the staff member and the date"):
            self._form("confidentiality", self.mother, countersign_user_id=self.worker.id)
        with self.assertRefused("after the client has signed"):
            self._form(
                "confidentiality",
                self.mother,
                signature_date=self.today,
                countersign_user_id=self.worker.id,
                countersign_date="2020-01-01",
            )

    @freeze_time("2026-04-01")
    def test_con2_release_names_party_scope_and_expiry(self):
        # rule CON-2: a release of information names the party, the scope and an expiry
        school = self.env["res.partner"].create({"name": "Lincoln Elementary", "is_company": True})
        with self.assertRefused("names the party"):
            self._form("release", self.mother, party_partner_id=school.id, scope="Enrolment")
        with self.assertRefused("expiry date must come after"):
            self._form(
                "release",
                self.mother,
                party_partner_id=school.id,
                scope="Enrolment",
                expiry_date="2026-04-01",
            )
        release = self._form(
            "release",
            self.mother,
            party_partner_id=school.id,
            scope="Enrolment",
            expiry_date="2026-09-30",
        )
        self.assertEqual(self.case.get_valid_release(school), release)
        self.assertTrue(release.is_valid)
        # valid through its expiry day, not the day after
        self.assertEqual(self.case.get_valid_release(school, on_date=release.expiry_date), release)
        self.assertFalse(
            self.case.get_valid_release(school, on_date=release.expiry_date + timedelta(days=1))
        )
        release.action_revoke()
        self.assertFalse(release.is_valid)
        self.assertFalse(self.case.get_valid_release(school))

    @freeze_time("2026-04-01")
    def test_signature_in_the_future_refused(self):
        with self.assertRefused("cannot be signed in the future"):
            self._form("charter", self.mother, signature_date="2026-04-02")

    def _worker_form(self, case, kind, member, signer=None, role="client", **vals):
        values = {
            "case_id": case.id,
            "consent_type": kind,
            "member_id": member.id if member else False,
            "signer_role": role,
            "signer_partner_id": (signer or member.partner_id).id,
        }
        values.update(vals)
        return self.env["rrs.consent"].with_user(self.worker).create(values)

    def test_con1_each_form_counts_for_its_own_people(self):
        # rule CON-1: both forms for everyone; the spouse's own forms cover the minors; a
        # guardian's form covers the one child it names; a revoked form no longer counts
        case = self._case(
            head=self._person("Head Amina", age=35),
            members=[
                (self._person("Spouse Yusuf", age=38), "spouse"),
                (self._person("Child Nuri", age=10), "child"),
                (self._person("Child Zara", age=7), "child"),
            ],
        )
        m = {member.partner_id.name: member for member in case.member_ids}
        # the head signs the confidentiality form only: the charter is still missing
        self._worker_form(case, "confidentiality", m["Head Amina"]).action_countersign()
        missing = case._get_missing_forms()
        self.assertIn("Client Charter: Head Amina", missing)
        self.assertNotIn("Confidentiality form: Head Amina", missing)
        # a guardian's form for Nuri covers Nuri, not Zara
        self._worker_form(
            case, "charter", m["Child Nuri"], signer=m["Spouse Yusuf"].partner_id, role="guardian"
        )
        missing = case._get_missing_forms()
        self.assertNotIn("Client Charter: Child Nuri (signed by a parent or guardian)", missing)
        self.assertIn("Client Charter: Child Zara (signed by a parent or guardian)", missing)
        # the spouse's own forms cover both children
        self._worker_form(case, "confidentiality", m["Spouse Yusuf"]).action_countersign()
        charter = self._worker_form(case, "charter", m["Spouse Yusuf"])
        self.assertEqual(case._get_missing_forms(), ["Client Charter: Head Amina"])
        self._worker_form(case, "charter", m["Head Amina"])
        self.assertEqual(case._get_missing_forms(), [])
        # a revoked form is missing again (and the children are still covered by the head)
        charter.with_user(self.worker).action_revoke()
        self.assertEqual(case._get_missing_forms(), ["Client Charter: Spouse Yusuf"])
        case = case.with_user(self.worker)
        case.write({"immigration_category_id": self.cat_refugee.id})
        case.write({"applicant_informed_date": self.today})
        case.action_accept()
        with self.assertRefused("Client Charter: Spouse Yusuf", UserError):
            case.action_start_service()
        self.assertEqual(case.state, "assessment")

    def test_con1_staff_countersign_after_the_client_never_the_signer(self):
        # rule CON-1: countersigned the day the client signs or later, never before, by case
        # staff who did not sign the form themself
        with self.assertRefused("after the client has signed"):
            self._form(
                "confidentiality",
                self.mother,
                signature_date=self.today,
                countersign_user_id=self.worker.id,
                countersign_date=self.today - timedelta(days=1),
            )
        same_day = self._form(
            "confidentiality",
            self.mother,
            signature_date=self.today - timedelta(days=1),
            countersign_user_id=self.worker.id,
            countersign_date=self.today - timedelta(days=1),
        )
        self.assertTrue(same_day.countersign_date)
        # the worker once signed as the family's interpreter: someone else countersigns that
        form = self._form(
            "confidentiality", None, signer=self.worker.partner_id, role="interpreter"
        )
        with self.assertRefused("signed this form and cannot countersign it", AccessError):
            form.with_user(self.worker).action_countersign()
        self.assertFalse(form.countersign_date)
        form.with_user(self.supervisor).action_countersign()
        self.assertEqual(form.countersign_user_id, self.supervisor)
        self.assertEqual(form.countersign_date, self.today)

    @freeze_time("2026-04-01")
    def test_con2_a_release_names_its_party_and_covers_that_party_only(self):
        # rule CON-2: the party, the scope and the expiry, each required alone; the release
        # covers the party it names (and its people), no other
        school = self.env["res.partner"].create({"name": "Lincoln Elementary", "is_company": True})
        teacher = self.env["res.partner"].create({"name": "Ms Park", "parent_id": school.id})
        clinic = self.env["res.partner"].create({"name": "Eastside Clinic", "is_company": True})
        values = {"party_partner_id": school.id, "scope": "Enrolment", "expiry_date": "2026-09-30"}
        for missing in values:
            with self.subTest(missing=missing):
                with self.assertRefused("names the party information may be shared with"):
                    self._worker_form(
                        self.case, "release", self.m[self.mother], **{**values, missing: False}
                    )
        release = self._worker_form(self.case, "release", self.m[self.mother], **values)
        self.assertEqual(self.case.get_valid_release(teacher), release)
        self.assertFalse(self.case.get_valid_release(clinic))
        Note = self.env["rrs.case.note"].with_user(self.worker)
        note = {"case_id": self.case.id, "subject": "Asked about", "contact_type": "consultation"}
        with self.assertRefused("no valid release of information naming Eastside Clinic"):
            Note.create(dict(note, consulted_partner_id=clinic.id))
        consulted = Note.create(dict(note, consulted_partner_id=school.id))
        self.assertEqual(consulted.consent_id, release)
