# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 9: the shipped import templates load as they are, through Odoo's import, as a case
worker; a bad row is reported and nothing is written."""

from odoo.tests import tagged
from odoo.tools.misc import file_open

from .common import RrsCaseCommon


@tagged("post_install", "-at_install")
class TestImportTemplates(RrsCaseCommon):
    OPTIONS = {
        "has_headers": True,
        "quoting": '"',
        "separator": ",",
        "encoding": "utf-8",
        "date_format": "%Y-%m-%d",
    }

    def _import(self, model, content, user, dryrun=False):
        """Odoo's import wizard, as the user: match the headers, then import."""
        wizard = (
            self.env["base_import.import"]
            .with_user(user)
            .create({"res_model": model, "file": content, "file_type": "text/csv"})
        )
        preview = wizard.parse_preview(dict(self.OPTIONS))
        self.assertNotIn("error", preview, preview.get("error"))
        unmatched = [
            header
            for index, header in enumerate(preview["headers"])
            if not preview["matches"].get(index)
        ]
        self.assertFalse(unmatched, "every column of the template is recognised")
        fields = ["/".join(preview["matches"][i]) for i in range(len(preview["headers"]))]
        return wizard.execute_import(fields, preview["headers"], dict(self.OPTIONS), dryrun)

    def _template(self, path):
        with file_open(path, "rb") as template:
            return template.read()

    def test_case_template_imports_cases_with_their_households(self):
        templates = self.env["rrs.case"].get_import_templates()
        self.assertEqual(len(templates), 1)
        content = self._template(templates[0]["template"].lstrip("/"))
        cases_before = self.env["rrs.case"].search_count([])
        result = self._import("rrs.case", content, self.worker)
        self.assertFalse(result["messages"], result["messages"])
        cases = self.env["rrs.case"].browse(result["ids"])
        self.assertEqual(len(cases), 2)
        self.assertEqual(self.env["rrs.case"].search_count([]), cases_before + 2)
        rahimi = cases.filtered(lambda c: c.program_id == self.program)
        self.assertEqual(
            sorted(rahimi.member_ids.mapped("relationship")), ["child", "head", "spouse"]
        )
        self.assertEqual(rahimi.head_partner_id.name, "Example Rahimi")
        self.assertEqual(str(rahimi.head_partner_id.birthdate_date), "1984-03-12")
        self.assertEqual(rahimi.head_partner_id.gender, "male")
        self.assertEqual(rahimi.country_of_origin_id.code, "AF")
        self.assertEqual(rahimi.primary_language_id.name, "Dari")
        self.assertEqual(rahimi.state, "intake")
        # the importing worker is the primary worker when the column is left empty
        self.assertEqual(cases.user_id, self.worker)
        # the people imported are people served: protected contacts (rule CON-2)
        self.assertTrue(all(rahimi.member_ids.partner_id.mapped("rrs_person_served")))
        self.assertEqual(cases.filtered(lambda c: c.program_id == self.program_icm).priority, "1")

    def test_member_template_adds_people_to_an_existing_household(self):
        case = self._case(user=self.worker, head=self._person("Farid Import", age=40))
        template = self.env["rrs.case.member"].get_import_templates()[0]["template"]
        content = self._template(template.lstrip("/")).replace(
            b"RRS/2026/00001", case.name.encode()
        )
        result = self._import("rrs.case.member", content, self.worker)
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(
            sorted(case.member_ids.partner_id.mapped("name")),
            ["Example Grandmother", "Example Newborn", "Farid Import"],
        )

    def test_a_bad_row_is_reported_and_nothing_is_written(self):
        # The second household names a program that does not exist: the import says which row
        # and which value, and the first household is not imported either.
        content = self._template("rrs_case/static/import/rrs_case_import_template.csv").replace(
            b"Intensive Case Management (GAR)", b"Intensive Case Management (GARR)"
        )
        cases_before = self.env["rrs.case"].search_count([])
        partners_before = self.env["res.partner"].search_count([])
        result = self._import("rrs.case", content, self.worker)
        self.assertTrue(result["messages"])
        self.assertRegex(" ".join(m["message"] for m in result["messages"]), "GARR")
        self.assertFalse(result["ids"])
        self.assertEqual(self.env["rrs.case"].search_count([]), cases_before)
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)

    def test_a_worker_cannot_import_people_into_another_teams_household(self):
        # The import goes through the same record rules as the form (rules CON-2, REC-4).
        case = self._case(user=self.worker_far, head=self._person("Far Family", age=40))
        content = f"Case,Name,Relationship to head\n{case.name},Someone New,Child\n".encode()
        result = self._import("rrs.case.member", content, self.worker)
        self.assertTrue(result["messages"])
        self.assertFalse(result["ids"])
        self.assertEqual(case.member_ids.partner_id.mapped("name"), ["Far Family"])
