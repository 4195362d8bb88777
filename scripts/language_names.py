"""Writes index/language_names.json: ISO 639-1 code -> English name, from pycountry.

    python scripts/language_names.py

`index.records.language_name` reads the file so that a search or `stats` does not load
pycountry's whole ISO 639-3 table (about 100 ms a process) for a facet's labels; codes
not in it (three-letter ones) still ask pycountry.
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "index" / "language_names.json"


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


if __name__ == "__main__":
    main()
