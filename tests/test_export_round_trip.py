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
