"""Text hygiene: escape sequences, control and invisible characters never get through."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from index.text import sanitize, sanitize_line, strip_escapes

ESC = "\x1b"


def test_colour_and_cursor_sequences_are_removed():
    text = f"{ESC}[1;31mred{ESC}[0m and {ESC}[2J{ESC}[Hcleared{ESC}[?25l"
    assert sanitize(text) == "red and cleared"


def test_osc_8_hyperlink_keeps_only_its_visible_text():
    bel = f"{ESC}]8;;https://evil.example/{chr(7)}click me{ESC}]8;;{chr(7)}"
    st_terminated = f"{ESC}]8;;https://evil.example/{ESC}\\link{ESC}]8;;{ESC}\\"
    assert sanitize(bel) == "click me"
    assert sanitize(st_terminated) == "link"


def test_window_title_and_device_control_strings_are_removed():
    assert sanitize(f"a{ESC}]0;pwned title{chr(7)}b") == "ab"
    assert sanitize(f"a{ESC}Pq#0;2;0;0;0{ESC}\\b") == "ab"


def test_eight_bit_csi_and_osc_are_removed():
    assert sanitize("a\x9b31mb\x9d0;title\x9cc") == "abc"


def test_control_characters_are_dropped_but_newlines_and_tabs_stay():
    text = "one\x00two\x07three\x08\nfour\tfive\x7f\x85six"
    assert sanitize(text) == "onetwothree\nfour\tfive six"


def test_carriage_returns_become_newlines():
    assert sanitize("a\r\nb\rc") == "a\nb\nc"


def test_bidi_overrides_and_isolates_are_removed():
    text = "abc\u202edcba\u202c \u2066x\u2069 \u200fy"
    assert sanitize(text) == "abcdcba x y"


def test_zero_width_characters_are_removed():
    assert sanitize("in\u200bvis\u2060ible\ufeff soft\u00adhyphen") == "invisible softhyphen"


def test_non_breaking_and_odd_spaces_become_spaces():
    text = "27\u00a0languages\u2009and\u202fthin\u3000wide\u2003em"
    assert sanitize(text) == "27 languages and thin wide em"


def test_unicode_is_normalised_to_nfc():
    decomposed = "Cafe\u0301 Zu\u0308rich"
    assert sanitize(decomposed) == "Café Zürich"
    assert unicodedata.is_normalized("NFC", sanitize(decomposed))


def test_lone_surrogates_are_dropped():
    assert sanitize("a\udcffb") == "ab"


def test_normal_text_is_unchanged():
    text = 'NATO\'s chief said: "No [bold]markup[/] here."\n\n\tIndented — “quoted” — 東京 ½\n'
    assert sanitize(text) == text


def test_sanitize_line_makes_one_line():
    assert sanitize_line("  Title\non\ttwo\u00a0 lines \x1b[31m ") == "Title on two lines"


def test_strip_escapes_leaves_text_without_escapes_alone():
    text = "plain text"
    assert strip_escapes(text) is text


UNSAFE = {chr(c) for c in range(0x20) if chr(c) not in "\n\t"} | {chr(c) for c in range(0x7F, 0xA0)}
UNSAFE |= set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u200b\ufeff")


@given(st.text())
def test_no_unsafe_character_survives(text):
    cleaned = sanitize(text)
    assert not UNSAFE & set(cleaned)
    assert "\u00a0" not in cleaned
    assert sanitize(cleaned) == cleaned


@given(st.text())
def test_sanitize_line_has_no_line_breaks(text):
    line = sanitize_line(text)
    assert "\n" not in line and "\t" not in line
    assert line == line.strip()
