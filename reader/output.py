"""What the command line prints: page text made safe for a terminal, JSON, usage errors."""

from __future__ import annotations

import json
import re
import sys

# Characters that JSON leaves as they are but a terminal obeys or reorders.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_TEXT = re.compile(
    "\x1b\\[[0-?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?|"
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_CONTROL_CHAR = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class UsageError(Exception):
    """A mistake in the command line (exit status 2)."""


def safe(text: str) -> str:
    """Page text made harmless for a terminal: no escape sequences or control characters."""
    return _UNSAFE_IN_TEXT.sub("", text)


def visible(text: str) -> str:
    """A message naming what the user typed, on one line, its control characters as escapes."""
    return _CONTROL_CHAR.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def emit_json(obj: object) -> None:
    """One JSON value on a line of stdout, with the characters a terminal obeys escaped."""
    text = json.dumps(obj, ensure_ascii=False)
    sys.stdout.write(_UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
