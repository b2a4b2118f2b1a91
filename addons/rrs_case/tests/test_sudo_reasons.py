# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every ``sudo()`` in the suite's code carries its reason (integrity issue): a comment
``# sudo(): why`` on the line or just above. A new ``sudo()`` without one fails here."""

import re
from pathlib import Path

from odoo.tests import TransactionCase, tagged

ADDONS = Path(__file__).resolve().parents[2]
SUDO = re.compile(r"\.sudo\(\)|^\s*\.sudo\(")
# How many lines above a sudo() its reason may stand (a statement split over a few lines).
REACH = 6


def unexplained_sudo(root):
    found = []
    for path in sorted(root.glob("rrs_*/**/*.py")):
        if "tests" in path.parts:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if not SUDO.search(line):
                continue
            window = lines[max(0, number - 1 - REACH) : number]
            comments = [part.split("#", 1)[1] for part in window if "#" in part]
            if not any("sudo()" in comment for comment in comments):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return found


@tagged("post_install", "-at_install")
class TestSudoReasons(TransactionCase):
    def test_every_sudo_says_why(self):
        self.assertTrue((ADDONS / "rrs_case").is_dir())
        self.assertEqual(unexplained_sudo(ADDONS), [])

    def test_the_check_finds_an_unexplained_sudo(self):
        # The check itself can fail: a file with a bare sudo() is reported.
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            module = Path(tmp) / "rrs_example" / "models"
            module.mkdir(parents=True)
            (module / "bad.py").write_text("records.sudo().write({})\n", encoding="utf-8")
            (module / "good.py").write_text(
                "# sudo(): the caller's right was checked above\nrecords.sudo().write({})\n",
                encoding="utf-8",
            )
            expected = ["rrs_example/models/bad.py:1: records.sudo().write({})"]
            self.assertEqual(unexplained_sudo(Path(tmp)), expected)
