"""The cleaner's error classes (scripts/body_folds.py prints them): lost and wrongly kept text."""

from __future__ import annotations

from benchmarks.pages_corpus import GoldPage, error_classes, norm

LEAD = "The council approved the new budget on Tuesday after a debate that ran late into the night."
SUBHEAD = "What changes"
SECOND = "Spending on schools rises by four percent, while road repairs stay at last year's level."
GLUED = "BERLIN, 3 March"  # a gold paragraph that is only part of a dump line
COMMENT = "Great article, thanks for writing it, I have shared it with all my neighbours today."


def gold_page(paragraphs: list[str]) -> GoldPage:
    return GoldPage(
        id="t-1",
        source="test",
        rendering="resiliparse",
        site="example.org",
        text="",
        title="Budget approved",
        body="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        norm_body=norm("\n\n".join(paragraphs)),
        norm_paragraphs={norm(p) for p in paragraphs},
    )


def test_lost_and_wrongly_kept_paragraphs_are_counted_by_class():
    page = gold_page([GLUED, LEAD, SUBHEAD, SECOND])
    lines = ["Home", f"{GLUED} - Breaking", LEAD, SUBHEAD, SECOND, COMMENT]
    words = [len(line.split()) for line in lines]
    kinds = ["SHORT", "SHORT", "GOOD", "SHORT", "GOOD", "GOOD"]
    kept = [LEAD, SECOND, COMMENT]
    classes = error_classes(page, kept, lines, words, kinds)
    assert classes == {
        "lost: part of a line": 1,
        "lost: SHORT w<=6 among/below kept": 1,
        "kept wrongly: GOOD w7-15 below gold": 1,
    }


def test_a_page_whose_article_is_lost_counts_every_paragraph_as_such():
    page = gold_page([LEAD, SUBHEAD, SECOND])
    lines = ["Home", LEAD, SUBHEAD, SECOND, COMMENT]
    classes = error_classes(page, [COMMENT], lines, [1, 17, 2, 15, 16], ["SHORT"] + ["GOOD"] * 4)
    assert classes == {"lost: page (under 30% found)": 3, "kept wrongly: GOOD w>15 below gold": 1}
