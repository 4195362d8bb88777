"""A small bar chart of counts over time: mentions or coverage by day, week or month."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

BLOCKS = " ▁▂▃▄▅▆▇█"  # eighths of a cell, for smooth bar tops
GUTTER = 5  # columns left of the bars for the y-axis labels
MAX_BAR = 6  # columns a bar takes at most (a few days should not look like a wall)


@dataclass(slots=True, frozen=True)
class Bucket:
    """One bar: the first day of its period and how many items fell in it."""

    start: date
    count: int


def parse_day(value: str) -> date | None:
    """The date of an ISO 8601 string (`2014-04-01`, `2014-04-01T10:00Z`), None if unreadable."""
    try:
        return date.fromisoformat(value[:10])
    except (ValueError, TypeError):
        return None


def _period_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def _next_period(start: date, unit: str) -> date:
    if unit == "day":
        return start + timedelta(days=1)
    if unit == "week":
        return start + timedelta(days=7)
    if unit == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def _period_count(first: date, last: date, unit: str) -> int:
    if unit == "day":
        return (last - first).days + 1
    if unit == "week":
        return (_period_start(last, "week") - _period_start(first, "week")).days // 7 + 1
    if unit == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return last.year - first.year + 1


def bucket_counts(points: Sequence[tuple[str, int]], max_buckets: int) -> tuple[list[Bucket], str]:
    """Counts per day, or per week, month or year when the days do not fit in `max_buckets`.

    Periods without items are kept as zero bars so the chart reads as time; points whose date
    cannot be read are left out. Returns the buckets and the unit ("day", "week", ...).
    """
    days: dict[date, int] = {}
    for value, count in points:
        day = parse_day(value)
        if day is not None and count > 0:
            days[day] = days.get(day, 0) + count
    if not days:
        return [], "day"
    first, last = min(days), max(days)
    max_buckets = max(1, max_buckets)
    unit = "year"
    for candidate in ("day", "week", "month"):
        if _period_count(first, last, candidate) <= max_buckets:
            unit = candidate
            break
    totals: dict[date, int] = {}
    for day, count in days.items():
        start = _period_start(day, unit)
        totals[start] = totals.get(start, 0) + count
    buckets = []
    start = _period_start(first, unit)
    while start <= last:
        buckets.append(Bucket(start, totals.get(start, 0)))
        start = _next_period(start, unit)
    return buckets, unit


def bar_width(buckets: int, width: int) -> int:
    """Columns per bar so that `buckets` bars fit in `width` (gutter included)."""
    return max(1, min(MAX_BAR, (width - GUTTER) // max(1, buckets)))


def render_bars(
    buckets: Sequence[Bucket], width: int, height: int, bar_style: str = "", axis_style: str = ""
) -> list[Text]:
    """The chart's bar rows, top first: each bucket one or more columns wide, bars in eighths."""
    if not buckets or height < 1:
        return []
    peak = max(b.count for b in buckets) or 1
    columns = bar_width(len(buckets), width)
    filled = columns - 1 if columns >= 3 else columns  # wide bars keep a gap between them
    rows: list[Text] = []
    for row in range(height):
        level_floor = (height - row - 1) * 8  # eighths below this row
        line = Text()
        label = str(peak) if row == 0 else ("0" if row == height - 1 else "")
        line.append(f"{label:>{GUTTER - 1}}", axis_style)
        line.append("┤" if label else "│", axis_style)
        for bucket in buckets:
            eighths = round(bucket.count / peak * height * 8)
            if bucket.count and eighths == 0:
                eighths = 1  # any coverage at all is visible
            fill = min(8, max(0, eighths - level_floor))
            line.append(BLOCKS[fill] * filled + " " * (columns - filled), bar_style)
        rows.append(line)
    return rows


def axis_labels(first: str, last: str, unit: str, span: int) -> str:
    """The line under the bars: first period at the left, last at the right, the unit between.

    When the bars are too narrow for that, the labels run past them rather than overlap.
    """
    middle = f"by {unit}"
    if first == last:
        return f"{first} · {middle}"
    gap = span - len(first) - len(last)
    if gap >= len(middle) + 4:
        left = (gap - len(middle)) // 2
        return first + " " * left + middle + " " * (gap - left - len(middle)) + last
    return f"{first}{' ' * max(2, gap)}{last} · {middle}"


class TimelineChart(Widget):
    """Bars of counts by date with the first and last dates labelled under them."""

    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")
    COMPONENT_CLASSES = {"timeline-chart--bar", "timeline-chart--axis"}

    points: reactive[tuple[tuple[str, int], ...]] = reactive(tuple, layout=False)

    def __init__(
        self,
        points: Sequence[tuple[str, int]] = (),
        noun: str = "articles",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.noun = noun
        self.set_reactive(TimelineChart.points, tuple(points))

    def show(self, points: Sequence[tuple[str, int]], noun: str | None = None) -> None:
        """Chart these (ISO date, count) points."""
        if noun is not None:
            self.noun = noun
        self.points = tuple(points)
        self.set_class(not any(parse_day(d) for d, n in self.points if n > 0), "-empty")
        self.refresh()

    def buckets(self) -> tuple[list[Bucket], str]:
        """What the chart shows at its current width."""
        bar_columns = max(1, self.size.width - GUTTER) if self.size.width else 60
        return bucket_counts(self.points, bar_columns)

    def summary(self) -> str:
        """One line saying what the chart shows, also used when there is nothing to draw."""
        buckets, unit = self.buckets()
        if not buckets:
            return f"No dated {self.noun}."
        total = sum(b.count for b in buckets)
        busiest = max(buckets, key=lambda b: b.count)
        return (
            f"{total} {self.noun} by {unit}, {buckets[0].start} to {buckets[-1].start}; "
            f"busiest {unit} {busiest.start} ({busiest.count})"
        )

    def render(self) -> Text:
        buckets, unit = self.buckets()
        axis = self.get_component_rich_style("timeline-chart--axis", partial=True)
        if not buckets:
            return Text(self.summary(), style=axis)
        bar = self.get_component_rich_style("timeline-chart--bar", partial=True)
        height = max(1, self.size.height - 1)
        rows = render_bars(buckets, self.size.width, height, bar, axis)
        span = len(buckets) * bar_width(len(buckets), self.size.width)
        labels = Text(" " * GUTTER, style=axis)
        labels.append(axis_labels(str(buckets[0].start), str(buckets[-1].start), unit, span), axis)
        out = Text("\n").join([*rows, labels])
        out.no_wrap = True
        out.overflow = "crop"
        return out
