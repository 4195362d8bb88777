"""The library-wide counts kept at ingest (index/aggregates.py) equal a count from scratch."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

from cli_support import APRIL, MAY, newsreader, write_jsonl

from index import Library, aggregates

EXTRA = [  # a second copy of Donbas inside one dump, and an article of its own
    APRIL[2] | {"id": "donbas-again"},
    {
        "id": "kyiv-1",
        "title": "Talks in Kyiv",
        "text": "Diplomats met in Kyiv and Minsk on Monday. Petro Poroshenko spoke in Kyiv.",
        "date": "2014-06-01",
        "source": "Wire",
    },
]


def _from_scratch(library: Library) -> tuple[dict, dict, dict]:
    """(kind, name, dump or '') -> copy groups naming it; (field, value) -> articles;
    (kind, name) -> articles naming it, copies apiece."""
    groups: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    fields: Counter[tuple[str, str]] = Counter()
    named: Counter[tuple[str, str]] = Counter()
    for article in library.store.iter_articles():
        group = article.copy_group or article.id
        for e in article.entities:
            groups[e.kind, e.name, article.dump].add(group)
            groups[e.kind, e.name, ""].add(group)
            named[e.kind, e.name] += 1
        fields.update(
            [("dump", article.dump), ("source", article.source), ("language", article.language)]
        )
    return {k: len(v) for k, v in groups.items()}, dict(fields), dict(named)


def _kept(library: Library) -> tuple[dict, dict, dict]:
    db = library.store.db
    entities = {
        (k, n, d): c
        for k, n, d, c in db.execute("SELECT kind, name, dump, articles FROM entity_totals")
        if c
    }
    fields = {(f, v): c for f, v, c in db.execute("SELECT * FROM field_counts") if c}
    named = {
        (k, n): c
        for k, n, c in db.execute("SELECT kind, name, named FROM entity_totals WHERE dump = ''")
        if c
    }
    assert named == {(k, n): library.store.articles_naming(k, n) for k, n in named}
    return entities, fields, named


def test_counts_kept_at_ingest_equal_a_count_from_scratch(tmp_path: Path) -> None:
    april = write_jsonl(tmp_path / "crawl-2014-04.jsonl", APRIL)
    may = write_jsonl(tmp_path / "crawl-2014-05.jsonl", MAY)
    with Library(tmp_path / "lib") as library:
        library.add([april, may], workers=1)
        assert _kept(library) == _from_scratch(library)
        # a second ingest: a copy within a dump, a new article, then a changed article
        write_jsonl(tmp_path / "crawl-2014-05.jsonl", [*MAY, *EXTRA])
        library.add([may], workers=1)
        changed = [APRIL[0] | {"text": "Ministers met in Minsk on Tuesday. Talks in Minsk."}]
        write_jsonl(tmp_path / "crawl-2014-04.jsonl", changed + APRIL[1:])
        report = library.add([april], workers=1)
        assert report.updated == 1
        assert _kept(library) == _from_scratch(library)
        kept = _kept(library)[0]
        assert kept[("place", "Donbas", "")] == 1  # three copies in two dumps: one article
        assert kept[("place", "Donbas", "crawl-2014-05")] == 1
        assert ("place", "Kiev", "crawl-2014-04") not in kept  # the changed article left Kiev
        library.add([april, may], workers=1)  # unchanged: nothing counted twice
        assert _kept(library)[0] == kept
        top = library.entities(kind="place", limit=50)
        assert {(e.name, e.articles) for e in top} == {
            (n, c) for (k, n, d), c in kept.items() if k == "place" and not d
        }
        assert [e.articles for e in top] == sorted((e.articles for e in top), reverse=True)
        assert (
            library.stats().articles
            == library.store.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        )


def _has_export_order(library: Library) -> bool:
    sql = "SELECT 1 FROM sqlite_master WHERE name = 'articles_origin'"
    return library.store.db.execute(sql).fetchone() is not None


def _make_old(folder: Path) -> None:
    """What a library written before the kept counts looks like."""
    db = sqlite3.connect(folder / "articles.db")
    db.executescript(
        "DROP TABLE entity_totals; DROP TABLE field_counts; DROP INDEX articles_origin; "
        "DELETE FROM meta WHERE key = 'aggregates'"
    )
    db.commit()
    db.close()


def test_an_old_library_answers_then_converts_once(tmp_path: Path) -> None:
    april = write_jsonl(tmp_path / "crawl-2014-04.jsonl", APRIL)
    may = write_jsonl(tmp_path / "crawl-2014-05.jsonl", MAY)
    folder = tmp_path / "lib"
    with Library(folder) as library:
        library.add([april, may], workers=1)
        expected = library.entities(limit=100), library.stats()
        exported = [a.id for a in library.export()]
        assert _has_export_order(library)
        in_may = library.entities(dump="crawl-2014-05", kind="place", limit=3)
    _make_old(folder)
    with Library(folder, readonly=True) as library:  # cannot convert: counts from the mentions
        assert (library.entities(limit=100), library.stats()) == expected
        assert library.entities(dump="crawl-2014-05", kind="place", limit=3) == in_may
        assert [a.id for a in library.export()] == exported
        assert not library.store.db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'entity_totals'"
        ).fetchone()
    with Library(folder) as library:
        assert library.stats() == expected[1]  # from the articles until converted
        assert library.entities(limit=100) == expected[0]  # converts, once
        assert library.store.get_meta("aggregates") == "1"
        assert _kept(library) == _from_scratch(library)
    _make_old(folder)
    with Library(folder) as library:  # `export` converts too, and keeps its order
        assert [a.id for a in library.export()] == exported
        assert library.store.get_meta("aggregates") == "1" and _has_export_order(library)
    _make_old(folder)
    with Library(folder) as library:  # or the next `index` converts it before counting more
        write_jsonl(tmp_path / "crawl-2014-05.jsonl", [*MAY, *EXTRA])
        library.add([may], workers=1)
        assert _kept(library) == _from_scratch(library)


def test_the_console_script_answers_the_same_before_and_after_converting(tmp_path: Path) -> None:
    april = write_jsonl(tmp_path / "crawl-2014-04.jsonl", APRIL)
    may = write_jsonl(tmp_path / "crawl-2014-05.jsonl", MAY)
    folder = tmp_path / "lib"
    newsreader(folder, "index", str(april), str(may), "--workers", "1")
    verbs = [["stats"], ["entities", "--json"], ["entities", "--dump", "crawl-2014-05"], ["export"]]
    fresh = [newsreader(folder, *verb).stdout for verb in verbs]
    assert '"name": "Donbas", "kind": "place", "articles": 1' in fresh[1]
    _make_old(folder)
    assert [newsreader(folder, *verb).stdout for verb in verbs] == fresh  # converts on the way
    with Library(folder, readonly=True) as library:
        assert library.store.get_meta("aggregates") == "1" and _has_export_order(library)


def test_counting_a_batch_looks_up_its_groups_not_every_mention(tmp_path: Path) -> None:
    """An ingest commit counts the copy groups it touches: a scan of all the mentions there made
    each commit cost as much as the library's size (twice), the costliest query of an ingest."""
    april = write_jsonl(tmp_path / "crawl-2014-04.jsonl", APRIL)
    with Library(tmp_path / "lib") as library:
        library.add([april], workers=1)
        db = library.store.db
        statements: list[str] = []
        db.set_trace_callback(statements.append)
        aggregates.Counter(db).entities_of({a.id for a in library.store.iter_articles()}, +1)
        db.set_trace_callback(None)
        counting = [s for s in statements if s.startswith("INSERT INTO counted_names")]
        assert len(counting) == 2
        for sql in counting:
            plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
            assert plan[0] == "SCAN c", plan  # the groups out, each looked up by index
            assert not [step for step in plan[1:] if step.startswith("SCAN")], plan
        db.rollback()
