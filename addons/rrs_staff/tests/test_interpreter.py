# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged

from .common import RrsStaffCommon


@tagged("post_install", "-at_install")
class TestInterpreter(RrsStaffCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eritrea = cls.env.ref("base.er")
        cls.interpreter = cls.env["res.partner"].create(
            {
                "name": "Semhar Tekle",
                "rrs_interpreter": True,
                "rrs_interpreter_language_ids": [cls.env.ref("rrs_case.language_tir").id],
                "rrs_community_country_id": cls.eritrea.id,
            }
        )
        cls.case = cls._case(country_of_origin_id=cls.eritrea.id)

    def _sign_confidentiality(self):
        self.env["rrs.consent"].create(
            {
                "case_id": self.case.id,
                "consent_type": "confidentiality",
                "signer_role": "interpreter",
                "signer_partner_id": self.interpreter.id,
            }
        )

    def _note(self):
        return (
            self.env["rrs.case.note"]
            .with_user(self.worker)
            .create(
                {
                    "case_id": self.case.id,
                    "subject": "Housing visit",
                    "contact_type": "meeting",
                    "interpreter_partner_id": self.interpreter.id,
                }
            )
        )

    def test_con1_interpreter_use_recorded_and_unsigned_form_warned(self):
        # rule CON-1: the interpreter is recorded on the note; without their signed
        # confidentiality form in the case, the worker is warned
        note = self._note()
        self.assertEqual(note.interpreter_partner_id, self.interpreter)
        self.assertIn("has not signed the confidentiality form", note.interpreter_warning)
        self._sign_confidentiality()
        note.invalidate_recordset(["interpreter_warning"])
        self.assertFalse(note.interpreter_warning)

    def test_con1_family_refusing_own_community_interpreter_warned(self):
        # rule CON-1 (RRS 2.05): the client's wish not to have an interpreter from their own
        # community warns when one is chosen; another community does not
        self._sign_confidentiality()
        self.case.refuses_community_interpreter = True
        note = self._note()
        self.assertIn("from the Eritrea community", note.interpreter_warning)
        self.interpreter.rrs_community_country_id = self.env.ref("base.et")
        note.invalidate_recordset(["interpreter_warning"])
        self.assertFalse(note.interpreter_warning)

    def test_con1_onchange_warns_when_chosen(self):
        # rule CON-1: the form warns as the interpreter is chosen
        self._sign_confidentiality()
        self.case.refuses_community_interpreter = True
        form = Form(self.env["rrs.case.note"].with_user(self.worker))
        form.case_id = self.case
        form.subject = "Call"
        form.contact_type = "meeting"
        with self.assertLogs("odoo.tests.form.onchange", level="WARNING") as logs:
            form.interpreter_partner_id = self.interpreter
        self.assertTrue(any("own community" in line for line in logs.output), logs.output)
