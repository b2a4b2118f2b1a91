# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Separated minors (rule MIN-1): under 18 only, the five RRS 7 categories, and the case
restricted as a minor's record (issue 18: each condition and the 18th birthday, both sides)."""

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RrsMinorsCommon

D = relativedelta
CATEGORIES = {
    "with_relatives": "With blood relatives other than parents",
    "with_non_relatives": "With or joining non-relatives",
    "joining_parents": "Travelling apart from and joining parents",
    "joining_relatives": "Joining relatives other than parents",
    "married": "Married minor",
}


@tagged("post_install", "-at_install")
class TestMin1SeparatedMinor(RrsMinorsCommon):
    def _household(self, birthdate):
        youth = self._person("Youth", birthdate=birthdate)
        case = self._active_case(members=[(youth, "other_relative")])
        member = case.member_ids.filtered(lambda m: m.partner_id == youth)
        return case, member.with_user(self.worker)

    def test_min1_under_18_only_the_day_before_and_of_the_18th_birthday(self):
        # rule MIN-1: 18 tomorrow is still a minor; 18 today is an adult
        case, adult = self._household(self.today - D(years=18))
        with self.assertRefused(
            "Youth is not a minor: only a person under 18 is a separated minor"
        ):
            adult.separated_minor_category = "with_relatives"
        self.assertFalse(case.restricted)
        case, minor = self._household(self.today - D(years=18) + D(days=1))
        minor.separated_minor_category = "with_relatives"
        self.assertTrue(case.restricted)

    def test_min1_a_separated_minors_birthdate_cannot_make_them_an_adult(self):
        # rule MIN-1: the check runs again when the date of birth is corrected
        case, minor = self._household(self.today - D(years=15))
        minor.separated_minor_category = "married"
        with self.assertRefused("only a person under 18 is a separated minor"):
            minor.birthdate_date = self.today - D(years=19)
        minor.birthdate_date = self.today - D(years=16)
        self.assertEqual(minor.separated_minor_category, "married")

    def test_min1_each_of_the_five_categories_restricts_the_record(self):
        # rule MIN-1: the five RRS 7 categories, each alone; the case becomes a minor's record
        labels = dict(
            self.env["rrs.case.member"]
            ._fields["separated_minor_category"]
            ._description_selection(self.env)
        )
        self.assertEqual(labels, CATEGORIES)
        for category in CATEGORIES:
            with self.subTest(category=category):
                case, minor = self._household(self.today - D(years=14))
                self.assertFalse(case.is_minor_record)
                case.with_user(self.auditor).read(["name"])
                minor.separated_minor_category = category
                self.assertEqual(minor.separated_minor_category, category)
                self.assertTrue(case.is_minor_record)
                self.assertTrue(case.restricted)
                for user in (self.auditor, self.finance):
                    with self.assertRaisesRegex(AccessError, "not allowed to access|top-secret"):
                        case.with_user(user).read(["name"])
                case.with_user(self.worker).read(["name"])

    def test_min1_unmarking_the_last_separated_minor_lifts_the_restriction(self):
        # rule MIN-1: the flag follows the members' marks both ways
        case, minor = self._household(self.today - D(years=14))
        minor.separated_minor_category = "joining_parents"
        self.assertTrue(case.restricted)
        minor.separated_minor_category = False
        self.assertFalse(case.restricted)
        self.assertFalse(case.is_minor_record)
