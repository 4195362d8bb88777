"""Stories across languages: one event in several languages is one story; hard negatives stay apart.

The fixture (tests/multilingual_stories.py) was written while building the feature: these are
regression checks, not evidence of quality.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from multilingual_stories import RECORDS, write_dump
from test_cli import newsreader
from test_related import make_library

from index.library import Library
from index.records import Article
from index.related import cross_language
from index.related.cross_language import _joins, cross_keys


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The fixture indexed by the real console script: (library, article id -> gold event)."""
    folder = tmp_path_factory.mktemp("multilingual")
    dump = write_dump(folder / "world.jsonl")
    lib = folder / "lib"
    newsreader(lib, "index", str(dump))
    with Library(lib, readonly=True) as library:
        events = {a.id: a.url for a in library.export()}
    url_event = {f"https://example.{r['lang']}/news/{n}": r["event"] for n, r in enumerate(RECORDS)}
    return lib, {aid: url_event[url] for aid, url in events.items()}


def partition(stories: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for aid, sid in stories.items():
        groups.setdefault(sid, set()).add(aid)
    return {frozenset(g) for g in groups.values()}


def test_one_event_in_five_languages_is_one_story_and_hard_negatives_stay_apart(indexed):
    lib, gold = indexed
    with Library(lib, readonly=True) as library:
        found = {a.id: a.story for a in library.export()}
        languages = {a.id: a.language for a in library.export()}
    assert partition(found) == partition(gold)
    strike = {languages[a] for a, e in gold.items() if e == "strike"}
    assert strike == {"de", "fr", "en", "es", "pl"}  # detected at ingest, joined across


def test_cli_story_lists_its_languages_and_related_marks_a_foreign_article_same_story(indexed):
    lib, gold = indexed
    english = next(a for a, e in gold.items() if e == "siemens" and "Egypt" in _title(lib, a))
    german = next(a for a, e in gold.items() if e == "siemens" and a != english)
    text = newsreader(lib, "story", english).stdout
    assert "languages: de en" in text or "languages: en de" in text
    assert f"] de  {german}" in text and f"] en  {english}" in text
    listed = newsreader(lib, "stories").stdout
    assert "(de en fr es pl)" in listed or "pl)" in listed  # the strike's row names them
    related = json.loads(newsreader(lib, "related", english, "--json").stdout)
    kinds = {r["id"]: r["kind"] for r in related["related"]}
    assert kinds[german] == "same story"
    assert related["related"][0]["id"] == german  # joined on strict evidence: first, though
    # its words cannot score it against an English article
    shown = json.loads(newsreader(lib, "story", english, "--json").stdout)
    assert sorted(shown["info"]["languages"]) == ["de", "en"]
    assert {m["language"] for m in shown["members"]} == {"de", "en"}


def _title(lib: Path, aid: str) -> str:
    with Library(lib, readonly=True) as library:
        return library.article(aid).title


def _articles(lib: Path) -> list[Article]:
    """The indexed fixture's articles as stored (languages and entities from the ingest)."""
    with Library(lib, readonly=True) as library:
        found = library.store.get_many([a.id for a in library.export()])
    return [found[aid] for aid in sorted(found)]


def test_placing_in_chunks_and_adding_a_dump_later(indexed, tmp_path, monkeypatch):
    from index.related import stories

    lib, gold = indexed
    articles = _articles(lib)
    with make_library(tmp_path / "whole", articles) as library:
        library.ensure_stories()
        whole = {a.id: a.story for a in library.export()}
    assert partition(whole) == partition(gold)
    monkeypatch.setattr(stories, "CHUNK", 2)  # later articles join earlier chunks' stories
    with make_library(tmp_path / "chunks", articles) as library:
        library.ensure_stories()
        assert {a.id: a.story for a in library.export()} == whole
    # the German and Spanish coverage first, the rest as a later dump
    first = [a for a in articles if a.language in ("de", "es")]
    with make_library(tmp_path / "later", first) as library:
        library.ensure_stories()
        before = {a.id: a.story for a in library.export()}
        library.store.put_articles([a for a in articles if a not in first])
        library.store.commit()
        from index.format.schema import document_for

        writer = library.ix.writer()
        for a in articles:
            if a not in first:
                writer.add_document(**document_for(a))
        writer.commit()
        library.refresh()
        stories.StoryGrouper(library.engine, library.store).place_new()
        after = {a.id: a.story for a in library.export()}
    assert {k: after[k] for k in before} == before  # nothing placed moved
    assert partition(after) == partition(gold)  # the later languages joined the stories


def test_a_single_language_library_never_asks_for_cross_language_keys(tmp_path, monkeypatch):
    from test_related import fixture_articles

    from index.related.key_rows import KeyRows

    asked: list[str] = []
    read = KeyRows._read
    monkeypatch.setattr(KeyRows, "_read", lambda self, keys: (asked.extend(keys), read(self, keys)))
    articles = fixture_articles()
    for a in articles:
        a.language = "en"
    with make_library(tmp_path / "en", articles) as library:
        library.ensure_stories()
        rows = library.store.db.execute("SELECT COUNT(*) FROM story_keys WHERE key LIKE '~en|%'")
        assert rows.fetchone()[0] > 0  # kept for a later dump in another language
    assert asked and not [k for k in asked if k.startswith("~")]


def _article(title: str, text: str, language: str = "de") -> Article:
    return Article("a", "d", "d:a", title, [text], language=language, date="2026-03-10")


def test_cross_keys_read_figures_names_and_entities_alike_in_every_language():
    german = _article(
        "Lufthansa streicht 3.400 Flüge",
        "Am Dienstag fallen 3.400 Flüge aus, 8,5 Prozent mehr Gehalt, seit 2019, am 12. März, "
        "GDL, Weselsky.",
    )
    french = _article("Lufthansa annule 3 400 vols", "Mardi, 3 400 vols et 8,5 pour cent.", "fr")
    english = _article(
        "Lufthansa cancels 3,400 flights", "On Tuesday 3,400 flights, 8.5 percent", "en"
    )
    keys = [dict(cross_keys(a, {("org", "lufthansa"): 2.0})) for a in (german, french, english)]
    for found in keys:
        assert found["@org:lufthansa"] == 1.0
        assert "#3400" in found and "#85" in found  # one spelling of a figure in all three
        assert "^lufthansa" not in found  # a word of its own entity counts once, as the entity
    assert "#2019" not in keys[0] and "#12" not in keys[0]  # years and small numbers aside
    assert "^gdl" in keys[0]  # an acronym first among the names (German capitalises nouns)
    assert len(keys[0]) == cross_language.MAX_KEYS
    assert not any(k in keys[0] for k in ("^am", "^seit", "^und"))  # stopwords
    assert "^on" not in keys[2]  # a stopword of English, capitalised as a sentence begins
    assert cross_keys(_article("x", "y", language=""), {}) == []  # no language: never across
    iran = _article("Iran meldet 1.200 Festnahmen", "Teheran, Iran.", "de")
    found = dict(cross_keys(iran, {("place", "iran"): 4.0, ("place", "tehran"): 1.0}))
    assert found == {"#1200": 0.6, "^festnahmen": 0.6, "^teheran": 0.6}  # no place, nor its word


@pytest.mark.parametrize(
    ("shared", "joins"),
    [
        ({"person": 1, "figure": 1}, False),  # a person and a number
        ({"person": 1, "org": 1}, False),  # a company's chief on another subject
        ({"name": 2, "figure": 2}, True),  # "GDL", "Weselsky", "1,200", "8.5"
        ({"name": 2, "figure": 1}, False),
        ({"person": 1, "org": 1, "figure": 1}, True),
        ({"person": 2, "org": 1}, True),  # three named entities
        ({"figure": 4}, False),  # numbers alone
    ],
)
def test_what_joins_across_languages(shared, joins):
    w = cross_language.WEIGHTS
    entities = w["person"] * shared.get("person", 0) + w["org"] * shared.get("org", 0)
    names = w["name"] * shared.get("name", 0)
    figures = w["figure"] * shared.get("figure", 0)
    total = entities + names + figures
    assert _joins(total, entities, names, figures) is joins


async def test_the_front_page_row_of_a_story_names_its_languages(indexed, tmp_path):
    from tui_support import make_app, open_front_page, settle

    from widgets.story_table import StoryTable

    lib, _ = indexed
    shutil.copytree(lib, tmp_path / "copy")
    with Library(tmp_path / "copy") as library:
        app = make_app(library)
        async with app.run_test(size=(200, 40)) as pilot:
            await settle(pilot)
            table = (await open_front_page(pilot)).query_one(StoryTable)
            first = table.stories[0]  # the strike, the biggest story
            assert sorted(first.languages) == ["de", "en", "es", "fr", "pl"]
            label = str(table.get_row_at(0)[3])
            assert "Lufthansa" in label and " ".join(first.languages) in label
            alone = next(i for i, s in enumerate(table.stories) if s.articles == 1)
            assert len(table.stories[alone].languages) == 1  # one language: not named
            spans = table.get_row_at(alone)[3].spans
            assert "italic" not in {str(span.style) for span in spans}
            assert "italic" in {str(span.style) for span in table.get_row_at(0)[3].spans}
            table.move_cursor(row=0)
            await pilot.press("enter")  # the story view says in how many languages, and which
            await pilot.pause(0.5)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            summary = str(pilot.app.screen.query_one("#story-summary").render())
            assert "in 5 languages (de en es fr pl)" in summary
