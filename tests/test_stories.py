"""Stories: grouped at ingest, incrementally; listed, queried, carried in JSON; the front page."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
from test_cli import newsreader
from test_related import article, entity, fixture_articles, make_library
from tui_support import library, library_template, make_app, open_front_page, settle

from index.format.schema import document_for
from index.library import Library
from index.records import Article, Story
from index.related import StoryGrouper
from widgets.story_list import StoryList
from widgets.story_table import StoryTable, sparkline

__all__ = ["library", "library_template"]  # fixtures used by the tests below


SYLLABLES = ["ka", "lo", "mi", "su", "te", "ra", "vo", "ne"]


def background(n: int = 48) -> list[Article]:
    """Articles on other subjects (made-up words, none shared): in a library of a dozen articles
    every word is common; these give the stories' words the rarity they have in a real one."""
    out = []
    for i in range(n):
        words = [
            SYLLABLES[i % 8] + SYLLABLES[i // 8 % 8] + SYLLABLES[j] + "x" * (j + 1)
            for j in range(8)
        ]
        a = Article(f"other-{i:02d}", "feb", f"o{i}", " ".join(words[:3]), [" ".join(words)])
        a.date, a.copy_group, a.version_group = f"1987-02-{1 + i % 27:02d}", a.id, a.id
        out.append(a)
    return out


def grouped(folder: Path) -> Library:
    articles = fixture_articles() + background()
    lib = make_library(folder, articles)
    assert lib.needs_stories()
    assert lib.ensure_stories() == len(articles)
    return lib


def test_copies_versions_and_follow_ups_share_a_story_other_stories_do_not(tmp_path):
    with grouped(tmp_path / "lib") as lib:
        story = {a.id: a.story for a in lib.export()}
        assert story["cocoa-1-copy"] == story["cocoa-1"]  # a copy joins its original
        assert story["cocoa-2-update"] == story["cocoa-2"]  # so does a version
        # follow-ups: the same key entities and rare words, days and weeks later
        assert story["cocoa-1"] == story["cocoa-2"] == story["cocoa-3"]
        assert story["texaco-1"] == story["texaco-2"]
        assert story["cocoa-1"] != story["texaco-1"] != story["buba-1"]
        assert len({story[a] for a in ("cocoa-1", "texaco-1", "buba-1", "buba-3")}) == 4
        assert story["cocoa-1"] == "cocoa-1"  # named by the article that started it
        info = lib.story_info("cocoa-1")
        assert info is not None and info.articles == 5
        assert info.dumps == ["apr", "feb", "mar"]
        assert (info.first_date, info.last_date) == ("1987-02-10", "1987-03-02")
        assert "International Cocoa Organization" in info.entities
        assert "uffer stock" in info.label


def test_a_story_is_joined_by_resembling_it_not_one_member_at_its_edge():
    from index.related.stories import Neighbours, Placing, best_story

    new = Placing("new", None, ("new", "new"), {"w": 1.0}, [], set())

    def near(size: int) -> Neighbours:  # one placed member, sharing the word w strongly
        one = np.array([0, 1])
        return Neighbours(
            {"w": 0}, one, np.array([0]), np.array([0]), np.array([0.9]), np.array([False]),
            ["story"], [None], {"story": size},
        )  # fmt: skip

    assert best_story(new, 1, near(1)) == ("story", 0.9)  # like the story's one article
    assert best_story(new, 1, near(3))[0] == "new"  # like 1 of 3, unlike the other 2: its own


def test_story_lists_biggest_or_newest_first_and_filters(tmp_path):
    with grouped(tmp_path / "lib") as lib:
        sizes = [s.articles for s in lib.stories()]
        assert sizes == sorted(sizes, reverse=True) and sizes[0] == 5
        newest = lib.stories(newest=True)
        assert [s.last_date for s in newest] == sorted((s.last_date for s in newest), reverse=True)
        assert {s.id for s in lib.stories(entity="pennzoil")} <= {"texaco-1", "texaco-3"}
        assert lib.stories(entity="pennzoil")
        assert all("apr" in s.dumps for s in lib.stories(dump="apr"))
        both = lib.stories(dump="feb", entity="Pennzoil", since="1987-03-01")
        assert [s.id for s in both] == ["texaco-1"]
        assert all(s.last_date >= "1987-03-05" for s in lib.stories(since="1987-03-05"))
        assert lib.stories(entity="nobody at all") == []
        top = lib.stories(limit=1)[0]
        assert sum(n for _, n in top.timeline) == top.articles


def test_adding_articles_places_only_them_and_regrouping_gives_the_same_stories(tmp_path):
    articles = fixture_articles()
    first, later = articles[:6], articles[6:]
    with make_library(tmp_path / "a", first) as lib:
        lib.ensure_stories()
        before = {a.id: a.story for a in lib.export()}
        writer = lib.ix.writer()
        for a in later:
            writer.add_document(**document_for(a))
        lib.store.put_articles(later)
        lib.store.commit()
        writer.commit()
        lib.refresh()
        assert StoryGrouper(lib.engine, lib.store).place_new() == len(later)  # as `add` does
        after = {a.id: a.story for a in lib.export()}
        indexes = lib.store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        assert "story_keys_article" in {name for (name,) in indexes}  # dropped while placing
    assert {k: after[k] for k in before} == before  # nothing already placed moved
    with make_library(tmp_path / "b", first) as again:
        again.ensure_stories()
        assert {a.id: a.story for a in again.export()} == before


def test_an_old_library_is_grouped_on_first_call_and_a_read_only_one_still_works(tmp_path):
    lib = make_library(tmp_path / "old", fixture_articles())  # written before stories
    lib.close()
    with Library(tmp_path / "old", readonly=True) as ro:
        assert ro.stories() == []  # nothing to write into: no stories, no crash
        assert ro.article("cocoa-1").story == ""
        assert [i.id for i in ro.story("cocoa-1")]  # the story view ranks instead
        assert ro.search("story:cocoa-1").total == 0
    with Library(tmp_path / "old") as rw:
        assert rw.stories()  # grouped now, once
        assert not rw.needs_stories()


def test_story_query_term_narrows_to_the_story(tmp_path):
    with grouped(tmp_path / "lib") as lib:
        found = lib.search("story:cocoa-1", limit=20)
        ids = {h.id for h in found.hits}
        assert ids and ids <= {"cocoa-1", "cocoa-2", "cocoa-3", "cocoa-1-copy", "cocoa-2-update"}
        assert lib.search("buffer story:cocoa-1").total >= 1
        assert lib.search("buffer story:texaco-1").total == 0
        assert lib.search("story:").total >= 0  # a bad term is an answer, never an exception


def test_related_marks_same_story_first_then_follow_ups_and_background(tmp_path):
    with grouped(tmp_path / "lib") as lib:
        related = lib.related("cocoa-2", limit=10)
        assert related.story == "cocoa-1"
        kinds = [r.kind for r in related.related]
        same = kinds.count("same story")
        assert same >= 1 and kinds[:same] == ["same story"] * same
        assert set(kinds[same:]) <= {"follow-up", "background"}
        assert all(r.story for r in related.related)


def _filed(aid: str, title: str, text: str) -> Article:
    """An article of dump "d" in a copy and version group of its own."""
    article = Article(aid, "d", f"{aid}.txt", title, [text])
    article.copy_group = article.version_group = article.id
    return article


def _similar(n: int) -> list[Article]:
    text = (
        "Grain traders in port number {i} said wheat and barley shipments rose this week "
        "while maize exports from the port fell, brokers said, citing vessel {v}."
    )
    return [
        _filed(f"grain-{i:03d}", f"Grain shipments at port {i}", text.format(i=i, v=i * 7))
        for i in range(n)
    ]


def _other_news(n: int) -> list[Article]:
    topics = ("election", "football", "storm", "museum", "vaccine", "airline", "court", "bank")
    return [
        _filed(
            f"other-{i:03d}",
            f"The {topic}, part {i}",
            f"Report {i} on the {topic}: officials met on day {i} and spoke about the {topic}.",
        )
        for i, topic in ((i, topics[i % len(topics)]) for i in range(n))
    ]


def test_related_limit_50_returns_50(tmp_path):
    with make_library(tmp_path / "lib", _similar(70) + _other_news(100)) as lib:
        found = lib.related("grain-000", limit=50).related
    assert len(found) == 50 and all(r.id.startswith("grain-") for r in found)


def test_related_lists_no_article_that_shares_only_common_words(tmp_path):
    """A small library of unrelated pages (a crawl's slice): their shared words are common ones,
    every score falls under the floor, and the related list stays empty instead of noise."""
    subjects = (
        "casino reopening island committee",
        "livestock liability motorists sheep",
        "asthma inhaler pollen clinic",
        "radiology classes college enrolment",
        "enzymes digestion supplements capsules",
        "bushfire crews rainfall Queensland",
        "beetle photographs species collection",
        "purifier filters allergens rooms",
    )
    text = (
        "The {0} and the {1} were the news this week, officials said, "
        "and the {2} of the {3} would follow in the coming months."
    )
    articles = [
        _filed(f"page-{i}", f"{subject.split()[0].title()} {subject.split()[1]}",
               text.format(*subject.split()))
        for i, subject in enumerate(subjects)
    ]  # fmt: skip
    with make_library(tmp_path / "lib", articles) as lib:
        assert lib.related("page-0").related == []


def test_sparkline_places_coverage_on_a_shared_axis():
    line = sparkline([("1987-02-01", 1), ("1987-02-10", 4)], 725403, 725412, 10)
    assert len(line) == 10 and line[0] != " " and line[-1] == "█" and line[5] == " "


async def test_stories_decades_apart_each_get_their_own_sparkline_axis():
    from textual.app import App, ComposeResult

    def story(first: str, last: str) -> Story:
        timeline = [(first, 3), (last, 1)]
        return Story(f"s{first}", "A story", [], 4, ["wire"], [], first, last, timeline)

    class Host(App):
        def compose(self) -> ComposeResult:
            yield StoryTable()

    async with Host().run_test(size=(140, 20)) as pilot:
        table = pilot.app.query_one(StoryTable)
        table.show_stories([story("1987-03-01", "1987-03-20"), story("2024-05-01", "2024-05-30")])
        for row in range(2):
            line = str(table.get_cell_at((row, 2)))
            assert line[0] == "█" and line[-1] != " "  # its own weeks, not one cell of 37 years
        table.show_stories([story("1987-03-01", "1987-03-20"), story("1987-06-01", "1987-06-30")])
        line = str(table.get_cell_at((0, 2)))  # within a year: one axis, March at its start
        assert line[0] == "█" and line[-1] == " "


def test_cli_stories_story_and_json_carry_the_story(tmp_path):
    dump = tmp_path / "wire.jsonl"
    records = [
        {"id": f"k{i}", "title": t, "text": b, "date": d, "source": "Wire"}
        for i, (t, b, d) in enumerate(
            [
                ("Kenya floods kill 40 in Nairobi", "Floods in Nairobi, Kenya killed 40 people "
                 "after heavy rains, the Kenya Red Cross said on Monday.", "2014-05-05"),
                ("Kenya floods toll rises to 60 in Nairobi", "The toll of floods in Nairobi, Kenya "
                 "rose to 60 after more heavy rains, the Kenya Red Cross said.", "2014-05-06"),
                ("Chess champion Carlsen wins in Oslo", "Magnus Carlsen won the chess tournament "
                 "in Oslo on Sunday, beating Levon Aronian in the final round.", "2014-05-04"),
            ]
        )
    ]  # fmt: skip
    dump.write_text("".join(json.dumps(r) + "\n" for r in records))
    lib = tmp_path / "lib"
    newsreader(lib, "index", str(dump))
    stories = json.loads(newsreader(lib, "stories", "--json").stdout)
    assert [s["articles"] for s in stories] == [2, 1]
    assert "Kenya" in stories[0]["label"] and stories[0]["dumps"] == ["wire"]
    sid = stories[0]["id"]
    shown = json.loads(newsreader(lib, "story", sid, "--json").stdout)
    assert shown["story"] == sid and len(shown["members"]) == 2
    text = newsreader(lib, "story", sid).stdout
    assert "2 articles" in text and "Kenya floods" in text
    member = shown["members"][1]["id"]
    assert json.loads(newsreader(lib, "show", member, "--json").stdout)["story"] == sid
    exported = [
        json.loads(line) for line in newsreader(lib, "export", "--jsonl").stdout.split("\n") if line
    ]
    assert {e["story"] for e in exported} == {sid, stories[1]["id"]}
    related = json.loads(newsreader(lib, "related", member, "--json").stdout)
    assert related["story"] == sid and related["related"][0]["kind"] == "same story"
    assert newsreader(lib, "stories", "--entity", "Magnus Carlsen").stdout.count("Carlsen") >= 1
    found = json.loads(newsreader(lib, "search", f"story:{sid}", "--json").stdout)
    assert found["total"] == 2
    db = sqlite3.connect(lib / "articles.db")  # stories live in the store: no pickle
    assert db.execute("SELECT COUNT(*) FROM stories").fetchone()[0] == 2


async def test_front_page_lists_stories_opens_one_and_walks_to_an_article_and_back(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        front = await open_front_page(pilot)
        assert type(front).__name__ == "FrontPageScreen"
        table = front.query_one(StoryTable)
        assert table.row_count == len(library.stories(limit=200)) > 1
        first = table.stories[0]
        assert first.articles == max(s.articles for s in table.stories)
        await pilot.press("enter")
        await pilot.pause(0.5)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "StoryScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is front  # back on the front page
        await pilot.press("slash", *"Rasmussen", "enter")
        await pilot.pause(0.3)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert table.stories and all(
            "Rasmussen" in " ".join(i.title for i in library.story(s.id))
            or s.id in {x.id for x in library.stories(entity="Rasmussen", limit=200)}
            for s in table.stories
        )
        await pilot.press("enter")  # the story ...
        await pilot.pause(0.5)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        wanted = app.screen.query_one(StoryList).highlighted_item().id
        await pilot.press("enter")  # ... and its first article, opened in the reader
        screen = await settle(pilot)
        assert screen.article_view.article_id == wanted


def test_a_learned_blend_loads_from_json_and_a_bad_one_falls_back(tmp_path, monkeypatch):
    from index.related import relatedness

    path = tmp_path / "blend.json"
    monkeypatch.setattr(relatedness, "BLEND_PATH", path)
    assert relatedness.load_blend() is None  # none shipped: the hand blend
    path.write_text(json.dumps(dict.fromkeys(relatedness.FEATURES, 0.5)))
    assert relatedness.load_blend() == dict.fromkeys(relatedness.FEATURES, 0.5)
    path.write_text('{"text": "x"}')
    assert relatedness.load_blend() is None


def test_placing_in_small_chunks_gives_the_same_stories_as_one_batch(tmp_path, monkeypatch):
    from index.related import stories

    with grouped(tmp_path / "one") as lib:
        whole = {a.id: a.story for a in lib.export()}
        keys = lib.store.db.execute("SELECT COUNT(DISTINCT article_id) FROM story_keys").fetchone()
        assert keys[0] == len(whole)  # every placed article left its key words behind
    monkeypatch.setattr(stories, "CHUNK", 2)  # later articles join earlier chunks' stories
    monkeypatch.setattr(stories, "SCAN_FROM", 1)  # word rarities counted first (term_df)
    with grouped(tmp_path / "chunks") as lib:
        assert {a.id: a.story for a in lib.export()} == whole


def test_a_library_grouped_by_an_earlier_rule_is_grouped_again_once(tmp_path):
    from index.story_store import DONE_KEY

    with grouped(tmp_path / "lib") as lib:
        before = {a.id: a.story for a in lib.export()}
        db = lib.store.db
        db.execute("UPDATE story_members SET story_id = 'stale'")  # as an older rule left it
        lib.store.set_meta(DONE_KEY, "3")
        lib.store.commit()
        assert lib.needs_stories()
        assert lib.ensure_stories() == len(before)  # every article placed again
        assert {a.id: a.story for a in lib.export()} == before
        assert lib.ensure_stories() == 0  # once


async def test_the_story_screen_names_the_story_as_the_front_page_does(library, monkeypatch):
    april = library.search("title:sees").hits[0].id
    story = library.story_info(library.article(april).story)
    story.label = "NATO and Russia: the central headline"  # the front page's name for the story
    monkeypatch.setattr(library, "story_info", lambda story_id: story)
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"title:sees", "enter", "enter")
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause(0.5)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        heading = str(app.screen.query_one("#story-title").render())
        assert "NATO and Russia: the central headline" in heading


MIXED = [
    "Cocoa talks in U.S. end; 5.93 pct rise_up İstanbul Straße 保障房 café naïve Ålesund",
    "Plain ASCII words, numbers 1987 and dots a.b.c only",
    "",
]


def test_the_analyzers_term_list_is_its_tokens_and_profiles_are_the_same():
    from index.format.analysis import LanguageAnalyzer
    from index.related.relatedness import Weights, profile_of, terms_of

    analyzer = LanguageAnalyzer()
    for text in MIXED:
        for lang in ("", "de", "zh"):
            tokens = [t.text for t in analyzer(text, lang=lang)]
            assert analyzer.terms(text, lang=lang) == tokens
    article = Article("a", "d", "o", MIXED[0], [" ".join(MIXED * 200)])
    tokens = terms_of(lambda text: analyzer(text))  # the path of another analyzer: its tokens
    assert tokens is not analyzer.terms and terms_of(analyzer) == analyzer.terms
    for weights in (Weights(), Weights(body_words=80, lead_words=7)):
        fast = profile_of(article, analyzer, weights)
        slow = profile_of(article, lambda text: analyzer(text), weights)
        for a, b in ((fast.terms, slow.terms), (fast.lead_terms, slow.lead_terms)):
            assert list(a.items()) == list(b.items())  # the same counts, in the same order
        assert fast.title_terms == slow.title_terms
        assert sum(fast.terms.values()) > sum(fast.title_terms.values())


def test_key_rows_give_the_rows_a_query_gives_and_follow_what_is_added():
    from index.related.key_rows import KeyRows

    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE TABLE story_keys (key TEXT, article_id TEXT, weight REAL, top INTEGER, "
        "story_id TEXT, day INTEGER, PRIMARY KEY (key, article_id)) WITHOUT ROWID"
    )

    def write(rows):
        db.executemany("INSERT OR REPLACE INTO story_keys VALUES (?, ?, ?, ?, '', NULL)", rows)
        held.add(rows)

    def queried(keys):
        found = ([], [], [], [])
        for n, key in enumerate(keys):
            for row in db.execute(
                "SELECT article_id, weight, top FROM story_keys WHERE key = ? ORDER BY article_id",
                (key,),
            ):
                for column, value in zip(found, (n, *row), strict=True):
                    column.append(value)
        return found

    held = KeyRows(db)

    def neighbours(keys):  # the columns as lists
        return tuple(list(column) for column in held.neighbours(keys))

    write([("cocoa", "b", 0.5, 0), ("cocoa", "d", 0.25, 1), ("@org:icco", "b", 0.1, 1)])
    keys = ["@org:icco", "cocoa", "wheat"]
    assert neighbours(keys) == queried(keys)
    write([("cocoa", "a", 0.75, 0), ("cocoa", "c", 0.125, 0), ("wheat", "c", 0.3, 0)])
    write([("cocoa", "d", 0.5, 0), ("tin", "c", 0.2, 0)])  # a replaced row; a key not asked
    write([("cocoa", "e", 0.4, 1), ("wheat", "a", 0.6, 1)])  # after the others; before them
    for keys in (["@org:icco", "cocoa", "wheat"], ["cocoa", "tin"]):
        assert neighbours(keys) == queried(keys)
    assert neighbours(["cocoa"])[1] == ["a", "b", "c", "d", "e"]


def test_an_articles_strongest_words_are_the_head_of_all_of_them_sorted():
    from index.related.key_rows import strongest

    weights = {
        w: float(len(w) % 4)
        for w in ["ab", "abc", "abcd", "x", "y", "zz", "zzz", "q", "abcde", "e"]
    }
    for n in (0, 1, 3, 4, 5, 10, 20):
        assert strongest(weights, n) == sorted(weights.items(), key=lambda kw: (-kw[1], kw[0]))[:n]


CITIES = ["Omaha", "Peoria", "Joliet", "Sioux City", "St Paul", "Kansas City"]


def hog_reports() -> list[Article]:
    """One day's market reports from one template, a city each: the same words, no shared
    entity (the USDA they all name is too common in a real library to count)."""
    out = []
    for i, city in enumerate(CITIES):
        title = f"{city.upper()} HOGS UP {i % 3 + 1}.00 DLR - USDA"
        text = (
            f"Hog prices at {city} were up {i % 3 + 1}.00 dlr at {40 + i}.50 dlrs per cwt, "
            f"the USDA said. Barrows and gilts US 1-3 220-250 lbs {39 + i}.00-{41 + i}.00, "
            f"receipts {4000 + 500 * i} head, trade active, demand good for slaughter hogs."
        )
        out.append(article(f"hogs-{i}", "apr", "1987-04-07", title, text, [entity(city, "place")]))
    return out


def test_one_days_market_reports_from_a_template_are_not_one_story(tmp_path, monkeypatch):
    from index.related import stories

    articles = fixture_articles() + background() + hog_reports()
    with make_library(tmp_path / "lib", articles) as lib:
        lib.ensure_stories()
        story = {a.id: a.story for a in lib.export()}
        assert len({story[f"hogs-{i}"] for i in range(len(CITIES))}) == len(CITIES)
        assert story["cocoa-1"] == story["cocoa-3"]  # follow-ups sharing entities still join
    monkeypatch.setattr(stories, "WORDS_ALONE", 0.0)  # template words alone joined them
    with make_library(tmp_path / "before", articles) as lib:
        lib.ensure_stories()
        assert len({a.story for a in lib.export() if a.id.startswith("hogs-")}) < len(CITIES)
