# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The migration scripts of rrs_case: a rule the suite shipped is rewritten, a rule the agency
changed is kept, with a warning naming it (docs/deploy.md, Upgrades)."""

import importlib.util
import os

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged


def _load(version, script):
    path = os.path.join(get_module_path("rrs_case"), "migrations", version, f"{script}.py")
    spec = importlib.util.spec_from_file_location(f"rrs_case_{script}_{version}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestMigrations(TransactionCase):
    def _migrate_keeping_one(self, migration, installed, customised, agency_domain):
        """Every rule of ``migration`` set back to its old domain but ``customised``, which
        the agency changed to ``agency_domain``; the migration run from ``installed``: each
        rule has its new domain, the agency's is kept, with one warning naming it."""
        rules = {name: self.env.ref(f"rrs_case.{name}") for name in migration.RULES}
        for name, (old, _new) in migration.RULES.items():
            rules[name].domain_force = old
        rules[customised].domain_force = agency_domain
        self.env.flush_all()
        with self.assertLogs(migration._logger.name, "WARNING") as logs:
            migration.migrate(self.env.cr, installed)
        self.env.invalidate_all()
        for name, (_old, new) in migration.RULES.items():
            expected = agency_domain if name == customised else new
            self.assertEqual(rules[name].domain_force, expected, name)
        self.assertEqual(len(logs.output), 1)
        self.assertIn(customised, logs.output[0])

    def test_1_1_rewrites_the_shipped_rules_and_keeps_the_agencys(self):
        """19.0.1.1.0 (issue 17): the case worker's contact rule and the supervisor's
        change-history rules move to their new domains when they are still as shipped."""
        migration = _load("19.0.1.1.0", "post-migrate")
        self._migrate_keeping_one(
            migration,
            "19.0.1.0.0",
            "auditlog_log_line_rule_supervisor",
            "[('log_id.rrs_case_file', '=', True)]",
        )
        # run again (an update repeated): nothing changes, no warning for the rewritten ones
        with self.assertLogs(migration._logger.name, "WARNING") as logs:
            migration.migrate(self.env.cr, "19.0.1.0.0")
        self.assertEqual(len(logs.output), 1)

    def _migrate_the_one_rule(self, migration, installed, agency_domain):
        """The one rule of ``migration``: shipped with its new domain; set back to its old
        one, the migration run from ``installed`` rewrites it without a warning; changed by
        the agency to ``agency_domain``, it is kept, with a warning naming it."""
        [(name, (old, new))] = migration.RULES.items()
        rule = self.env.ref(f"rrs_case.{name}")
        # a fresh install ships the new domain already
        self.assertEqual(rule.domain_force, new)
        rule.domain_force = old
        self.env.flush_all()
        with self.assertNoLogs(migration._logger.name, "WARNING"):
            migration.migrate(self.env.cr, installed)
        self.env.invalidate_all()
        self.assertEqual(rule.domain_force, new)
        rule.domain_force = agency_domain
        self.env.flush_all()
        with self.assertLogs(migration._logger.name, "WARNING") as logs:
            migration.migrate(self.env.cr, installed)
        self.env.invalidate_all()
        self.assertEqual(rule.domain_force, agency_domain)
        self.assertIn(name, logs.output[0])

    def test_1_2_rewrites_the_supervisors_contact_rule_unless_the_agency_changed_it(self):
        """19.0.1.2.0 (issue 17): the supervisor's contact rule moves to the search on the
        workers of the person's cases when it is still as shipped; a changed one is kept."""
        self._migrate_the_one_rule(
            _load("19.0.1.2.0", "post-migrate"),
            "19.0.1.1.0",
            "[('rrs_member_ids.company_id', 'in', company_ids)]",
        )

    def test_1_3_rewrites_the_contact_rules_of_every_company_unless_the_agency_changed_one(self):
        """19.0.1.3.0 (issue 17): the program manager's, finance's and auditors' contact rules
        move to the searches on the companies of the person's cases when they are still as
        shipped; a changed one is kept, with a warning naming it."""
        migration = _load("19.0.1.3.0", "post-migrate")
        for name, (_old, new) in migration.RULES.items():
            # a fresh install ships the new domains already
            self.assertEqual(self.env.ref(f"rrs_case.{name}").domain_force, new, name)
        self._migrate_keeping_one(
            migration,
            "19.0.1.2.0",
            "res_partner_rule_auditor",
            "[('rrs_member_ids.case_id.company_id', 'in', company_ids)]",
        )

    def test_1_4_rewrites_the_supervisors_access_log_rule_unless_the_agency_changed_it(self):
        """19.0.1.4.0 (issue 17): the supervisor's access-log rule moves to the search on the
        workers of the entry's case when it is still as shipped; a changed one is kept."""
        self._migrate_the_one_rule(
            _load("19.0.1.4.0", "post-migrate"),
            "19.0.1.3.0",
            "[('user_id', 'in', user.rrs_supervised_user_ids())]",
        )
