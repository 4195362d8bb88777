"""Libraries written before `index/` was split into rooms open, search and grow as before."""

from __future__ import annotations

import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path

from index import Library
from index.old_names import OLD_NAMES

SCRIPT = Path(sys.executable).with_name("newsreader")

STORY = (
    "European finance ministers agreed on a budget deal in Brussels on Tuesday after two days of "
    "talks led by Angela Merkel, officials said. The deal covers farm subsidies, regional funds "
    "and research grants for the next seven years, and leaves the rebate of three member states "
    "as it was. Diplomats said the agreement still needs the approval of the European Parliament, "
    "where several groups have said they want more money for research and for young farmers."
)


def newsreader(library: Path, *args: str) -> str:
    done = subprocess.run(
        [str(SCRIPT), "--library", str(library), *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _name_classes_by_old_paths(monkeypatch) -> None:
    """Make pickling write the old module paths, as the versions before the rooms did."""
    for old, new in OLD_NAMES.items():
        module = importlib.import_module(new)
        for value in vars(module).values():
            if (inspect.isclass(value) or inspect.isfunction(value)) and value.__module__ == new:
                monkeypatch.setattr(value, "__module__", old)


def test_a_library_pickled_under_the_old_module_names_opens(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "library"
    first = _write_jsonl(
        tmp_path / "wire.jsonl",
        [
            {"id": "a1", "title": "Ministers agree budget deal in Brussels", "text": STORY},
            {
                "id": "a2",
                "title": "Farmers protest in Paris",
                "text": "Farmers drove into Paris on Monday to protest against subsidy cuts.",
            },
        ],
    )
    with monkeypatch.context() as old_version:
        _name_classes_by_old_paths(old_version)
        with Library(folder) as library:
            assert library.add([first], workers=1).added == 2

    pickles = list((folder / "whoosh").glob("*.toc"))
    written = b"".join(p.read_bytes() for p in pickles)
    for old, new in OLD_NAMES.items():  # the fixture really is in the old form
        assert old.encode() in written
        assert new.encode() not in written

    # A new process (the console script) has only `index`'s own aliases to find the old names.
    found = newsreader(folder, "search", "merkel budget", "--json")
    hits = json.loads(found)["hits"]
    assert [hit["title"] for hit in hits] == ["Ministers agree budget deal in Brussels"]
    old_id = hits[0]["id"]
    shown = json.loads(newsreader(folder, "show", old_id, "--json"))
    assert shown["paragraphs"][0].startswith("European finance ministers")
    # The versions live on (the groups in the store, the signatures computed again when missing):
    # an updated copy in another dump is found to be a version of the old article.
    update = _write_jsonl(
        tmp_path / "update.jsonl",
        [{"id": "b1", "title": "Ministers agree budget deal", "text": STORY + " More soon."}],
    )
    newsreader(folder, "index", str(update), "--workers", "1")
    related = json.loads(newsreader(folder, "related", old_id, "--json"))
    assert [item["title"] for item in related["versions"]] == ["Ministers agree budget deal"]
    assert len(json.loads(newsreader(folder, "search", "brussels", "--json"))["hits"]) == 2


def _earlier_schema():
    """The schema before dates were a column only and body words moved to the store."""
    from whoosh.fields import NUMERIC

    from index.format import build_schema

    schema = build_schema()
    schema.remove("date")
    schema.add("date", NUMERIC(int, bits=64, sortable=True, signed=False))
    body = schema["body"]
    schema.remove("body")
    body.spelling = True
    schema.add("body", body)  # adds `spell_body` beside it, as `TEXT(spelling=True)` did
    return schema


def test_a_library_with_date_terms_and_a_spelling_field_searches_and_grows(
    tmp_path, monkeypatch
) -> None:
    from index.library_index import LibraryIndex

    folder = tmp_path / "library"
    rows = [
        {"id": "a1", "title": "Ministers agree budget deal", "text": STORY,
         "date": "2014-04-02T10:00:00"},
        {"id": "a2", "title": "Farmers protest in Paris", "date": "2014-05-20",
         "text": "Farmers drove tractors into Paris on Monday to protest against subsidy cuts."},
    ]  # fmt: skip
    with monkeypatch.context() as old_version:
        old_version.setattr(LibraryIndex, "_new_schema", lambda self: _earlier_schema())
        with Library(folder) as library:
            assert library.add([_write_jsonl(tmp_path / "a.jsonl", rows)], workers=1).added == 2
    with Library(folder) as library:
        assert "spell_body" in library.ix.schema and library.ix.schema["date"].indexed

        def titles(query: str) -> set[str]:
            return {hit.title for hit in library.search(query).hits}

        assert titles("date:2014-04 OR farmers") == {r["title"] for r in rows}
        assert titles("budget OR NOT date:2014-04") == {r["title"] for r in rows}
        assert titles("-date:2014-05") == {"Ministers agree budget deal"}
        assert library.search("tractros").correction == "tractors"
        assert titles("tractrs~") == {"Farmers protest in Paris"}
        more = {"id": "a3", "title": "Tractors sold out", "date": "2014-06-01",
                "text": "Dealers said every tractor was sold before the spring."}  # fmt: skip
        assert library.add([_write_jsonl(tmp_path / "b.jsonl", [more])], workers=1).added == 1
        assert titles("tractor date:2014-06") == {"Tractors sold out"}
        assert library.search("dealars").correction == "dealers"
