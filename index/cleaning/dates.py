"""Publish dates: the source's date field, the URL path or a dateline in the page; never guessed."""

from __future__ import annotations

import re
from datetime import date, datetime

from index.cleaning.local_dates import local_date_in_text

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = r"(?:,?\s*(?:at\s+)?(?P<hour>[012]?\d):(?P<minute>[0-5]\d)(?::[0-5]\d)?)?"

_ISO = re.compile(
    r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
    r"(?:[T ](?P<hour>[012]\d):(?P<minute>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?"
    r"(?P<tz>Z|[+-]\d\d:?\d\d)?)?"
)
_SLASHED_YMD = re.compile(r"\b(?P<year>(?:19|20)\d\d)[/.](?P<month>[01]?\d)[/.](?P<day>[0-3]?\d)\b")
_DOTTED_DMY = re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b")
_MONTH_DAY_YEAR = re.compile(
    rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR}\b{_TIME}", re.IGNORECASE
)
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b{_TIME}", re.IGNORECASE
)
# "Mon Oct 10 00:12:00 EST 2005" (the C library's date format, used by some sites)
_CTIME = re.compile(
    rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)\s+(?P<hour>[012]\d):(?P<minute>[0-5]\d)(?::[0-5]\d)?"
    rf"(?:\s+[A-Z]{{2,5}})?\s+{_YEAR}\b",
    re.IGNORECASE,
)
_LINE_PATTERNS = (_ISO, _CTIME, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _SLASHED_YMD, _DOTTED_DMY)

_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)(?P<sep>[/-]?)(?P<month>[01]\d)(?P=sep)(?P<day>[0-3]\d)(?=[/_.-]|$)"
)
_PUBLISHED = re.compile(
    r"^(?:first\s+)?(?:published|posted|posted\s+on|published\s+on|date|dated|released)\b",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"^(?:last\s+)?(?:updated|modified|last\s+modified)\b", re.IGNORECASE)
_HAS_DIGITS_AND_YEAR = re.compile(r"(?:19|20)\d\d")


def _make(
    year: str, month: str, day: str, hour: str | None = None, minute: str | None = None
) -> str:
    """ISO date (with the time when given) or "" when the parts are not a real date."""
    try:
        month_number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
        day_value = date(int(year), month_number, int(day))
    except (KeyError, ValueError):
        return ""
    if hour is not None and minute is not None and int(hour) < 24:
        return f"{day_value.isoformat()}T{int(hour):02d}:{minute}"
    return day_value.isoformat()


def _from_match(match: re.Match[str]) -> str:
    groups = match.groupdict()
    return _make(
        groups["year"], groups["month"], groups["day"], groups.get("hour"), groups.get("minute")
    )


def normalise_date(value: str) -> str:
    """A source's date field as ISO 8601 ("YYYY-MM-DD" or with the time), "" when not a date."""
    value = (value or "").strip()
    if not value:
        return ""
    match = _ISO.match(value)
    if match:
        if not _from_match(match):
            return ""
        return match.group(0).replace(" ", "T") if match.group("hour") else match.group(0)[:10]
    try:  # RFC 2822 and friends
        from email.utils import parsedate_to_datetime

        parsed: datetime = parsedate_to_datetime(value)
        return parsed.isoformat(timespec="minutes") if parsed else ""
    except (TypeError, ValueError, IndexError):
        pass
    return date_in_text(value) or local_date_in_text(value)


def date_from_url(url: str) -> str:
    """A date written in a URL's path (/2014/03/31/, /2014-03-31/, /20140331/), else ""."""
    if not url:
        return ""
    start = url.find("//")
    path_start = url.find("/", start + 2 if start >= 0 else 0)
    if path_start < 0:
        return ""
    path = url[path_start:].split("?", 1)[0]
    for match in _URL_DATE.finditer(path):
        found = _make(match.group("year"), match.group("month"), match.group("day"))
        if found:
            return found
    return ""


def date_in_text(line: str) -> str:
    """The first full date (year, month, day) written in a short piece of text, else ""."""
    if not _HAS_DIGITS_AND_YEAR.search(line):
        return ""
    for pattern in _LINE_PATTERNS:
        match = pattern.search(line)
        if match:
            found = _from_match(match)
            if found:
                return found
    return ""


def dateline_kind(line: str) -> str:
    """ "published", "updated" or "" for what a date line says its date is."""
    if _PUBLISHED.match(line):
        return "published"
    if _UPDATED.match(line):
        return "updated"
    return ""
