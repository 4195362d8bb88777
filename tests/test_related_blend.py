"""The learned related blend: its signals, the shipped weights, and what time may and may not do."""

from __future__ import annotations

import json
import math
from pathlib import Path

from test_related import article, entity, make_library

from index.related import relatedness
from index.related.relatedness import (
    FEATURES,
    Profile,
    Vector,
    Vectors,
    Weights,
    day_number,
    features,
    score_pair,
)


def _vector(weights: dict) -> Vector:
    return Vector(weights, math.sqrt(sum(w * w for w in weights.values())) or 1.0)


def _vectors(words: dict[str, float], entities: dict[tuple[str, str], float]) -> Vectors:
    text = _vector(words)
    return Vectors(text, _vector(words), _vector(entities), _vector(words))


def _profile(aid: str, date: str, story: str = "") -> Profile:
    return Profile(id=aid, title="", dump="d", date=date, source="", copy_group=aid,
                   version_group=aid, terms={}, title_terms={}, lead_terms={}, entities={},
                   day=day_number(date), story=story)  # fmt: skip


def _signals(q: Profile, qv: Vectors, d: Profile, dv: Vectors) -> dict[str, float]:
    return dict(zip(FEATURES, features(q, qv, d, dv, Weights()), strict=True))


NIGERIA = ("place", "nigeria")


def test_the_shipped_blend_is_json_naming_every_signal_and_ranks():
    shipped = json.loads(Path(relatedness.__file__).with_name("blend.json").read_text())
    assert set(shipped) == set(FEATURES)
    assert {name: float(shipped[name]) for name in FEATURES} == relatedness.BLEND
    q, d = _profile("a", "2014-04-20"), _profile("b", "2014-04-21")
    qv = dv = _vectors({"kidnap": 2.0}, {})
    learned = score_pair(q, qv, d, dv, Weights()).score
    hand = score_pair(q, qv, d, dv, Weights(learned=False)).score
    assert learned != hand  # the blend, not the hand weights, ranks


def test_time_and_story_never_lift_an_article_sharing_no_words():
    q = _profile("a", "2014-04-20", story="s1")
    d = _profile("b", "2014-04-20", story="s1")  # same day, same stored story, nothing shared
    qv, dv = _vectors({"kidnap": 2.0}, {}), _vectors({"election": 2.0}, {})
    signals = _signals(q, qv, d, dv)
    assert signals["closeness"] == signals["story"] == signals["far"] == 0.0
    assert score_pair(q, qv, d, dv, Weights()).score == 0.0


def test_a_shared_country_alone_is_the_places_part_and_distance_weighs_it_down():
    q = _profile("a", "2014-04-20")
    words = {"nigeria": 1.0, "talks": 1.0}
    qv = _vectors(words, {NIGERIA: 2.0, ("org", "boko haram"): 3.0})
    old_v = _vectors(words, {NIGERIA: 2.0, ("org", "paris club"): 3.0})
    near, old = _profile("b", "2014-04-22"), _profile("c", "1987-03-02")
    signals = _signals(q, qv, old, old_v)
    assert signals["places"] == signals["entities"] > 0  # only the country is shared
    assert signals["far"] == signals["text"]  # 27 years: as far as the blend counts
    assert _signals(q, qv, near, old_v)["far"] < signals["far"]
    assert (
        score_pair(q, qv, near, old_v, Weights()).score
        > score_pair(q, qv, old, old_v, Weights()).score
    )


def test_a_27_year_older_twin_ranks_below_this_weeks(tmp_path):
    """Two articles saying the same about Nigeria: the one of the open article's week first."""
    nigeria = entity("Nigeria", "place", 2, title=True)
    body = ("Nigeria held talks with its creditors on the debt, officials in Lagos said, "
            "and the talks will resume next week.")  # fmt: skip
    rows = [
        ("open", "d2014", "2014-04-20", "Nigeria debt talks open", body, [nigeria]),
        ("week", "d2014", "2014-04-23", "Nigeria debt talks go on", body + " Again.", [nigeria]),
        ("old", "d1987", "1987-03-02", "Nigeria debt talks go on", body + " Anew.", [nigeria]),
        ("other", "d2014", "2014-04-21", "Cocoa crop seen lower", "Cocoa beans are scarce.", []),
    ]
    with make_library(tmp_path / "lib", [article(*row) for row in rows]) as lib:
        found = lib.related("open").related
    ids = [r.id for r in found]
    assert ids[:2] == ["week", "old"]
    assert found[0].score > found[1].score
    assert found[0].kind == "follow-up" and found[1].kind == "background"


def test_a_headline_alone_is_ranked_by_its_own_shipped_blend():
    shipped = json.loads(Path(relatedness.__file__).with_name("blend_headlines.json").read_text())
    assert set(shipped) == set(FEATURES)
    assert {name: float(shipped[name]) for name in FEATURES} == relatedness.HEADLINE_BLEND
    assert relatedness.HEADLINE_BLEND != relatedness.BLEND
    q, d = _profile("a", "2014-04-20"), _profile("b", "2014-04-21")
    qv = dv = _vectors({"kidnap": 2.0, "school": 1.0}, {("org", "boko haram"): 3.0})
    full = score_pair(q, qv, d, dv, Weights()).score
    q.headline = True
    assert score_pair(q, qv, d, dv, Weights()).score != full


def test_one_shared_word_is_lone_and_covers_little():
    """A headline "Titanfall for Xbox One is less than $47" against "Job openings rise less than
    expectations": one commoner word shared; a second Titanfall headline shares the rare ones."""
    q = _profile("a", "2014-03-01")
    qv = _vectors({"titanfall": 6.0, "xbox": 5.0, "less": 1.5, "47": 1.0}, {})
    jobs = _vectors({"job": 3.0, "opening": 3.5, "rise": 1.0, "less": 1.5, "expect": 2.0}, {})
    game = _vectors({"titanfall": 6.0, "xbox": 5.0, "bundle": 4.0}, {})
    lone = _signals(q, qv, _profile("b", "2014-03-01"), jobs)
    both = _signals(q, qv, _profile("c", "2014-03-01"), game)
    assert lone["lone"] == lone["lead"] > 0 and both["lone"] == 0.0
    assert lone["cover"] < 0.2 < 0.7 < both["cover"]
    q.headline = True
    d = _profile("b", "2014-03-01")
    assert score_pair(q, qv, d, game, Weights()).score > score_pair(q, qv, d, jobs, Weights()).score


def test_rare_counts_people_and_organisations_and_rare_place_the_places():
    q, d = _profile("a", "2014-04-20"), _profile("b", "2014-04-21")
    qv = _vectors({"talks": 1.0}, {NIGERIA: 4.0, ("person", "goodluck jonathan"): 2.0})
    dv = _vectors({"talks": 1.0}, {NIGERIA: 5.0})
    signals = _signals(q, qv, d, dv)
    assert signals["rare"] == 0.0  # only the country is shared
    assert signals["rare_place"] == 4.0
    dv = _vectors({"talks": 1.0}, {NIGERIA: 5.0, ("person", "goodluck jonathan"): 3.0})
    assert _signals(q, qv, d, dv)["rare"] == 2.0


def test_a_headline_alone_finds_its_story_over_a_common_word_match(tmp_path):
    """Title-only articles, end to end: the second Titanfall headline comes first; headlines
    sharing "less than" alone score far below it, or fall under the floor and are not listed."""
    rows = [
        ("open", "Titanfall for Xbox One is less than $47 at retailers"),
        ("game", "Titanfall Xbox One bundle price cut at retailers"),
        ("jobs", "Job openings rise less than expectations"),
        ("weds", "Singer weds less than a year after split"),
        ("rate", "Mortgage rates fall less than forecast"),
    ]
    articles = [article(aid, "d", "2014-03-01", title, "", [], headline_only=True)
                for aid, title in rows]  # fmt: skip
    with make_library(tmp_path / "lib", articles) as lib:
        found = lib.related("open").related
    assert found[0].id == "game"
    assert all(found[0].score > 2 * r.score for r in found[1:])
