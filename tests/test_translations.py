# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every addon's translations cover its template (issue 11).

For each addon's ``i18n/<addon>.pot`` and each language of the suite (Spanish, French,
Arabic): the ``.po`` exists, translates every msgid (none empty, none fuzzy, none left from an
older template), keeps each string's placeholders, HTML tags and entities, keeps Odoo's
references that say where a term applies, and ``msgfmt --check`` accepts it.
``scripts/po_sync.py`` keeps the ``.po`` files in step when ``./scripts/pot`` changes a
template. Plain pytest: no database, no Odoo.
"""

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("es", "fr", "ar")
POTS = sorted(ROOT.glob("addons/*/i18n/*.pot"))
PLACEHOLDER = re.compile(
    r"%\([a-zA-Z_0-9]+\)[sdfr]|%[sdfr]|%%|\{\{.*?\}\}|\{[a-zA-Z_0-9]*\}|#\{.*?\}"
)
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9_.:-]*")
ENTITY = re.compile(r"&[a-zA-Z]+;|&#\d+;")


def catalog(path):
    with path.open("rb") as f:
        return read_po(f)


def references(path):
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line[:2] == "#:"]


def test_every_addon_has_a_template():
    assert {p.parent.parent.name for p in POTS} >= {"rrs_case", "rrs_volunteer"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("pot", POTS, ids=lambda p: p.parent.parent.name)
def test_translation_covers_the_template(pot, lang):
    po = pot.parent / f"{lang}.po"
    assert po.exists(), f"{po.relative_to(ROOT)} is missing: run scripts/po_sync.py"
    template = {m.id for m in catalog(pot) if m.id}
    translated = catalog(po)
    assert translated.locale is not None and str(translated.locale).startswith(lang)
    entries = {m.id: m for m in translated if m.id}
    assert set(entries) == template, (
        f"{po.relative_to(ROOT)} is not in step with its template: run scripts/po_sync.py "
        f"(missing {sorted(template - set(entries))[:5]}, stale "
        f"{sorted(set(entries) - template)[:5]})"
    )
    problems = []
    for msgid, message in entries.items():
        text = message.string
        if not text or not text.strip() or message.fuzzy:
            problems.append((msgid[:60], "not translated"))
            continue
        for name, pattern in (("placeholders", PLACEHOLDER), ("tags", TAG), ("entities", ENTITY)):
            if Counter(pattern.findall(msgid)) != Counter(pattern.findall(text)):
                problems.append((msgid[:60], f"{name} differ"))
    assert not problems, f"{po.relative_to(ROOT)}: {len(problems)} entries: {problems[:10]}"
    # Odoo applies a model's term where the reference says: the .po keeps the template's
    assert references(po) == references(pot)


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("pot", POTS, ids=lambda p: p.parent.parent.name)
def test_msgfmt_accepts_the_translation(pot, lang):
    po = pot.parent / f"{lang}.po"
    done = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
