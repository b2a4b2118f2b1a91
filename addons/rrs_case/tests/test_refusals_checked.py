# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A test that expects a refusal checks which refusal: its exception class and the words of its
message. ``assertRaises(UserError)`` passes on any access error (an ``AccessError`` is a
``UserError``), so a rule's refusal expected that way is proven by nothing. This check runs over
every test of the suite (and the black-box tests) and fails on:

- ``assertRaises(UserError | ValidationError | Exception)`` whose exception is not bound with
  ``as name`` and then read (``name.exception``) within the next lines;
- ``assertRefused("", ...)``, a refusal expected with an empty message.
"""

import re
from pathlib import Path

from odoo.tests import TransactionCase, tagged

ADDONS = Path(__file__).resolve().parents[2]
BARE = re.compile(r"assertRaises\(\s*(UserError|ValidationError|Exception)\s*\)(\s+as\s+(\w+))?")
EMPTY = re.compile(r"assertRefused\(\s*(\"\"|'')")
# How many lines after a bound assertRaises its message must be read.
REACH = 8


def unchecked_refusals(addons):
    """The suite's addon tests, and the black-box tests beside the addons when present."""
    root = addons.parent
    found = []
    paths = sorted(addons.glob("rrs_*/tests/**/*.py")) + sorted(root.glob("tests/*.py"))
    for path in paths:
        if path.name == Path(__file__).name:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            where = f"{path.relative_to(root)}:{number}: {line.strip()}"
            if EMPTY.search(line):
                found.append(where)
                continue
            match = BARE.search(line)
            if not match:
                continue
            name = match.group(3)
            after = "\n".join(lines[number : number + REACH])
            if not name or f"{name}.exception" not in after:
                found.append(where)
    return found


@tagged("post_install", "-at_install")
class TestRefusalsChecked(TransactionCase):
    def test_every_expected_refusal_names_its_message(self):
        self.assertTrue((ADDONS / "rrs_case").is_dir())
        self.assertEqual(unchecked_refusals(ADDONS), [])

    def test_the_check_finds_an_unchecked_refusal(self):
        # The check itself can fail: each bad form is reported, the good ones are not.
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            tests = Path(tmp) / "addons" / "rrs_example" / "tests"
            tests.mkdir(parents=True)
            (tests / "test_bad.py").write_text(
                "with self.assertRaises(UserError):\n"
                "    record.write({})\n"
                "with self.assertRaises(ValidationError) as refused:\n"
                "    record.write({})\n"
                'with self.assertRefused("", AccessError):\n'
                "    record.write({})\n",
                encoding="utf-8",
            )
            (tests / "test_good.py").write_text(
                "with self.assertRaisesRegex(UserError, 'stays as it is'):\n"
                "    record.write({})\n"
                "with self.assertRaises(UserError) as refused:\n"
                "    record.write({})\n"
                "self.assertRegex(str(refused.exception), 'stays')\n"
                "with self.assertRefused('stays as it is', UserError):\n"
                "    record.write({})\n",
                encoding="utf-8",
            )
            found = unchecked_refusals(Path(tmp) / "addons")
            self.assertEqual([f.split(":")[1] for f in found], ["1", "3", "5"], found)
            self.assertTrue(all("test_bad.py" in f for f in found), found)
