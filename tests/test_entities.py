"""Entity extraction: the seed expectations, a hand-labelled news set, and odd input."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.entities import (
    article_entities,
    canonical_place,
    extract_entities,
    normalize_entity_key,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed_article(name: str) -> tuple[str, str, list[str]]:
    """Title, caption and body paragraphs of a seed page (the lines between the caption and the
    credit line, without the promo line), as the cleaner hands them over."""
    lines = (SEEDS / name).read_text(encoding="utf-8").replace("\xa0", " ").split("\n")
    filled = [line.strip() for line in lines if line.strip()]
    title = filled[2]
    caption = filled[3]
    body_start = max(i for i, line in enumerate(filled) if line == caption) + 1
    body_end = next(i for i, line in enumerate(filled) if line.startswith("With reporting"))
    paragraphs = [p for p in filled[body_start:body_end] if not p.startswith("RFE/RL LIVE BLOG")]
    return title, caption, paragraphs


def names_by_kind(entities) -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = {"person": set(), "org": set(), "place": set()}
    for entity in entities:
        kinds[entity.kind].add(entity.name)
    return kinds


JUNK = {"Unfortunately", "Accessibility", "Breaking News", "RFE/RL LIVE BLOG", "Speaking", "After"}


def test_seed_000_entities() -> None:
    title, caption, paragraphs = seed_article("000_ca8fbb6e7b69f488.txt")
    assert len(paragraphs) == 18
    entities = article_entities(title, paragraphs, caption)
    kinds = names_by_kind(entities)
    assert {"Anders Fogh Rasmussen", "Andriy Deshchytsya"} <= kinds["person"]
    assert {"NATO", "Russian Defense Ministry", "Russian Foreign Ministry"} <= kinds["org"]
    assert {"Russia", "Ukraine", "Crimea", "Brussels", "Kyiv", "Moscow", "Europe"} <= kinds["place"]
    rasmussen = next(e for e in entities if e.name == "Anders Fogh Rasmussen")
    assert "Rasmussen" in rasmussen.aliases
    assert rasmussen.in_lead and not rasmussen.in_title
    all_names = {e.name for e in entities} | {a for e in entities for a in e.aliases}
    assert not all_names & JUNK
    assert not any(e.name in ("Rasmussen", "Kremlin") and e.kind == "person" for e in entities)


def test_seed_003_entities() -> None:
    title, caption, paragraphs = seed_article("003_b735b7be424d337f.txt")
    assert len(paragraphs) == 10
    entities = article_entities(title, paragraphs, caption)
    kinds = names_by_kind(entities)
    assert {"Anders Fogh Rasmussen", "Petro Poroshenko"} <= kinds["person"]
    assert "NATO" in kinds["org"]
    assert {"Ukraine", "Russia", "Kyiv", "Moscow"} <= kinds["place"]
    poroshenko = next(e for e in entities if e.name == "Petro Poroshenko")
    assert "Poroshenko" in poroshenko.aliases
    nato = next(e for e in entities if e.name == "NATO")
    assert nato.in_title and nato.in_lead
    assert entities[0].name == "NATO"  # named in the title and most often
    assert [e.salience for e in entities] == sorted((e.salience for e in entities), reverse=True)


def test_article_spans_point_into_the_body() -> None:
    title, caption, paragraphs = seed_article("003_b735b7be424d337f.txt")
    body = "\n\n".join(paragraphs)
    for entity in article_entities(title, paragraphs, caption):
        assert entity.count >= len(entity.spans)
        for start, end in entity.spans:
            surface = body[start:end]
            assert surface == entity.name or surface in entity.aliases


# Hand-labelled news sentences: (text, [(surface, kind), ...]) in CoNLL style (titles and roles
# are not part of a person's span; adjectives like "German" are not entities).
LABELLED: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "German Chancellor Helmut Kohl met French President Francois Mitterrand in Bonn on Monday.",
        [("Helmut Kohl", "person"), ("Francois Mitterrand", "person"), ("Bonn", "place")],
    ),
    (
        "The European Commission said on Thursday it disagreed with German advice to consumers.",
        [("European Commission", "org")],
    ),
    (
        "Shares of General Motors Corp rose 2 percent on the New York Stock Exchange.",
        [("General Motors Corp", "org"), ("New York Stock Exchange", "org")],
    ),
    (
        "Peter Blackburn, a spokesman for the World Bank, said Brazil had met its targets.",
        [("Peter Blackburn", "person"), ("World Bank", "org"), ("Brazil", "place")],
    ),
    (
        "After talks in Geneva, U.N. envoy Kofi Annan flew to Baghdad.",
        [("Geneva", "place"), ("U.N.", "org"), ("Kofi Annan", "person"), ("Baghdad", "place")],
    ),
    (
        "The Kremlin said Russian troops would leave Chechnya, and the White House welcomed it.",
        [("Kremlin", "org"), ("Chechnya", "place"), ("White House", "org")],
    ),
    (
        "OPEC oil ministers meet in Vienna next week, Saudi Oil Minister Hisham Nazer said.",
        [("OPEC", "org"), ("Vienna", "place"), ("Hisham Nazer", "person")],
    ),
    (
        "Unfortunately, the Bank of England left rates unchanged, angering the City of London.",
        [("Bank of England", "org"), ("City of London", "place")],
    ),
    (
        "Mr. Smith told Reuters that Boeing Co would build the plant in Seattle.",
        [("Smith", "person"), ("Reuters", "org"), ("Boeing Co", "org"), ("Seattle", "place")],
    ),
    (
        "Poland's Solidarity union called a strike at the Gdansk shipyard, Lech Walesa said.",
        [
            ("Poland", "place"),
            ("Solidarity", "org"),
            ("Gdansk", "place"),
            ("Lech Walesa", "person"),
        ],
    ),
    (
        "Speaking in Tokyo, Japanese Finance Minister Kiichi Miyazawa said the yen was too strong.",
        [("Tokyo", "place"), ("Kiichi Miyazawa", "person")],
    ),
    (
        "The International Monetary Fund and the Federal Reserve disagreed about Mexico's debt.",
        [("International Monetary Fund", "org"), ("Federal Reserve", "org"), ("Mexico", "place")],
    ),
    (
        "Ukrainian President Petro Poroshenko greeted NATO Secretary-General Anders Fogh Rasmussen "
        "in Kyiv. Poroshenko thanked NATO.",
        [
            ("Petro Poroshenko", "person"),
            ("NATO", "org"),
            ("Anders Fogh Rasmussen", "person"),
            ("Kyiv", "place"),
            ("Poroshenko", "person"),
            ("NATO", "org"),
        ],
    ),
    (
        "Toyota Motor Corp will open a factory in Kentucky, the company said in Nagoya.",
        [("Toyota Motor Corp", "org"), ("Kentucky", "place"), ("Nagoya", "place")],
    ),
    (
        "Analysts at Merrill Lynch in London expect the Bundesbank to cut rates before Christmas.",
        [("Merrill Lynch", "org"), ("London", "place"), ("Bundesbank", "org")],
    ),
    (
        "In the Middle East, Israeli Prime Minister Yitzhak Shamir met Egypt's Hosni Mubarak.",
        [
            ("Middle East", "place"),
            ("Yitzhak Shamir", "person"),
            ("Egypt", "place"),
            ("Hosni Mubarak", "person"),
        ],
    ),
]


def gold_spans(text: str, labels: list[tuple[str, str]]) -> set[tuple[int, int, str]]:
    """Labels are listed in text order; each is found after the previous one."""
    spans: set[tuple[int, int, str]] = set()
    cursor = 0
    for surface, kind in labels:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        spans.add((start, cursor, kind))
    return spans


def predicted_spans(text: str) -> set[tuple[int, int, str]]:
    return {(s, e, ent.kind) for ent in extract_entities(text) for s, e in ent.spans}


def test_hand_labelled_exact_span_f1() -> None:
    true_pos = false_pos = false_neg = 0
    for text, labels in LABELLED:
        gold = gold_spans(text, labels)
        found = predicted_spans(text)
        true_pos += len(gold & found)
        false_pos += len(found - gold)
        false_neg += len(gold - found)
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.9, (precision, recall)


@pytest.mark.parametrize(("text", "labels"), LABELLED[:6])
def test_hand_labelled_sentence_has_no_junk(text: str, labels) -> None:
    found = predicted_spans(text)
    gold = gold_spans(text, labels)
    assert found - gold == set(), [text[s:e] for s, e, _ in found - gold]


def test_kremlin_and_white_house_are_organisations() -> None:
    entities = extract_entities("The Kremlin and the White House spoke on Tuesday.")
    assert {(e.name, e.kind) for e in entities} == {("Kremlin", "org"), ("White House", "org")}


def test_all_caps_text_yields_only_known_names() -> None:
    text = "RUSSIA SAYS TROOPS LEAVE CRIMEA AS NATO MINISTERS MEET IN BRUSSELS TODAY"
    names = {(e.name, e.kind) for e in extract_entities(text)}
    assert names == {
        ("Russia", "place"),
        ("Crimea", "place"),
        ("NATO", "org"),
        ("Brussels", "place"),
    }


def test_title_case_headline_yields_only_known_names() -> None:
    text = "NATO Chief Vows Support For Ukraine, Urges Russia Pullback"
    names = {(e.name, e.kind) for e in extract_entities(text)}
    assert names == {("NATO", "org"), ("Ukraine", "place"), ("Russia", "place")}


def test_sentence_initial_words_and_demonyms_are_not_entities() -> None:
    text = "Unfortunately, Russian officials declined. Breaking News: After the talks, nothing."
    assert extract_entities(text) == []


def test_surname_alias_merges_into_full_name() -> None:
    text = "Finance Minister Jaime Ongpin spoke. Ongpin said Manila would pay."
    entities = {e.name: e for e in extract_entities(text)}
    assert entities["Jaime Ongpin"].kind == "person"
    assert len(entities["Jaime Ongpin"].spans) == 2
    assert entities["Manila"].kind == "place"


def test_dateline_places() -> None:
    entities = extract_entities("SOUTHFIELD, MICH., March 13 - American Motors Corp said.")
    names = {(e.name, e.kind) for e in entities}
    assert ("Southfield", "place") in names and ("Michigan", "place") in names
    assert ("American Motors", "org") in names


def test_spelling_variants_share_a_canonical_place() -> None:
    assert canonical_place("Kiev") == canonical_place("Kyiv") == "Kyiv"
    assert canonical_place("Moskva") == "Moscow"
    assert canonical_place("U.S.") == canonical_place("United States") == "United States"
    assert canonical_place("USA") == canonical_place("US") == "United States"
    assert canonical_place("Britain") == "United Kingdom"
    assert canonical_place("Zürich") == canonical_place("Zurich")
    assert canonical_place("Russian") is None
    assert canonical_place("Unfortunately") is None
    assert canonical_place("") is None
    kiev = extract_entities("Talks in Kiev ended. Kyiv said so.")
    assert [(e.name, len(e.spans)) for e in kiev] == [("Kyiv", 2)]


def test_normalize_entity_key() -> None:
    assert normalize_entity_key("Anders  Fogh\nRasmussen") == "anders fogh rasmussen"
    assert normalize_entity_key("NATO") == "nato"


def test_results_pickle_for_worker_processes() -> None:
    title, caption, paragraphs = seed_article("000_ca8fbb6e7b69f488.txt")
    entities = article_entities(title, paragraphs, caption)
    assert pickle.loads(pickle.dumps(entities)) == entities


def check_entities(text: str) -> None:
    entities = extract_entities(text)
    assert isinstance(entities, list)
    for entity in entities:
        assert entity.kind in ("person", "org", "place")
        assert entity.name
        for start, end in entity.spans:
            assert 0 <= start < end <= len(text)
            assert text[start:end].strip()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_a_list(text: str) -> None:
    check_entities(text)


WORDS = st.sampled_from(
    ["NATO", "Russia", "said", "Mr.", "U.S.", "of", "the", "Bank", "&", "\n", "\x1b[31m", "Ю",
     "Ünal", "Kyiv", "Corp", "O'Brien", "(", ")", "<", ">", ",", ".", "-", "SOUTHFIELD", "Ltd"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=60), st.sampled_from([" ", "", "  "]))
def test_word_salad_gives_a_list(words: list[str], separator: str) -> None:
    text = separator.join(words)
    check_entities(text)
    check_entities(text.upper())
    check_entities(text.lower())


def test_huge_and_odd_text() -> None:
    check_entities("NATO SAID " * 50_000)
    check_entities("a" * 200_000)
    check_entities("Ж" * 1000 + " Moscow " + "\x00\x07\x1b" * 100)
    check_entities("")
    assert article_entities("", []) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # two companies joined by "and" are two organisations
            "Toyota Motor Corp and Nissan Motor Co Ltd reported lower sales.",
            {("Toyota Motor Corp", "org"), ("Nissan Motor Co Ltd", "org")},
        ),
        (  # "and Co" is part of the company, not a company called "Co"
            "The offering is managed by Morgan Stanley and Co Inc.",
            {("Morgan Stanley and Co Inc", "org")},
        ),
        (  # a person of a company is a person and a company
            "said economist Bill Sullivan of Dean Witter Reynolds Inc.",
            {("Bill Sullivan", "person"), ("Dean Witter Reynolds Inc", "org")},
        ),
        (  # "In" opening a sentence is no given name
            "He left. In Italy, Juventus beat AC Milan.",
            {("Italy", "place"), ("Juventus", "org"), ("AC Milan", "org")},
        ),
        (  # a role's organisation without the role
            "said the President of Holly Farms Poultry Industries.",
            {("Holly Farms Poultry Industries", "org")},
        ),
        (  # initials, a law's number and a partnership suffix are not organisations
            "E.H. Clark sold wheat under the PL 480 programme to USACafes LP on Monday.",
            {("E.H. Clark", "person")},
        ),
        (  # a company name ends before "for"
            "a permit to Arctic Petroleum Corp of Japan for Beaufort Sea drilling.",
            {("Arctic Petroleum Corp of Japan", "org"), ("Beaufort Sea", "place")},
        ),
        (  # the first word of a name with "and" is not a sentence-initial common word
            "WASHINGTON, Oct 19 - Securities and Exchange Commission officials met on Monday.",
            {("WASHINGTON", "place"), ("Securities and Exchange Commission", "org")},
        ),
        (  # German-style bank names and central banks with a leading adjective
            "Rabobank and the Federal Reserve Bank of New York were not available for comment.",
            {("Rabobank", "org"), ("Federal Reserve Bank of New York", "org")},
        ),
    ],
)
def test_organisation_shapes(text: str, expected: set[tuple[str, str]]) -> None:
    found = {(text[s:e], ent.kind) for ent in extract_entities(text) for s, e in ent.spans}
    assert found == expected


def test_a_name_with_a_company_suffix_once_is_a_company_throughout() -> None:
    text = "Dome Mines Ltd said it had sold the mine. Later, Dome Mines said it would buy it back."
    entities = extract_entities(text)
    assert [(e.name, e.kind, len(e.spans)) for e in entities] == [("Dome Mines", "org", 2)]


def test_a_ticker_in_a_wire_headline_is_no_organisation() -> None:
    assert extract_entities("COMMERCIAL CREDIT <CCC> UNIT SELLS DIVISION") == []


def test_known_names_with_an_apostrophe_and_clubs_by_their_results() -> None:
    text = (
        "Moody's Investors Service and Standard & Poor 's cut Brazil's rating. "
        "In Spain, Barcelona beat Valencia 2-1 at home."
    )
    found = {(text[s:e], ent.kind) for ent in extract_entities(text) for s, e in ent.spans}
    assert found == {
        ("Moody's Investors Service", "org"),
        ("Standard & Poor 's", "org"),
        ("Brazil", "place"),
        ("Spain", "place"),
        ("Barcelona", "org"),
        ("Valencia", "org"),
    }


def test_standings_rows_name_teams_and_wire_headlines_do_not() -> None:
    standings = "AMERICAN LEAGUE STANDINGS\nNEW YORK 72 57 .558 -\nBaltimore 67 62 .519 5\n"
    found = {
        (standings[s:e], ent.kind) for ent in extract_entities(standings) for s, e in ent.spans
    }
    assert found == {("NEW YORK", "org"), ("Baltimore", "org")}
    assert extract_entities("LOUISIANA-PACIFIC CORP 3RD QTR SHR 1.11 DLRS VS 59 CTS") == []


def test_the_commission_after_the_european_commission_is_the_same_organisation() -> None:
    text = "The European Commission said no. A day later the Commission 's spokesman said yes."
    entities = extract_entities(text)
    assert [(e.name, e.kind, [text[s:t] for s, t in e.spans]) for e in entities] == [
        ("European Commission", "org", ["European Commission", "Commission"])
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bank of Israel Governor Michael Bruno said rates would stay.",
            {("Bank of Israel", "org"), ("Michael Bruno", "person")},
        ),
        (
            "He met Vice-Premiers Li Peng and Yao Yilin, Tanjug reported.",
            {("Li Peng", "person"), ("Yao Yilin", "person"), ("Tanjug", "org")},
        ),
        (
            "Output was F/H 12 and L/H 13 in Belgium 12 Denmark 10.",
            {("Belgium", "place"), ("Denmark", "place")},
        ),
    ],
)
def test_wire_story_shapes(text: str, expected: set[tuple[str, str]]) -> None:
    found = {(text[s:e], ent.kind) for ent in extract_entities(text) for s, e in ent.spans}
    assert found == expected
