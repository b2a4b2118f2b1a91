# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestCaseHousehold(RrsCaseCommon):
    def test_elig2_family_case_with_members(self):
        # rule ELIG-2: a case is a single person or a family
        head = self._person("Fatima Rahimi", age=41)
        spouse = self._person("Ahmad Rahimi", age=45)
        child = self._person("Sara Rahimi", age=9)
        case = self._case(head=head, members=[(spouse, "spouse"), (child, "child")])
        self.assertEqual(case.head_partner_id, head)
        self.assertEqual(case.member_count, 3)
        self.assertEqual(case.display_name, f"{case.name} – Fatima Rahimi")
        minor = case.member_ids.filtered("is_minor")
        self.assertEqual(minor.partner_id, child)
        self.assertEqual(minor.age, 9)
        single = self._case(head=self._person("Yonas Tesfaye", age=24))
        self.assertEqual(single.member_count, 1)

    def test_elig2_one_head_per_household(self):
        # rule ELIG-2: exactly one head; a second adult joins as another relationship
        case = self._case().with_user(self.worker)
        second = self._person("Second head", age=30)
        with self.assertRefused("exactly one head"):
            case.member_ids = [Command.create({"partner_id": second.id, "relationship": "head"})]
        case.member_ids = [Command.create({"partner_id": second.id, "relationship": "spouse"})]
        self.assertEqual(len(case.member_ids), 2)
        self.assertEqual(len(case.member_ids.filtered("is_head")), 1)

    def test_elig2_head_of_two_open_households_refused(self):
        # rule ELIG-2: a person heads one open household, also when a case is reopened
        head = self._person("Khalid Noor", age=50)
        first = self._case(head=head)
        with self.assertRefused("already head of household in open case"):
            self._case(head=head)
        self.env.invalidate_all()
        self.assertEqual(
            self.env["rrs.case.member"].search_count([("partner_id", "=", head.id)]), 1
        )
        # once the first case is closed, the person may head a new case
        agency = self.env["res.partner"].create({"name": "Catholic Charities", "is_company": True})
        first.write({"applicant_informed_date": self.today, "referred_out_partner_id": agency.id})
        first.action_refer_out()
        second = self._case(head=head)
        self.assertEqual(second.head_partner_id, head)
        # reopening the first case would make them head of two open households again
        with self.assertRefused("already head of household in open case"):
            first.action_reopen()
        self.assertEqual(first.state, "closed")

    def test_same_person_twice_refused(self):
        person = self._person("Amani Uwase", age=33)
        case = self._case(head=person)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            case.member_ids = [Command.create({"partner_id": person.id, "relationship": "sibling"})]
            case.flush_recordset()

    @freeze_time("2026-05-10")
    def test_birthdate_in_the_future_refused(self):
        with self.assertRefused("date of birth .* is in the future"):
            self._person("Baby", birthdate="2026-05-11")
        self.assertTrue(self._person("Newborn", birthdate="2026-05-10"))

    @freeze_time("2026-05-10")
    def test_con1_minor_status_at_the_18th_birthday(self):
        # rule CON-1: a member is a minor until the day they turn 18 (the field and the filter)
        day_before = self._case(head=self._person("Turns 18 tomorrow", birthdate="2008-05-11"))
        on_the_day = self._case(head=self._person("Turns 18 today", birthdate="2008-05-10"))
        self.assertTrue(day_before.member_ids.is_minor)
        self.assertFalse(on_the_day.member_ids.is_minor)
        Member = self.env["rrs.case.member"]
        minors = Member.search(
            [("is_minor", "=", True), ("case_id", "in", (day_before | on_the_day).ids)]
        )
        self.assertEqual(minors, day_before.member_ids)
        adults = Member.search(
            [("is_minor", "=", False), ("case_id", "in", (day_before | on_the_day).ids)]
        )
        self.assertEqual(adults, on_the_day.member_ids)

    def test_con1_unknown_birthdate_counts_as_adult(self):
        # rule CON-1: without a date of birth the person signs their own forms
        case = self._case(head=self._person("Unknown age"))
        self.assertFalse(case.member_ids.is_minor)
