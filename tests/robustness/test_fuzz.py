"""Property-based attacks: any text, query or file bytes give an answer or a reason, no crash."""

from __future__ import annotations

import gzip
import json
import re
import signal
import unicodedata
from contextlib import contextmanager
from pathlib import Path

import pytest
from attacks import FORBIDDEN, PAYLOAD, SEED_000, hostile_json_record
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from index.cleaning.clean import clean_page
from index.entities import article_entities
from index.library import Library
from index.reading.dumps import iter_pages
from index.records import Article, Page, Skipped
from index.text import sanitize

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples in every run: CI stays bounded and repeatable
)
WORDS = [
    "NATO", "Rasmussen", "said", "the", "Ukraine", "Kyiv", "Accessibility", "links", "Share",
    "Breaking", "News", "Image", "16x9", "©", "2014", "Reuters", "AP", "Москва", "北京", "café",
    "[bold]", "[/]", "http://x.example/a", "—", "…", "'", '"', "(", ")", ":", ".", ",",
]  # fmt: skip
CONTROL = st.sampled_from(
    ["\x1b[31m", "\x1b]0;t\x07", "\x1b]8;;http://e\x1b\\", "\x00", "\x07", "\x85", "\x9b",
     "\u202e", "\u2066", "\u200b", "\ufeff", "\u00a0", "\r", "\t", "\x0c", "\ud800"]
)  # fmt: skip
LINE = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join),
    st.text(max_size=80),
    CONTROL,
    st.just(""),
)
PAGE_TEXT = st.one_of(
    st.lists(LINE, max_size=40).map("\n".join),
    st.text(max_size=2000),
    st.lists(st.one_of(LINE, CONTROL), max_size=40).map("".join),
)


@contextmanager
def time_limit(seconds: int, what: str):
    """Fail (instead of hanging the run) when `what` takes longer than `seconds`."""

    def expired(signum, frame):
        raise AssertionError(f"{what} took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def comparable(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", sanitize(text)).split()).casefold()


@FUZZ
@given(text=PAGE_TEXT, title=st.one_of(st.just(""), LINE), url=st.one_of(st.just(""), LINE))
def test_cleaner_gives_an_article_or_a_reason_and_invents_no_words(text, title, url):
    page = Page("fuzz", "fuzz/page.txt", "page.txt", text, url=url, title=title)
    with time_limit(20, "cleaning one page"):
        result = clean_page(page)
    assert isinstance(result, Article | Skipped)
    event(type(result).__name__)
    if isinstance(result, Skipped):
        assert result.reason
        return
    source = comparable("\n".join([text, title, url]))
    for part in (result.title, result.caption, *result.paragraphs, *result.credits):
        assert FORBIDDEN.search(part) is None, part
        for word in words(part):
            assert word.casefold() in source, f"{word!r} is not in the page"


@pytest.fixture(scope="module")
def fuzz_library(tmp_path_factory) -> Library:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "hostile.jsonl").write_text(json.dumps(hostile_json_record()) + "\n")
    library = Library(root / "library")
    library.add([SEED_000.parent, root / "hostile.jsonl"])
    yield library
    library.close()


QUERY_PIECES = st.sampled_from(
    ['"', "(", ")", "*", "?", "~", "^", ":", "-", "+", "AND", "OR", "NOT", "to", "[", "]", "{",
     "}", "person:", "org:", "place:", "dump:", "source:", "date:", "lang:", "title:", "body:",
     "2014", "2014-03..2014-04", "..", "nato", "rasm*", "\\", "'", "\x00", "\x1b[31m", "\u202e",
     " ", "  ", "ü", "北约", PAYLOAD]
)  # fmt: skip
QUERY = st.one_of(st.text(max_size=60), st.lists(QUERY_PIECES, max_size=12).map("".join))


@FUZZ
@given(
    query=QUERY,
    sort=st.sampled_from(["relevance", "newest", "oldest", "bogus"]),
    limit=st.integers(-3, 50),
    offset=st.integers(-3, 10),
)
def test_any_query_returns_results_or_none(fuzz_library, query, sort, limit, offset):
    with time_limit(20, f"the query {query!r}"):
        result = fuzz_library.search(query, limit=limit, offset=offset, sort=sort)
    assert 0 <= len(result.hits) <= max(limit, 0)
    assert result.total >= len(result.hits)
    for hit in result.hits:
        assert fuzz_library.article(hit.id).id == hit.id
        assert FORBIDDEN.search(hit.title + hit.snippet) is None


@FUZZ
@given(query=QUERY, kind=st.sampled_from([None, "person", "org", "place", "bogus"]))
def test_entity_listing_takes_any_prefix(fuzz_library, query, kind):
    with time_limit(20, "listing entities"):
        found = fuzz_library.entities(kind=kind, prefix=query, limit=10)
    assert len(found) <= 10


@FUZZ
@given(
    title=st.one_of(st.just(""), LINE),
    paragraphs=st.lists(st.one_of(LINE, st.text(max_size=300)), max_size=8),
    caption=st.one_of(st.just(""), LINE),
)
def test_entity_extractor_takes_any_text(title, paragraphs, caption):
    paragraphs = [sanitize(p) for p in paragraphs]  # as the cleaner hands them over
    with time_limit(20, "finding entities"):
        entities = article_entities(sanitize(title), paragraphs, sanitize(caption))
    body = "\n\n".join(paragraphs)
    for entity in entities:
        assert entity.kind in ("person", "org", "place")
        assert entity.count >= 1 and entity.name.strip()
        assert FORBIDDEN.search(entity.name) is None
        for start, end in entity.spans:
            assert 0 <= start < end <= len(body)


def read_all(path: Path) -> list[Page | Skipped]:
    with time_limit(20, f"reading {path.name}"):
        items = list(iter_pages([path]))
    for item in items:
        assert isinstance(item, Page | Skipped)
        if isinstance(item, Skipped):
            assert item.reason
    return items


GOOD_JSONL = b"".join(
    json.dumps({"id": str(n), "title": f"Title {n}", "text": "NATO said so. " * 5}).encode() + b"\n"
    for n in range(3)
)


def warc_record(headers: str, block: bytes) -> bytes:
    head = f"WARC/1.0\r\n{headers}Content-Length: {len(block)}\r\n\r\n".encode()
    return head + block + b"\r\n\r\n"


WET = warc_record(
    "WARC-Type: warcinfo\r\nContent-Type: application/warc-fields\r\n",
    b"isPartOf: CC-MAIN-2016-50\r\n",
) + warc_record(
    "WARC-Type: conversion\r\nWARC-Target-URI: http://example.com/a\r\n"
    "WARC-Date: 2016-12-01T00:00:00Z\r\nContent-Type: text/plain\r\n",
    b"A title line here\n\nNATO ministers met in Brussels on Tuesday, officials said.\n",
)


def mutate(data: bytes, edits: list[tuple[int, bytes, int]]) -> bytes:
    """Apply (position, insertion, deletion length) edits to some bytes."""
    for position, insert, delete in edits:
        at = position % (len(data) + 1)
        data = data[:at] + insert + data[at + delete :]
    return data


EDITS = st.lists(
    st.tuples(st.integers(0, 10_000), st.binary(max_size=12), st.integers(0, 40)), max_size=6
)


@FUZZ
@given(data=st.one_of(st.binary(max_size=3000), EDITS.map(lambda e: mutate(GOOD_JSONL, e))))
def test_json_lines_reader_takes_any_bytes(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("jsonl")
    (folder / "dump.jsonl").write_bytes(data)
    (folder / "dump.jsonl.gz").write_bytes(gzip.compress(data)[: max(10, len(data) // 2)])
    read_all(folder / "dump.jsonl")
    read_all(folder / "dump.jsonl.gz")


@FUZZ
@given(
    data=st.one_of(st.binary(max_size=3000), EDITS.map(lambda e: mutate(WET, e))),
    cut=st.integers(0, 400),
)
def test_warc_reader_takes_any_bytes(tmp_path_factory, data, cut):
    folder = tmp_path_factory.mktemp("warc")
    (folder / "crawl.warc.wet").write_bytes(data)
    whole = gzip.compress(data)
    (folder / "crawl.warc.wet.gz").write_bytes(whole[: max(1, len(whole) - cut)])
    members = b"".join(gzip.compress(data[i : i + 97]) for i in range(0, len(data), 97))
    (folder / "members.warc.gz").write_bytes(members[: max(1, len(members) - cut)])
    for name in ("crawl.warc.wet", "crawl.warc.wet.gz", "members.warc.gz"):
        read_all(folder / name)


def test_the_unmutated_samples_are_read_as_pages(tmp_path):
    (tmp_path / "dump.jsonl").write_bytes(GOOD_JSONL)
    (tmp_path / "crawl.warc.wet").write_bytes(WET)
    assert sum(isinstance(i, Page) for i in read_all(tmp_path / "dump.jsonl")) == 3
    pages = [i for i in read_all(tmp_path / "crawl.warc.wet") if isinstance(i, Page)]
    assert len(pages) == 1 and pages[0].url == "http://example.com/a"


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(data=EDITS.map(lambda e: mutate(GOOD_JSONL + WET, e)))
def test_mangled_dumps_through_the_library(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("mangled")
    (folder / "dump.jsonl").write_bytes(data)
    (folder / "crawl.warc.wet.gz").write_bytes(gzip.compress(data))
    with time_limit(60, "indexing a mangled dump"), Library(folder / "library") as library:
        report = library.add([folder / "dump.jsonl", folder / "crawl.warc.wet.gz"], workers=1)
        assert library.stats().articles == report.added
        assert library.search("nato").total <= report.added
        for article in library.export():
            assert FORBIDDEN.search(json.dumps(article.to_json(), ensure_ascii=False)) is None
