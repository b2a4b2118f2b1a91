#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Mutation testing of the suite's rules (issue 18). Run through ``scripts/mutate``.

For each break of ``scripts/mutations.py`` (a rule id, a file, an exact text found once in it
and its replacement): write the break, run the addons' tests whose names carry the rule's key
(``PLAN-4`` -> ``-k plan4``) against the kept database, and restore the file. A break is
*killed* when a test fails, *survived* when every test passes. Before the breaks, the same
tests run once on the code as it is: a rule whose tests already fail is reported and its
breaks are not tried (they would be killed by nothing).

An entry with ``"update": "<module>"`` (a break the database must see: a model's SQL
constraint, a column) updates that module in the database after writing the break and again
after restoring the file (``python3 -m odoo -u <module> --stop-after-init``). A break whose
update fails is reported as ``update failed``, not as killed.
"""

import argparse
import runpy
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADDONS = [
    "rrs_case",
    "rrs_assessment",
    "rrs_minors",
    "rrs_staff",
    "rrs_assistance",
    "rrs_volunteer",
    "rrs_reporting",
    "rrs_reporting_assistance",
    "rrs_reporting_minors",
]


def rule_key(rule):
    return rule.lower().replace("-", "")


def load_table():
    return runpy.run_path(str(ROOT / "scripts" / "mutations.py"))["MUTATIONS"]


def check_table(table):
    """Every break must name a file and a text found exactly once in it."""
    problems = []
    for number, entry in enumerate(table, 1):
        path = ROOT / entry["file"]
        if not path.is_file():
            problems.append(f"#{number} {entry['rule']}: no file {entry['file']}")
            continue
        count = path.read_text(encoding="utf-8").count(entry["old"])
        if count != 1:
            problems.append(
                f"#{number} {entry['rule']}: the text to break is found {count} times in "
                f"{entry['file']} (the code changed: update scripts/mutations.py)"
            )
        if entry["old"] == entry["new"]:
            problems.append(f"#{number} {entry['rule']}: the break changes nothing")
        if "update" in entry and not (ROOT / "addons" / entry["update"]).is_dir():
            problems.append(f"#{number} {entry['rule']}: no module {entry['update']} to update")
    return problems


def run_tests(args, key):
    """pytest on the addons' tests named after the rule; returns (outcome, seconds, summary)."""
    paths = [f"addons/{m}/tests" for m in ADDONS if (ROOT / "addons" / m / "tests").is_dir()]
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        f"--odoo-config={args.config}",
        f"--odoo-database={args.database}",
        "--odoo-log-level=critical",
        "-q",
        "-x",
        "-k",
        key,
        *paths,
    ]
    start = time.time()
    try:
        done = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=args.timeout
        )
    except subprocess.TimeoutExpired:
        return "timeout", time.time() - start, f"no result in {args.timeout} s"
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    summary = lines[-1] if lines else done.stderr.strip()[-200:]
    outcome = {0: "passed", 1: "failed", 5: "no tests"}.get(done.returncode, "error")
    return outcome, time.time() - start, summary


def update_module(args, module):
    """Update ``module`` in the kept database; returns (ok, seconds, the log's last line)."""
    command = [
        sys.executable,
        "-m",
        "odoo",
        "-c",
        args.config,
        "-d",
        args.database,
        "-u",
        module,
        "--stop-after-init",
        "--log-level=critical",
    ]
    start = time.time()
    try:
        done = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=args.timeout
        )
    except subprocess.TimeoutExpired:
        return False, time.time() - start, f"no update in {args.timeout} s"
    output = (done.stderr or done.stdout).strip()
    return done.returncode == 0, time.time() - start, output[-200:]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--rule", action="append", help="only the breaks of this rule id")
    parser.add_argument(
        "--only",
        metavar="N,M,...",
        help="only these breaks, by their number in the whole table (as printed by a run)",
    )
    parser.add_argument("--list", action="store_true", help="print the table and stop")
    parser.add_argument("--timeout", type=int, default=900)
    parser.add_argument(
        "--shard",
        metavar="K/N",
        help="only every N-th break from the K-th (1 <= K <= N): N runs side by side, each in "
        "its own copy of the work tree and of the database, share the table",
    )
    args = parser.parse_args()

    table = load_table()
    problems = check_table(table)
    if problems:
        print("\n".join(problems))
        sys.exit(2)
    for number, entry in enumerate(table, 1):
        entry["number"] = number  # the break's number in the whole table
    if args.rule:
        wanted = {r.upper() for r in args.rule}
        table = [entry for entry in table if entry["rule"] in wanted]
    if args.only:
        numbers = {int(part) for part in args.only.split(",")}
        table = [entry for entry in table if entry["number"] in numbers]
    if args.shard:
        shard, shards = (int(part) for part in args.shard.split("/"))
        if not 1 <= shard <= shards:
            parser.error("--shard K/N needs 1 <= K <= N")
        table = table[shard - 1 :: shards]
    if args.list:
        for entry in table:
            print(f"{entry['rule']:8} {entry['file']}: {entry['why']}")
        return

    rules = sorted({entry["rule"] for entry in table})
    print(f"{len(table)} breaks of {len(rules)} rules\n")
    broken_before = set()
    # the code as it is: every rule's tests in one run, rule by rule only when that one fails
    outcome, seconds, summary = run_tests(args, " or ".join(rule_key(r) for r in rules))
    print(f"baseline: {outcome} ({summary}, {seconds:.0f} s)\n")
    for rule in rules if outcome != "passed" else ():
        outcome, seconds, summary = run_tests(args, rule_key(rule))
        if outcome != "passed":
            broken_before.add(rule)
            print(f"baseline {rule}: {outcome} ({summary}): its breaks are not tried")
    results = []
    print("| # | rule | break | result | tests | s |")
    print("| ---: | --- | --- | --- | --- | ---: |")
    for entry in table:
        if entry["rule"] in broken_before:
            results.append("not tried")
            continue
        path = ROOT / entry["file"]
        original = path.read_text(encoding="utf-8")
        module = entry.get("update")
        try:
            path.write_text(original.replace(entry["old"], entry["new"], 1), encoding="utf-8")
            updated, seconds, summary = update_module(args, module) if module else (True, 0, "")
            if updated:
                outcome, tested, summary = run_tests(args, rule_key(entry["rule"]))
                seconds += tested
            else:
                outcome = "update failed"
        finally:
            path.write_text(original, encoding="utf-8")
            if module:
                restored, _seconds, log = update_module(args, module)
                if not restored:
                    print(f"the update of {module} after restoring {entry['file']} failed: {log}")
                    sys.exit(3)
        result = {"failed": "killed", "passed": "SURVIVED"}.get(outcome, outcome)
        results.append(result)
        print(
            f"| {entry['number']} | {entry['rule']} | {entry['why']} | {result} | {summary} | "
            f"{seconds:.0f} |",
            flush=True,
        )
    killed = results.count("killed")
    tried = len(results) - results.count("not tried")
    survived = [
        f"{entry['rule']}: {entry['why']} ({entry['file']})"
        for entry, result in zip(table, results, strict=True)
        if result == "SURVIVED"
    ]
    print(f"\nScore: {killed} of {tried} breaks killed", end="")
    print(f" ({100 * killed / tried:.0f}%)" if tried else "")
    if survived:
        print("Survived:\n- " + "\n- ".join(survived))
    sys.exit(0 if killed == tried else 1)


if __name__ == "__main__":
    main()
