"""Adding a small dump to a library costs what the dump holds: no merge of its big segments."""

from __future__ import annotations

import json

from whoosh.writing import SegmentWriter

import index.merge_policy as merge_policy
from index.library import Library
from index.merge_policy import FACTOR, tier

TOPICS = ["cocoa", "coffee", "sugar", "rubber", "tin", "zinc", "wheat", "maize", "barley", "oats"]


def _dump(tmp_path, name: str, count: int, start: int = 0):
    path = tmp_path / f"{name}.jsonl"
    rows = [
        {
            "id": f"{name}-{i}",
            "title": f"{TOPICS[i % len(TOPICS)].title()} report number {i} from {name}",
            "text": f"Traders said {TOPICS[i % len(TOPICS)]} prices moved on day {i} in {name}.",
        }
        for i in range(start, start + count)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _segments(library: Library) -> dict[str, int]:
    return {s.segment_id(): s.doc_count_all() for s in library.ix._segments()}


def _merged_documents(monkeypatch) -> list[int]:
    """The documents each merge of an existing segment rewrites (Whoosh's add_reader)."""
    merged: list[int] = []
    real = SegmentWriter.add_reader

    def counting(self, reader):
        merged.append(reader.doc_count_all())
        return real(self, reader)

    monkeypatch.setattr(SegmentWriter, "add_reader", counting)
    return merged


def test_tiers_are_powers_of_the_factor():
    assert [tier(n) for n in (0, 1, FACTOR - 1, FACTOR, FACTOR**2 - 1, FACTOR**2)] == [
        0,
        0,
        0,
        1,
        1,
        2,
    ]


def test_one_new_article_leaves_the_librarys_segments_alone(tmp_path, monkeypatch):
    # Five equal commits and one small one: Whoosh's MERGE_SMALL rewrote all five (at 100,000
    # articles in commits of 5,000 the same rule rewrote the whole library: 177 s for one page).
    with Library(tmp_path / "library") as library:
        for n in range(5):
            assert library.add([_dump(tmp_path, f"wire{n}", 10)], workers=1).added == 10
        before = _segments(library)
        assert len(before) == 5 and set(before.values()) == {10}
        merged = _merged_documents(monkeypatch)
        assert library.add([_dump(tmp_path, "late", 1)], workers=1).added == 1
        after = _segments(library)
        assert merged == []  # no existing segment rewritten
        assert before.items() <= after.items() and len(after) == 6
        assert library.search("late").total == 1 and library.search("report").total == 51


def test_small_commits_are_merged_a_tier_at_a_time(tmp_path, monkeypatch):
    with Library(tmp_path / "library") as library:
        library.add([_dump(tmp_path, "big", 30)], workers=1)  # tier 1: never merged below
        big = _segments(library)
        merged = _merged_documents(monkeypatch)
        for n in range(FACTOR):
            library.add([_dump(tmp_path, f"one{n}", 1)], workers=1)
        segments = _segments(library)
        # The tenth one-article commit merged the nine before it: nine documents rewritten once.
        assert merged == [1] * (FACTOR - 1)
        assert big.items() <= segments.items()
        assert sorted(segments.values()) == [FACTOR, 30]
        assert library.search("report").total == 30 + FACTOR


def test_index_says_once_that_it_groups_an_older_library_again(tmp_path):
    from cli_support import newsreader

    from index.story_store import DONE_KEY

    folder = tmp_path / "library"
    newsreader(folder, "index", str(_dump(tmp_path, "wire", 12)))
    with Library(folder) as library:
        library.store.set_meta(DONE_KEY, "5")  # grouped by an earlier version's layout
        library.store.commit()
    first = newsreader(folder, "index", str(_dump(tmp_path, "late", 1)))
    said = [line for line in first.stderr.splitlines() if "once" in line]
    assert said == ["Grouping the whole library into stories (once, after an upgrade)."]
    again = newsreader(folder, "index", str(_dump(tmp_path, "later", 1)))
    assert "once" not in again.stderr
    with Library(folder) as library:
        assert not library.needs_stories() and library.search("report").total == 14
        library.store.db.executescript(  # as a library indexed before stories left it
            "DROP TABLE story_members; DROP TABLE stories; DROP TABLE story_keys; "
            "DELETE FROM meta WHERE key = 'stories';"
        )
    before_stories = newsreader(folder, "index", str(_dump(tmp_path, "last", 1)))
    assert "Grouping the whole library into stories (once" in before_stories.stderr
    with Library(folder) as library:
        assert not library.needs_stories() and len(library.stories(limit=100)) >= 1


def test_unplaced_articles_come_in_the_order_sqlite_sorted_them(tmp_path):
    from index.story_store import ORDER, unplaced

    path = tmp_path / "wire.jsonl"
    rows = [
        {"id": f"r{i}", "title": f"Report {i} on {TOPICS[i % 10]}", "date": date,
         "text": f"Traders said {TOPICS[i % 10]} prices moved on day {i}."}
        for i, date in enumerate(["", "1987-03-02", "1987-03-01", "", "1987-03-01", "1987-03-10"])
    ] + [{"id": "copy", "title": "Report 1 on coffee", "date": "1987-03-02",
          "text": "Traders said coffee prices moved on day 1."}]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with Library(tmp_path / "library") as library:
        library.add([path], workers=1)
        db = library.store.db
        assert unplaced(db) == []  # all placed by the ingest
        db.execute("DELETE FROM story_members")
        sql = [aid for (aid,) in db.execute(f"SELECT id FROM articles ORDER BY {ORDER}")]
        assert unplaced(db) == sql and len(sql) == 7
        db.rollback()


def test_full_segments_are_never_merged_again(tmp_path, monkeypatch):
    monkeypatch.setattr(merge_policy, "FULL", 10)  # as a commit of COMMIT_ARTICLES
    with Library(tmp_path / "library") as library:
        merged = _merged_documents(monkeypatch)
        for n in range(FACTOR):  # a whole tier of segments: merged, were they not full
            library.add([_dump(tmp_path, f"wire{n}", 10)], workers=1)
        assert merged == [] and sorted(_segments(library).values()) == [10] * FACTOR
