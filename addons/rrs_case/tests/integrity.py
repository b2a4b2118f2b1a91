# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The integrity table: each row tries one move or one system-set field, by a plain ``write``
or ``create`` (as an API client, an import or a server action would) and through its action,
as every role. A new model adds rows; the runner is the same for every addon.

Expectations per role:
- ``OK``: allowed (for a plain write of the state, the move's own checks passed);
- ``("rule", regex)``: refused by the rule with a message matching ``regex``, the exception
  being a UserError/ValidationError that is not an access error;
- ``("access", regex)``: refused as an AccessError (no right on the record, or the rule says
  who may), ``regex`` matched against the message (use ``""`` only for the ORM's own refusal
  of a role without write access, checked by the ``ACCESS`` constant below).
After a refusal the record is re-read as superuser and the fields the attempt named are
unchanged; each attempt runs in a savepoint that is rolled back, so rows do not interfere.
"""

import contextlib
from typing import NamedTuple

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import RrsCaseCommon

ROLES = ("worker", "supervisor", "manager", "volunteer", "finance", "auditor", "portal")
OK = "ok"
# Odoo's own refusal for a role without the right to write the record at all.
ACCESS = ("access", r"not allowed to|You are not allowed|Only|cannot|doesn't have '\w+' access")
# The guard's refusal of a field only the system sets.
SYSTEM_SET = ("rule", "is set by the system")


class Row(NamedTuple):
    """One integrity check.

    ``make``: name of a method of the test class returning the record (built as superuser).
    ``vals``: what the plain write (or create, with ``create=True``: ``make`` then returns the
    values to create with) tries. ``action``: instead of a write, the name of the action
    method called on the record. ``expect``: {role: expectation}; roles not named get
    ``default``. ``check``: optional method name called with the record after an allowed
    attempt, to assert what the system set.
    """

    rule: str
    what: str
    model: str
    make: str
    vals: dict = None
    action: str = None
    create: bool = False
    expect: dict = None
    default: tuple = ACCESS
    check: str = None


def writers(expectation, **others):
    """The three roles that may write a case's records share ``expectation``."""
    return {"worker": expectation, "supervisor": expectation, "manager": expectation, **others}


class IntegrityCommon(RrsCaseCommon):
    ROWS = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(cls.env, login="rrs_portal", groups="base.group_portal")

    def _user(self, role):
        return getattr(self, role)

    def _resolve(self, vals):
        """Values naming a role (``"worker_other"``) for a user field get that user's id."""
        resolved = dict(vals)
        for fname, value in vals.items():
            if isinstance(value, str) and value in (*ROLES, "worker_other", "worker_far"):
                resolved[fname] = self._user(value).id
        return resolved

    def _snapshot(self, row):
        """Values of the fields the row names, on every record of its model (as superuser)."""
        Model = self.env[row.model].sudo().with_context(active_test=False)
        names = [f for f in (row.vals or {}) if f in Model._fields]
        state = getattr(Model, "_rrs_state_field", None)
        if state and state not in names:
            names.append(state)
        records = Model.search([])
        return {r.id: {f: r[f] for f in names} for r in records}

    def _run_row(self, row, role):
        expected = (row.expect or {}).get(role, row.default)
        user = self._user(role)
        with contextlib.closing(self.env.cr.savepoint()):
            if row.create:
                vals = getattr(self, row.make)()
                count = self.env[row.model].sudo().search_count([])
            else:
                record = getattr(self, row.make)()
                self.assertEqual(record._name, row.model)
                self.env.flush_all()
                before = self._snapshot(row)
            self.env.invalidate_all()
            try:
                if row.create:
                    result = self.env[row.model].with_user(user).create(self._resolve(vals))
                elif row.action:
                    getattr(record.with_user(user), row.action)()
                    result = record
                else:
                    record.with_user(user).write(self._resolve(row.vals))
                    result = record
                self.env.flush_all()
            except UserError as error:
                self.env.invalidate_all()
                if expected == OK:
                    self.fail(f"{row.rule} {row.what}: {role} was refused: {error}")
                kind, regex = expected
                label = f"{row.rule} {row.what} ({role})"
                if kind == "access":
                    self.assertIsInstance(error, AccessError, f"{label}: {error}")
                else:
                    self.assertNotIsInstance(
                        error, AccessError, f"{label}: refused for access, not by the rule: {error}"
                    )
                self.assertRegex(str(error), regex, label)
                if row.create:
                    count_after = self.env[row.model].sudo().search_count([])
                    self.assertEqual(count_after, count, f"{label}: a refused create left a record")
                elif not row.action:
                    self.assertEqual(self._snapshot(row), before, f"{label}: a refusal wrote")
                return "refused"
            if expected != OK:
                self.fail(f"{row.rule} {row.what}: {role} was allowed, expected {expected}")
            if row.check:
                getattr(self, row.check)(result.sudo())
            return "allowed"

    def run_table(self):
        """Every row as every role; returns the number of (row, role) attempts."""
        counts = {"allowed": 0, "refused": 0}
        for row in self.ROWS:
            for role in ROLES:
                with self.subTest(rule=row.rule, what=row.what, role=role):
                    counts[self._run_row(row, role)] += 1
        return counts
