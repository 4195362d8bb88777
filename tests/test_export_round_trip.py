"""`export --jsonl` then `index` of that file elsewhere: the same articles, bodies and languages."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import newsreader

# Written for this test: short articles in three languages, too short for detection to be sure.
RECORDS = [
    {
        "id": "de-1",
        "title": "Neue Häuser für Pankow",
        "text": "Der Senat will neue Häuser bauen.\n\nDie Bürgerinitiative kritisiert die Pläne.",
        "date": "2024-03-12",
    },
    {
        "id": "pl-1",
        "title": "Rekordowa frekwencja",
        "text": "W Warszawie frekwencja wyniosła 60 procent.\n\nTo rekord stolicy.",
    },
    {"id": "zh-1", "title": "共享单车", "text": "北京共享单车数量创新高。\n\n保障房建设加快。"},
]


def test_an_export_indexed_elsewhere_keeps_bodies_and_languages(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n")
    first, second = tmp_path / "first", tmp_path / "second"
    newsreader(first, "index", str(source))
    exported = tmp_path / "export.jsonl"
    newsreader(first, "export", "--jsonl", "-o", str(exported))
    before = {r["title"]: r for r in map(json.loads, exported.read_text().splitlines())}
    newsreader(second, "index", str(exported))
    again = newsreader(second, "export", "--jsonl").stdout.splitlines()
    after = {r["title"]: r for r in map(json.loads, again)}
    assert set(after) == set(before)
    for title, record in after.items():
        assert record["paragraphs"] == before[title]["paragraphs"], title
        assert record["language"] == before[title]["language"], title
        assert record["date"] == before[title]["date"], title
    hits = json.loads(newsreader(second, "search", "Bürgerinitiative", "--json").stdout)["hits"]
    assert [h["title"] for h in hits] == ["Neue Häuser für Pankow"]


def test_an_export_indexed_elsewhere_keeps_its_dumps_unless_one_is_named(tmp_path: Path) -> None:
    april, may = tmp_path / "crawl-2024-04.jsonl", tmp_path / "crawl-2024-05.jsonl"
    april.write_text(json.dumps(RECORDS[0], ensure_ascii=False) + "\n")
    may.write_text(json.dumps(RECORDS[1], ensure_ascii=False) + "\n")
    first = tmp_path / "first"
    newsreader(first, "index", str(april), str(may))
    exported = tmp_path / "shared.jsonl"
    newsreader(first, "export", "--jsonl", "-o", str(exported))
    second, third = tmp_path / "second", tmp_path / "third"
    newsreader(second, "index", str(exported))
    dumps = {
        r["title"]: r["dump"]
        for r in map(json.loads, newsreader(second, "export", "--jsonl").stdout.splitlines())
    }
    assert dumps == {
        "Neue Häuser für Pankow": "crawl-2024-04",
        "Rekordowa frekwencja": "crawl-2024-05",
    }
    newsreader(third, "index", str(exported), "--dump", "mine")
    lines = newsreader(third, "export", "--jsonl").stdout.splitlines()
    assert {json.loads(line)["dump"] for line in lines} == {"mine"}
