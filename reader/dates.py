"""Dates as the user types them (`--since`, the front page's `since:`): checked, written in full."""

from __future__ import annotations

import datetime
import re

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def since_date(text: str) -> str:
    """A year, month or day (`2014`, `2014-4`, `2014-04-01`) as the library's dates start:
    `2014`, `2014-04`, `2014-04-01`. ValueError saying what is wrong otherwise."""
    found = _DATE.fullmatch(text.strip())
    if not found:
        raise ValueError(f"not a date: {text!r} (use 2014, 2014-04 or 2014-04-01)")
    year, month, day = (int(part) if part else 0 for part in found.groups())
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"not a date: {text!r} (no such month or day)") from None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
