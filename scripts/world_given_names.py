"""Writes index/entities/data/world_given_names.txt: given names of many countries, from Faker.

    .venv/bin/pip install -e '.[train]' && .venv/bin/python scripts/world_given_names.py

The person rules for languages other than English (`index/entities/named_abroad.py`) start a
name at a known given name. The Census list in given_names.txt is American; this adds the
first-name lists of Faker's person providers (MIT licence) for every locale whose script has
capital letters (Latin, Cyrillic, Greek): "Jürgen", "Małgorzata", "Søren", "Władysław",
"Владимир". A name that is also a place in the gazetteer ("Paris", "Florence") or a month or
weekday ("August", "Mai") is left out, so "August Sanktionen" and "Paris Saint-Germain" are
not people.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.entities.gazetteer import places  # noqa: E402

OUT = ROOT / "index" / "entities" / "data" / "world_given_names.txt"
NAME = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)?")
FIELDS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


def faker_names() -> set[str]:
    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for field in FIELDS:
            value = getattr(provider, field, None)
            if isinstance(value, (tuple, list, dict, set, frozenset)):
                names.update(value)
    return names


def calendar_words() -> set[str]:
    """Month and weekday names of every Faker locale, casefolded ("mai", "août", "sobota")."""
    import faker.providers.date_time as date_time

    words: set[str] = set()
    for module in pkgutil.iter_modules(date_time.__path__):
        provider = importlib.import_module(f"{date_time.__name__}.{module.name}").Provider
        for field in ("MONTH_NAMES", "DAY_NAMES"):
            words.update(w.casefold() for w in getattr(provider, field, {}).values())
    return words


def keep(name: str, place_names: set[str], calendar: set[str]) -> bool:
    return (
        len(name) >= 3
        and NAME.fullmatch(name) is not None
        and name[0].isupper()
        and not name.isupper()
        and name not in place_names
        and name.casefold() not in calendar
    )


def main() -> None:
    place_names, calendar = set(places()), calendar_words()
    found = {n.strip() for n in faker_names()}
    names = sorted(n for n in found if keep(n, place_names, calendar))
    header = (
        "# Given names of Faker's person providers (MIT), every locale with capital letters; "
        "written by scripts/world_given_names.py\n"
    )
    OUT.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
