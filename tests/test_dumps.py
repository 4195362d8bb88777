"""Reading dumps: every format as a stream of pages, bad input as skip reasons, never a crash."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from index.reading.dumps import article_from_html, dump_name_for, iter_pages, page_from_json
from index.records import Page, Skipped

CAFE_TEXT = "Le café du coin\n\nUn café coûte désormais 2 € à Besançon, déjà trop cher.\n"
NEWS_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour Bridge Reopens | The Daily Gull</title>
<meta property="og:site_name" content="The Daily Gull">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2021-05-04T09:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Harbour Bridge Reopens After Two-Year Repair</h1>
<p>The harbour bridge reopened to traffic on Tuesday after a two-year repair that cost the city
more than forty million pounds, officials said at a ceremony attended by hundreds of residents.</p>
<p>Engineers replaced the steel cables and resurfaced the deck, which had been closed since a
storm damaged its supports, and said the structure should now last another century.</p>
<p>Local shop owners, who had lost customers during the closure, welcomed the news and said they
expected trade to return to normal within weeks.</p>
</article>
<footer>Copyright The Daily Gull. All rights reserved.</footer>
</body></html>"""


def pages_and_skips(items: list) -> tuple[list[Page], list[Skipped]]:
    pages = [i for i in items if isinstance(i, Page)]
    skips = [i for i in items if isinstance(i, Skipped)]
    assert len(pages) + len(skips) == len(items)
    return pages, skips


def read(*paths: Path, dump: str | None = None) -> tuple[list[Page], list[Skipped]]:
    return pages_and_skips(list(iter_pages(list(paths), dump)))


# --- folders of text pages -------------------------------------------------------------------


def test_folder_of_text_pages_recurses_with_relative_keys(tmp_path: Path) -> None:
    root = tmp_path / "crawl-may"
    (root / "world" / "europe").mkdir(parents=True)
    (root / "a.txt").write_text("First story\n\nBody one.")
    (root / "world" / "b.txt").write_text("Second story\n\nBody two.")
    (root / "world" / "europe" / "c").write_text("Third story, no extension\n\nBody three.")
    (root / ".hidden.txt").write_text("never read")
    (root / ".git").mkdir()
    (root / ".git" / "config.txt").write_text("never read")
    pages, skips = read(root)
    assert skips == []
    assert [p.key for p in pages] == ["a.txt", "world/b.txt", "world/europe/c"]
    assert [p.origin for p in pages] == [
        "crawl-may/a.txt",
        "crawl-may/world/b.txt",
        "crawl-may/world/europe/c",
    ]
    assert {p.dump for p in pages} == {"crawl-may"}
    assert pages[1].text == "Second story\n\nBody two."
    assert not any(p.is_html or p.date or p.title for p in pages)
    assert [p.dump for p in read(root, dump="mine")[0]] == ["mine"] * 3
    assert dump_name_for(root) == "crawl-may"


def test_text_file_given_directly_belongs_to_its_folder(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    page = tmp_path / "seeds" / "000_x.txt"
    page.write_text("Title\n\nText.")
    [item] = list(iter_pages([page]))
    assert isinstance(item, Page)
    assert (item.dump, item.key, item.origin) == ("seeds", "000_x.txt", "seeds/000_x.txt")
    # The same page read through its folder has the same dump and key (stable ids).
    [same] = list(iter_pages([tmp_path / "seeds"]))
    assert (same.dump, same.key) == (item.dump, item.key)


def test_gzipped_text_page_and_html_file_in_a_folder(tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    root.mkdir()
    (root / "story.txt.gz").write_bytes(gzip.compress(b"Gzipped story\n\nIts text."))
    (root / "page.html").write_text(NEWS_HTML)
    pages, skips = read(root)
    assert skips == []
    by_key = {p.key: p for p in pages}
    assert by_key["story.txt.gz"].text == "Gzipped story\n\nIts text."
    assert not by_key["story.txt.gz"].is_html
    assert by_key["page.html"].is_html and "Harbour Bridge" in by_key["page.html"].text
    assert {p.dump for p in pages} == {"mixed"}


def test_non_utf8_text_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "cp1252.txt").write_bytes(CAFE_TEXT.encode("cp1252"))
    (tmp_path / "latin1.txt").write_bytes(CAFE_TEXT.replace("€", "EUR").encode("latin-1"))
    (tmp_path / "bom.txt").write_bytes(CAFE_TEXT.encode("utf-16"))
    pages, skips = read(tmp_path)
    assert skips == []
    texts = {p.key: p.text for p in pages}
    assert texts["cp1252.txt"] == CAFE_TEXT
    assert texts["latin1.txt"] == CAFE_TEXT.replace("€", "EUR")
    assert texts["bom.txt"] == CAFE_TEXT


def test_nul_bytes_are_stripped_but_the_page_kept(tmp_path: Path) -> None:
    (tmp_path / "nul.txt").write_bytes(b"A title\n\n" + b"Some text. " * 20 + b"A stray\x00 NUL.")
    [page] = read(tmp_path)[0]
    assert "\x00" not in page.text and "stray NUL" in page.text


def test_binary_and_empty_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    (tmp_path / "image.txt").write_bytes(png)
    (tmp_path / "photo.png").write_bytes(png)
    (tmp_path / "archive.zip").write_bytes(b"PK\x03\x04" + bytes(200))
    (tmp_path / "noise").write_bytes(bytes(range(32)) * 50)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n \t\n")
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n")
    (tmp_path / "good.txt").write_text("The one real page\n\nWith text.")
    pages, skips = read(tmp_path)
    assert [p.key for p in pages] == ["good.txt"]
    reasons = {s.origin.rsplit("/", 1)[-1]: s.reason for s in skips}
    assert reasons == {
        "image.txt": "binary file",
        "photo.png": "binary file",
        "archive.zip": "binary file",
        "noise": "binary file",
        "empty.txt": "empty page",
        "blank.txt": "empty page",
        "notes.csv": "unsupported file",
    }


def test_missing_path_is_a_skip_not_an_exception(tmp_path: Path) -> None:
    pages, skips = read(tmp_path / "nowhere", tmp_path / "nowhere.jsonl")
    assert pages == []
    assert [s.reason for s in skips] == ["not found", "not found"]
    assert skips[0].origin == str(tmp_path / "nowhere")


# --- JSON Lines ----------------------------------------------------------------------------


def jsonl_fixture() -> bytes:
    lines = [
        json.dumps(
            {
                "id": "r-1",
                "title": "Cocoa review",
                "text": "Showers continued.",
                "url": "https://example.com/1",
                "date": "1987-02-26T15:01:01",
                "source": "Reuters",
                "topics": ["cocoa"],
                "places": {"main": "brazil"},
            }
        ),
        "",  # blank lines are allowed
        json.dumps({"id": 7, "title": "Numbered", "text": "Int id.", "date": "1987-03-02"}),
        '{"title": "broken", "text": ',  # malformed
        json.dumps({"title": ["a", "list"], "text": "Wrong type of title."}),
        json.dumps(
            {
                "url": "https://example.com/5",
                "text": "Keyed by URL.",
                "date": "2016-12-02T17:55:01Z",
            }
        ),
        json.dumps({"text": "Keyed by line.", "date": "not a date"}),
        json.dumps({"title": "", "text": "   "}),
        json.dumps({"title": "HEADLINE ONLY FLASH", "text": ""}),
        json.dumps(["not", "an", "object"]),
    ]
    return ("\n".join(lines) + "\n").encode()


def check_jsonl(pages: list[Page], skips: list[Skipped], name: str) -> None:
    assert [p.key for p in pages] == ["r-1", "7", "https://example.com/5", "line:7", "line:9"]
    assert {p.dump for p in pages} == {"reuters-1987-03"}
    first = pages[0]
    assert (first.title, first.text, first.url, first.source) == (
        "Cocoa review",
        "Showers continued.",
        "https://example.com/1",
        "Reuters",
    )
    assert first.date == "1987-02-26T15:01:01"
    assert first.extra == {"topics": ["cocoa"], "places": {"main": "brazil"}}
    assert json.loads(json.dumps(first.extra)) == first.extra
    assert first.origin == f"{name}:1"
    assert pages[1].date == "1987-03-02"
    assert pages[2].date == "2016-12-02T17:55:01+00:00"
    assert pages[3].date == "" and pages[3].extra == {"date": "not a date"}
    assert pages[4].title == "HEADLINE ONLY FLASH" and pages[4].text == ""
    assert [(s.reason, s.origin) for s in skips] == [
        ("malformed JSON", f"{name}:4"),
        ("bad field type", f"{name}:5"),
        ("no text", f"{name}:8"),
        ("malformed JSON", f"{name}:10"),
    ]
    assert "line 4" in skips[0].detail
    assert skips[1].detail.endswith("'title' is a list")


def test_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "reuters-1987-03.jsonl"
    path.write_bytes(jsonl_fixture())
    check_jsonl(*read(path), name="reuters-1987-03.jsonl")
    assert dump_name_for(path) == "reuters-1987-03"


def test_gzipped_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "reuters-1987-03.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl_fixture()))
    check_jsonl(*read(path), name="reuters-1987-03.jsonl.gz")


def test_json_lines_in_a_folder_keep_their_own_dump(tmp_path: Path) -> None:
    root = tmp_path / "reuters"
    root.mkdir()
    (root / "reuters-1987-03.jsonl").write_bytes(jsonl_fixture())
    (root / "reuters-1987-04.ndjson").write_text(json.dumps({"id": "x", "text": "April."}) + "\n")
    pages, _ = read(root)
    assert {p.dump for p in pages} == {"reuters-1987-03", "reuters-1987-04"}
    assert pages[0].origin == "reuters/reuters-1987-03.jsonl:1"
    # One dump name for several files: line keys name their file so they cannot collide.
    shared, _ = read(root, dump="all")
    assert {p.dump for p in shared} == {"all"}
    assert "reuters-1987-03.jsonl:line:7" in {p.key for p in shared}


def test_truncated_gzip_keeps_the_pages_before_the_break(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": f"n{i}", "text": f"Story {i}. " + "words " * 200}) for i in range(200)
    ]
    whole = gzip.compress(("\n".join(lines) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    pages, skips = read(path)
    assert 10 < len(pages) < 200
    assert [p.key for p in pages] == [f"n{i}" for i in range(len(pages))]
    assert [s.reason for s in skips] == ["truncated gzip"]


# --- WET and WARC --------------------------------------------------------------------------

WET_PAGES = [
    ("http://news.example/2016/12/01/a", "2016-12-02T17:55:01Z", "Story A\nFirst line of A."),
    ("http://news.example/b", "2016-12-02T18:00:00Z", "Story B\nCafé, naïve — UTF-8 text."),
    ("", "2016-12-03T08:00:00Z", "Story C has no URL."),
]


def write_wet(gzip_records: bool, crawl: str | None = "CC-MAIN-2016-50") -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    if crawl:
        info = {"software": "test", "isPartOf": crawl, "operator": "tests"}
        writer.write_record(writer.create_warcinfo_record("sample.warc.wet.gz", info))
    for number, (url, when, text) in enumerate(WET_PAGES):
        headers = {
            "WARC-Date": when,
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-00000000000{number}>",
        }
        if url:
            headers["WARC-Target-URI"] = url
        record = writer.create_warc_record(
            url,
            "conversion",
            payload=io.BytesIO(text.encode()),
            warc_content_type="text/plain",
            warc_headers_dict=headers,
        )
        writer.write_record(record)
    return buffer.getvalue()


def check_wet(pages: list[Page], skips: list[Skipped], dump: str = "CC-MAIN-2016-50") -> None:
    assert skips == []
    assert [p.text for p in pages] == [t for _, _, t in WET_PAGES]
    assert [p.url for p in pages] == [u for u, _, _ in WET_PAGES]
    assert pages[0].key == WET_PAGES[0][0]
    assert pages[2].key == "<urn:uuid:00000000-0000-0000-0000-000000000002>"
    assert [p.crawl_date for p in pages] == [
        "2016-12-02T17:55:01+00:00",
        "2016-12-02T18:00:00+00:00",
        "2016-12-03T08:00:00+00:00",
    ]
    assert all(p.date == "" and not p.is_html for p in pages)  # never the crawl date
    assert {p.dump for p in pages} == {dump}


def test_wet_with_one_gzip_member_per_record(tmp_path: Path) -> None:
    data = write_wet(gzip_records=True)
    assert data.count(b"\x1f\x8b\x08") >= 4  # really one member per record
    path = tmp_path / "sample.warc.wet.gz"
    path.write_bytes(data)
    check_wet(*read(path))


def test_wet_as_one_gzip_stream_and_uncompressed(tmp_path: Path) -> None:
    plain = write_wet(gzip_records=False)
    (tmp_path / "stream.warc.wet.gz").write_bytes(gzip.compress(plain))
    (tmp_path / "plain.wet").write_bytes(plain)
    check_wet(*read(tmp_path / "stream.warc.wet.gz"))
    check_wet(*read(tmp_path / "plain.wet"))


def test_wet_without_warcinfo_is_named_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "CC-sample.warc.wet.gz"
    path.write_bytes(write_wet(gzip_records=True, crawl=None))
    check_wet(*read(path), dump="CC-sample")
    check_wet(*read(path, dump="chosen"), dump="chosen")


def test_truncated_wet_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    data = write_wet(gzip_records=True)
    last_member = data.rfind(b"\x1f\x8b\x08")
    path = tmp_path / "cut.warc.wet.gz"
    path.write_bytes(data[: last_member + 40])  # the last record's member is cut
    pages, skips = read(path)
    assert [p.url for p in pages] == [WET_PAGES[0][0], WET_PAGES[1][0]]
    assert [s.reason for s in skips] == ["truncated gzip"]


def write_warc() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)

    def response(url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2024-05-18T01:58:10Z"},
            )
        )

    request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record("https://news.example/", "request", http_headers=request)
    )
    response("https://news.example/bridge", NEWS_HTML.encode(), "text/html; charset=utf-8")
    response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
    latin = "<html><body><p>Un café à 2 €, déjà.</p></body></html>".encode("cp1252")
    response("https://news.example/fr", latin, "text/html; charset=ISO-8859-1")
    response("https://news.example/gone", b"<html>gone</html>", "text/html", "404 Not Found")
    writer.write_record(
        writer.create_warc_record(
            "https://news.example/bridge",
            "metadata",
            payload=io.BytesIO(b"fetchTimeMs: 12\r\n"),
            warc_content_type="application/warc-fields",
        )
    )
    return buffer.getvalue()


def test_warc_html_responses_are_html_pages(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(write_warc())
    pages, skips = read(path)
    assert [p.url for p in pages] == ["https://news.example/bridge", "https://news.example/fr"]
    assert all(p.is_html for p in pages)
    assert pages[0].text == NEWS_HTML
    assert pages[1].text == "<html><body><p>Un café à 2 €, déjà.</p></body></html>"
    assert pages[0].crawl_date == "2024-05-18T01:58:10+00:00" and pages[0].date == ""
    assert pages[0].dump == "crawl"
    assert [(s.reason, s.detail) for s in skips] == [
        ("not HTML", "image/png https://news.example/logo.png"),
        ("HTTP error", "404 https://news.example/gone"),
    ]


def test_warc_record_with_a_wrong_length_is_read_to_the_next_header(tmp_path: Path) -> None:
    plain = write_wet(gzip_records=False)
    first = plain.index(b"Content-Length: ", plain.index(b"conversion"))
    end = plain.index(b"\r\n", first)
    length = int(plain[first + 16 : end])
    broken = plain[:first] + f"Content-Length: {length - 5}".encode() + plain[end:]
    garbage = b"more text\r\nat the end\r\n\r\n"
    second = broken.index(b"WARC/1", broken.index(b"Story A"))
    broken = broken[:second] + garbage + broken[second:]
    path = tmp_path / "broken.warc.wet"
    path.write_bytes(broken)
    pages, skips = read(path)
    assert [p.url for p in pages] == [url for url, _, _ in WET_PAGES] and skips == []
    assert pages[0].text == "Story A\nFirst line of A.\r\n\r\nmore text\r\nat the end"
    assert pages[1].text == WET_PAGES[1][2]


def test_a_compressed_response_with_a_wrong_length_is_skipped(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for url, encoding in (("http://x.example/a", "gzip"), ("http://x.example/b", "identity")):
        body = b"<html><body><p>Hello</p></body></html>"
        http = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html"), ("Content-Encoding", encoding)],
            protocol="HTTP/1.1",
        )
        payload = gzip.compress(body) if encoding == "gzip" else body
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                           http_headers=http)  # fmt: skip
        writer.write_record(record)
    data = buffer.getvalue().replace(b"\r\n\r\nWARC/1.0", b"\r\n\r\ntrailing\r\nWARC/1.0")
    path = tmp_path / "odd.warc"
    path.write_bytes(data + b"trailing too\r\n")
    pages, skips = read(path)
    assert [(s.reason, s.detail) for s in skips] == [
        ("bad WARC record", "Content-Length does not match the record")
    ]
    assert [p.url for p in pages] == ["http://x.example/b"]
    text = pages[0].text
    assert "</html>" in text and text.endswith("trailing too")  # read on to the next header


def test_warc_with_garbage_only_is_one_skip(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"WARC/1.0\r\nContent-Length: banana\r\n\r\nhello\r\n\r\n")
    pages, skips = read(path)
    assert pages == [] and [s.reason for s in skips] == ["bad WARC record"]


def test_real_warc_reader_handles_the_streams_in_bounded_memory(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    body = ("A line of crawled text that repeats. " * 200).encode()
    for number in range(400):
        writer.write_record(
            writer.create_warc_record(
                f"http://site.example/{number}",
                "conversion",
                payload=io.BytesIO(body),
                warc_content_type="text/plain",
            )
        )
    path = tmp_path / "big.warc.wet.gz"
    path.write_bytes(gzip.compress(buffer.getvalue()))  # one gzip stream, ~3 MB inside
    tracemalloc.start()
    try:
        count = sum(1 for item in iter_pages([path]) if isinstance(item, Page))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 400
    assert peak < len(buffer.getvalue()) / 3


# --- HTML extraction -------------------------------------------------------------------------


def test_article_from_html_takes_the_main_text_and_metadata() -> None:
    page = Page("d", "d/x.html", "x.html", NEWS_HTML, url="https://news.example/bridge")
    article = article_from_html(page)
    assert article is not None
    assert article["title"] == "Harbour Bridge Reopens After Two-Year Repair"
    assert article["paragraphs"][-1].startswith("Local shop owners")
    assert any(p.startswith("The harbour bridge reopened") for p in article["paragraphs"])
    assert not any("Copyright" in p or p == "Home" for p in article["paragraphs"])
    assert article["date"] == "2021-05-04"
    assert article["source"] == "The Daily Gull"
    assert article["byline"] == "Jane Reporter"
    assert article["language"] == "en"


def test_article_from_html_without_main_text_is_none() -> None:
    assert article_from_html(Page("d", "o", "k", "<html><body></body></html>")) is None
    assert article_from_html(Page("d", "o", "k", "")) is None


# --- arbitrary bytes never crash the reader ----------------------------------------------------

FUZZ = settings(
    max_examples=60,
    deadline=3000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
noisy_bytes = st.one_of(
    st.binary(max_size=2000),
    st.lists(
        st.sampled_from(
            [
                b"WARC/1.0\r\n",
                b"Content-Length: 12\r\n",
                b"Content-Length: 999999\r\n",
                b"WARC-Type: conversion\r\n",
                b"WARC-Type: response\r\n",
                b"WARC-Target-URI: http://x/\r\n",
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n",
                b"\r\n",
                b'{"text": "x", "title": 3}\n',
                b'{"id": "a", "text": "ok"}\n',
                b"<html>\xe9\x80</html>",
                b"\x00\xff\x1f\x8b",
            ]
        ),
        max_size=30,
    ).map(b"".join),
)


@FUZZ
@given(data=noisy_bytes, name=st.sampled_from(["x.jsonl", "x.warc.gz", "x.txt", "x.html", "x"]))
def test_arbitrary_bytes_give_pages_or_skips(tmp_path: Path, data: bytes, name: str) -> None:
    for payload, suffix in ((data, ""), (gzip.compress(data), ".gz")):
        path = tmp_path / (name + suffix)
        path.write_bytes(payload)
        items = list(iter_pages([path]))
        assert all(isinstance(i, Page | Skipped) for i in items)
        for page in items:
            if isinstance(page, Page):
                assert "\x00" not in page.text
                json.dumps(page.extra)
                page.text.encode("utf-8")


@FUZZ
@given(data=st.binary(min_size=1, max_size=4000), cut=st.integers(min_value=1, max_value=4000))
def test_cut_gzip_never_raises(tmp_path: Path, data: bytes, cut: int) -> None:
    for name in ("y.jsonl.gz", "y.warc.wet.gz", "y.txt.gz"):
        path = tmp_path / name
        path.write_bytes(gzip.compress(data)[:cut])
        items = list(iter_pages([path]))
        assert all(isinstance(i, Page | Skipped) for i in items)


def test_json_array_file_and_html_meta_charset(tmp_path: Path) -> None:
    articles = [{"id": "a", "title": "One", "text": "First."}, {"title": "Two", "text": "Second."}]
    (tmp_path / "batch.json").write_text(json.dumps(articles, indent=2))
    html = (
        '<html><head><meta charset="windows-1252"></head><body><p>Prix: 5 €, café</p></body></html>'
    )
    (tmp_path / "page.htm").write_bytes(html.encode("cp1252"))
    pages, skips = read(tmp_path / "batch.json", tmp_path / "page.htm")
    assert skips == []
    assert [(p.key, p.title, p.dump) for p in pages[:2]] == [
        ("a", "One", "batch"),
        ("item:2", "Two", "batch"),
    ]
    assert pages[2].is_html and pages[2].text == html


def test_a_field_of_the_wrong_type_is_named_with_its_article() -> None:
    skipped = page_from_json({"title": 7, "text": "x"}, "f.jsonl:1", "line 1", "f", "line:1")
    assert skipped.detail == "line 1: 'title' is an int"
