"""Text hygiene for untrusted page text: no escapes, no control characters, normalised Unicode."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Terminal escape sequences, 7-bit (ESC ...) and 8-bit (C1 introducers) forms. An unterminated
# string sequence ends at the line's end, so one stray introducer cannot swallow the rest of a page.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?     # OSC (ESC ] ... BEL or ST), e.g. OSC 8 links
    | \x9d[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?     # OSC, 8-bit introducer
    | \x1b[PX^_][^\x1b\x9c\n]*(?:\x1b\\|\x9c)?        # DCS, SOS, PM, APC strings
    | [\x90\x98\x9e\x9f][^\x1b\x9c\n]*(?:\x1b\\|\x9c)?  # the same, 8-bit introducers
    | \x1b\[[0-?]*[ -/]*[@-~]?                      # CSI (colours, cursor moves)
    | \x9b[0-?]*[ -/]*[@-~]?                        # CSI, 8-bit introducer
    | \x1b[ -/]*[0-~]?                              # other two- and three-byte escapes
    """,
    re.VERBOSE,
)
_HAS_ESCAPE = re.compile(r"[\x1b\x90\x98\x9b\x9d\x9e\x9f]")

_ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_ODD_SPACES += "\u202f\u205f\u3000\u000b\u000c\u0085"
# Zero-width and invisible formatting characters. ZWJ and ZWNJ (U+200D, U+200C) are kept: they are
# part of the spelling of Persian, Indic scripts and emoji sequences, and harmless on a terminal.
_INVISIBLE = "\u200b\u2060\ufeff\u180e\u00ad\u2061\u2062\u2063\u2064"
# Bidirectional overrides, embeddings, isolates and marks: they can reorder what is displayed.
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"

# Scripts written without spaces between words (Chinese, Japanese, Korean): Han with its
# extensions, kana (with the half-width forms), Hangul, iteration marks. Search cuts their runs
# into bigrams (index/format/analysis.py); highlighters match their terms inside runs.
CJK_CHARS = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3040-\u30ff"
    "\u3100-\u312f\u3131-\u318f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)


CJK_FIRST = "\u2e80"  # the lowest code point of CJK_CHARS: text below it holds none


@cache
def _cjk_pattern() -> re.Pattern[str]:
    return re.compile(f"[{CJK_CHARS}]")  # on first use: 4-8 ms, for text that may hold CJK


def may_hold_cjk(text: str) -> bool:
    """False when no character of `text` reaches CJK_FIRST (no pattern needed to say so)."""
    return bool(text) and not text.isascii() and max(text) >= CJK_FIRST


def has_cjk(text: str) -> bool:
    """True when `text` holds a Chinese, Japanese or Korean character."""
    return may_hold_cjk(text) and _cjk_pattern().search(text) is not None


_TABLE: dict[int, str | None] = {}
for _code in range(0x20):
    if chr(_code) not in "\n\t":
        _TABLE[_code] = None
for _code in range(0x7F, 0xA0):
    _TABLE[_code] = None
for _ch in _ODD_SPACES:
    _TABLE[ord(_ch)] = " "
for _ch in _INVISIBLE + _BIDI + "\ufffe\uffff":
    _TABLE[ord(_ch)] = None
_TABLE[ord("\r")] = "\n"
_TABLE[0x2028] = "\n"
_TABLE[0x2029] = "\n"
for _code in range(0xD800, 0xE000):  # lone surrogates (from surrogateescape decoding)
    _TABLE[_code] = None


_ESCAPE_INTRODUCERS = ("\x1b", "\x9b", "\x9d", "\x90", "\x98", "\x9e", "\x9f")


def strip_escapes(text: str) -> str:
    """Remove terminal escape sequences (CSI, OSC such as OSC 8 hyperlinks, DCS, ...)."""
    if not any(introducer in text for introducer in _ESCAPE_INTRODUCERS):
        return text
    return _ESCAPE_SEQUENCE.sub("", text)


@cache
def _changed() -> re.Pattern[str]:
    """The characters _TABLE changes, found in one scan (str.translate looks every character of a
    non-ASCII text up in the table: five times slower). Compiled on first use (~0.5 ms)."""
    chars = "".join(re.escape(chr(c)) for c in _TABLE if not 0xD800 <= c < 0xE000)
    return re.compile(f"[{chars}\ud800-\udfff]")


def _changed_to(match: re.Match[str]) -> str:
    return _TABLE[ord(match.group())] or ""


def _clean_line(line: str) -> str:
    # isprintable() is False for every character the table changes (controls, format characters,
    # odd spaces, separators, surrogates) and also for tabs: a fast test that skips clean lines.
    if line.isprintable():
        return line
    return line.translate(_TABLE)


def sanitize(text: str) -> str:
    """Make untrusted text safe and uniform, keeping its lines.

    Escape sequences, control characters (all but newline and tab), bidi controls and zero-width
    characters are removed; non-breaking and other odd spaces become plain spaces; CR LF and CR
    become newlines; the result is in Unicode NFC.
    """
    return sanitize_page(text)[0]


def sanitize_page(text: str) -> tuple[str, bool]:
    """`sanitize`, and whether the text was printable but for its newlines as given and as
    returned (then so is each of its lines: the cleaner need not ask them again)."""
    if not text:
        return "", True
    if not isinstance(text, str):
        text = str(text)
    # all printable: no line would change, and no escape or CR is in it (neither is printable)
    printable = text.replace("\n", "").isprintable()
    if not printable:
        text = strip_escapes(text)
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        # what _clean_line does to every line (a text it leaves as it is has none of them)
        text = _changed().sub(_changed_to, text)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        printable = False  # (not asked of the normalised text)
    return text, printable


# A sentence's end glued to the next sentence's start ("has recommended.The tiny territory"):
# text extractors (Common Crawl's WET among them) join blocks without a space. Searched for at a
# mark between letters; `_unglued` decides: lower case and three letters before, a capital then
# a lower-case letter after, and not inside a web address, e-mail or domain ("Amazon.Com").
_GLUE = re.compile(r"[.!?](?=[^\W\d_]{2})")  # (a lookbehind for the letters: 10x slower)
_DOMAIN_ENDS = frozenset(
    ("com", "net", "org", "gov", "edu", "info", "biz", "io", "co", "uk", "de", "fr", "es", "it")
)


def _unglued(match: re.Match[str]) -> str:
    text, at = match.string, match.start()
    after, then = text[at + 1], text[at + 2]
    if at < 3 or not (after.isupper() and then.islower() and text[at - 3 : at].isalpha()):
        return match.group()
    if not text[at - 1].islower():
        return match.group()
    start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
    stop = min(i for i in (text.find(" ", at), text.find("\n", at), len(text)) if i >= 0)
    token = text[start:stop]  # the whole run of non-space around the mark
    end = at + 1
    while end < stop and text[end].isalpha():
        end += 1
    if "/" in token or "@" in token or "www" in token.lower():
        return match.group()
    if text[at + 1 : end].lower() in _DOMAIN_ENDS:
        return match.group()
    return match.group() + " "


def space_glued_sentences(text: str) -> str:
    """Put the missing space after a sentence glued to the next ("said.The" -> "said. The"):
    the words are found by search and entities, and read as two sentences."""
    if "." not in text and "!" not in text and "?" not in text:
        return text
    return _GLUE.sub(_unglued, text)


def sanitize_line(text: str) -> str:
    """`sanitize` for one-line fields: every run of whitespace (newlines too) becomes one space."""
    text = sanitize(text)
    if not text:
        return ""
    return " ".join(text.split())
