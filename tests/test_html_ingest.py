"""HTML pages through the real `newsreader index`: .html, .html.gz and WARC responses."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from index.cleaning import clean_html_page
from index.records import Article, Page

SCRIPT = Path(sys.executable).with_name("newsreader")

PARAGRAPHS = [
    "The Security Council met on Wednesday to discuss Kosovo’s future status, and the fifteen "
    "members again failed to agree on a plan for the province after a long closed session.",
    "Diplomats said the talks turned on the pace of any transition, with several delegations "
    "asking for more time before a vote that would settle the question for a generation.",
    "The Special Representative told reporters that recent elections were held in a calm "
    "atmosphere and had been judged free and fair by the observers who watched the count.",
    "Officials in both capitals are expected to meet again next month, when the envoy is due "
    "to present a new report on returns, policing and the protection of religious sites.",
]
HEADLINE = "Council fails to agree on Kosovo’s future"

# Declares ISO-8859-1 but is written in UTF-8, as many saved pages are: browsers read UTF-8.
PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>{HEADLINE} | World Desk Daily</title>
<meta property="og:title" content="{HEADLINE}">
<meta property="og:site_name" content="World Desk Daily">
<meta property="article:published_time" content="2008-01-16T10:00:00Z">
<script>var tracking = "<p>not text</p>";</script>
<style>p {{ color: red }}</style>
</head><body>
<div class="nav"><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></div>
<div class="logo"><img src="/logo.gif" alt="World Desk Logo"></div>
<main><article>
<h1>{HEADLINE}</h1>
<p class="byline">By <a rel="author" href="/staff/jane">Jane Reporter</a></p>
<time datetime="2008-01-16">16 January 2008</time>
<figure><img src="/council.jpg"><figcaption>The Council chamber in New York.</figcaption></figure>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article></main>
<footer><p>Copyright 2008 World Desk Daily. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
</body></html>"""


def newsreader(library: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the installed console script; it must succeed."""
    done = subprocess.run(
        [str(SCRIPT), "--library", str(library), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "160"},
    )
    assert done.returncode == 0, done.stderr
    return done


def assert_the_article(article: dict) -> None:
    assert article["title"] == HEADLINE
    text = "\n".join([article["title"], *article["paragraphs"], article["caption"]])
    assert "<" not in text and ">" not in text and "tracking" not in text
    assert "Kosovo’s" in article["paragraphs"][0] and "Kosovoâ" not in text
    for paragraph in PARAGRAPHS:
        assert paragraph in article["paragraphs"]
    assert not any("Copyright" in p or "Privacy" in p or p == "Home" for p in article["paragraphs"])
    assert article["date"] == "2008-01-16"


def write_warc(path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)  # one gzip member per record, as crawlers write them

    def response(url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http
        )
        writer.write_record(record)

    response("https://desk.example/kosovo", PAGE.encode(), "text/html; charset=ISO-8859-1")
    response("https://desk.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    response("https://desk.example/old", b"", "text/html", "301 Moved Permanently")
    path.write_bytes(buffer.getvalue())


def exported(library: Path) -> list[dict]:
    return [json.loads(line) for line in newsreader(library, "export", "--jsonl").stdout.split("\n")
            if line.strip()]  # fmt: skip


def test_html_file_is_indexed_as_its_article_not_its_markup(tmp_path):
    page = tmp_path / "saved" / "kosovo.html"
    page.parent.mkdir()
    page.write_bytes(PAGE.encode())
    library = tmp_path / "lib"
    newsreader(library, "index", str(page))
    [article] = exported(library)
    assert_the_article(article)
    assert article["byline"] == "Jane Reporter"
    assert article["caption"] == "The Council chamber in New York."
    assert article["source"] == "World Desk Daily"
    hits = json.loads(newsreader(library, "search", "council", "--json").stdout)
    assert hits["total"] == 1


def test_gzipped_html_file_is_indexed(tmp_path):
    page = tmp_path / "kosovo.html.gz"
    page.write_bytes(gzip.compress(PAGE.encode()))
    library = tmp_path / "lib"
    newsreader(library, "index", str(page))
    [article] = exported(library)
    assert_the_article(article)


def test_warc_html_response_is_indexed_and_the_image_skipped_with_its_reason(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    library = tmp_path / "lib"
    done = newsreader(library, "index", str(warc))
    [article] = exported(library)
    assert_the_article(article)
    assert article["url"] == "https://desk.example/kosovo"
    summary = " ".join(done.stderr.split())
    assert "skipped: not HTML" in summary and "image/png" in summary
    assert "skipped: redirect" in summary


def test_title_comes_from_the_visible_headline_the_title_tag_agrees_with():
    html = PAGE.replace(f'<meta property="og:title" content="{HEADLINE}">', "").replace(
        f"<title>{HEADLINE} | World Desk Daily</title>",
        f"<title>World Desk Daily: World &gt; {HEADLINE}</title>",
    )
    html = html.replace(f"<h1>{HEADLINE}</h1>", f'<div class="hd"><b>{HEADLINE}</b></div>')
    result = clean_html_page(Page("d", "o", "k", html, is_html=True))
    assert isinstance(result, Article)
    assert result.title == HEADLINE


def test_html_page_without_main_text_is_skipped_not_stored():
    result = clean_html_page(Page("d", "o", "k", "<html><body><nav>Home</nav></body></html>"))
    assert not isinstance(result, Article) and result.reason == "no article"
