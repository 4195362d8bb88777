"""Places beyond English: whole words in every script, no common word taken for a town."""

from __future__ import annotations

import pytest

from index.entities.by_language import local_entities, place_of_local_name

# Written for these tests: short news sentences naming places, among words that look like towns.
CASES = [
    (  # Devanagari: the vowel signs are part of the word ("कई", many, is no town)
        "hi",
        "दिल्ली में बुधवार को हुई भारी बारिश से कई इलाकों में पानी भर गया। "
        "मुख्यमंत्री ने बैठक की। मुंबई और कोलकाता में भी बारिश की संभावना है।",
        {"New Delhi", "Mumbai", "Kolkata"},
    ),
    (  # Arabic: "صورة" (an image) is not Tyre, "الحديدية" (railway) not Hodeidah, "and Hamburg" is
        "ar",
        "دعت نقابة السكك الحديدية في ألمانيا إلى إضراب. واضطر الركاب في برلين وهامبورغ إلى "
        "استخدام الحافلات. هل سيغير المتحف صورة السياحة في مصر؟ فهل ستنتهي الأزمة قريبا؟",
        {"Germany", "Berlin", "Hamburg", "Egypt"},
    ),
    (  # Hebrew: "in Berlin", "and in Frankfurt" are written as one word
        "he",
        "איגוד נהגי הרכבות בגרמניה הכריז על שביתה. נוסעים בברלין ובפרנקפורט עברו לאוטובוסים.",
        {"Germany", "Berlin", "Frankfurt"},
    ),
    (  # Spanish: "Madrid" is not Madras by its stem, "Brasil" is the country, "José" no town
        "es",
        "El precio del café en Madrid ha subido. La sequía en Brasil ha reducido las cosechas, "
        "explicó José García.",
        {"Madrid", "Brazil"},
    ),
    (  # Polish: the cases of Warsaw still are Warsaw; "Rafał" is a first name
        "pl",
        "Prezydent Warszawy Rafał Trzaskowski podziękował mieszkańcom. W Warszawie głosowało "
        "ponad 60 procent.",
        {"Warsaw"},
    ),
]


@pytest.mark.parametrize(("language", "text", "wanted"), CASES, ids=[c[0] for c in CASES])
def test_local_places_are_the_places_named(language, text, wanted):
    found = local_entities("", [text], "", language)
    assert {entity.name for entity in found if entity.kind == "place"} == wanted


def test_common_words_of_scripts_without_capitals_are_no_small_towns():
    text = "افتتح المتحف الجديد في القاهرة."  # "the new" is also a Libyan town's spelling
    assert [e.name for e in local_entities("", [text], "", "ar")] == ["Cairo"]
    media = "東京のメディアが報じた。"  # "media" is also Médéa's spelling in katakana
    assert [e.name for e in local_entities("", [media], "", "ja")] == ["Tokyo"]


def test_a_devanagari_name_is_the_whole_word():
    (delhi,) = local_entities("", ["दिल्ली में बारिश हुई।"], "", "hi")
    assert delhi.name == "New Delhi" and delhi.aliases == ["दिल्ली"]


def test_cjk_names_without_their_administrative_suffix():
    found = local_entities("", ["北京今天下雨。上海市和广州也下雨。"], "", "zh")
    assert [e.name for e in found] == ["Beijing", "Shanghai", "Guangzhou"]
    (tokyo,) = local_entities("", ["東京で会議が開かれた。"], "", "ja")
    assert tokyo.name == "Tokyo"


@pytest.mark.parametrize(
    ("name", "place"),
    [("Москва", "Moscow"), ("Moskau", "Moscow"), ("القاهرة", "Cairo"), ("北京", "Beijing"),
     ("ירושלים", "Jerusalem"), ("दिल्ली", "New Delhi"), ("Xyzzy", None)],
)  # fmt: skip
def test_a_place_by_its_name_in_any_language(name, place):
    assert place_of_local_name(name) == place


# Written for these tests (regression checks): words of the article's language that are also
# names of places somewhere; and the places that must stay found.
WORDS_NOT_PLACES = [
    (  # "Para" (the state of Pará), "Como" (Como), "Solo" (Surakarta) are Spanish words
        "es",
        "Para el gobierno, la economía crece. Solo el tiempo dirá. Como dijo el ministro en "
        "Madrid, nada ha cambiado.",
        {"Madrid"},
    ),
    (  # German capitalises its nouns: "Name"/"Namen" (Namur), "Tor" (Sloviansk), "Gold"
        # (Gold Coast), "Tour" (Tours) are words; "Essen", "Rom", "Prag", "Kiew" are places
        "de",
        "Der Name des Spielers ist bekannt. Im Namen der Mannschaft sprach der Trainer. Das Tor "
        "fiel spät, Gold gab es für die Staffel, die Tour beginnt. Das Team reist von Essen nach "
        "Rom, Prag und Kiew.",
        {"Essen", "Rome", "Prague", "Kyiv"},
    ),
    (  # Portuguese "Para", "Como", "Nada"; Porto and Rio are places
        "pt",
        "Para o governo, a economia cresce. Como disse o ministro, Nada mudou. O Porto venceu "
        "no Rio.",
        {"Porto", "Rio de Janeiro"},
    ),
    (  # "Москва" is among Russian's frequent words, and Moscow all the same
        "ru",
        "Москва ответила на санкции. В Минске и в Киеве прошли встречи.",
        {"Moscow", "Minsk", "Kyiv"},
    ),
]


@pytest.mark.parametrize(
    ("language", "text", "wanted"), WORDS_NOT_PLACES, ids=[c[0] for c in WORDS_NOT_PLACES]
)
def test_a_word_of_the_language_is_no_place_there(language, text, wanted):
    found = local_entities("", [text], "", language)
    assert {entity.name for entity in found if entity.kind == "place"} == wanted
