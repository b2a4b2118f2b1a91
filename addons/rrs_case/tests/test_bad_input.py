# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Property-based test: whatever a client sends to create or write a record of the suite, it
gets a clean refusal (ValidationError, UserError, AccessError, MissingError), never a Python
or database error, and nothing is left half-written."""

import math
import time

import psycopg2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RrsCaseCommon

INT_MAX = 2**31 - 1
EXAMPLES = 6  # per model and operation: enough to meet every kind of junk over the suite
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

NOT_A_DATE = st.one_of(
    st.sampled_from(["not a date", "2024-13-45", "31/12/2024", "2024-02-30", "yesterday"]),
    st.text(alphabet="abcxyz!?# ", min_size=1, max_size=12),
)
NUL_TEXT = st.text(max_size=12).map(lambda s: s + "\x00" + s)
NOT_TEXT = st.one_of(
    st.integers(),
    st.floats(allow_nan=True),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(True),
)
HUGE_INT = st.one_of(st.integers(min_value=INT_MAX + 1), st.integers(max_value=-INT_MAX - 2))
BAD_FLOAT = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, 1e300, 10**400, True, "1.5", [1.0], {}]),
    st.floats(min_value=1e16, allow_infinity=True),
)
NOT_AN_ID = st.one_of(
    st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=3),
    st.text(max_size=6),
    HUGE_INT,
    st.sampled_from([0, -1, 1.5, True, {}, {"id": 1}, INT_MAX]),  # INT_MAX: no such record
)
BAD_COMMANDS = st.sampled_from(
    [
        "1,2",
        5,
        {},
        [(9, 0)],
        [(0,)],
        [(0, 0, "junk")],
        [(1, 0, {})],
        [(6, 0, "x")],
        [(6, 0, [INT_MAX])],
        [(4, "x")],
        [(4, INT_MAX)],
        [(2,)],
        [[[]]],
        [True],
        [2**40],
        [(4, 1), 7],
        [(0, 0, {}), "x"],
    ]
)


def junk_for(field):
    """Values ``field`` can never take (must be refused)."""
    ftype = field.type
    if ftype == "many2one":
        return NOT_AN_ID
    if ftype in ("integer", "many2one_reference"):
        return st.one_of(
            HUGE_INT,
            st.floats(allow_nan=True).filter(lambda f: not (math.isfinite(f) and f.is_integer())),
            st.sampled_from(["12", [1], {}, True]),
        )
    if ftype in ("float", "monetary"):
        return BAD_FLOAT
    if ftype == "boolean":
        return st.sampled_from(["yes", "true", [True], {}, 2, 1.5, -1])
    if ftype in ("char", "text", "html"):
        return st.one_of(NUL_TEXT, NOT_TEXT)
    if ftype == "selection":
        return st.one_of(
            st.text(min_size=1, max_size=10).map(lambda s: "no such choice " + s),
            st.sampled_from([1, [], True, {}]),
        )
    if ftype in ("date", "datetime"):
        return st.one_of(NOT_A_DATE, st.sampled_from([20240101, [2024, 1, 1], True, {}]))
    if ftype in ("one2many", "many2many"):
        return BAD_COMMANDS
    if ftype == "binary":
        return st.sampled_from([123, [1], {}, "abc", "not base64!"])
    return None  # a type the suite does not use: not fuzzed


def maybe_junk_for(field):
    """Values a client may legitimately send or that are refused further down (by the
    comodel's own check): either outcome is fine, a crash is not."""
    if field.type in ("one2many", "many2many"):
        return st.sampled_from(
            [
                False,
                [(0, 0, {"no_such_field": 1})],
                [(0, 0, {"name": "x\x00y"})],
                [(0, 0, {"case_id": [1, 2]})],
                [(1, INT_MAX, {"name": 5})],
            ]
        )
    return None


@tagged("post_install", "-at_install")
class TestBadInput(RrsCaseCommon):
    """Every model of the suite, as a case worker, against typed-wrong and extreme values."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_case = cls._active_case(user=cls.worker)
        # The worker also works on every other case (as secondary worker), so that each
        # model has a record the worker may write, demo data included.
        cls.env["rrs.case"].search([("id", "!=", cls.own_case.id)]).write(
            {"secondary_user_ids": [(4, cls.worker.id)]}
        )

    def _suite_models(self):
        return sorted(
            name
            for name, cls in self.env.registry.items()
            if name.startswith("rrs.") and not cls._abstract and not cls._transient
        )

    def _sample(self, model):
        """A record of ``model`` the worker can read (any record otherwise), or nothing."""
        Model = self.env[model]
        try:
            record = Model.with_user(self.worker).search([], limit=1)
        except AccessError:
            record = Model
        return (record or Model.search([], limit=1)).with_user(self.worker)

    def _snapshot(self, record, count_model):
        self.env.invalidate_all()
        Model = self.env[count_model].sudo().with_context(active_test=False)
        values = None
        if record:
            fnames = [
                name
                for name, field in record._fields.items()
                if field.store and field.type != "binary"
            ]
            values = record.sudo().read(fnames)
        return Model.search_count([]), values

    def _attempt(self, label, call, record, model, must_fail, failures):
        """Run ``call`` in a savepoint that is always rolled back; record what went wrong."""
        before = self._snapshot(record, model)
        outcome = None
        savepoint = self.env.cr.savepoint()
        try:
            # a refused NOT NULL is logged by the cursor before it is raised
            with mute_logger("odoo.sql_db"):
                call()
                self.env.flush_all()
        except UserError as exc:  # ValidationError, AccessError and MissingError included
            if isinstance(exc.__cause__, (ValueError, TypeError)):
                outcome = f"not caught by the type check: {exc.__cause__!r}"
        except psycopg2.IntegrityError:  # pylint: disable=except-pass
            pass  # a constraint of the database: Odoo's RPC layer answers a ValidationError
        except Exception as exc:  # noqa: BLE001 - anything else is the defect looked for
            outcome = f"{type(exc).__name__}: {exc}"[:300]
        else:
            if must_fail:
                outcome = "accepted"
        finally:
            savepoint.close(rollback=True)
        if outcome is None and self._snapshot(record, model) != before:
            outcome = "changed the data although refused"
        if outcome:
            failures.append(f"{label}: {outcome}")

    def _payload(self, data, Model):
        """A few junk values (field, value), at least one of them always refused."""
        fields = sorted(Model._fields)
        vals, must_fail = {}, False
        for _i in range(data.draw(st.integers(min_value=1, max_value=3))):
            kind = data.draw(st.sampled_from(["field", "field", "field", "unknown", "maybe"]))
            if kind == "unknown":
                name = data.draw(st.text(max_size=8).map(lambda s: "no_such_field_" + s))
                vals[name] = data.draw(st.integers())
                must_fail = True
                continue
            field = Model._fields[data.draw(st.sampled_from(fields))]
            maybe = maybe_junk_for(field) if kind == "maybe" else None
            junk = junk_for(field)
            if maybe is not None:
                vals[field.name] = data.draw(maybe)
            elif junk is not None:
                vals[field.name] = data.draw(junk)
                must_fail = True
        return vals, must_fail

    def _fuzz_model(self, model, failures):
        Model = self.env[model].with_user(self.worker)
        sample = self._sample(model)
        # sudo(): a copy of a real record's values, the base a junk value is mixed into
        try:
            base = sample.sudo().copy_data()[0] if sample else {}
        except UserError:
            base = {}

        @SETTINGS
        @given(data=st.data())
        def fuzz_create(data):
            junk, must_fail = self._payload(data, Model)
            vals = dict(base, **junk) if data.draw(st.booleans()) else junk
            self._attempt(
                f"{model}.create({vals!r:.200})",
                lambda: Model.create(vals),
                None,
                model,
                must_fail,
                failures,
            )

        @SETTINGS
        @given(data=st.data())
        def fuzz_write(data):
            vals, must_fail = self._payload(data, Model)
            self._attempt(
                f"{model}.write({vals!r:.200})",
                lambda: sample.write(vals),
                sample,
                model,
                must_fail,
                failures,
            )

        fuzz_create()
        if sample:
            fuzz_write()
        return bool(sample)

    def test_junk_values_are_refused_cleanly(self):
        models = self._suite_models()
        # the three addons are installed when these tests run: every one brings models
        for prefix in ("rrs.case", "rrs.assessment", "rrs.prs"):
            if not any(m.startswith(prefix) for m in models):
                self.skipTest(f"no {prefix}* model installed")
        failures = []
        written = 0
        started = time.monotonic()
        for model in models:
            written += self._fuzz_model(model, failures)
        elapsed = time.monotonic() - started
        print(  # noqa: T201 - the coverage of the run, in the test log  # pylint: disable=print-used
            f"bad input: {len(models)} models (create), {written} with a record (write), "
            f"{EXAMPLES} examples each, {elapsed:.0f} s"
        )
        self.assertGreaterEqual(len(models), 40, models)
        self.assertGreaterEqual(written, 35)
        self.assertFalse(failures, "\n".join(failures[:40]))

    def test_junk_sent_to_nested_lines_is_refused_by_their_model(self):
        """A create of a case whose household line names a list as the person: the member's
        own check refuses it, naming the field."""
        case_vals = {
            "program_id": self.program.id,
            "member_ids": [(0, 0, {"partner_id": [1, 2], "relationship": "head"})],
        }
        with self.assertRefused("Household Member.*expected the id of a record"):
            self.env["rrs.case"].with_user(self.worker).create(case_vals)

    def test_wrong_types_are_named(self):
        Case = self.env["rrs.case"].with_user(self.worker)
        case = self.own_case.with_user(self.worker)
        with self.assertRefused("expected the id of a record"):
            Case.create({"program_id": [self.program.id]})
        with self.assertRefused("no record with id"):
            case.write({"primary_language_id": INT_MAX})
        with self.assertRefused("expected a date"):
            case.write({"arrival_date": "last spring"})
        with self.assertRefused("NUL"):
            case.write({"urgent_needs": "Shelter\x00"})
        with self.assertRefused("expected a whole number"):
            case.write({"color": 2**40})
        with self.assertRefused("is not one of the choices"):
            case.write({"priority": "9"})
        with self.assertRefused("has no field"):
            case.write({"no_such_field": 1})
        with self.assertRefused("not a valid command"):
            case.write({"language_ids": [(4,)]})
        with self.assertRefused("expected a whole number"):
            self.program.with_user(self.manager).write({"caseload_target": math.nan})
        # the overrides of create run after the check: no KeyError or TypeError from them
        with self.assertRefused("expected the id of a record"):
            self.env["rrs.service.plan"].with_user(self.worker).create({"case_id": [case.id]})
        with self.assertRefused("expected the id of a record"):
            Case.create({"program_id": self.program.id, "company_id": "main"})
        # defaults from the context are values from the client as well
        with self.assertRefused("expected the id of a record"):
            Case.with_context(default_user_id="me").create({"program_id": self.program.id})

    def test_move_not_allowed_is_refused_cleanly(self):
        # rule CON-1: a plain write of the stage is the move, refused with the stages' names
        case = self._case().with_user(self.worker)
        with self.assertRefused("cannot go from “Intake” to “In service”", UserError):
            case.write({"state": "active"})
