# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every addon's translations cover its template (issue 11).

For each addon's ``i18n/<addon>.pot`` and each language of the suite's interface (Spanish,
French, Arabic): the ``.po`` exists, translates every msgid (none empty, none fuzzy, none left
from an older template), keeps each string's placeholders, HTML tags and entities, keeps Odoo's
references that say where a term applies, and ``msgfmt --check`` accepts it. For the languages
only the client documents are translated into (Dari ``fa_AF``, Pashto ``ps``, Ukrainian
``uk``, Swahili ``sw``) the same holds for the template's entries a client document prints,
told by their references (``scripts/po_sync.py``, ``is_document``), and for nothing else.
``scripts/po_sync.py`` keeps the ``.po`` files in step when ``./scripts/pot`` changes a
template. Plain pytest: no database, no Odoo.
"""

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from po_sync import DOCUMENT_LANGS, LANGS, document_references, is_document  # noqa: E402

POTS = sorted(ROOT.glob("addons/*/i18n/*.pot"))
DOCUMENT_POTS = [pot for pot in POTS if document_references(pot)]
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


def document_msgids(pot):
    """The msgids of the template's entries a client document prints."""
    text = pot.read_text(encoding="utf-8")
    ids = set()
    for block in text.split("\n\n"):
        lines = block.split("\n")
        if is_document(lines):
            ids |= {m.id for m in read_po(iter(line.encode() for line in block.split("\n")))}
    return ids - {""}


def test_every_addon_has_a_template():
    assert {p.parent.parent.name for p in POTS} >= {"rrs_case", "rrs_volunteer"}


def test_client_documents_are_told_apart():
    """The document entries are the client documents' (not the interface's, nor the
    reports to ORR or funders): the rule is checked against strings it must and must not
    catch, so that a renamed template does not silently leave its document untranslated."""
    case = document_msgids(ROOT / "addons/rrs_case/i18n/rrs_case.pot")
    for msgid in ("Service agreement", "Client Charter", "Release of information", "DRAFT"):
        assert msgid in case, msgid
    assert any(msgid.startswith("The suite's documents are not yet available") for msgid in case)
    assert any(msgid.startswith("I, %(name)s, agree that") for msgid in case)
    assert "Cultural objection" in case, "a plan participant's reason is printed"
    assert "Case Worker" not in case and "Close Case" not in case
    assistance = ROOT / "addons/rrs_assistance/i18n/rrs_assistance.pot"
    assert "Receipt and acknowledgement of financial assistance" in document_msgids(assistance)
    minors = ROOT / "addons/rrs_minors/i18n/rrs_minors.pot"
    assert not document_references(minors), "the report to ORR is not a client's document"


def check_translation(pot, po, lang, template, references_of_template):
    assert po.exists(), f"{po.relative_to(ROOT)} is missing: run scripts/po_sync.py"
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
    assert references(po) == references_of_template


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("pot", POTS, ids=lambda p: p.parent.parent.name)
def test_translation_covers_the_template(pot, lang):
    template = {m.id for m in catalog(pot) if m.id}
    check_translation(pot, pot.parent / f"{lang}.po", lang, template, references(pot))


@pytest.mark.parametrize("lang", DOCUMENT_LANGS)
@pytest.mark.parametrize("pot", DOCUMENT_POTS, ids=lambda p: p.parent.parent.name)
def test_document_translation_covers_the_documents(pot, lang):
    template = document_msgids(pot)
    assert template
    check_translation(pot, pot.parent / f"{lang}.po", lang, template, document_references(pot))


@pytest.mark.parametrize("lang", DOCUMENT_LANGS)
def test_document_languages_only_where_documents_are(lang):
    for pot in POTS:
        assert (pot.parent / f"{lang}.po").exists() == (pot in DOCUMENT_POTS), pot


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize(
    ("pot", "lang"),
    [(pot, lang) for pot in POTS for lang in LANGS]
    + [(pot, lang) for pot in DOCUMENT_POTS for lang in DOCUMENT_LANGS],
    ids=lambda v: v.parent.parent.name if isinstance(v, Path) else v,
)
def test_msgfmt_accepts_the_translation(pot, lang):
    po = pot.parent / f"{lang}.po"
    done = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
