"""Dates in queries: `2014-04`, `2014-04-01..2014-08-31`, `>2014-06` as ranges of date numbers."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass


class QuerySyntaxError(ValueError):
    """The query does not follow the grammar (the message says where, for the status line)."""


@dataclass(slots=True)
class DateClause:
    """Dates from low to high inclusive, as yyyymmddHHMMSS numbers (None: open end)."""

    low: int | None
    high: int | None
    label: str = ""  # as the reader wrote it, for `interpreted`

    def render(self) -> str:
        if self.label:
            return f"date:{self.label}"

        def day(n: int | None) -> str:
            if n is None:
                return ""
            s = str(n)
            return f"{s[:4]}-{s[4:6]}-{s[6:8]}"

        return f"date:{day(self.low)}..{day(self.high)}"


# -- dates ------------------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def _period(text: str) -> tuple[int, int]:
    """The first and last second of a year, month or day, as yyyymmddHHMMSS numbers."""
    m = _DATE.match(text.strip())
    if not m:
        raise QuerySyntaxError(f"not a date: {text!r} (use 2014, 2014-04 or 2014-04-01)")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise QuerySyntaxError(f"not a month: {text!r}")
    if month is None:
        return year * 10**10 + 101 * 10**6, year * 10**10 + 1231235959
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if day is not None and not 1 <= day <= last:
        raise QuerySyntaxError(f"not a day: {text!r}")
    first_day, last_day = (day, day) if day else (1, last)
    base = year * 10**10 + month * 10**8
    return base + first_day * 10**6, base + last_day * 10**6 + 235959


def date_prefix(text: str) -> str:
    """A year, month or day as typed (`2014`, `2014-4`, `2014-04-01`) written as the library's
    dates begin (`2014`, `2014-04`, `2014-04-01`); QuerySyntaxError (a ValueError) if not a date."""
    _period(text)  # checks it
    parts = text.strip().split("-")
    return "-".join([parts[0], *(f"{int(p):02d}" for p in parts[1:])])


def parse_date(value: str) -> DateClause:
    """`2014-04`, `2014-04-01..2014-08-31`, `..2014`, `>2014-06`, `<=2014-06-30` -> a range."""
    value = value.strip()
    clause = _parse_date(value)
    clause.label = value
    return clause


def _parse_date(value: str) -> DateClause:
    for op in (">=", "<=", ">", "<"):
        if value.startswith(op):
            first, last = _period(value[len(op) :])
            if op == ">=":
                return DateClause(first, None)
            if op == "<=":
                return DateClause(None, last)
            if op == ">":
                return DateClause(last + 1, None)
            return DateClause(None, first - 1)
    if ".." in value:
        low_text, high_text = value.split("..", 1)
        low = _period(low_text)[0] if low_text.strip() else None
        high = _period(high_text)[1] if high_text.strip() else None
        if low is None and high is None:
            raise QuerySyntaxError("a date range needs at least one end")
        if low is not None and high is not None and low > high:
            low, high = high - 235959, low + 235959
        return DateClause(low, high)
    first, last = _period(value)
    return DateClause(first, last)
