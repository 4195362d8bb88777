"""The densest run of prose on a page: a feature of the learned cleaner, and its fallback."""

from __future__ import annotations

from index.cleaning.furniture import is_hard_stop
from index.cleaning.lines import GOOD, STOP, PageLines

MENU, SOFT_STOP, HARD_STOP = 0, 1, 2  # strengths of the boundary between two blocks of text
MERGE_MIN_CHARS = 200  # a block beyond a menu joins the article only with this much prose
HARD_STOP_WEIGHT = 0.25  # what a block's prose counts for after a hard end marker
SHORT_LINE_CHARS = 30  # prose lines count for the text they hold beyond this many characters


def prose_span(pl: PageLines, in_menu: list[bool]) -> tuple[int, int] | None:
    """First and last line of the article body: the block of prose with the most text.

    Blocks are separated by menus (weak), end markers such as "Related" (stronger) and hard end
    markers (comments, credits, legal lines); neighbouring blocks of dense prose join the best one.
    """
    kind, lines = pl.kind, pl.lines
    segments: list[list[int]] = []  # [start, end, good chars, all chars, boundary before]
    start, good, total, boundary_before = -1, 0, 0, MENU
    for i in range(len(lines) + 1):
        at_end = i == len(lines)
        if at_end or kind[i] == STOP or in_menu[i]:
            if start >= 0:
                segments.append([start, i - 1, good, total, boundary_before])
                start, good, total, boundary_before = -1, 0, 0, MENU
            if not at_end and kind[i] == STOP:
                strength = HARD_STOP if pl.role[i] == "credits" else SOFT_STOP
                if strength == SOFT_STOP and is_hard_stop(lines[i]):
                    strength = HARD_STOP
                boundary_before = max(boundary_before, strength)
            continue
        if start < 0:
            start = i
        total += len(lines[i])
        if kind[i] == GOOD:
            good += max(0, len(lines[i]) - SHORT_LINE_CHARS)
    if not segments:
        return None
    # After a hard end marker ("2 Responses to ...", "Next article") a block is the article only
    # when nothing of substance came before it: it is comments or the next story's teaser.
    weights: list[float] = []
    prose_before = hard_before = False
    for segment in segments:
        hard_before = hard_before or segment[4] == HARD_STOP
        weights.append(segment[2] * (HARD_STOP_WEIGHT if hard_before and prose_before else 1.0))
        prose_before = prose_before or segment[2] >= MERGE_MIN_CHARS // 2
    best = max(range(len(segments)), key=lambda k: weights[k])
    best_good = segments[best][2]
    if best_good == 0:
        return None
    first = last = best
    while first > 0 and _joins(segments[first - 1], segments[first][4], best_good, True):
        first -= 1
    while last + 1 < len(segments) and _joins(
        segments[last + 1], segments[last + 1][4], best_good, False
    ):
        last += 1
    goods = [i for i in range(segments[first][0], segments[last][1] + 1) if kind[i] == GOOD]
    return goods[0], goods[-1]


def _joins(segment: list[int], boundary: int, best_good: int, before: bool) -> bool:
    """Whether a block next to the article, across a boundary of this strength, is article too.

    Blocks after an end marker ("Related") join only when they hold much prose; blocks before
    one join more easily, since a share bar or a promo often sits after the lead paragraph.
    """
    good, total = segment[2], segment[3]
    if boundary == MENU or (boundary == SOFT_STOP and before):
        return good >= MERGE_MIN_CHARS and good >= (0.6 if boundary else 0.5) * total
    if boundary == SOFT_STOP:
        return good >= max(2 * MERGE_MIN_CHARS, 0.5 * best_good) and good >= 0.7 * total
    return False
