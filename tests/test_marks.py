"""Read state and tags: the library's marks, the query terms over them and the CLI verbs."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index import Library
from tests.test_cli import SEED_000, SEED_003, newsreader


@pytest.fixture
def seeded(tmp_path) -> Path:
    library = tmp_path / "lib"
    newsreader(library, "stats")
    newsreader(library, "search", "nato")  # the first search indexes the seeds
    return library


def ids_by_title(library: Path) -> dict[str, str]:
    hits = json.loads(newsreader(library, "search", "nato", "--json").stdout)["hits"]
    return {h["title"]: h["id"] for h in hits}


def titles(library: Path, query: str) -> set[str]:
    hits = json.loads(newsreader(library, "search", query, "--json").stdout)["hits"]
    return {h["title"] for h in hits}


def test_tag_tags_and_mark_through_the_console_script(seeded):
    ids = ids_by_title(seeded)
    first, second = ids[SEED_000], ids[SEED_003]
    done = newsreader(seeded, "tag", first[:6], "+Ukraine", "+starred", "--json")
    assert json.loads(done.stdout) == {"id": first, "tags": ["starred", "ukraine"]}
    newsreader(seeded, "tag", second, "+ukraine")
    assert newsreader(seeded, "tag", first, "-ukraine").stdout.split() == [first, "starred"]
    counts = json.loads(newsreader(seeded, "tags", "--json").stdout)
    assert counts == [{"tag": "starred", "articles": 1}, {"tag": "ukraine", "articles": 1}]
    assert "ukraine" in newsreader(seeded, "tags").stdout

    assert titles(seeded, "is:starred") == {SEED_000}
    assert titles(seeded, "tag:ukraine") == {SEED_003}
    assert titles(seeded, "tag:UKRAINE OR is:starred") == {SEED_000, SEED_003}
    assert titles(seeded, "nato -tag:ukraine") == {SEED_000}

    marked = json.loads(newsreader(seeded, "mark", first[:8], "--read", "--json").stdout)
    assert marked == {"ids": [first], "state": "read"}
    assert titles(seeded, "is:read") == {SEED_000}
    assert titles(seeded, "is:unread") == {SEED_003}
    assert titles(seeded, "nato -is:read") == {SEED_003}
    hits = json.loads(newsreader(seeded, "search", "nato", "--json").stdout)["hits"]
    assert {h["id"]: (h["read"], h["tags"]) for h in hits} == {
        first: (True, ["starred"]),
        second: (False, ["ukraine"]),
    }
    newsreader(seeded, "mark", first, second, "--unread")
    assert titles(seeded, "is:read") == set()


def test_bad_tags_and_ids_are_one_line_errors(seeded):
    first = ids_by_title(seeded)[SEED_000]
    for args, words in (
        (("tag", first, "+bad tag"), "not a tag name"),
        (("tag", first, "plain"), "neither +NAME"),
        (("tag", "ffffffffff", "+x"), "no article with id"),
        (("mark", "ffffffffff", "--read"), "no article with id"),
    ):
        done = newsreader(seeded, *args, check=False)
        assert done.returncode != 0
        assert words in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert newsreader(seeded, "mark", first, check=False).returncode == 2  # --read or --unread


def test_a_bad_mark_term_falls_back_to_words_and_says_why(seeded):
    result = json.loads(newsreader(seeded, "search", "nato is:bogus", "--json").stdout)
    assert "is: takes read, unread, starred" in result["interpreted"]


def test_marks_survive_a_rebuild_and_come_back_with_the_articles(seeded, seeds_dir):
    first = ids_by_title(seeded)[SEED_000]
    newsreader(seeded, "tag", first, "+keep", "+starred")
    newsreader(seeded, "mark", first, "--read")
    newsreader(seeded, "index", "--rebuild", str(seeds_dir))
    assert titles(seeded, "tag:keep") == {SEED_000}
    assert titles(seeded, "is:starred is:read") == {SEED_000}
    newsreader(seeded, "index", str(seeds_dir))  # indexing again changes nothing either
    assert titles(seeded, "tag:keep") == {SEED_000}


CHILD = """
import sys
from index import Library
lib = Library(sys.argv[1])
aid = sys.argv[2]
print("ready", flush=True)
i = 0
while True:
    lib.tag(aid, [f"a{i}", f"b{i}"])
    i += 1
"""


def test_a_kill_during_writes_loses_at_most_the_change_in_hand(seeded):
    first = ids_by_title(seeded)[SEED_000]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(seeded), first], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    time.sleep(1.5)
    child.send_signal(signal.SIGKILL)
    child.wait()
    with Library(seeded) as library:
        tags = set(library.marks_of([first])[1].get(first, []))
        assert tags, "some changes were written before the kill"
        numbers = {int(t[1:]) for t in tags}
        for i in numbers:  # each change (two tags) is all there or not at all
            assert {f"a{i}", f"b{i}"} <= tags
        assert numbers == set(range(len(numbers)))  # no change lost but the last
        assert library.tag(first, ["after"])  # and the store takes new changes


HOSTILE = {
    "id": "h1",
    "title": '=HYPERLINK("x") *bold* [link](javascript:alert(1)) # not a heading',
    "url": "javascript:alert(1)",
    "date": "2020-01-02",
    "text": "First paragraph with <script>x</script> and `code` and _under_ \x1b[31mred.\n\n"
    "Second paragraph never shown in the list.",
}
PLAIN = {
    "id": "p1",
    "title": "Plain wheat report",
    "url": "https://example.org/wheat",
    "date": "2020-01-03",
    "text": "Wheat exports rose three percent in March, traders said on Tuesday morning.\n\n"
    "More about wheat.",
}


@pytest.fixture
def two_pages(tmp_path) -> Path:
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(p) + "\n" for p in (HOSTILE, PLAIN)), encoding="utf-8")
    library = tmp_path / "lib2"
    newsreader(library, "index", str(dump))
    return library


def test_export_formats_of_a_query(two_pages):
    lines = newsreader(two_pages, "export").stdout.splitlines()
    assert len(lines) == 2 and all(json.loads(line)["id"] for line in lines)
    assert newsreader(two_pages, "export", "--jsonl").stdout.splitlines() == lines
    wheat = json.loads(newsreader(two_pages, "search", "title:wheat", "--json").stdout)["hits"]
    newsreader(two_pages, "tag", wheat[0]["id"], "+grain", "+starred")

    csv_text = newsreader(two_pages, "export", "--query", "tag:grain", "--format", "csv").stdout
    import csv as csv_module

    rows = list(csv_module.reader(csv_text.splitlines()))
    assert rows[0] == ["id", "title", "source", "dump", "date", "url", "tags"]
    assert rows[1][1] == "Plain wheat report" and rows[1][5] == "https://example.org/wheat"
    assert rows[1][6] == "grain starred" and len(rows) == 2

    everything = list(
        csv_module.reader(newsreader(two_pages, "export", "--format", "csv").stdout.splitlines())
    )
    hostile = next(r for r in everything[1:] if r[1] != "Plain wheat report")
    assert hostile[1].startswith("'=HYPERLINK")  # never read as a formula

    md = newsreader(two_pages, "export", "--format", "md").stdout
    assert md.startswith("# Reading list")
    assert "## [Plain wheat report](<https://example.org/wheat>)" in md
    assert "Wheat exports rose three percent in March" in md
    assert "More about wheat" not in md  # the first paragraph only
    assert "javascript:" not in md.replace("javascript:alert\\(1\\)", "")  # no live link
    assert "\\*bold\\*" in md and "\\[link\\]" in md and "\\# not a heading" in md
    assert "\\<script\\>" in md and "\\`code\\`" in md and "\x1b" not in md


def test_export_to_a_file_and_bad_format(two_pages, tmp_path):
    target = tmp_path / "out.md"
    done = newsreader(two_pages, "export", "--format", "md", "--query", "wheat", "-o", str(target))
    assert str(target) in done.stderr and "Plain wheat report" in target.read_text()
    bad = newsreader(two_pages, "export", "--format", "pdf", check=False)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr
