"""Writes index/language_names.json (ISO 639-1 code -> English name) and language_endonyms.json.

    python scripts/language_names.py

`index.records.language_name` reads the file so that a search or `stats` does not load
pycountry's whole ISO 639-3 table (about 100 ms a process) for a facet's labels; codes
not in it (three-letter ones) still ask pycountry. The endonyms (code -> the language's names
in itself, from pycountry's iso639-3 translations: "de" -> ["Deutsch"]) let `lang:Deutsch`
and `lang:русский` find what `lang:de` and `lang:ru` find.
"""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "index" / "language_names.json"
OWN_NAMES = OUT.with_name("language_endonyms.json")


def short_name(name: str) -> str:
    """ "Modern Greek (1453-)" -> "Greek", as `language_name` says it."""
    return name.split(" (")[0].removeprefix("Modern ")


def main() -> None:
    names = {
        lang.alpha_2: short_name(lang.name)
        for lang in pycountry.languages
        if getattr(lang, "alpha_2", None)
    }
    OUT.write_text(json.dumps(dict(sorted(names.items())), indent=0, ensure_ascii=False) + "\n")
    print(f"{len(names)} languages -> {OUT}")
    own = {}
    for lang in pycountry.languages:
        code = getattr(lang, "alpha_2", None)
        if not code:
            continue
        try:
            translate = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[code])
        except OSError:
            continue
        local = translate.gettext(lang.name)
        if local != lang.name:
            own[code] = [n.strip() for n in local.split(";") if n.strip()]
    OWN_NAMES.write_text(json.dumps(dict(sorted(own.items())), indent=0, ensure_ascii=False) + "\n")
    print(f"{len(own)} languages' own names -> {OWN_NAMES}")


if __name__ == "__main__":
    main()
