# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser tours of home visits and supervisors' approvals (rules VIS-1, VIS-3, REC-2)."""

from datetime import datetime, time

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import RrsCaseCommon


class HomeVisitTourCommon(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Dates and the morning rule in one time zone, whatever the hour the tests run at.
        (cls.worker | cls.supervisor).write({"tz": "UTC"})
        cls.case = cls._active_case(head=cls._person("Amina Tourvisit", age=35))

    @classmethod
    def _visit(cls, purpose, hour=9, assess=True):
        visit = (
            cls.env["rrs.home.visit"]
            .with_user(cls.worker)
            .create(
                {
                    "case_id": cls.case.id,
                    "worker_id": cls.worker.id,
                    "start": datetime.combine(cls.today, time(hour, 0)),
                    "purpose": purpose,
                    "risk_level": "low",
                }
            )
        )
        if assess:
            visit.action_assess_risk()
        return visit

    @classmethod
    def _letter_to_sign(cls):
        landlord = cls.env["res.partner"].create(
            {"name": "Maple Street Apartments", "is_company": True}
        )
        letter = (
            cls.env["rrs.case.note"]
            .with_user(cls.worker)
            .create(
                {
                    "case_id": cls.case.id,
                    "subject": "Letter to the landlord: heating repairs",
                    "contact_type": "correspondence",
                    "direction": "out",
                    "channel": "letter",
                    "purpose": "Ask for the heating to be repaired",
                    "correspondent_partner_id": landlord.id,
                    "on_behalf_of_client": True,
                    "body": "<p>The family has had no heating since November 2.</p>",
                }
            )
        )
        letter.action_request_signature()
        return letter


@tagged("post_install", "-at_install")
class TestHomeVisitPhoneTour(HttpCase, HomeVisitTourCommon):
    browser_size = "390x844"
    touch_enabled = True

    def test_worker_checks_in_and_out_on_the_phone(self):
        """Rule VIS-3 in the browser, as a case worker on a phone."""
        visit = self._visit("Kitchen heater check")
        visit.with_user(self.supervisor).action_authorise()
        waiting = self._visit("Tenancy papers", hour=10)
        before = fields.Datetime.now().replace(microsecond=0)
        self.start_tour(
            "/odoo/action-rrs_case.rrs_home_visit_action",
            "rrs_home_visit_phone",
            login="rrs_worker",
        )
        self.assertEqual(visit.state, "checked_out")
        self.assertGreaterEqual(visit.check_in_date, before)
        self.assertGreaterEqual(visit.check_out_date, visit.check_in_date)
        self.assertFalse(visit.overdue_checkout)
        self.assertEqual(waiting.state, "planned", "a visit not authorised is not checked in")
        self.assertFalse(waiting.check_in_date)

    def test_supervisor_authorises_and_signs_on_the_phone(self):
        """Rules VIS-1 and REC-2 in the browser, as a supervisor on a phone."""
        visit = self._visit("Kitchen heater check", assess=False)
        visit.with_user(self.worker).write(
            {"risk_animals": True, "risk_mitigation": "Ask for the dog to be kept outside"}
        )
        visit.with_user(self.worker).action_assess_risk()
        unassessed = self._visit("Tenancy papers", hour=11, assess=False)
        self.start_tour(
            "/odoo/action-rrs_case.rrs_home_visit_action_authorise",
            "rrs_supervisor_authorise_visits_phone",
            login="rrs_supervisor",
        )
        self.assertEqual(visit.state, "authorised")
        self.assertEqual(visit.authorised_by_id, self.supervisor)
        self.assertEqual(unassessed.state, "planned")
        letter = self._letter_to_sign()
        self.start_tour(
            "/odoo/action-rrs_case.rrs_case_note_action_letters_to_sign",
            "rrs_supervisor_sign_letter_phone",
            login="rrs_supervisor",
        )
        self.assertEqual(letter.letter_state, "signed")
        self.assertEqual(letter.letter_signer_id, self.supervisor)
        self.assertEqual(letter.letter_signed_date, self.today)


@tagged("post_install", "-at_install")
class TestSupervisorApprovalsTour(HttpCase, HomeVisitTourCommon):
    def _days_visits(self):
        """Two visits risk-assessed and one not, on the same day of the same worker."""
        return (
            self._visit("Kitchen heater check"),
            self._visit("School enrolment papers", hour=10),
            self._visit("Tenancy papers", hour=11, assess=False),
        )

    def test_supervisor_authorises_the_days_visits_and_signs_a_letter(self):
        """Rules VIS-1 and REC-2 in the browser, as a supervisor, with the row buttons."""
        first, second, unassessed = self._days_visits()
        self.start_tour(
            "/odoo/action-rrs_case.rrs_home_visit_action_authorise",
            "rrs_supervisor_authorise_visits",
            login="rrs_supervisor",
        )
        for visit in first | second:
            self.assertEqual(visit.state, "authorised", visit.purpose)
            self.assertEqual(visit.authorised_by_id, self.supervisor, visit.purpose)
            self.assertTrue(visit.authorised_date, visit.purpose)
        self.assertEqual(unassessed.state, "planned")
        self.assertFalse(unassessed.authorised_by_id)

        letter = self._letter_to_sign()
        self.start_tour(
            "/odoo/action-rrs_case.rrs_case_note_action_letters_to_sign",
            "rrs_supervisor_sign_letter",
            login="rrs_supervisor",
        )
        self.assertEqual(letter.letter_state, "signed")
        self.assertEqual(letter.letter_signer_id, self.supervisor)
        self.assertEqual(letter.letter_signed_date, self.today)
        self.assertEqual(letter.author_id, self.worker)

    def test_vis1_supervisor_authorises_the_selected_visits_together(self):
        """Rule VIS-1 in the browser: the supervisor selects the day's visits in the list and
        authorises them with the list's button, in one step (issue 17)."""
        first, second, unassessed = self._days_visits()
        self.start_tour(
            "/odoo/action-rrs_case.rrs_home_visit_action_authorise",
            "rrs_supervisor_authorise_selected_visits",
            login="rrs_supervisor",
        )
        for visit in first | second:
            self.assertEqual(visit.state, "authorised", visit.purpose)
            self.assertEqual(visit.authorised_by_id, self.supervisor, visit.purpose)
        self.assertEqual(first.authorised_date, second.authorised_date, "one step")
        self.assertEqual(unassessed.state, "planned")
