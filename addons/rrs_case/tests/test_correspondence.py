# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RrsCaseCommon

LETTERS_LIST = {
    "contact_date": {},
    "case_id": {"fields": {"display_name": {}}},
    "subject": {},
    "correspondent_partner_id": {"fields": {"display_name": {}}},
    "author_id": {"fields": {"display_name": {}}},
    "letter_signed_date": {},
    "letter_state": {},
}


@tagged("post_install", "-at_install")
class TestCorrespondence(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.landlord = cls.env["res.partner"].create(
            {"name": "Maple Street Apartments", "is_company": True}
        )
        cls.case = cls._active_case()

    def _letter(self, case=None, user=None, **vals):
        values = {
            "case_id": (case or self.case).id,
            "subject": "Letter to the landlord: repairs",
            "contact_type": "correspondence",
            "direction": "out",
            "channel": "letter",
            "purpose": "Ask for the heating to be repaired",
            "correspondent_partner_id": self.landlord.id,
            "on_behalf_of_client": True,
            "body": "<p>The family has had no heating since November 2 ...</p>",
        }
        values.update(vals)
        return self.env["rrs.case.note"].with_user(user or self.worker).create(values)

    def _release(self, until):
        member = self.case.member_ids.filtered("is_head")
        return self.env["rrs.consent"].create(
            {
                "case_id": self.case.id,
                "consent_type": "release",
                "member_id": member.id,
                "signer_role": "client",
                "signer_partner_id": member.partner_id.id,
                "signature_date": self.today - relativedelta(months=1),
                "party_partner_id": self.landlord.id,
                "scope": "Housing conditions",
                "expiry_date": until,
            }
        )

    def test_rec2_letter_needs_the_supervisors_dated_signature(self):
        # rule REC-2
        letter = self._letter()
        as_worker = letter.with_user(self.worker)
        with self.assertRefused("needs the supervisor's dated signature", UserError):
            as_worker.action_mark_sent()
        as_worker.action_request_signature()
        activity = self.case.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("rrs_case.mail_activity_type_letter_signature")
            )
        )
        self.assertEqual(activity.user_id, self.supervisor)
        with self.assertRefused("needs the supervisor's dated signature", UserError):
            as_worker.action_mark_sent()
        with self.assertRefused("author cannot sign|cannot sign this letter", AccessError):
            as_worker.action_sign_letter()
        with self.assertRefused("doesn't have 'read' access to:\n- Case Note", AccessError):
            letter.with_user(self.supervisor_other).action_sign_letter()
        letter.with_user(self.supervisor).action_sign_letter()
        self.assertEqual(letter.letter_signer_id, self.supervisor)
        self.assertEqual(letter.letter_signed_date, self.today)
        self.assertFalse(self.case.activity_ids.filtered(lambda a: a.id == activity.id))

    def test_rec2_a_worker_of_the_case_never_signs_and_an_empty_letter_waits(self):
        # rule REC-2: the signer is the worker's supervisor, never another worker of the case
        # who may write the letter; a letter goes to the supervisor with its text or a copy
        self.case.write({"secondary_user_ids": [Command.link(self.worker_other.id)]})
        empty = self._letter(body=False)
        with self.assertRefused("Write the letter or attach it before asking to sign", UserError):
            empty.with_user(self.worker).action_request_signature()
        self.assertEqual(empty.letter_state, "draft")
        letter = self._letter()
        letter.with_user(self.worker).action_request_signature()
        self.assertEqual(letter.letter_state, "to_sign")
        with self.assertRefused(
            "Rrs Worker Other works on case .* and cannot sign this letter as its supervisor",
            AccessError,
        ):
            letter.with_user(self.worker_other).action_sign_letter()
        self.assertEqual(letter.letter_state, "to_sign")
        letter.with_user(self.supervisor).action_sign_letter()
        self.assertEqual(letter.letter_state, "signed")

    def test_rec2_supervisor_cannot_sign_own_letter(self):
        # rule REC-2: the signature is a second pair of eyes
        letter = self._letter(user=self.supervisor)
        letter.with_user(self.supervisor).action_request_signature()
        with self.assertRefused("its author cannot sign it", AccessError):
            letter.with_user(self.supervisor).action_sign_letter()
        letter.with_user(self.manager).action_sign_letter()
        self.assertEqual(letter.letter_state, "signed")

    def test_rec2_signed_letter_kept_as_signed(self):
        # rule REC-2: a copy kept, as signed
        copy = (
            self.env["ir.attachment"]
            .with_user(self.worker)
            .create({"name": "letter.pdf", "raw": b"%PDF-1.4 signed letter"})
        )
        letter = self._letter(letter_attachment_ids=[Command.set(copy.ids)])
        letter.with_user(self.worker).action_request_signature()
        letter.with_user(self.supervisor).action_sign_letter()
        with self.assertRefused("stays as the supervisor signed it", UserError):
            letter.with_user(self.worker).write({"body": "<p>Changed</p>"})
        with self.assertRefused("cannot be deleted", UserError):
            letter.with_user(self.manager).unlink()
        with self.assertRefused("kept copy of a signed letter: it is never deleted", UserError):
            copy.sudo().unlink()
        with self.assertRefused("kept copy of a signed letter: it cannot change", UserError):
            copy.sudo().write({"raw": b"forged"})

    def test_con2_letter_sent_only_with_a_release_valid_that_day(self):
        # rule CON-2 on correspondence, at the boundary of the release's validity
        letter = self._letter()
        letter.with_user(self.worker).action_request_signature()
        letter.with_user(self.supervisor).action_sign_letter()
        release = self._release(until=self.today - relativedelta(days=1))
        with self.assertRefused("No valid release of information names", UserError):
            letter.with_user(self.worker).action_mark_sent()
        release.expiry_date = self.today + relativedelta(days=1)
        letter.with_user(self.worker).action_mark_sent()
        self.assertEqual(letter.letter_state, "sent")
        self.assertEqual(letter.letter_sent_date, self.today)
        self.assertEqual(letter.letter_consent_id, release)

    def test_con2_a_letter_is_checked_on_the_day_it_is_sent(self):
        # rule CON-2: the release must be valid the day the letter is sent, not the day it
        # was written
        written = self.today - relativedelta(days=10)
        letter = self._letter(contact_date=written)
        letter.with_user(self.worker).action_request_signature()
        letter.with_user(self.supervisor).action_sign_letter()
        self._release(until=self.today - relativedelta(days=5))  # valid when written
        with self.assertRefused("No valid release of information names Maple Street", UserError):
            letter.with_user(self.worker).action_mark_sent()
        self.assertEqual(letter.letter_state, "signed")
        release = self._release(until=self.today + relativedelta(days=30))
        letter.with_user(self.worker).action_mark_sent()
        self.assertEqual(letter.letter_consent_id, release)
        self.assertEqual(letter.letter_sent_date, self.today)

    def test_con2_outgoing_correspondence_sharing_information(self):
        # rule CON-2: an e-mail that shares client information needs a release or an exception
        values = {
            "on_behalf_of_client": False,
            "channel": "email",
            "shares_client_info": True,
        }
        with self.assertRefused("No valid release of information names"):
            self._letter(**values)
        with self.assertRefused("Explain why the legal exception applies"):
            self._letter(**values, legal_exception="risk_of_harm")
        self._letter(
            **values,
            legal_exception="risk_of_harm",
            legal_exception_detail="Heating failure with an infant in the home",
        )
        self._letter(on_behalf_of_client=False, channel="email", shares_client_info=False)

    def test_rec2_letters_security_and_list_query_count(self):
        letter = self._letter()
        for user in (self.worker_far, self.volunteer, self.finance):
            with self.assertRaises(AccessError):
                letter.with_user(user).read(["body"])
        for _i in range(24):
            self._letter().with_user(self.worker).action_request_signature()
        Note = self.env["rrs.case.note"].with_user(self.supervisor)
        domain = [("letter_state", "=", "to_sign")]
        for limit in (5, 20):
            for _warm in range(2):
                Note.web_search_read(domain, LETTERS_LIST, limit=limit)
                self.env.invalidate_all()
            # the access-log entry written at the commit included (REC-4)
            with self.assertQueryCount(10):
                result = Note.web_search_read(domain, LETTERS_LIST, limit=limit)
            self.assertEqual(len(result["records"]), limit)
            self.env.invalidate_all()
