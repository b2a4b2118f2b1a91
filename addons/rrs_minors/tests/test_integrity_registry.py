# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Integrity rules that hold for every model of the suite, found in the registry: a new model
is covered without a new line (it fails here until it declares its guard). Run on the demo
data, as the demo case worker."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

# Models a client never writes at all: their own refusal comes first.
SYSTEM_WRITTEN = {
    "rrs.assessment.factor.result": "computed from the answers",
}


def suite_models(env):
    """Every model of the suite whose records hang on a case and are written (database views,
    which no one writes, are left out)."""
    for name in sorted(env.registry):
        model = env[name]
        if (
            name.startswith("rrs.")
            and not model._abstract
            and not model._transient
            and model._auto
            and "case_id" in model._fields
            and model._fields["case_id"].comodel_name == "rrs.case"
            and model._fields["case_id"].store
        ):
            yield model


@tagged("post_install", "-at_install")
class TestIntegrityRegistry(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker = cls.env.ref("rrs_case.user_worker1_demo")

    def test_every_case_record_keeps_its_case(self):
        """The case a record belongs to never changes after creation (integrity issue)."""
        models = list(suite_models(self.env))
        self.assertGreater(len(models), 15)
        unguarded = [m._name for m in models if not getattr(m, "_rrs_parent_field", None)]
        self.assertFalse(unguarded, f"models hanging on a case without a fixed parent: {unguarded}")
        cases = self.env["rrs.case"].search([("worker_user_ids", "in", self.worker.ids)])
        self.assertGreater(len(cases), 1, "the demo worker has several cases")
        tried = []
        for model in models:
            parent = model._rrs_parent_field
            record = model.search([("case_id", "in", cases.ids)], limit=1)
            if not record:
                continue
            as_worker = record.with_user(self.worker)
            if parent == "case_id":
                other = (cases - record.case_id)[:1]
                value = other.id
            else:
                comodel = model._fields[parent].comodel_name
                # another parent of the worker's cases, or (a parent outside cases, such as the
                # volunteer of hours logged for a family) any other one
                domain = [("id", "!=", record[parent].id)]
                if "case_id" in self.env[comodel]._fields:
                    domain.append(("case_id", "in", cases.ids))
                other = self.env[comodel].search(domain, limit=1)
                if not other:
                    continue
                value = other.id
            with self.subTest(model=model._name):
                may_write = as_worker.has_access("write")
                with self.assertRaises(UserError) as refused, self.env.cr.savepoint():
                    as_worker.write({parent: value})
                if may_write:
                    self.assertNotIsInstance(refused.exception, AccessError)
                    expected = SYSTEM_WRITTEN.get(model._name, "stays with the")
                    self.assertRegex(str(refused.exception), expected)
                else:
                    self.assertIsInstance(refused.exception, AccessError)
                tried.append(model._name)
        self.assertGreater(len(tried), 10, f"tried on {tried}")
