"""Entities II: one person is one entry, sport lines and tables, span edges, other languages."""

from __future__ import annotations

import json
from pathlib import Path

from index.entities import article_entities, extract_entities
from tests.test_cli import newsreader, search_json


def spans(text: str) -> list[tuple[str, str, str]]:
    """(surface, kind, canonical name) of every mention, in text order."""
    found = [
        (start, text[start:end], entity.kind, entity.name)
        for entity in extract_entities(text)
        for start, end in entity.spans
    ]
    return [(surface, kind, name) for _, surface, kind, name in sorted(found)]


def kinds(text: str) -> dict[str, str]:
    return {surface: kind for surface, kind, _ in spans(text)}


def test_a_surname_after_the_full_name_is_that_person() -> None:
    text = (
        "Prime Minister John Major said on Monday he would stay. Major told reporters in London "
        "that the party was united, and aides said Major would speak again. Major companies fell."
    )
    found = spans(text)
    majors = [f for f in found if f[0] == "Major"]
    assert majors == [("Major", "person", "John Major")] * 2  # not "Major companies"
    assert ("London", "place", "London") in found


def test_a_surname_that_is_a_place_or_a_common_word_follows_the_person() -> None:
    text = (
        "Bill Jordan, president of the engineering union, said members would vote. Jordan warned "
        "of strikes. Roger Mills, his deputy, agreed. Mills said talks would go on."
    )
    found = spans(text)
    assert ("Jordan", "person", "Bill Jordan") in found
    assert ("Mills", "person", "Roger Mills") in found
    assert ("Roger Mills", "person", "Roger Mills") in found
    assert not any(kind == "place" for _, kind, _ in found)


def test_a_short_form_before_the_full_name_resolves_too() -> None:
    text = "Dole rallies supporters in Ohio\n\nRepublican candidate Bob Dole told supporters..."
    assert spans(text)[0] == ("Dole", "person", "Bob Dole")


def test_the_country_stays_a_country_beside_a_given_name() -> None:
    found = spans("Jordan Smith met officials in Jordan. Smith said Jordan would help.")
    assert found[0] == ("Jordan Smith", "person", "Jordan Smith")
    assert ("Jordan", "place", "Jordan") in found
    assert ("Smith", "person", "Jordan Smith") in found


def test_the_sidebar_names_a_person_once_with_every_mention_counted() -> None:
    entities = article_entities(
        "Major wins vote",
        ["Prime Minister John Major won the vote on Monday.", "Major said he was pleased."],
    )
    people = [e for e in entities if e.kind == "person"]
    assert [p.name for p in people] == ["John Major"]
    assert people[0].count == 3 and people[0].in_title
    assert "Major" in people[0].aliases


def test_short_forms_of_organisations() -> None:
    text = (
        "The European Central Bank (ECB) will be based in Frankfurt. The ECB will set rates. "
        "The European Commission proposed quotas, and the Commission said it would act."
    )
    found = spans(text)
    assert found.count(("ECB", "org", "European Central Bank")) == 2
    assert ("Commission", "org", "European Commission") in found


def test_results_lines_tables_and_fixtures() -> None:
    text = (
        "SOCCER - ENGLISH LEAGUE RESULTS\n"
        "Barnsley 2 Sheffield Wednesday 1\n"
        "Newcastle 3 Leeds 0\n"
        "Standings:\n"
        "Oxford 22 8 6 8 27 21 30\n"
        "Ghana 2 ( Tony Yeboah 24 , 73 ) Nigeria 1 ( Emmanuel Amunike 60 )\n"
        "Hugh Baiocchi 73 67 141\n"
        "UTAH AT DENVER\n"
        "1. Switzerland I ( Reto Goetschi , Guido Acklin ) 1:51.90\n"
    )
    found = kinds(text)
    for club in ("Barnsley", "Sheffield Wednesday", "Newcastle", "Leeds", "Oxford", "UTAH"):
        assert found[club] == "org", club
    assert found["Switzerland I"] == "org"  # a crew, not the country
    for person in ("Tony Yeboah", "Emmanuel Amunike", "Hugh Baiocchi", "Reto Goetschi"):
        assert found[person] == "person", person
    assert found["Ghana"] == found["Nigeria"] == found["DENVER"] == "place"


def test_clubs_named_after_towns_only_in_sport() -> None:
    sport = kinds(
        "Newcastle manager Kevin Keegan said Les Ferdinand would play against Leeds on Saturday. "
        "Newcastle have won four league games and scored 12 goals this season."
    )
    assert sport["Newcastle"] == sport["Leeds"] == "org"
    assert sport["Kevin Keegan"] == "person"
    news = kinds("Police in Derby said the fire near Leicester started at night.")
    assert news == {"Derby": "place", "Leicester": "place"}
    clubs = kinds("Derby County beat Real Madrid, and Dynamo Kiev lost to Bayern Munich.")
    assert set(clubs.values()) == {"org"} and len(clubs) == 4


def test_spans_leave_out_roles_and_keep_long_names_whole() -> None:
    found = kinds(
        "Frenchman Patrick Vieira and All-rounder Greg Blewett met Surgeon Renat Akchurin at "
        "the Sydney Cricket Ground. Oil platforms in the Gulf of Mexico shut, and Munich Re "
        "and Swiss Re said claims would rise."
    )
    for person in ("Patrick Vieira", "Greg Blewett", "Renat Akchurin"):
        assert found[person] == "person"
    assert found["Sydney Cricket Ground"] == found["Gulf of Mexico"] == "place"
    assert found["Munich Re"] == found["Swiss Re"] == "org"
    assert "Sydney" not in found and "Mexico" not in found


def test_provinces_venues_and_institutions() -> None:
    found = kinds(
        "China's State Council approved rules for Hainan and Guangxi. The West Indies play "
        "England at Twickenham, La Stampa said."
    )
    assert found["State Council"] == found["La Stampa"] == "org"
    for place in ("China", "Hainan", "Guangxi", "West Indies", "England", "Twickenham"):
        assert found[place] == "place", place


def test_other_languages_get_no_invented_people() -> None:
    found = spans(
        "A Comissão de Segurança Cibernética reuniu-se ontem em Lisboa com o ministro da "
        "Economia. O Governo anunciou novas medidas para a Proteção Civil e a Guardia Civil."
    )
    assert (
        "Comissão de Segurança Cibernética",
        "org",
        "Comissão de Segurança Cibernética",
    ) in found
    assert ("Lisboa", "place", "Lisbon") in found
    assert not any(kind == "person" for _, kind, _ in found)


def test_the_library_stores_and_finds_the_full_name(tmp_path: Path) -> None:
    dump = tmp_path / "wire.jsonl"
    story = {
        "id": "m1",
        "title": "MAJOR SAYS ELECTION NOT YET",
        "text": "LONDON, March 2 - Prime Minister John Major said on Monday he would not call "
        "an early election.\n\nMajor told reporters the Conservative Party was united. Aides "
        "said Major would speak again on Tuesday.",
    }
    dump.write_text(json.dumps(story) + "\n")
    library = tmp_path / "lib"
    newsreader(library, "index", str(dump))
    hit = search_json(library, 'person:"John Major"')["hits"][0]
    shown = json.loads(newsreader(library, "show", hit["id"], "--json").stdout)
    people = [e for e in shown["entities"] if e["kind"] == "person"]
    assert [p["name"] for p in people] == ["John Major"]
    assert people[0]["count"] >= 3
    listed = json.loads(newsreader(library, "entities", "--kind", "person", "--json").stdout)
    assert [(e["name"], e["articles"]) for e in listed] == [("John Major", 1)]


def test_generations_and_company_names_at_a_sentence_end() -> None:
    found = spans(
        "Chairman John M. Henske said John Johnstone Jr would succeed him. Johnstone, 53, is "
        'president. "Rates are steady," said Scott Winningham of J.S. Winningham and Co. The '
        "average rose."
    )
    assert ("Johnstone", "person", "John Johnstone Jr") in found
    assert ("J.S. Winningham and Co.", "org", "J.S. Winningham") in found
    people = {name for _, kind, name in found if kind == "person"}
    assert people == {"John M. Henske", "John Johnstone Jr", "Scott Winningham"}
    entities = article_entities("Olin names chief", ["John Johnstone Jr will lead Olin Corp."])
    johnstone = next(e for e in entities if e.kind == "person")
    assert johnstone.aliases == ["Johnstone"]
