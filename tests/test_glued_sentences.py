"""Sentences a text extractor glued together ("has recommended.The tiny territory") get their space
back: the words are searchable and read as two sentences; addresses and abbreviations are left."""

from __future__ import annotations

import io

import pytest
from cli_support import newsreader, search_json
from warcio.warcwriter import WARCWriter

from index.text import space_glued_sentences


@pytest.mark.parametrize(
    ("glued", "spaced"),
    [
        ("the committee recommended.The territory", "the committee recommended. The territory"),
        ("direct from Jakarta.Following its closure", "direct from Jakarta. Following its closure"),
        ("die Regierung hat gesagt.Die Opposition", "die Regierung hat gesagt. Die Opposition"),
        ("он сказал.Вчера было", "он сказал. Вчера было"),
        ("Is it over?Nobody knows", "Is it over? Nobody knows"),
        ("tools, pens etc.The rest", "tools, pens etc. The rest"),
    ],
)  # fmt: skip
def test_a_glued_sentence_end_gets_its_space(glued, spaced):
    assert space_glued_sentences(glued) == spaced


@pytest.mark.parametrize(
    "text",
    [
        "officials in the U.S.The",  # a capital before the mark: an abbreviation
        "visit Amazon.Com today",
        "see www.Example.Org for more",
        "write to press.Office@example.org",
        "at https://example.org/News.Today now",
        "it rose 3.5 per cent",
        "a.Bc or ab.Cd",  # too short to be a sentence's last word
        "the report said. The minister",  # already spaced
    ],
)
def test_addresses_numbers_and_short_words_are_left_alone(text):
    assert space_glued_sentences(text) == text


def _wet(url: str, text: str) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("x.wet", {"isPartOf": "CC-MAIN-TEST"}))
    record = writer.create_warc_record(
        url, "conversion", payload=io.BytesIO(text.encode()), warc_content_type="text/plain"
    )
    writer.write_record(record)
    return buffer.getvalue()


def test_a_wet_page_with_glued_sentences_is_found_by_their_words(tmp_path):
    """The console script on a Common Crawl WET file: "Jakarta" and "recommended" are words of
    the article, not halves of "jakarta.following" and "recommended.the"."""
    page = (
        "Home\nNews\nSport\n"
        "Island casino should reopen, committee says\n"
        "A casino on the island once considered the most profitable in the country should be "
        "brought out of mothballs, a parliamentary committee has recommended.The tiny territory "
        "in the ocean is known for its detention centre and its annual crab migration.\n"
        "In the mid-1990s the casino was the playground of a wealthy elite flying direct from "
        "Jakarta.Following its closure in 1998 the island's population halved to 1,300 people.\n"
        "The committee said a new operator could be found within two years of a decision.\n"
        "Contact us\nPrivacy\n"
    )
    dump = tmp_path / "crawl.warc.wet.gz"
    dump.write_bytes(_wet("https://news.example/island-casino", page))
    library = tmp_path / "library"
    newsreader(library, "index", str(dump))
    for word in ("Jakarta", "recommended", "following"):
        hits = search_json(library, word)["hits"]
        assert [h["title"] for h in hits] == ["Island casino should reopen, committee says"], word
    shown = newsreader(library, "show", hits[0]["id"]).stdout
    assert "has recommended. The tiny territory" in shown
