"""People and organisations outside English, found by known names; places by their local names.

Sentences written for these tests (regression checks, not evidence of quality).
"""

from __future__ import annotations

import pytest

from index.entities import entities_for_language


def named(text: str, language: str, title: str = "") -> dict[tuple[str, str], int]:
    return {(e.kind, e.name): e.count for e in entities_for_language(title, [text], "", language)}


def test_german_people_start_at_a_given_name_not_at_a_capitalised_noun():
    found = named(
        "Bundeskanzler Olaf Scholz hat mit dem Präsidenten Emmanuel Macron gesprochen. Scholz "
        "sagte, die Lage bleibe ernst. Frank-Walter Steinmeier und Ursula von der Leyen kamen "
        "später. Will Deutschland sparen? Im August Sanktionen.",
        "de",
    )
    people = {name: n for (kind, name), n in found.items() if kind == "person"}
    assert people == {
        "Olaf Scholz": 2,
        "Emmanuel Macron": 1,
        "Frank-Walter Steinmeier": 1,
        "Ursula von der Leyen": 1,
    }
    assert ("place", "Germany") in found  # "Will Deutschland" is no person
    assert not [name for kind, name in found if kind == "place" and name.startswith("Lage")]


def test_surname_alone_and_capitalised_particle_count_for_the_person():
    found = named(
        "Von der Leyen llegó a Madrid. El presidente Pedro Sánchez recibió a Ursula von der "
        "Leyen. Sánchez habló después.",
        "es",
        title="Sánchez y Von der Leyen",
    )
    assert found[("person", "Ursula von der Leyen")] == 3
    assert found[("person", "Pedro Sánchez")] == 3
    assert ("place", "Madrid") in found  # not Chennai, whose old name Madras stems alike


@pytest.mark.parametrize(
    ("text", "language", "person"),
    [
        ("Premier Donald Tusk spotkał się w Warszawie z ministrami.", "pl", "Donald Tusk"),
        ("Президент Владимир Путин провёл встречу в Москве.", "ru", "Владимир Путин"),
        ("La presidente Giorgia Meloni ha incontrato i sindaci a Roma.", "it", "Giorgia Meloni"),
        ("Cumhurbaşkanı Recep Tayyip Erdoğan Ankara'da konuştu.", "tr", "Recep Tayyip Erdoğan"),
        ("Erik ten Hag zei dat het team beter moet spelen.", "nl", "Erik ten Hag"),
    ],
)
def test_people_in_other_scripts_and_languages(text, language, person):
    assert ("person", person) in named(text, language)


def test_organisations_by_curated_name_and_company_form():
    found = named(
        "Die Deutsche Bank AG und Siemens investieren. Das Bild zeigt elf Menschen. Elf "
        "Menschen kamen zur Bahn. Der Vertrag mit der Müller Logistik GmbH läuft aus.",
        "de",
    )
    orgs = {name for kind, name in found if kind == "org"}
    assert orgs == {"Deutsche Bank", "Siemens", "Müller Logistik"}


def test_acronyms_written_as_words_are_the_organisations():
    """German and Dutch papers write "Nato", "Fifa", "Uefa", "Opec"; "Bild" and "Elf" stay words,
    and a surname ("Mena") is no news agency. The curated names in German are the same ones."""
    found = named(
        "Die Nato berät in Brüssel. Fifa und Uefa streiten, die Opec tagt. Das Bild zeigt elf "
        "Spieler. Juan Mena sagte nichts. Die Europäische Zentralbank und die EU-Kommission "
        "warnen, die Vereinten Nationen auch.",
        "de",
    )
    orgs = {name: n for (kind, name), n in found.items() if kind == "org"}
    assert orgs == {
        "NATO": 1, "FIFA": 1, "UEFA": 1, "OPEC": 1, "European Central Bank": 1,
        "European Commission": 1, "United Nations": 1,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [
        (
            "Le président d'Israël a visité l'Ukraine. L'OTAN et l'ONU saluent le ministre "
            "d'Emmanuel Macron. La Côte d'Ivoire et N'Djamena.",
            "fr",
            {("org", "NATO"), ("org", "United Nations"), ("person", "Emmanuel Macron"),
             ("place", "Israel"), ("place", "Ukraine"), ("place", "Ivory Coast"),
             ("place", "N'Djamena")},
        ),
        (
            "Il presidente dell'Ucraina e l'Italia. L'ONU discute del terremoto de L'Aquila.",
            "it",
            {("place", "Ukraine"), ("place", "Italy"), ("org", "United Nations"),
             ("place", "L'Aquila")},
        ),
    ],
)  # fmt: skip
def test_names_after_an_elided_article_are_found(text, language, wanted):
    """French and Italian write "l'", "d'", "dell'" onto the name; "N'Djamena", "L'Aquila" and
    "Côte d'Ivoire" keep theirs."""
    assert set(named(text, language)) == wanted


def test_no_names_guessed_in_scripts_without_capitals():
    found = named("国家主席习近平在北京会见了法国总统。", "zh")
    assert {kind for kind, _ in found} == {"place"}
    assert named("وقال الوزير إن المكتبة في القاهرة ستكون مفتوحة.", "ar") == {("place", "Cairo"): 1}
