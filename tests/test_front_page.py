"""The front page's speed: stories listed in index order, one timeline query, rows shown first."""

from __future__ import annotations

import sqlite3

from test_stories import grouped
from textual.app import App, ComposeResult

from index.library import Library
from index.records import Story
from index.story_store import has_list_indexes, list_stories
from widgets.story_table import StoryTable

OLD_INDEXES = (
    "DROP INDEX stories_biggest; DROP INDEX stories_newest; "
    "CREATE INDEX stories_size ON stories(articles); "
    "CREATE INDEX stories_last ON stories(last_date);"
)


def listed_with_sql(db: sqlite3.Connection, newest: bool) -> tuple[list[Story], list[str]]:
    """The front page's first five stories, and the SQL statements that read them."""
    statements: list[str] = []
    db.set_trace_callback(statements.append)
    try:
        found = list_stories(db, newest=newest, limit=5)
    finally:
        db.set_trace_callback(None)
    return found, statements


def test_the_front_page_reads_its_first_stories_in_index_order_in_two_queries(tmp_path):
    with grouped(tmp_path / "lib") as lib:
        db = lib.store.db
        for newest in (False, True):
            found, sql = listed_with_sql(db, newest)
            assert len(sql) == 3  # a story table?; the stories; their days and languages
            plan = " ".join(str(r) for r in db.execute("EXPLAIN QUERY PLAN " + sql[1]))
            assert "TEMP B-TREE" not in plan, plan  # no sort of every story for five of them
            assert ("stories_newest" if newest else "stories_biggest") in plan
            every = list_stories(db, newest=newest, limit=10_000)
            key = (
                (lambda s: (s.last_date, s.articles))
                if newest
                else (lambda s: (s.articles, s.last_date))
            )
            ordered = sorted(sorted(every, key=lambda s: s.id), key=key, reverse=True)
            assert [s.id for s in found] == [s.id for s in ordered[:5]]
            for story in found:  # the timelines of one query are each story's own
                days = db.execute(
                    "SELECT substr(a.date, 1, 10) AS day, COUNT(*) FROM story_members m "
                    "JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? "
                    "AND a.date != '' GROUP BY day ORDER BY day",
                    (story.id,),
                ).fetchall()
                assert story.timeline == days and days


def test_a_library_grouped_before_the_list_indexes_gets_them_once_a_read_only_one_lists(tmp_path):
    folder = tmp_path / "lib"
    with grouped(folder) as lib:
        expected = [s.id for s in lib.stories(limit=200)]
        lib.store.db.executescript(OLD_INDEXES)
        assert not has_list_indexes(lib.store.db)
    with Library(folder, readonly=True) as ro:  # nothing written: the same list, sorted
        assert [s.id for s in ro.stories(limit=200)] == expected
        assert not has_list_indexes(ro.store.db)
    with Library(folder) as rw:
        assert [s.id for s in rw.stories(limit=200)] == expected
        names = {r[0] for r in rw.store.db.execute("SELECT name FROM sqlite_master")}
        assert {"stories_biggest", "stories_newest"} <= names
        assert not {"stories_size", "stories_last"} & names  # the one-column ones are gone


def many_stories(n: int, prefix: str = "s") -> list[Story]:
    return [
        Story(f"{prefix}{i:03d}", f"Story {prefix}{i}", [], n - i, ["wire"], [], "1987-03-01",
              "1987-03-09", [("1987-03-01", 1)])
        for i in range(n)
    ]  # fmt: skip


class Host(App):
    def compose(self) -> ComposeResult:
        yield StoryTable()


async def test_the_story_table_lists_the_rows_that_fill_it_then_the_rest_after_the_frame():
    async with Host().run_test(size=(120, 20)) as pilot:
        table = pilot.app.query_one(StoryTable)
        table.show_stories(many_stories(200))
        assert table.size.height <= table.row_count < 200  # what fills the table, not all
        assert str(table.get_cell_at((0, 3))).startswith("Story s0")
        await pilot.pause()
        await pilot.pause()
        assert table.row_count == 200  # the rest, after the frame
        assert table.story_for_row("199").id == "s199"
        table.show_stories(many_stories(200, "a"))
        table.show_stories(many_stories(3, "b"))  # replaced before its frame: no rows of "a"
        await pilot.pause()
        await pilot.pause()
        assert table.row_count == 3
        assert [table.story_for_row(str(i)).id for i in range(3)] == ["b000", "b001", "b002"]
