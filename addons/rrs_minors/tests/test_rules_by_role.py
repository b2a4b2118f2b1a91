# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Post-release services rules proven as the case worker who records the contact (issue 18),
not as the superuser; a worker outside the case may not."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RrsMinorsCommon


@tagged("post_install", "-at_install")
class TestPrsRulesByRole(RrsMinorsCommon):
    def test_prs5_the_worker_records_the_service_areas_of_each_contact(self):
        # rule PRS-5, as the child's case worker: a contact without its service areas is
        # refused, with them it is kept; a non-contact note needs none
        case = self._prs_case()
        Note = self.env["rrs.case.note"].with_user(self.worker)
        values = {
            "case_id": case.id,
            "subject": "Home visit with the sponsor",
            "contact_type": "home_visit",
            "contact_date": self.RELEASE,
        }
        with self.assertRefused("service areas this contact dealt with"):
            Note.create(values)
        areas = self.area_safety | self.area_education
        note = Note.create(dict(values, prs_service_area_ids=[Command.set(areas.ids)]))
        self.assertEqual(note.prs_service_area_ids, areas)
        with self.assertRefused("service areas this contact dealt with"):
            note.write({"prs_service_area_ids": [Command.clear()]})
        self.assertEqual(note.prs_service_area_ids, areas)
        # a worker of another team neither reads the child's notes nor adds one
        with self.assertRefused("not allowed to|doesn.t have .(read|create). access", AccessError):
            Note.with_user(self.worker_far).create(
                dict(values, prs_service_area_ids=[Command.set(areas.ids)])
            )
