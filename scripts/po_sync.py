# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Keep each addon's translations (``i18n/es.po``, ``fr.po``, ``ar.po``) in step with its
template (``i18n/<addon>.pot``), as ``./scripts/pot`` regenerates it.

Each ``.po`` is rebuilt from the ``.pot`` line by line, so that Odoo's references (``#:
model:ir.model.fields,field_description:...``, which say where a term applies) stay as Odoo
wrote them, and each entry gets the translation the ``.po`` already had for its msgid. A new
string gets an empty translation, which ``tests/test_translations.py`` reports until a
translator fills it; a string gone from the template leaves the ``.po``.

    python3 scripts/po_sync.py            # every addon, every language
"""

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


def assemble(pot_path, lang, table):
    lines = open(pot_path, encoding="utf-8").read().split("\n")
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
                        out.append(f'"Plural-Forms: {LANGS[lang]}\\n"')
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
        for lang in LANGS:
            po = pot.parent / f"{lang}.po"
            text, missing = assemble(str(pot), lang, existing(po))
            po.write_text(text, encoding="utf-8")
            if missing:
                print(f"{po.relative_to(ROOT)}: {len(missing)} strings to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
