# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``docs/traceability.md`` and ``scripts/mutations.py`` stay true (issue 18).

- every test a row names exists (a renamed or deleted test leaves no stale row);
- every rule of the table has tests whose names carry its key (``PLAN-4`` -> ``test_plan4_...``),
  which is how ``scripts/mutate`` finds the tests of a rule;
- every rule of the table has a test named after it that acts as a role of the suite (a
  ``with_user``, a browser tour or an API client), not only as the superuser, whose ``sudo``
  skips the guards that hold for everyone else;
- every rule of the table has at least one break in ``scripts/mutations.py``, every break
  names a rule of the table, and its text to break is found exactly once in its file.

Plain pytest: no database, no Odoo.
"""

import re
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULE = re.compile(r"\b([A-Z]{2,5}-\d+)\b")
ROW_RULE = re.compile(r"^\|\s*([A-Z]{2,5}-\d+)\b")
# A test named in a row: ``test_name`` (a file name ``test_x.py`` is not a test); a trailing
# ``*`` names every test of that prefix.
NAMED_TEST = re.compile(r"\b(test_\w+)(\*?)(?!\w|\.py)")


def rule_key(rule):
    return rule.lower().replace("-", "")


def traceability_rows():
    """{rule id: [the row's test cells]} for the rows whose first cell is a rule id."""
    rows = {}
    text = (ROOT / "docs" / "traceability.md").read_text(encoding="utf-8")
    for line in text.splitlines():
        match = ROW_RULE.match(line)
        if match:
            rows.setdefault(match.group(1), []).append(line.rsplit(" | ", 1)[-1])
    return rows


def suite_test_names():
    """Every test function and method name of the addons' tests and of this folder."""
    names = set()
    paths = sorted(ROOT.glob("addons/rrs_*/tests/**/*.py")) + sorted(ROOT.glob("tests/*.py"))
    for path in paths:
        names.update(re.findall(r"^\s*def (test_\w+)\(", path.read_text(encoding="utf-8"), re.M))
    return names


# A test acts as a role when it switches user, runs a browser tour or talks to the API.
ACTS_AS_ROLE = re.compile(r"with_user\(|with_env\(|start_tour\(|_tour\(|json2|xmlrpc|rpc\(")


def suite_function_bodies():
    """{function name: its source} of the tests' functions and helpers, each from its ``def``
    to the next ``def`` at its own indentation or less (nested functions stay inside)."""
    bodies = {}
    paths = sorted(ROOT.glob("addons/rrs_*/tests/**/*.py")) + sorted(ROOT.glob("tests/*.py"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        starts = list(re.finditer(r"^([ ]*)(?:def (\w+)\(|class )", text, re.M))
        for number, here in enumerate(starts):
            if not here.group(2):
                continue
            indent = len(here.group(1))
            end = next(
                (later.start() for later in starts[number + 1 :] if len(later.group(1)) <= indent),
                len(text),
            )
            bodies[here.group(2)] = bodies.get(here.group(2), "") + text[here.start() : end]
    return bodies


def acts_as_role(name, bodies):
    """The test switches user itself or through the tests' helpers it calls (at any depth)."""
    seen, todo = set(), [name]
    while todo:
        part = todo.pop()
        if part in seen:
            continue
        seen.add(part)
        body = bodies.get(part, "")
        if ACTS_AS_ROLE.search(body):
            return True
        todo += re.findall(r"\b(?:self|cls)\.(_\w+)\(", body)
    return False


def mutations():
    return runpy.run_path(str(ROOT / "scripts" / "mutations.py"))["MUTATIONS"]


def named_tests(cell):
    return [(name + star) for name, star in NAMED_TEST.findall(cell)]


def test_the_tables_are_read():
    # the checks below are only as good as the parsing: the table and the tests are found
    rows = traceability_rows()
    assert len(rows) >= 45, sorted(rows)
    assert {"ELIG-1", "PLAN-4", "PRS-9", "FIN-2", "REC-4"} <= set(rows)
    assert "test_plan4_next_review_at_the_program_interval" in suite_test_names()
    assert named_tests("`test_a.py::test_plan4_x`, `test_fin2_*` (each); test_b.py") == [
        "test_plan4_x",
        "test_fin2_*",
    ]


def test_every_test_a_row_names_exists():
    functions = suite_test_names()
    missing = []
    for rule, cells in sorted(traceability_rows().items()):
        for cell in cells:
            for name in named_tests(cell):
                if name.endswith("*"):
                    found = any(f.startswith(name[:-1]) for f in functions)
                else:
                    found = name in functions
                if not found:
                    missing.append(f"{rule}: {name}")
    assert missing == [], "tests named in docs/traceability.md that do not exist"


def test_every_rule_has_tests_named_after_it():
    functions = suite_test_names()
    unnamed = [
        rule
        for rule in sorted(traceability_rows())
        if not any(rule_key(rule) in name for name in functions)
    ]
    assert unnamed == [], "rules whose tests scripts/mutate cannot find (-k <key>)"


def test_every_rule_is_tested_as_a_role():
    bodies = suite_function_bodies()
    as_superuser_only = [
        rule
        for rule in sorted(traceability_rows())
        if not any(
            name.startswith("test_") and rule_key(rule) in name and acts_as_role(name, bodies)
            for name in bodies
        )
    ]
    assert as_superuser_only == [], "rules whose tests never act as a role of the suite"


def test_every_rule_has_a_break_and_every_break_a_rule():
    rules = set(traceability_rows())
    table = mutations()
    broken = {entry["rule"] for entry in table}
    assert sorted(rules - broken) == [], "rules of docs/traceability.md with no break"
    assert sorted(broken - rules) == [], "breaks of rules that docs/traceability.md lacks"


def test_each_break_applies_once():
    # the same check scripts/mutate makes before a run: the text to break is found once
    check_table = runpy.run_path(str(ROOT / "scripts" / "mutate.py"))["check_table"]
    assert check_table(mutations()) == []
