"""The reader's saved state, its config file and its back/forward history, as plain functions."""

from __future__ import annotations

from dataclasses import dataclass

from reader.navigation import FOLLOW, ArticleHistory, Visit, story_neighbour
from reader.state import QueryHistory, SavedSearches
from widgets.display_text import query_terms, term_pattern, term_spans


def test_query_history_keeps_the_latest_once_and_survives_a_restart(tmp_path):
    history = QueryHistory(tmp_path, limit=3)
    for query in ["nato", "kyiv", "  ", "nato", "wheat", "oil"]:
        history.add(query)
    assert history.entries == ["nato", "wheat", "oil"]
    assert QueryHistory(tmp_path, limit=3).entries == ["nato", "wheat", "oil"]


def test_a_damaged_history_file_is_an_empty_history(tmp_path):
    (tmp_path / "history.json").write_text("{not json")
    assert QueryHistory(tmp_path).entries == []


def test_saved_searches_replace_by_name_and_remove(tmp_path):
    saved = SavedSearches(tmp_path)
    assert saved.save("ukraine", "ukraine nato")
    assert saved.save("grain", "wheat OR corn")
    assert saved.save("ukraine", 'place:"Ukraine"')
    again = SavedSearches(tmp_path)
    assert [(s.name, s.query) for s in again.items] == [
        ("grain", "wheat OR corn"),
        ("ukraine", 'place:"Ukraine"'),
    ]
    again.remove("grain")
    assert [s.name for s in SavedSearches(tmp_path).items] == ["ukraine"]


def test_saving_into_a_missing_folder_fails_quietly(tmp_path):
    saved = SavedSearches(tmp_path / "missing")
    assert saved.save("x", "y") is False
    assert [s.name for s in saved.items] == ["x"]


def test_back_and_forward_like_a_browser():
    history = ArticleHistory()
    history.visit(Visit("a", FOLLOW))
    history.visit(Visit("b", FOLLOW))  # moving the cursor replaces, not adds
    history.visit(Visit("c", "related"))
    history.visit(Visit("d", "related"))
    assert [v.article_id for v in history.visits] == ["b", "c", "d"]
    assert history.back().article_id == "c"
    assert history.back().article_id == "b"
    assert history.back() is None
    assert history.forward().article_id == "c"
    history.visit(Visit("e", "related"))  # a new visit drops the forward part
    assert [v.article_id for v in history.visits] == ["b", "c", "e"]
    assert history.forward() is None


def test_enter_pins_a_followed_article_in_the_history():
    history = ArticleHistory()
    history.visit(Visit("a", FOLLOW))
    history.visit(Visit("a", "opened"))
    history.visit(Visit("b", FOLLOW))
    assert [v.article_id for v in history.visits] == ["a", "b"]


@dataclass
class _Item:
    id: str
    date: str


def test_story_neighbours_in_time_with_undated_last():
    items = [_Item("u", ""), _Item("b", "2014-05-01"), _Item("a", "2014-04-01")]
    assert story_neighbour(items, "a", "2014-04-01", 1) == "b"
    assert story_neighbour(items, "b", "2014-05-01", 1) == "u"
    assert story_neighbour(items, "a", "2014-04-01", -1) is None
    # an article missing from its story list is placed by its date
    assert story_neighbour(items, "x", "2014-04-15", 1) == "b"
    assert story_neighbour(items, "x", "2014-04-15", -1) == "a"


def test_query_terms_leave_out_syntax():
    query = 'person:"Anders Fogh Rasmussen" AND -crimea NOT moscow date:2014-04 kyiv* title:nato'
    assert query_terms(query) == ["anders", "fogh", "rasmussen", "kyiv", "nato"]
    pattern = term_pattern(["sanction"])
    assert term_spans("Sanctions and more sanction talk", pattern) == [(0, 9), (19, 27)]
    assert term_pattern([]) is None
