"""The lines of a whole page and what each one is: prose, short text, furniture, an end marker."""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.cleaning.dates import date_in_text, dateline_kind
from index.cleaning.furniture import is_furniture_line, is_legal_notice, is_stop_line
from index.cleaning.parts import (
    byline_of,
    credits_of,
    inline_caption,
    is_credited_caption,
    is_image_marker,
    is_label_marker,
)

GOOD, SHORT, BAD, STOP = 0, 1, 2, 3  # kinds of line
WRAP_WIDTH = 100  # lines this short that run on into a lower-case line were wrapped
MENU_RUN = 4  # this many short link-like lines in a row are a menu, not article text
# The marks that end a sentence in each script, read as ".", "!" or "?": Devanagari and Bengali
# danda, Urdu full stop, Armenian full stop, Ethiopic, Myanmar and Tibetan, CJK full and half width
_FINAL_MARK = {
    **dict.fromkeys(".…。｡．।॥۔։።။།", "."),
    **dict.fromkeys("!！‼", "!"),
    **dict.fromkeys("?？؟;፧⁇⁈⁉", "?"),
}
_SENTENCE_END = frozenset(_FINAL_MARK)
# closing quotes and brackets after the mark: German „…“ and »…«, CJK 「…」 『…』 （…）
CLOSERS = "\"'”’»)]*“«›」』）】〉》"
# ASCII marks that end a sentence after a letter of one script: the Greek question mark (U+037E,
# which NFC turns into ";") and the Armenian full stop as most Armenian text types it (":")
_SCRIPT_MARKS = {
    ";": (re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"), "?"),
    ":": (re.compile(r"[\u0531-\u0587]"), "."),
}
_CAPITALISED = re.compile(r"\b[A-Z\u00C0-\u00DE]")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# scripts written without spaces between words: Thai, Lao, Tibetan, Myanmar, Khmer
UNSPACED = re.compile(r"[\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff]")
UNSPACED_WORD_CHARS = 5  # characters of such a script counted as one word
# where CJK and those scripts are (no more: a curly quote or a dash is no reason to count them)
_CJK_OR_UNSPACED = re.compile("[\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff" + CJK.pattern[1:])
_LATIN_CAPITAL = re.compile("[^\\W\\d_a-z\u00df-\u00ff]")  # the line model's capital


def word_count(line: str) -> int:
    """Words of a line in any script: spaces separate them, or every two CJK characters make one,
    or every five characters of Thai, Lao, Tibetan, Myanmar or Khmer."""
    spaced = line.count(" ") + 1
    if line.isascii() or _CJK_OR_UNSPACED.search(line) is None:  # one scan, not two
        return spaced
    return spaced + len(CJK.findall(line)) // 2 + unspaced(line)


def unspaced(line: str) -> int:
    """Words of a line written in Thai, Lao, Tibetan, Myanmar or Khmer (without spaces)."""
    return len(UNSPACED.findall(line)) // UNSPACED_WORD_CHARS


def capitalised_words(line: str) -> int:
    """Words of a line that start with a capital: a letter of a script without case (Arabic,
    Hebrew, Devanagari, CJK...) or a lower-case one (Greek, Cyrillic) is none; a Latin letter is
    a capital unless it is a-z or ß-ÿ (the line model's rule: "ł" counts, as it always has)."""
    return sum(
        1
        for word in line.split(" ")
        if word
        and (word[0].isupper() if word[0] >= "\u0370" else _LATIN_CAPITAL.match(word) is not None)
    )


def final_mark(line: str) -> str:
    """The mark that ends a line's last sentence, in any script, as ".", "!" or "?"; "" for none."""
    stripped = line.rstrip(CLOSERS)
    if not stripped:
        return ""
    last = stripped[-1]
    found = _FINAL_MARK.get(last)
    if found is None and last in _SCRIPT_MARKS and len(stripped) > 1:
        script, mark = _SCRIPT_MARKS[last]
        return mark if script.match(stripped[-2]) else ""
    return found or ""


def ends_sentence(line: str) -> bool:
    stripped = line.rstrip(CLOSERS)
    if not stripped:
        return False
    last = stripped[-1]
    return last in _SENTENCE_END or (last in _SCRIPT_MARKS and final_mark(stripped) != "")


def _split_lines(text: str, printable: bool = False) -> tuple[list[str], list[bool]]:
    """Non-empty lines (whitespace collapsed) and whether a blank line came before each
    (`printable`: the text is printable but for its newlines, so each line is)."""
    lines: list[str] = []
    blank_before: list[bool] = []
    blank = True
    append, mark = lines.append, blank_before.append
    for raw in text.split("\n"):
        if (printable or raw.isprintable()) and "  " not in raw and raw == raw.strip(" "):
            line = raw  # already one space between words (printable: no other whitespace)
        else:
            line = " ".join(raw.split())
        if not line:
            blank = True
            continue
        if not blank and line[0].islower() and lines and _continues(lines[-1], line):
            lines[-1] = f"{lines[-1]} {line}"  # a hard-wrapped paragraph: join its lines
            continue
        append(line)
        mark(blank)
        blank = False
    return lines, blank_before


def _continues(previous: str, line: str) -> bool:
    """Whether a line goes on with the sentence of the line before (text wrapped at a width)."""
    return (
        line[0].islower()
        and len(previous) <= WRAP_WIDTH
        and previous.count(" ") + line.count(" ") >= 6
        and not ends_sentence(previous)
        and previous[-1] not in ":|>»›"
    )


class PageLines:
    """The lines of one page with what the cleaner decided about each."""

    __slots__ = ("blank_before", "caption_text", "dates", "kind", "lines", "role", "words")

    def __init__(self, text: str, printable: bool = False) -> None:
        """`printable`: the text is printable but for its newlines (see sanitize_page)."""
        self.lines, self.blank_before = _split_lines(text, printable)
        self.words = [  # word_count, without a call for the common ASCII line
            line.count(" ") + 1 if line.isascii() else word_count(line) for line in self.lines
        ]
        self.kind = [SHORT] * len(self.lines)
        self.role = [""] * len(self.lines)  # caption, dup, marker, label, credits, byline, date
        self.caption_text: dict[int, str] = {}
        self.dates: list[tuple[int, str, str]] = []  # (line, ISO date, published|updated|"")


def _line_class(line: str, w: int) -> tuple[int, str, object]:
    """Kind, role and what the role found (credits, caption, (date, label)) of one short line.

    Depends on the line alone, so its answers are cached: sites repeat their furniture.
    """
    if is_image_marker(line):
        return BAD, "marker", None
    caption = inline_caption(line) if ":" in line[:12] else ""
    if caption:
        return SHORT, "caption", caption
    if is_credited_caption(line, w):
        return SHORT, "caption", line
    if is_label_marker(line):
        return BAD, "label-marker", None
    found = credits_of(line, w)
    if found:
        return STOP, "credits", found
    if not (w > 4 and ends_sentence(line)) and byline_of(line, w):
        return SHORT, "byline", None
    label = dateline_kind(line)
    found_date = date_in_text(line) if w <= 8 or label else ""
    if found_date:
        return SHORT, "date", (found_date, label)
    if is_stop_line(line, w):
        return STOP, "", None
    if is_furniture_line(line, w):
        return (STOP if is_legal_notice(line) else BAD), "", None
    # a prose line: a sentence, and a short one only if it ends with a full stop (not ? or !)
    if (
        w >= 4
        and ends_sentence(line)
        and not title_cased(line, w)
        and (w >= 10 or final_mark(line) == ".")
    ):
        return GOOD, "", None
    return SHORT, "", None


_LINE_CACHE: dict[str, tuple[int, str, object]] = {}
_LINE_CACHE_SIZE = 50_000


def _short_line_class(line: str, w: int) -> tuple[int, str, object]:
    found = _LINE_CACHE.get(line)
    if found is None:
        if len(_LINE_CACHE) >= _LINE_CACHE_SIZE:
            _LINE_CACHE.clear()
        found = _LINE_CACHE[line] = _line_class(line, w)
    return found


def _long_line_class(line: str, w: int) -> tuple[int, str, object]:
    """What a line of more than 14 words is alone, cached in _LINE_CACHE too (a long line's word
    count is its own, so it is never asked as a short one): credits (with the names), furniture
    (a site's line or not), a credited caption, prose (GOOD) or other (SHORT); `classify` marks
    the site's recurring lines BAD unless they are credits or furniture."""
    found = credits_of(line, w) if w <= 25 else []
    if found:
        answer: tuple[int, str, object] = (STOP, "credits", found)
    elif is_furniture_line(line, w):
        answer = (STOP if is_legal_notice(line) else BAD), "furniture", None
    elif is_credited_caption(line, w):
        answer = SHORT, "caption", None
    else:
        answer = (SHORT if title_cased(line, w) else GOOD), "", None
    if len(_LINE_CACHE) >= _LINE_CACHE_SIZE:
        _LINE_CACHE.clear()
    _LINE_CACHE[line] = answer
    return answer


def classify(pl: PageLines, recurs: list[bool]) -> list[str]:
    """Give every line a kind and a role (`recurs`: the line is the site's furniture); return the
    credits found."""
    lines, words, kind, role = pl.lines, pl.words, pl.kind, pl.role
    count = len(lines)
    credits: list[str] = []
    cached = _LINE_CACHE.get
    for i, line in enumerate(lines):
        if role[i]:
            continue
        w = words[i]
        if i + 1 < count and lines[i + 1] == line and w <= 80:
            if i == 0:  # the document title, then the same headline on the page
                role[i] = "dup"
                continue
            role[i], role[i + 1] = "caption", "dup"
            pl.caption_text[i] = line
            continue
        if w > 14:  # a long line: prose, or a legal or cookie notice, or a credits line
            line_kind, line_role, found = cached(line) or _long_line_class(line, w)
            if line_role == "credits":
                kind[i], role[i] = STOP, "credits"
                credits.extend(name for name in found if name not in credits)  # type: ignore[attr-defined]
            elif line_role == "furniture":
                kind[i] = line_kind
            elif recurs[i]:
                kind[i] = BAD
            elif line_role == "caption":
                role[i] = "caption"
                pl.caption_text[i] = line
            else:
                kind[i] = line_kind
            continue
        found = cached(line)  # _short_line_class without a call for a line seen before
        line_kind, line_role, found = found or _short_line_class(line, w)
        kind[i] = line_kind
        if not line_role:  # most lines: no role, furniture of the site or not
            if line_kind != BAD and recurs[i]:
                kind[i] = BAD
        elif line_role == "marker":  # an image marker: the next line is its caption
            role[i] = "marker"
            nxt = i + 1
            if nxt < count and not role[nxt] and 2 <= words[nxt] <= 50:
                next_kind = (
                    _short_line_class(lines[nxt], words[nxt])[0] if words[nxt] <= 14 else GOOD
                )
                if next_kind in (GOOD, SHORT):
                    role[nxt] = "caption"
                    pl.caption_text[nxt] = lines[nxt]
        elif line_role == "label-marker":  # "Map", "External Link": the next line is a label
            role[i] = "marker"
            if i + 1 < count and not role[i + 1] and words[i + 1] <= 12:
                kind[i + 1], role[i + 1] = BAD, "label"
        elif line_role == "caption":
            role[i] = "caption"
            pl.caption_text[i] = found  # type: ignore[assignment]
        elif line_role == "credits":
            role[i] = "credits"
            credits.extend(name for name in found if name not in credits)  # type: ignore[attr-defined]
        elif line_role == "date":
            found_date, label = found  # type: ignore[misc]
            if not label and i > 0:
                label = dateline_kind(lines[i - 1])
            role[i] = "date"
            pl.dates.append((i, found_date, label))
        else:
            role[i] = line_role
    _mark_promoted_links(pl)
    return credits


_PROMO_LABEL = re.compile(
    r"(?i)(?:read|see|also\s+read|read\s+more|more|related|more\s+on\s+this(?:\s+story)?"
    r"|further\s+reading|read\s+next|recommended|see\s+also|also\s+on\s+\w+"
    r"|lesen\s+sie\s+auch|mehr\s+zum\s+thema|lire\s+aussi|\u00e0\s+lire\s+aussi|leer\s+m\u00e1s)\s*:"
)


def _positions(values: list[int], wanted: int) -> Iterator[int]:
    """Each index of `wanted` in `values` in turn (list.index scans in C), seeing values changed
    after the last index given."""
    i = -1
    try:
        while True:
            i = values.index(wanted, i + 1)
            yield i
    except ValueError:
        return


def _mark_promoted_links(pl: PageLines) -> None:
    """The headlines listed under a "Read more:" label inside an article are links, not text."""
    lines, words, kind, role = pl.lines, pl.words, pl.kind, pl.role
    for i in _positions(kind, BAD):  # those marked below included
        line = lines[i]  # every label ends with a colon: a line without one is none
        if words[i] > 5 or ":" not in line or not _PROMO_LABEL.fullmatch(line.strip(" •*-")):
            continue
        for j in range(i + 1, min(i + 7, len(lines))):
            if role[j] or kind[j] != SHORT or not 3 <= words[j] <= 20 or ends_sentence(lines[j]):
                break
            kind[j] = BAD


def title_cased(line: str, words: int) -> bool:
    """Mostly capitalised words: a headline, a promo or a menu on one line, not prose."""
    if words >= 25 and "," in line:
        return False
    if len(line) > 240:  # judge a long line by its start
        line = line[:240]
        words = line.count(" ") + 1
    return len(_CAPITALISED.findall(line)) > 0.6 * words


def menu_lines(pl: PageLines) -> list[bool]:
    """Lines that belong to a run of short link-like lines (a menu or a list of links)."""
    lines, words, kind, role = pl.lines, pl.words, pl.kind, pl.role
    in_menu = [False] * len(lines)
    run: list[int] = []
    count = len(lines)
    for i in range(count + 1):
        if i < count:
            if (
                words[i] <= 5
                and kind[i] in (SHORT, BAD)
                and role[i] in ("", "marker", "label")
                and not ends_sentence(lines[i])
            ):
                run.append(i)
                continue
            if role[i] == "dup" or not run:
                continue
        if len(run) >= MENU_RUN and not _is_item_list(lines, words, run):
            for j in run:
                in_menu[j] = True
        run = []
    return in_menu


def _is_item_list(lines: list[str], words: list[int], run: list[int]) -> bool:
    """A list in the article ("Circe by Madeline Miller"), not a menu: most of its items are
    phrases of three words or more with a lower-case word in them, where menu items are one or
    two capitalised words ("Home", "Analysis & Opinion")."""
    phrases = sum(
        1 for j in run if words[j] >= 3 and any(word[:1].islower() for word in lines[j].split()[1:])
    )
    return phrases >= 0.5 * len(run)


def is_promo(pl: PageLines, i: int) -> bool:
    """A short line glued to the paragraph after it, in a page that separates paragraphs."""
    nxt = i + 1
    return (
        pl.kind[i] == SHORT
        and pl.words[i] <= 12
        and pl.blank_before[i]
        and nxt < len(pl.lines)
        and not pl.blank_before[nxt]
        and pl.kind[nxt] == GOOD
        and not ends_sentence(pl.lines[i])
        and not pl.lines[i].endswith(":")
    )
