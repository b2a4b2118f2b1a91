# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Keep each addon's translations (``i18n/es.po``, ``fr.po``, ``ar.po``) in step with its
template (``i18n/<addon>.pot``), as ``./scripts/pot`` regenerates it.

The suite's interface is translated into Spanish, French and Arabic (``LANGS``); the documents
given to a client also into Dari, Pashto, Ukrainian and Swahili (``DOCUMENT_LANGS``). The
``.po`` of a document language holds only the template's entries a client document prints,
told by their references (``is_document``): the documents' QWeb templates, the sentences their
code writes (``models/report_*.py``, the language note) and the labels and names they print.

Each ``.po`` is rebuilt from the ``.pot`` line by line, so that Odoo's references (``#:
model:ir.model.fields,field_description:...``, which say where a term applies) stay as Odoo
wrote them, and each entry gets the translation the ``.po`` already had for its msgid. A new
string gets an empty translation, which ``tests/test_translations.py`` reports until a
translator fills it; a string gone from the template leaves the ``.po``.

    python3 scripts/po_sync.py            # every addon, every language
"""

import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]

LANGS = {
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
}

# file name (as Odoo's get_po_paths looks for it) -> plural forms. Dari is the suite's fa_AF
# (not fa.po, which Persian fa_IR would load too), Pashto the suite's ps_AF (loads ps.po).
DOCUMENT_LANGS = {
    "fa_AF": "nplurals=2; plural=(n > 1);",
    "ps": "nplurals=2; plural=(n != 1);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "sw": "nplurals=2; plural=(n != 1);",
}

# The references of what a client's document prints: the templates of the service agreement,
# the letter on behalf of a client, the consent forms and the assistance receipt (with the
# layout's draft mark and language note, and what other addons add to them); the sentences the
# documents' code writes; the plan participants' reasons and the assistance purposes printed.
DOCUMENT_REFERENCE = re.compile(
    r"model_terms:ir\.ui\.view,arch_db:\w+\.report_"
    r"(service_agreement|case_letter|consent|assistance_receipt|draft_mark|language_note)"
    r"|code:addons/\w+/models/(report_\w+|rrs_language)\.py:"
    r"|model:ir\.model\.fields\.selection,name:\w+\.selection__rrs_service_plan_participant"
    r"__reason_not__"
    r"|model:rrs\.assistance\.purpose,name:"
)


def is_document(block):
    """Whether an entry of a template (its lines) is printed on a client's document."""
    return any(line[:2] == "#:" and DOCUMENT_REFERENCE.search(line) for line in block)


def document_references(pot_path):
    """The ``#:`` lines of the template's document entries, in order: what a document
    language's ``.po`` keeps."""
    text = Path(pot_path).read_text(encoding="utf-8")
    return [
        line
        for block in text.split("\n\n")
        if is_document(block.split("\n"))
        for line in block.split("\n")
        if line[:2] == "#:"
    ]


def unquote(line):
    s = line.strip()
    assert s.startswith('"') and s.endswith('"'), line
    return _unescape(s[1:-1])


def _unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}.get(n, "\\" + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")


def format_msgstr(text):
    if "\n" not in text:
        return [f'msgstr "{escape(text)}"']
    parts = text.split("\n")
    lines = []
    for index, part in enumerate(parts):
        segment = escape(part) + ("\\n" if index < len(parts) - 1 else "")
        if segment:
            lines.append(segment)
    return ['msgstr ""'] + [f'"{line}"' for line in lines]


def assemble(pot_path, lang, table, plural=None, documents_only=False):
    blocks = open(pot_path, encoding="utf-8").read().split("\n\n")
    if documents_only:
        blocks = blocks[:1] + [b for b in blocks[1:] if is_document(b.split("\n"))]
    lines = "\n\n".join(blocks).split("\n")
    out, missing = [], []
    i = 0
    header_done = False
    while i < len(lines):
        line = lines[i]
        if line.startswith("msgid "):
            block = [line]
            i += 1
            while i < len(lines) and lines[i].startswith('"'):
                block.append(lines[i])
                i += 1
            msgid = _unescape(block[0][6:].strip()[1:-1]) + "".join(unquote(b) for b in block[1:])
            out.extend(block)
            # the msgstr block of the pot (empty)
            assert lines[i].startswith("msgstr "), lines[i]
            i += 1
            pot_msgstr = []
            while i < len(lines) and lines[i].startswith('"'):
                pot_msgstr.append(lines[i])
                i += 1
            if not header_done and msgid == "":
                header_done = True
                out.append('msgstr ""')
                for h in pot_msgstr:
                    if h.startswith('"Plural-Forms:'):
                        out.append(f'"Plural-Forms: {plural or LANGS[lang]}\\n"')
                        continue
                    out.append(h)
                    if h.startswith('"Language-Team:'):
                        out.append(f'"Language: {lang}\\n"')
                continue
            text = table.get(msgid)
            if not text:
                missing.append(msgid)
                out.append('msgstr ""')
            else:
                out.extend(format_msgstr(text))
            continue
        out.append(line)
        i += 1
    return "\n".join(out), missing


def existing(po_path):
    if not po_path.exists():
        return {}
    with po_path.open("rb") as f:
        catalog = read_po(f)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def main():
    for pot in sorted(ROOT.glob("addons/*/i18n/*.pot")):
        jobs = [(lang, plural, False) for lang, plural in LANGS.items()]
        if document_references(pot):
            jobs += [(lang, plural, True) for lang, plural in DOCUMENT_LANGS.items()]
        for lang, plural, documents_only in jobs:
            po = pot.parent / f"{lang}.po"
            text, missing = assemble(str(pot), lang, existing(po), plural, documents_only)
            po.write_text(text, encoding="utf-8")
            if missing:
                print(f"{po.relative_to(ROOT)}: {len(missing)} strings to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
