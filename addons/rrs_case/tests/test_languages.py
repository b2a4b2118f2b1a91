# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The languages clients speak (``rrs.language``): shipped as data with their ISO code, kept by
program managers, read by every role of the suite (a case, an interpreter, a worker's skills
name them)."""

from psycopg2.errors import UniqueViolation

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestLanguages(RrsCaseCommon):
    def test_languages_read_by_every_role_kept_by_program_managers(self):
        Language = self.env["rrs.language"]
        dari = self.env.ref("rrs_case.language_prs")
        self.assertEqual(dari.name, "Dari")
        for user in (self.worker, self.supervisor, self.finance, self.auditor, self.volunteer):
            with self.subTest(user=user.login):
                self.assertEqual(Language.with_user(user).search([("id", "=", dari.id)]), dari)
                with self.assertRefused("not allowed to create", AccessError):
                    Language.with_user(user).create({"name": "Hakha Chin", "code": "cnh"})
                with self.assertRefused("not allowed to modify", AccessError):
                    dari.with_user(user).write({"name": "Farsi (Dari)"})
        hakha_chin = Language.with_user(self.manager).create({"name": "Hakha Chin", "code": "cnh"})
        case = self._case(primary_language_id=hakha_chin.id)
        self.assertEqual(case.primary_language_id, hakha_chin)
        # archived, it stays on the cases that name it
        hakha_chin.with_user(self.manager).active = False
        self.assertEqual(case.primary_language_id, hakha_chin)
        self.assertNotIn(hakha_chin, Language.with_user(self.worker).search([]))
        # one language per ISO code
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation), self.cr.savepoint():
            Language.with_user(self.manager).create({"name": "Dari (again)", "code": dari.code})
