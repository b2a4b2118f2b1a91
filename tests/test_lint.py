# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The linters of ``.pre-commit-config.yaml`` (ruff, ruff's formatter, pylint-odoo), run by the
test command: a commit made without pre-commit's hooks cannot land with their findings. Stop
34 found a line too long in ``scripts/bench.py`` that the CI of stop 33 had let through.

Plain pytest: no database, no Odoo. The versions are pinned in ``requirements.txt`` to those of
``.pre-commit-config.yaml``.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON_TREES = ("addons", "tests", "scripts")


def _run(*args):
    result = subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, (
        f"{' '.join(args)} found problems (exit {result.returncode}):\n"
        f"{result.stdout}\n{result.stderr}"
    )


def test_ruff_check():
    _run("ruff", "check", *PYTHON_TREES)


def test_ruff_format():
    _run("ruff", "format", "--check", *PYTHON_TREES)


def test_pylint_odoo_on_every_addon():
    addons = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "addons").iterdir()
        if (path / "__manifest__.py").is_file()
    )
    assert len(addons) >= 7, addons
    _run("pylint", "--rcfile=.pylintrc", *addons)
