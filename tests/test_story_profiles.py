"""Story profiles made by the ingest's workers place articles exactly as profiles from the store."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from test_related import fixture_articles
from test_stories import background

import index.ingest as ingest
import index.ingest_worker as worker
import index.related.stories as stories
from index.format.schema import build_schema
from index.library import Library
from index.reading import iter_pages
from index.records import Article, Page
from index.related.story_profiles import chunk_profiles

TABLES = ("stories", "story_members", "story_keys")


def write_dump(path: Path, articles: list[Article]) -> Path:
    path.write_text(
        "".join(
            json.dumps({"id": a.id, "title": a.title, "text": a.body, "date": a.date}) + "\n"
            for a in articles
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def dumps(tmp_path) -> list[Path]:
    """Two months of wire: three stories with follow-ups, a copy and a version, and background."""
    articles = fixture_articles() + background()
    feb = [a for a in articles if a.date < "1987-02-20"]
    rest = [a for a in articles if a.date >= "1987-02-20"]
    return [write_dump(tmp_path / "feb.jsonl", feb), write_dump(tmp_path / "mar.jsonl", rest)]


@pytest.fixture
def fallbacks(monkeypatch) -> list[str]:
    """The articles placing profiled itself (from the store) rather than took from the ingest."""
    made: list[str] = []
    real = stories.story_profile

    def counting(article, analyzer):
        made.append(article.id)
        return real(article, analyzer)

    monkeypatch.setattr(stories, "story_profile", counting)
    return made


def story_tables(folder: Path, runs: list[list[Path]], **add) -> dict[str, list]:
    """The story tables of a library made by these runs of `index` (each over its dumps)."""
    with Library(folder) as lib:
        for paths in runs:
            lib.add(paths, **add)
        tables = {t: sorted(lib.store.db.execute(f"SELECT * FROM {t}")) for t in TABLES}
        assert len(tables["story_members"]) == lib.store.count()  # every article placed
        return tables


def test_the_workers_profiles_place_articles_as_profiles_from_the_store(
    tmp_path, dumps, fallbacks, monkeypatch
):
    shipped = story_tables(tmp_path / "shipped", [dumps[:1], dumps[1:]], workers=1)
    assert fallbacks == []  # every article placed by the profile its ingest made
    assert len({sid for _, sid, _, _ in shipped["story_members"]}) < len(shipped["story_members"])

    monkeypatch.setattr(worker, "_story_profile", lambda article: None)  # none shipped
    from_store = story_tables(tmp_path / "store", [dumps[:1], dumps[1:]], workers=1)
    assert len(fallbacks) == len(from_store["story_members"])
    assert shipped == from_store


def test_profiles_cross_from_worker_processes_to_the_indexer(
    tmp_path, dumps, fallbacks, monkeypatch
):
    monkeypatch.setattr(ingest, "PARALLEL_THRESHOLD", 0)  # a pool even for a small dump
    parallel = story_tables(tmp_path / "parallel", [dumps], workers=2)
    assert fallbacks == []
    assert parallel == story_tables(tmp_path / "in-process", [dumps], workers=1)


def test_articles_left_unplaced_by_a_run_are_profiled_from_the_store_by_the_next(
    tmp_path, dumps, fallbacks, monkeypatch
):
    whole = story_tables(tmp_path / "whole", [dumps], workers=1)
    assert fallbacks == []
    with monkeypatch.context() as m:  # the first run stops before placing (a killed process)
        m.setattr(Library, "_place_stories", lambda self, *args, **kwargs: 0)
        with Library(tmp_path / "cut") as lib:
            lib.add([dumps[0]], workers=1)
            assert lib.needs_stories()
    with Library(tmp_path / "cut") as lib:
        lib.add([dumps[1]], workers=1)
        feb = sum(1 for line in dumps[0].open() if line.strip())
        assert len(fallbacks) == feb  # the first run's articles, from the store
        tables = {t: sorted(lib.store.db.execute(f"SELECT * FROM {t}")) for t in TABLES}
    # placed in one run either way (in date order): the same stories
    assert tables == whole


def test_a_shipped_profile_is_the_one_placing_makes_of_the_stored_article(tmp_path, dumps):
    analyzer = build_schema()["body"].analyzer
    pages = [p for p in iter_pages(dumps, None) if isinstance(p, Page)]
    out = worker.process_pages(pages, None, profile_stories=True)
    shipped = {a.id: out[i + 4] for i, a in enumerate(out) if isinstance(a, Article)}
    assert shipped and all(isinstance(b, bytes) for b in shipped.values())
    with Library(tmp_path / "lib") as lib:
        lib.add(dumps, workers=1)
        ids = sorted(shipped)
        theirs = chunk_profiles(lib.store, ids, lambda a: stories.story_profile(a, analyzer), {})
        ours = chunk_profiles(lib.store, ids, lambda a: pytest.fail(a.id), shipped)
    assert [p for _, p in ours] == [p for _, p in theirs]
    assert [(a.id, a.copy_group, a.version_group) for a, _ in ours] == [
        (a.id, a.copy_group, a.version_group) for a, _ in theirs
    ]
    assert any(a.copy_group != a.id for a, _ in ours)  # the copies' groups, from the indexer


def test_the_idle_workers_make_the_placings_and_the_stories_stay(tmp_path, dumps, monkeypatch):
    monkeypatch.setattr(ingest, "PARALLEL_THRESHOLD", 0)  # a pool even for a small dump
    monkeypatch.setattr(stories, "CHUNK", 7)  # several chunks, each made by a worker
    here: list[str] = []  # the articles whose placing the indexer made itself
    real = stories.placing_of
    monkeypatch.setattr(stories, "placing_of", lambda a, *rest: here.append(a.id) or real(a, *rest))
    parallel = story_tables(tmp_path / "parallel", [dumps], workers=2)
    assert here == []
    in_process = story_tables(tmp_path / "in-process", [dumps], workers=1)  # no pool: here
    assert len(here) == len(in_process["story_members"])
    assert parallel == in_process


def test_a_chunk_the_workers_cannot_make_is_made_by_the_indexer(tmp_path, dumps):
    from concurrent.futures import ThreadPoolExecutor

    from index.related.placing_pool import _Counted, placings_ahead
    from index.related.relatedness import TermStats

    pages = [p for p in iter_pages(dumps, None) if isinstance(p, Page)]
    out = worker.process_pages(pages, None, profile_stories=True)
    shipped = {a.id: out[i + 4] for i, a in enumerate(out) if isinstance(a, Article)}
    with Library(tmp_path / "lib") as lib, ThreadPoolExecutor(2) as pool:
        lib.add(dumps, workers=1)
        ids = sorted(shipped)
        ahead = placings_ahead(pool, lib.store, {k: shipped[k] for k in ids[1:]})
        stats = TermStats(_Counted(lib.store.count()), lambda kind, name: 0)
        generation = lib.store.get_meta("term_df_generation")
        made = list(ahead(ids, 3, stats, generation))  # the first chunk lacks a profile
        assert made[0] is None and all(made[1:]) and len(made) == -(-len(ids) // 3)
        assert [p.id for chunk in made[1:] for p in chunk] == ids[3:]
        assert stats.entity_articles  # the workers' entity counts, taken
        stale = list(ahead(ids[3:], 3, stats, "another generation"))  # counts not current
        assert stale == [None] * len(stale)
        # counted under another spelling first in this run: the workers' weights are not ours
        stats.entity_articles = {key: n + 1 for key, n in stats.entity_articles.items()}
        again = list(ahead(ids[3:], 3, stats, generation))
        assert None in again  # the chunks naming an entity; those naming none are taken
        assert [a for a in again if a] == [m for m, a in zip(made[1:], again, strict=True) if a]


def test_entity_counts_are_taken_only_when_they_agree_with_the_runs() -> None:
    from index.related.placing_pool import _Counted
    from index.related.relatedness import TermStats

    stats = TermStats(_Counted(100), lambda kind, name: pytest.fail(name))
    assert stats.adopt_entities({("org", "opec"): 3})
    assert stats.entity_idf(("org", "opec"), "OPEC") == pytest.approx(math.log(101 / 3.5))
    assert not stats.adopt_entities({("org", "opec"): 4, ("place", "peru"): 1})
    assert ("place", "peru") not in stats.entity_articles
