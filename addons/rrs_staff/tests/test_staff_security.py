# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RrsStaffCommon


@tagged("post_install", "-at_install")
class TestStaffSecurity(RrsStaffCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cert = cls._certify(cls.employee)
        cls.cert_other = cls._certify(cls.employee_other)
        cls.cert_far = cls._certify(cls.employee_far)
        cls.all_certs = cls.cert | cls.cert_other | cls.cert_far

    def _visible(self, user):
        return (
            self.env["hr.employee.skill"].with_user(user).search([("id", "in", self.all_certs.ids)])
        )

    def test_stf3_who_sees_requirement_certifications(self):
        # rule STF-3: workers their own, supervisors their team's, managers all
        self.assertEqual(self._visible(self.worker), self.cert)
        self.assertEqual(self._visible(self.supervisor), self.cert | self.cert_other)
        self.assertEqual(self._visible(self.supervisor_other), self.cert_far)
        self.assertEqual(self._visible(self.manager), self.all_certs)
        self.assertFalse(self._visible(self.volunteer))

    def test_stf3_compliance_list_by_role(self):
        # rule STF-3: the compliance list follows the same hierarchy
        Status = self.env["rrs.staff.requirement.status"]
        rows = Status.search([("skill_id", "=", self.first_aid.id)])
        mine = rows.filtered(lambda r: r.employee_id == self.employee)
        team = rows.filtered(lambda r: r.employee_id in self.employee | self.employee_other)
        self.assertEqual(Status.with_user(self.worker).search([("id", "in", rows.ids)]), mine)
        self.assertEqual(Status.with_user(self.supervisor).search([("id", "in", rows.ids)]), team)
        self.assertEqual(Status.with_user(self.manager).search([("id", "in", rows.ids)]), rows)
        with self.assertRaisesRegex(AccessError, "not allowed to access"):
            Status.with_user(self.finance).search([])

    def test_stf3_only_managers_record_requirement_certifications(self):
        # rule STF-3: no one below program manager edits another's certifications (nor
        # their own: a worker would extend their own police check)
        later = self.today + relativedelta(years=3)
        for user, cert in (
            (self.supervisor, self.cert),
            (self.worker_other, self.cert),
            (self.worker, self.cert),
        ):
            with self.assertRaisesRegex(AccessError, "doesn't have 'write' access"):
                cert.with_user(user).write({"valid_to": later})
        with self.assertRaisesRegex(AccessError, "doesn't have 'create' access"):
            self._certify(self.employee, self.police_check, env=self.env(user=self.supervisor))
        self.cert.with_user(self.manager).write({"valid_to": later})
        self.assertEqual(self.cert.valid_to, later)
        cert = self._certify(self.employee_far, self.police_check, env=self.env(user=self.manager))
        self.assertEqual(cert.employee_id, self.employee_far)

    def test_languages_keep_odoo_rules(self):
        # a worker records their own languages (Odoo's rule), not a colleague's
        arabic = self.env.ref("hr_skills.hr_skill_arabic")
        vals = {
            "skill_type_id": arabic.skill_type_id.id,
            "skill_id": arabic.id,
            "skill_level_id": self.env.ref("hr_skills.hr_skill_level_c1").id,
        }
        Skill = self.env["hr.employee.skill"].with_user(self.worker)
        own = Skill.create(dict(vals, employee_id=self.employee.id))
        self.assertEqual(own.skill_id, arabic)
        with self.assertRaisesRegex(AccessError, "doesn't have 'create' access"):
            Skill.create(dict(vals, employee_id=self.employee_other.id))
