# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Integrity: the records of a restricted case (minors' records, rule REC-1) are case staff's.

Every model of the suite hanging on a case is found in the registry, so a model added later
is checked without a new line here: its addon must give it the `restricted` rule.
"""

from datetime import datetime, time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import RrsMinorsCommon

REFUSED = r"not allowed to access|doesn't have 'read' access"


def case_paths(env):
    """{model: path from its records to their case} for every suite model hanging on a case.

    A model hangs on a case when it has a ``case_id`` many2one to rrs.case, or when it belongs
    to such a model (a required many2one deleted with its parent, as answers to their
    assessment). Transient wizards are left out: Odoo shows their records to their creator only.
    """
    paths = {"rrs.case": "id"}
    models = [
        env[name]
        for name in env.registry
        if name.startswith("rrs.") and not env[name]._abstract and not env[name]._transient
    ]
    found = True
    while found:
        found = False
        for model in models:
            if model._name in paths:
                continue
            case_field = model._fields.get("case_id")
            if (
                case_field
                and case_field.type == "many2one"
                and case_field.comodel_name == "rrs.case"
            ):
                paths[model._name] = "case_id"
                found = True
                continue
            for field in model._fields.values():
                parent = paths.get(field.comodel_name) if field.type == "many2one" else None
                if parent and parent != "id" and field.required and field.ondelete == "cascade":
                    paths[model._name] = f"{field.name}.{parent}"
                    found = True
                    break
    return paths


@tagged("post_install", "-at_install")
class TestRestrictedRecords(RrsMinorsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal = new_test_user(cls.env, login="rrs_internal", groups="base.group_user")
        cls.outsiders = (cls.finance, cls.auditor, cls.volunteer, cls.internal)
        # A child's post-release services case and a household with a separated minor, with
        # the records no demo case carries; the other models take records of any case below.
        cls.prs = cls._prs_case()
        cls._contact(cls.prs)
        concern = cls.env["rrs.prs.concern"].create(
            {"case_id": cls.prs.id, "category": "abuse", "description": "Bruises seen at school"}
        )
        cls.env["rrs.prs.concern.amendment"].create(
            {"concern_id": concern.id, "text": "The school nurse confirmed the bruises."}
        )
        cls.env["rrs.prs.residence"].create(
            {"case_id": cls.prs.id, "date_from": cls.RELEASE, "city": "Tucson"}
        )
        visit = cls.env["rrs.home.visit"].create(
            {
                "case_id": cls.prs.id,
                "worker_id": cls.worker.id,
                "start": datetime.combine(cls.RELEASE, time(8, 0)),
                "purpose": "Monthly home visit",
            }
        )
        # as the end-of-day cron would: management alerted, then an escalation step (VIS-3)
        visit.write(
            {"overdue_checkout": True, "alert_date": datetime.combine(cls.RELEASE, time(18))}
        )
        cls.env["rrs.home.visit.escalation"].create(
            {"visit_id": visit.id, "step": "worker_called", "reached": True}
        )
        # an incident on the child's case (REC-5) and an emergency access to it (REC-4)
        cls.env["rrs.incident"].create(
            {
                "occurred_date": datetime.combine(cls.RELEASE, time(9, 0)),
                "location": "Sponsor's home",
                "description": "The child was hurt playing football.",
                "severity": "low",
                "actions_taken": "First aid by the sponsor.",
                "case_id": cls.prs.id,
                "reporter_id": cls.worker.id,
            }
        )
        cls.env["rrs.case.emergency.access"].create(
            {
                "case_id": cls.prs.id,
                "user_id": cls.supervisor_other.id,
                "reason": "The sponsor called the night line about the child.",
                "duration_hours": 2,
            }
        )
        # an entry of the access log about the child's case (REC-4)
        cls.env["rrs.access.log"].create(
            {
                "date": datetime.combine(cls.RELEASE, time(10, 0)),
                "user_id": cls.worker.id,
                "action": "open",
                "res_model": "rrs.case",
                "res_id": cls.prs.id,
                "case_id": cls.prs.id,
                "restricted": True,
            }
        )
        nephew = cls._person("Nephew", age=14)
        household = cls._active_case(members=[(nephew, "other_relative")])
        minor = household.member_ids.filtered(lambda m: m.partner_id == nephew)
        minor.separated_minor_category = "with_relatives"
        cls.env["rrs.minor.caregiver.assessment"].create(
            cls._caregiver_assessment_vals(minor, household.head_partner_id)
        )
        cls.env["rrs.minor.service"].create(
            {"member_id": minor.id, "service_type": "tracing", "relative_name": "Mother"}
        )
        cls.household = household

        # records of restricted cases for every model; a model whose records all hang on
        # unrestricted cases (demo data) gets one of those cases restricted for the test
        cls.paths = case_paths(cls.env)
        restricted = cls.env["rrs.case"].search([("restricted", "=", True)])
        cls.samples = {}
        for name, path in cls.paths.items():
            Model = cls.env[name]
            records = Model.search([(path, "in", restricted.ids)])
            if not records:
                any_case = cls._case_of(Model.search([(path, "!=", False)], limit=1), path)
                any_case.restricted = True
                restricted |= any_case
                records = Model.search([(path, "in", any_case.ids)])
            cls.samples[name] = records

    @staticmethod
    def _case_of(records, path):
        return records if path == "id" else records.mapped(path)

    def assertHidden(self, records, user):
        Model = records.with_user(user)
        if Model.browse().has_access("read"):
            self.assertFalse(Model.search([("id", "in", records.ids)]), f"{user.login} finds")
        with self.assertRaisesRegex(AccessError, REFUSED, msg=f"{user.login} reads"):
            Model.read(["display_name"])

    def test_suite_models_hanging_on_a_case_are_found(self):
        # the discovery itself: a few models of each addon, and answers through assessments
        for name, path in (
            ("rrs.case.member", "case_id"),
            ("rrs.service.plan.participant", "case_id"),
            ("rrs.home.visit.escalation", "case_id"),
            ("rrs.assessment.answer", "assessment_id.case_id"),
            ("rrs.assessment.factor.comparison", "case_id"),
            ("rrs.prs.concern.amendment", "case_id"),
            ("rrs.minor.service", "case_id"),
        ):
            self.assertEqual(self.paths.get(name), path)
        self.assertNotIn("rrs.case.close.wizard", self.paths)
        # the fixture's cases are restricted by this addon's own compute
        self.assertTrue(self.prs.restricted)
        self.assertTrue(self.household.restricted)
        for name, records in self.samples.items():
            self.assertTrue(records, f"no record of {name} to check: add one to this fixture")

    def test_each_model_has_the_restricted_rule_of_its_addon(self):
        """Integrity: the rule is global and defined by the addon that owns the model, so an
        access row given later to finance or auditors cannot open a minor's record."""
        # rule REC-1
        for name in self.paths:
            rules = (
                self.env["ir.rule"]
                .search([("model_id.model", "=", name), ("global", "=", True)])
                .filtered(lambda r: "restricted" in r.domain_force)
            )
            self.assertTrue(rules, f"{name} has no rule on the restricted flag")
            module = self.env[name]._original_module
            self.assertTrue(
                any(xid.startswith(f"{module}.") for xid in rules.get_external_id().values()),
                f"the restricted rule of {name} is not defined in {module}",
            )

    def test_outsiders_never_read_records_of_restricted_cases(self):
        """Integrity: finance, auditors, volunteers and other internal users never read a
        restricted case nor anything hanging on it; the case's worker reads all of it."""
        # rule REC-1
        for name, records in self.samples.items():
            case = self._case_of(records, self.paths[name])
            self.assertTrue(all(case.mapped("restricted")))
            # A model may let a role read what its work needs of a restricted case (finance
            # pays a minor's assistance): the model names the role and the fields closed to it.
            Model = self.env[name]
            readers = getattr(Model, "_rrs_restricted_readers", ())
            for user in self.outsiders:
                with self.subTest(model=name, user=user.login):
                    if any(user.has_group(group) for group in readers):
                        found = records.with_user(user).search([("id", "in", records.ids)])
                        self.assertEqual(found, records)
                        found.read(["display_name"])
                        for fname in Model._rrs_restricted_hidden_fields:
                            with self.assertRaises(AccessError):
                                found.read([fname])
                        continue
                    self.assertHidden(records, user)
            worker = case.user_id[:1]
            if getattr(Model, "_rrs_not_in_case_file", False):
                # a log about the case, read by managers, auditors and supervisors only
                self.assertHidden(records, worker)
                continue
            readable = records.with_user(worker).search([("id", "in", records.ids)])
            self.assertTrue(readable, f"{worker.login} does not find {name}")
            readable.read(["display_name"])
        # the chatter of a restricted case follows the case
        Message = self.env["mail.message"]
        messages = Message.search([("model", "=", "rrs.case"), ("res_id", "=", self.prs.id)])
        self.assertTrue(messages)
        for user in self.outsiders:
            self.assertFalse(Message.with_user(user).search([("id", "in", messages.ids)]))
        self.assertEqual(
            Message.with_user(self.worker).search([("id", "in", messages.ids)]), messages
        )

    def test_finance_and_auditors_read_unrestricted_records_their_access_allows(self):
        """Integrity: the restricted rule hides minors' records only; the same records of an
        unrestricted case stay readable by the roles whose access rows allow them."""
        # rule REC-1, both sides of the boundary
        checked = 0
        for name, records in self.samples.items():
            cases = self._case_of(records, self.paths[name])
            cases.restricted = False
            for user in (self.finance, self.auditor):
                Model = records.with_user(user)
                if not Model.browse().has_access("read"):
                    continue
                with self.subTest(model=name, user=user.login):
                    found = Model.search([("id", "in", records.ids)])
                    self.assertTrue(found, f"{user.login} finds no {name}")
                    found.read(["display_name"])
                    checked += 1
            for user in (self.volunteer, self.internal):
                with self.subTest(model=name, user=user.login):
                    self.assertHidden(records, user)
        self.assertGreaterEqual(checked, 20)

    def test_rec1_a_childs_name_finds_no_restricted_case_for_outsiders(self):
        """REC-1, issue 17: the household's names a case keeps for the member search are
        searched and read only by who reads the case: finance and auditors, who find other
        families by name, find no restricted case by a child's name; the case's worker does."""
        name = self.prs.member_ids.partner_id[0].name
        domain = [("member_names", "ilike", name)]
        Case = self.env["rrs.case"]
        self.assertIn(self.prs, Case.with_user(self.prs.user_id).search(domain))
        for user in (self.finance, self.auditor):
            with self.subTest(user=user.login):
                self.assertNotIn(self.prs, Case.with_user(user).search(domain))
                with self.assertRaises(AccessError):
                    self.prs.with_user(user).read(["member_names"])
        # the other side of the boundary: the same family, unrestricted, is found
        self.prs.restricted = False
        for user in (self.finance, self.auditor):
            self.assertIn(self.prs, Case.with_user(user).search(domain))

    def test_installing_flags_existing_minors_cases(self):
        # rule REC-1: a case restricted before this addon was installed is flagged on install
        self.env.cr.execute("UPDATE rrs_case SET restricted = FALSE WHERE id = %s", [self.prs.id])
        self.env.invalidate_all()
        self.assertFalse(self.prs.restricted)
        self.env["rrs.case"]._rrs_flag_minors_cases()
        self.env.invalidate_all()
        self.assertTrue(self.prs.restricted)
