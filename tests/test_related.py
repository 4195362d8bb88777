"""Related coverage: same story first, copies and versions apart, story order, word diff."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from index.format.schema import document_for
from index.library import Library
from index.records import Article, ArticleEntity
from index.versions.diff import word_diff


def entity(name: str, kind: str = "org", count: int = 2, title: bool = False) -> ArticleEntity:
    return ArticleEntity(name, kind, count, in_title=title, in_lead=True)  # type: ignore[arg-type]


ICCO = entity("International Cocoa Organization")
LONDON = entity("London", "place", 1)
IVORY = entity("Ivory Coast", "place", 2)
TEXACO = entity("Texaco", count=4, title=True)
PENNZOIL = entity("Pennzoil", count=3, title=True)
HOUSTON = entity("Houston", "place", 1)
BUNDESBANK = entity("Bundesbank", count=4, title=True)
POEHL = entity("Karl Otto Poehl", "person", 2)
FRANKFURT = entity("Frankfurt", "place", 1)

COCOA = [
    (
        "cocoa-1",
        "feb",
        "1987-02-10",
        "Cocoa producers and consumers open buffer stock talks",
        "Producers and consumers of the International Cocoa Organization opened talks in London "
        "on rules for the cocoa buffer stock, which must buy beans when prices fall. Delegates "
        "said Ivory Coast wants the buffer stock manager to buy cocoa from origin first.",
        [ICCO, LONDON, IVORY],
    ),
    (
        "cocoa-2",
        "feb",
        "1987-02-14",
        "Cocoa buffer stock talks stall over origin purchases",
        "The buffer stock talks of the International Cocoa Organization in London stalled over "
        "how much cocoa the manager may buy from origin, delegates said. Ivory Coast insisted "
        "that buffer stock purchases of beans favour producing countries.",
        [ICCO, LONDON, IVORY],
    ),
    (
        "cocoa-3",
        "mar",
        "1987-03-02",
        "Cocoa council agrees buffer stock rules",
        "The International Cocoa Organization council agreed the buffer stock rules in London "
        "after weeks of talks, delegates said. The buffer stock manager may now buy cocoa beans, "
        "with origin cocoa capped, a compromise Ivory Coast accepted.",
        [ICCO, LONDON, IVORY],
    ),
]
TEXACO_STORY = [
    (
        "texaco-1",
        "feb",
        "1987-02-11",
        "Texaco appeals Pennzoil judgment",
        "Texaco Inc asked a Texas appeals court in Houston to overturn the judgment that awards "
        "Pennzoil Co damages over the takeover of Getty Oil. Texaco said the bond it must post "
        "would drive the oil company into bankruptcy.",
        [TEXACO, PENNZOIL, HOUSTON],
    ),
    (
        "texaco-2",
        "mar",
        "1987-03-05",
        "Pennzoil rejects Texaco settlement offer",
        "Pennzoil Co rejected a settlement offer from Texaco Inc in the dispute over the Getty "
        "Oil takeover, and said the appeals court in Houston should uphold the judgment and the "
        "damages. Texaco shares fell on the news.",
        [TEXACO, PENNZOIL, HOUSTON],
    ),
    (
        "texaco-3",
        "mar",
        "1987-03-09",
        "Texaco weighs bankruptcy filing in Pennzoil fight",
        "Texaco Inc is weighing a bankruptcy filing to avoid posting the bond in its fight with "
        "Pennzoil Co over the Getty Oil takeover judgment, people close to the oil company said.",
        [TEXACO, PENNZOIL],
    ),
]
BUNDESBANK_STORY = [
    (
        "buba-1",
        "feb",
        "1987-02-12",
        "Bundesbank leaves discount rate unchanged",
        "The Bundesbank left its discount rate and Lombard rate unchanged after its council "
        "meeting in Frankfurt, central bank president Karl Otto Poehl said. Money market dealers "
        "had expected no change in interest rates.",
        [BUNDESBANK, POEHL, FRANKFURT],
    ),
    (
        "buba-2",
        "mar",
        "1987-03-03",
        "Poehl says Bundesbank sees no need to cut rates",
        "Bundesbank president Karl Otto Poehl said the central bank sees no need to cut its "
        "discount rate or Lombard rate now, as money supply growth is above target. Dealers in "
        "Frankfurt said interest rates would stay where they are.",
        [BUNDESBANK, POEHL, FRANKFURT],
    ),
    (
        "buba-3",
        "mar",
        "1987-03-12",
        "Bundesbank cuts repurchase rate to calm money market",
        "The Bundesbank cut the rate on its securities repurchase pacts, calming the Frankfurt "
        "money market. Dealers said the central bank signalled interest rates will not rise, "
        "though the discount rate stays unchanged.",
        [BUNDESBANK, FRANKFURT],
    ),
]


def article(aid, dump, date, title, text, entities, headline_only=False) -> Article:
    return Article(
        id=aid,
        dump=dump,
        origin=f"{dump}:{aid}",
        title=title,
        paragraphs=[] if headline_only else [text],
        source="Wire",
        date=date,
        entities=list(entities),
        copy_group=aid,
        version_group=aid,
    )


def fixture_articles(dates: bool = True, headline_only: bool = False) -> list[Article]:
    """Three stories in two dumps, an exact copy of two of them in a third, an updated version."""
    out = []
    for row in COCOA + TEXACO_STORY + BUNDESBANK_STORY:
        a = article(*row, headline_only=headline_only)
        if not dates:
            a.date = ""
        out.append(a)
    by_id = {a.id: a for a in out}
    for original_id in ("cocoa-1", "texaco-1"):
        original = by_id[original_id]
        copy = article(
            f"{original_id}-copy",
            "apr",
            original.date,
            original.title,
            original.body,
            original.entities,
            headline_only=headline_only,
        )
        copy.copy_group = copy.version_group = original.id
        out.append(copy)
    second = by_id["cocoa-2"]
    update = article(
        "cocoa-2-update",
        "mar",
        "1987-02-15" if dates else "",
        second.title,
        second.body + " Talks resume on Monday.",
        second.entities,
        headline_only=headline_only,
    )
    update.version_group = second.id
    out.append(update)
    return out


def make_library(folder: Path, articles: list[Article]) -> Library:
    """A library holding exactly these articles (groups as given), written as ingest writes."""
    library = Library(folder)
    writer = library.ix.writer()
    for a in articles:
        writer.add_document(**document_for(a))
    library.store.put_articles(articles)
    library.store.commit()
    writer.commit()
    library.refresh()
    return library


STORY_OF = {row[0]: story for story, rows in
            (("cocoa", COCOA), ("texaco", TEXACO_STORY), ("buba", BUNDESBANK_STORY))
            for row in rows}  # fmt: skip


def story_of(aid: str) -> str:
    return STORY_OF[aid.removesuffix("-copy").removesuffix("-update")]


@pytest.fixture
def library(tmp_path):
    lib = make_library(tmp_path / "lib", fixture_articles())
    yield lib
    lib.close()


def assert_same_story_first(lib: Library, aid: str) -> None:
    related = lib.related(aid, limit=10).related
    stories = [story_of(r.id) for r in related]
    mine = story_of(aid)
    same = stories.count(mine)
    assert same >= 2, (aid, [(r.id, r.score) for r in related])
    assert stories[:same] == [mine] * same, (aid, [(r.id, r.score) for r in related])


@pytest.mark.parametrize("aid", ["cocoa-1", "cocoa-3", "texaco-2", "texaco-3", "buba-1", "buba-3"])
def test_related_lists_same_story_first(library, aid):
    assert_same_story_first(library, aid)


def test_open_articles_copies_are_reported_not_related(library):
    found = library.related("cocoa-1")
    assert [(c.id, c.dump) for c in found.copies] == [("cocoa-1-copy", "apr")]
    ids = [r.id for r in found.related]
    assert "cocoa-1" not in ids and "cocoa-1-copy" not in ids
    back = library.related("cocoa-1-copy")
    assert [c.id for c in back.copies] == ["cocoa-1"]
    assert "cocoa-1" not in [r.id for r in back.related]


def test_versions_are_reported_not_related(library):
    found = library.related("cocoa-2")
    assert [v.id for v in found.versions] == ["cocoa-2-update"]
    assert found.copies == []
    assert not {"cocoa-2", "cocoa-2-update"} & {r.id for r in found.related}
    back = library.related("cocoa-2-update")
    assert [v.id for v in back.versions] == ["cocoa-2"]
    assert not {"cocoa-2", "cocoa-2-update"} & {r.id for r in back.related}


def test_other_articles_copies_collapse_into_one_entry(library):
    related = library.related("texaco-2").related
    texaco_one = [r for r in related if r.id in ("texaco-1", "texaco-1-copy")]
    assert len(texaco_one) == 1
    other_dump = "apr" if texaco_one[0].id == "texaco-1" else "feb"
    assert texaco_one[0].copies == [other_dump]
    ids = [r.id for r in related]
    assert len(ids) == len(set(ids))
    # the cocoa-2 version and its original are one article too, seen from another cocoa story
    cocoa = [r.id for r in library.related("cocoa-3").related]
    assert len({"cocoa-2", "cocoa-2-update"} & set(cocoa)) == 1


def cocoa_copied_into_four_dumps() -> list:
    """cocoa-1 with copies in dumps d0-d3, cocoa-2 and a Texaco story.

    cocoa-1's own words and entities (copied four times) rank above those it shares with cocoa-2.
    """
    articles = [article(*row) for row in COCOA[:2] + TEXACO_STORY[:1]]
    original = articles[0]
    original.paragraphs.append("Grindings grindings grindings grindings: grindings.")
    original.entities.append(entity("Abidjan", "place", count=9, title=True))
    for n in range(4):
        copy = article(f"cocoa-1-copy{n}", f"d{n}", original.date, original.title,
                       original.body, original.entities)  # fmt: skip
        copy.copy_group = copy.version_group = original.id
        articles.append(copy)
    return articles


def test_copies_of_the_open_article_do_not_crowd_out_its_story(tmp_path):
    """Its copies in many dumps make the open article's own words look rarest: still found."""
    articles = cocoa_copied_into_four_dumps()
    with make_library(tmp_path / "lib", articles) as lib:
        lib.finder.weights = replace(lib.finder.weights, key_terms=1, key_entities=1)
        found = lib.related("cocoa-1")
        assert sorted(c.dump for c in found.copies) == ["d0", "d1", "d2", "d3"]
        assert [r.id for r in found.related][:1] == ["cocoa-2"]
        # seen from the other side, the five copies are one entry: the original, "also in" four
        back = lib.related("cocoa-2").related
        assert back[0].id == "cocoa-1" and back[0].copies == ["d0", "d1", "d2", "d3"]
        assert [s.id for s in lib.story("cocoa-2")] == ["cocoa-1", "cocoa-2"]


def test_own_copies_leave_room_for_other_candidates(tmp_path, monkeypatch):
    """In a large library too, the open article's copies do not take the candidates' places."""
    import index.related.finder as related_module

    monkeypatch.setattr(related_module, "SMALL_LIBRARY", 0)
    monkeypatch.setattr(related_module, "TEXT_CANDIDATES", 1)
    monkeypatch.setattr(related_module, "ENTITY_CANDIDATES", 1)
    articles = cocoa_copied_into_four_dumps()
    with make_library(tmp_path / "lib", articles) as lib:
        assert [r.id for r in lib.related("cocoa-1").related][:1] == ["cocoa-2"]


def test_items_carry_header_score_and_shared_entities(library):
    related = library.related("buba-1").related
    top = related[0]
    assert top.id in ("buba-2", "buba-3")
    assert top.dump in ("mar",) and top.date.startswith("1987-03") and top.source == "Wire"
    assert "Bundesbank" in top.shared_entities and "Frankfurt" in top.shared_entities
    assert all("Texaco" not in r.shared_entities for r in related)
    scores = [r.score for r in related]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    shape = library.related("buba-1").to_json()
    assert set(shape["related"][0]) >= {"id", "title", "dump", "date", "source", "score",
                                        "shared_entities", "copies"}  # fmt: skip


def test_limit_bounds_the_list(library):
    assert len(library.related("cocoa-1", limit=2).related) == 2


def test_story_is_in_date_order_with_the_article_itself(library):
    story = library.story("cocoa-2")
    ids = [s.id for s in story]
    assert "cocoa-2" in ids
    assert {story_of(i) for i in ids} == {"cocoa"}, ids
    assert {"cocoa-1", "cocoa-3"} <= set(ids) or {"cocoa-1-copy", "cocoa-3"} <= set(ids)
    dates = [s.date for s in story]
    assert dates == sorted(dates)


def test_story_puts_undated_articles_last(tmp_path):
    articles = fixture_articles()
    for a in articles:
        if a.id == "buba-1":
            a.date = ""
    lib = make_library(tmp_path / "lib", articles)
    story = lib.story("buba-2")
    assert story[-1].id == "buba-1"
    dated = [s.date for s in story[:-1]]
    assert dated and all(dated) and dated == sorted(dated)
    lib.close()


def test_ranking_works_without_dates(tmp_path):
    lib = make_library(tmp_path / "lib", fixture_articles(dates=False))
    for aid in ("cocoa-1", "texaco-3", "buba-2"):
        assert_same_story_first(lib, aid)
    assert [s.date for s in lib.story("cocoa-1")] == [""] * len(lib.story("cocoa-1"))
    lib.close()


def test_ranking_works_on_headlines_alone(tmp_path):
    lib = make_library(tmp_path / "lib", fixture_articles(headline_only=True))
    for aid in ("cocoa-2", "texaco-1", "buba-2"):
        related = lib.related(aid, limit=3).related
        assert related and story_of(related[0].id) == story_of(aid), [r.id for r in related]
    lib.close()


def test_answers_follow_library_changes(library):
    before = library.related("texaco-1")
    assert library.related("texaco-1") is before  # cached
    late = article(
        "texaco-4",
        "apr",
        "1987-04-12",
        "Texaco files for bankruptcy in Pennzoil fight",
        "Texaco Inc filed for bankruptcy protection rather than post the bond in the Pennzoil "
        "Co judgment over the Getty Oil takeover, the oil company said in Houston.",
        [TEXACO, PENNZOIL, HOUSTON],
    )
    writer = library.ix.writer()
    writer.add_document(**document_for(late))
    library.store.put_articles([late])
    library.store.commit()
    writer.commit()
    assert library.refresh()
    after = library.related("texaco-1")
    assert after is not before
    assert "texaco-4" in [r.id for r in after.related[:3]]


def test_seeds_list_each_other(seeds_dir, tmp_path):
    with Library(tmp_path / "lib") as lib:
        lib.add([seeds_dir])
        ids = [a.id for a in lib.export()]
        assert len(ids) == 2
        for one, other in (ids, ids[::-1]):
            related = lib.related(one).related
            assert related and related[0].id == other
            assert "NATO" in related[0].shared_entities


def test_word_diff_ops_rebuild_both_versions():
    old = "Talks stalled in London on Friday, delegates said."
    new = "Talks resumed in London on Monday, delegates said. A deal is near."
    runs = word_diff(old, new)
    assert {op for op, _ in runs} == {"equal", "insert", "delete"}
    assert "".join(t for op, t in runs if op != "delete") == new
    assert "".join(t for op, t in runs if op != "insert").split() == old.split()
    assert ("delete", "stalled ") in runs and ("insert", "resumed ") in runs
    assert runs[-1] == ("insert", " A deal is near.") or runs[-1][1].endswith("A deal is near.")


def test_word_diff_of_equal_and_empty_texts():
    assert word_diff("same words here", "same words here") == [("equal", "same words here")]
    assert word_diff("", "new text") == [("insert", "new text")]
    assert word_diff("old text", "") == [("delete", "old text")]
    assert word_diff("", "") == []
