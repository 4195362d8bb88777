"""Articles analysed in the ingest workers index exactly as Whoosh's own analysis would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.format.prepared_docs import TEXT_FIELDS, analysed_text, entity_postings
from index.format.schema import ENTITY_FIELDS, build_schema

SCHEMA = build_schema()
TEXTS = [
    "NATO Secretary-General Anders Fogh Rasmussen met leaders in Kyiv; the U.S. said 5.93%.",
    "Die Bundesregierung berät über die Große Koalition in der Wilhelmstraße. Straße, STRASSE.",
    "İstanbul'da seçim sonuçları açıklandı; Çağrı Bey konuştu. ISTANBUL ıslak",
    "Правительство в Москве обсуждает НАТО. Москва ответила на заявление.",
    "Cafe\u0301 and café, naïve coöperation; running runs ran runner's.",
    "",
    "   \n\n  ",
    "a a a b a b c",
    "保障房 in 東京: Tokyo's ｶﾀｶﾅ rates, Rates and rated; 保障",  # CJK: the spans path
    "Rates rate RATES rated rate's rates",  # several words, one stem: positions merged in order
]


def whoosh_analysis(field, text: str) -> tuple[list, list[bytes]]:
    words = [w.encode("utf-8") for w in field.spellable_words(text)]
    return list(field.index(text)), words


@pytest.mark.parametrize("name", TEXT_FIELDS)
@pytest.mark.parametrize("text", TEXTS)
def test_one_pass_analysis_equals_whoosh(name, text):
    field = SCHEMA[name]
    postings, words = analysed_text(field, text)
    expected_postings, expected_words = whoosh_analysis(field, text)
    assert postings == expected_postings
    assert words == expected_words


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200))
def test_one_pass_analysis_equals_whoosh_on_any_text(text):
    for name in TEXT_FIELDS:
        field = SCHEMA[name]
        assert analysed_text(field, text) == whoosh_analysis(field, text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9_.. -'\n\t,é"), max_size=80))
def test_ascii_text_takes_the_fast_words_and_gets_the_same_postings(text):
    text = text.replace("é", "e") if len(text) % 2 else text  # ASCII, and now and then not
    for name in TEXT_FIELDS:
        field = SCHEMA[name]
        assert analysed_text(field, text) == whoosh_analysis(field, text)


ENTITY_VALUES = [
    "Anders Fogh Rasmussen\nRasmussen\nNATO",
    "U.S.\nUnited States\n\n\nKyiv",
    "İstanbul'da Çağrı\nМосква\nZürich Zurich",
    "",
    "\n",
    " a  b \n a",
]


@pytest.mark.parametrize("value", ENTITY_VALUES)
def test_entity_postings_equal_whoosh(value):
    for name in ENTITY_FIELDS:
        assert entity_postings(SCHEMA[name], value) == list(SCHEMA[name].index(value))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)))
def test_entity_postings_equal_whoosh_on_any_names(names):
    value = "\n".join(names)
    for name in ENTITY_FIELDS:
        assert entity_postings(SCHEMA[name], value) == list(SCHEMA[name].index(value))
