# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixtures of the portal tests: screened volunteers with a portal login, a family with a
release naming one of them, and a match approved through the real moves (rule VOL-2)."""

import base64
import re
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo.addons.rrs_case.tests.common import RrsCaseCommon
from odoo.tests import new_test_user

PDF = base64.b64encode(b"%PDF-1.4 test")
COORDINATOR = "rrs_volunteer.group_volunteer_coordinator"

# What the volunteer may know, and what the family's file holds that they may not (VOL-2).
FIRST_NAME = "Zahra"
FAMILY_NAME = "Testfamily"
STREET = "17 Quillberry Lane"
NOTE_WORD = "Pomegranatesecret"
MEETING_PLACE = "Eastgate Library, front desk"
DESCRIPTION = "Practise English over coffee; the family prefers mornings."


class VolunteerPortalCommon(RrsCaseCommon):
    """Volunteers as portal users, a coordinator and a match approved by the family's worker."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = new_test_user(
            cls.env, login="rrs_vol_coordinator", groups=COORDINATOR, name="Vol Coordinator"
        )
        (cls.worker | cls.coordinator).write({"tz": "UTC"})
        cls.task_mentoring = cls.env.ref("rrs_volunteer.task_type_mentoring")
        cls.task_airport = cls.env.ref("rrs_volunteer.task_type_airport")
        cls.vol_user, cls.vol = cls._screened_volunteer("rrs_vol_portal", "Vera Portalvol")
        cls.other_user, cls.other_vol = cls._screened_volunteer(
            "rrs_vol_portal_other", "Otto Othervol"
        )

        head = cls._person(f"{FIRST_NAME} {FAMILY_NAME}", age=35)
        head.write({"street": STREET, "city": "Winnipeg"})
        child = cls._person(f"Karim {FAMILY_NAME}", age=9)
        cls.case = cls._accepted_case(head=head, members=[(child, "child")])
        cls.head_member = cls.case.member_ids.filtered(lambda m: m.partner_id == head)
        cls.note = (
            cls.env["rrs.case.note"]
            .with_user(cls.worker)
            .create(
                {
                    "case_id": cls.case.id,
                    "subject": "Health worries",
                    "contact_type": "phone",
                    "confidential": True,
                    "body": f"<p>{NOTE_WORD}: the mother's treatment.</p>",
                }
            )
        )
        cls.release = cls._release(cls.case, cls.head_member, cls.vol.partner_id)
        cls.match = cls._approved_match(cls.case, cls.vol)
        # the other volunteer's task without a family, started by the coordinator
        cls.other_match = cls._approved_match(False, cls.other_vol, task=cls.task_airport)

    # ----------------------------------------------------------------- helpers
    @classmethod
    def _screened_volunteer(cls, login, name):
        """An active volunteer with every onboarding step done, and their portal login."""
        user = new_test_user(cls.env, login=login, groups="base.group_portal", name=name, tz="UTC")
        volunteer = (
            cls.env["rrs.volunteer"]
            .with_user(cls.coordinator)
            .create({"partner_id": user.partner_id.id, "coordinator_id": cls.coordinator.id})
        )
        done = cls.today - relativedelta(days=30)
        for step in volunteer.step_ids:
            values = {"done_date": done}
            if step.type_id.needs_document:
                values.update(document=PDF, document_name="form.pdf")
            step.write(values)
        volunteer.action_activate()
        return user, volunteer.with_env(cls.env)

    @classmethod
    def _release(cls, case, member, party):
        return (
            cls.env["rrs.consent"]
            .with_user(cls.worker)
            .create(
                {
                    "case_id": case.id,
                    "consent_type": "release",
                    "member_id": member.id,
                    "signer_role": "client",
                    "signer_partner_id": member.partner_id.id,
                    "signature_date": cls.today,
                    "party_partner_id": party.id,
                    "scope": "First names and the meeting place, for a volunteer mentor.",
                    "expiry_date": cls.today + relativedelta(years=1),
                }
            )
        )

    @classmethod
    def _approved_match(cls, case, volunteer, task=None, place=MEETING_PLACE):
        """Requested (by the worker for a family, by the coordinator for a task), proposed by
        the coordinator, approved by the family's worker (or the coordinator for a task)."""
        asker = cls.worker if case else cls.coordinator
        match = (
            cls.env["rrs.volunteer.match"]
            .with_user(asker)
            .create(
                {
                    "case_id": case.id if case else False,
                    "task_type_id": (task or cls.task_mentoring).id,
                    "meeting_place": place,
                    "meeting_datetime": datetime.combine(cls.today, time(10, 0))
                    + relativedelta(days=3),
                    "description": DESCRIPTION,
                }
            )
        )
        as_coordinator = match.with_user(cls.coordinator)
        as_coordinator.volunteer_id = volunteer
        as_coordinator.action_propose()
        match.with_user(asker).action_approve()
        return match.with_env(cls.env)

    # ---------------------------------------------------------------- http
    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response.text

    def _csrf(self, html):
        token = re.search(r'name="csrf_token" value="([^"]+)"', html)
        self.assertTrue(token, "the hours form carries its CSRF token")
        return token.group(1)
