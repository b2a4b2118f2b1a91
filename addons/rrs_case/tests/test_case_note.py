# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestCaseNote(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._case()
        cls.clinic = cls.env["res.partner"].create(
            {"name": "Eastside Community Clinic", "is_company": True}
        )

    def _note(self, **vals):
        values = {"case_id": self.case.id, "subject": "Contact", "contact_type": "meeting"}
        values.update(vals)
        return self.env["rrs.case.note"].create(values)

    # rule VIS-4: formal notes within 5 business days ---------------------------
    @freeze_time("2026-03-16")
    def test_vis4_deadline_counts_business_days(self):
        # contact on Monday 2026-03-09: 5 business days later is Monday 2026-03-16
        note = self._note(contact_date="2026-03-09", written_date="2026-03-16")
        self.assertEqual(note.deadline_date, date(2026, 3, 16))
        self.assertFalse(note.is_late)

    @freeze_time("2026-03-17")
    def test_vis4_note_written_the_day_after_the_deadline_is_late(self):
        on_time = self._note(contact_date="2026-03-09", written_date="2026-03-13")
        day_before = self._note(contact_date="2026-03-09", written_date="2026-03-15")
        late = self._note(contact_date="2026-03-09", written_date="2026-03-17")
        self.assertFalse(on_time.is_late)
        self.assertFalse(day_before.is_late)
        self.assertTrue(late.is_late)
        self.assertEqual(self.case.late_note_count, 1)

    @freeze_time("2026-03-20")
    def test_vis4_contact_on_friday_skips_the_weekend(self):
        note = self._note(
            contact_type="home_visit", contact_date="2026-03-13", written_date="2026-03-20"
        )
        self.assertEqual(note.deadline_date, date(2026, 3, 20))
        self.assertFalse(note.is_late)

    @freeze_time("2026-03-20")
    def test_vis4_public_holiday_extends_the_deadline(self):
        calendar = self.env.company.resource_calendar_id
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": calendar.id,
                "date_from": datetime(2026, 3, 11, 0, 0),
                "date_to": datetime(2026, 3, 11, 23, 59),
            }
        )
        note = self._note(contact_date="2026-03-09", written_date="2026-03-17")
        self.assertEqual(note.deadline_date, date(2026, 3, 17))
        self.assertFalse(note.is_late)

    @freeze_time("2026-03-30")
    def test_vis4_only_formal_contacts_have_a_deadline(self):
        phone = self._note(
            contact_type="phone", contact_date="2026-03-02", written_date="2026-03-30"
        )
        self.assertFalse(phone.is_formal)
        self.assertFalse(phone.is_late)
        for kind in ("meeting", "home_visit", "assessment", "quarterly_checkin"):
            note = self._note(
                contact_type=kind, contact_date="2026-03-02", written_date="2026-03-30"
            )
            self.assertTrue(note.is_late, kind)

    @freeze_time("2026-03-30")
    def test_vis4_deadline_follows_the_program(self):
        self.case.program_id.note_deadline_days = 1
        note = self._note(contact_date="2026-03-23", written_date="2026-03-25")
        self.assertEqual(note.deadline_date, date(2026, 3, 24))
        self.assertTrue(note.is_late)

    @freeze_time("2026-03-10")
    def test_contact_in_the_future_refused(self):
        with self.assertRefused("contact date .* is in the future"):
            self._note(contact_date="2026-03-11")

    # rule REC-2: correspondence: who, how, when, purpose ------------------------
    def test_rec2_correspondence_needs_who_how_purpose(self):
        with self.assertRefused("who it was with.*how.*purpose"):
            self._note(contact_type="correspondence")
        with self.assertRefused("its purpose"):
            self._note(
                contact_type="correspondence",
                correspondent_partner_id=self.clinic.id,
                channel="letter",
            )
        note = self._note(
            contact_type="correspondence",
            correspondent_partner_id=self.clinic.id,
            channel="letter",
            direction="out",
            purpose="Request for appointment transport",
        )
        self.assertEqual(note.contact_date, self.today)

    # rule CON-2: consultation of another party needs consent ---------------------
    def _release(self, **vals):
        member = self.case.member_ids
        values = {
            "case_id": self.case.id,
            "consent_type": "release",
            "member_id": member.id,
            "signer_role": "client",
            "signer_partner_id": member.partner_id.id,
            "party_partner_id": self.clinic.id,
            "scope": "Appointment scheduling and transport needs",
            "signature_date": "2026-01-05",
            "expiry_date": "2026-12-31",
        }
        values.update(vals)
        return self.env["rrs.consent"].create(values)

    @freeze_time("2026-03-10")
    def test_con2_consultation_without_consent_refused(self):
        with self.assertRefused("no valid release of information naming"):
            self._note(contact_type="consultation", consulted_partner_id=self.clinic.id)
        self.assertFalse(self.case.note_ids)

    @freeze_time("2026-03-10")
    def test_con2_consultation_with_release(self):
        release = self._release()
        note = self._note(contact_type="consultation", consulted_partner_id=self.clinic.id)
        self.assertEqual(note.consent_id, release)

    @freeze_time("2027-01-10")
    def test_con2_expired_or_revoked_release_does_not_count(self):
        self._release(expiry_date="2027-01-09")
        with self.assertRefused("no valid release"):
            self._note(contact_type="consultation", consulted_partner_id=self.clinic.id)
        release = self._release(expiry_date="2027-06-30", signature_date="2027-01-02")
        release.action_revoke()
        with self.assertRefused("no valid release"):
            self._note(contact_type="consultation", consulted_partner_id=self.clinic.id)

    @freeze_time("2026-03-10")
    def test_con2_legal_exception_needs_justification(self):
        with self.assertRefused("legal exception applies"):
            self._note(
                contact_type="consultation",
                consulted_partner_id=self.clinic.id,
                legal_exception="risk_of_harm",
            )
        note = self._note(
            contact_type="consultation",
            consulted_partner_id=self.clinic.id,
            legal_exception="risk_of_harm",
            legal_exception_detail="Client stated a plan to harm themself; crisis team consulted.",
        )
        self.assertFalse(note.consent_id)

    # rule REC-1: nothing invites a medical diagnosis ----------------------------
    def test_rec1_no_field_asks_for_a_diagnosis(self):
        # rule REC-1: collect only what the program needs; no diagnosis field anywhere
        words = ("diagnos", "icd", "disease", "illness", "medical_condition", "offence", "offense")
        for model in self.env["ir.model"].search([("model", "=like", "rrs.%")]):
            for name, field in self.env[model.model]._fields.items():
                # a name or label never names them; a help text only to say leave them out
                label = f"{name} {field.string}".lower()
                help_text = (field.help or "").lower()
                warns = (
                    "no medical diagnos" in help_text
                    or "do not record medical diagnos" in help_text
                )
                offending = [w for w in words if w in label or (w in help_text and not warns)]
                self.assertFalse(
                    offending, f"{model.model}.{name} invites sensitive data: {offending}"
                )
        # the note's own help says what to leave out, in the worker's form and for the API
        body = self.env["rrs.case.note"].with_user(self.worker).fields_get(["body"])["body"]
        self.assertIn("Do not record medical diagnoses", body["help"])
        self.assertIn("young-offender records", body["help"])
        self.assertIn("sensitive matters in general terms", body["help"])

    def test_member_must_belong_to_the_case(self):
        other = self._case()
        with self.assertRefused("is not a member of case"):
            self._note(member_id=other.member_ids.id)
