"""The line features' fast paths (word gates, digit and link checks) give what the regexes give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from index.cleaning import line_model
from index.cleaning.line_patterns import _PATTERNS, PATTERNS, family_gates
from index.cleaning.lines import PageLines

# Pieces of every pattern (its words, whatever is between them) and a few others, so that random
# lines of them match the patterns often and in every branch.
_PIECES = sorted(
    {
        piece
        for source in _PATTERNS.values()
        for piece in re.split(r"[\\()|?:*+\[\]]+", re.sub(r"\\s[+*]", " ", source))
    }
    | {":", "/", "-", "2024", "12:30", "@", " | ", "»", "http://x.y", "www.x.com", "Anders", "É"}
)
_LINE = st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), min_size=1, max_size=8).map(
    lambda parts: " ".join(parts)
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=4))
def test_every_family_matches_only_lines_with_one_of_its_words(raw_lines):
    for line in PageLines("\n\n".join(raw_lines)).lines:
        lower = line.lower()
        for name, words, pattern in PATTERNS:
            if pattern.search(lower):
                assert any(word in lower for word in words), (name, line)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=4))
def test_fast_counts_are_the_regex_counts(raw_lines):
    capitalised = re.compile(r"(?:^|\s)[^\W\d_a-z\u00df-\u00ff]")
    for line in PageLines("\n\n".join(raw_lines)).lines:
        assert len(line_model._CAPITALISED.findall(line)) + bool(
            line_model._CAPITAL_FIRST.match(line)
        ) == len(capitalised.findall(line))
        if line.isascii():
            words = line.encode().translate(line_model._ASCII_WORDS).decode().split()
            assert words == line_model._WORD.findall(line.lower())
            assert line_model._tokens(line) == {w for w in words if len(w) > 2}
            digits = sum(map(line.count, line_model._DIGITS))
            assert digits == len(line) - len(line.translate(str.maketrans("", "", "0123456789")))
        if not any(ch.isdigit() for ch in line):
            assert line_model._DATE.search(line) is None
        if not any(mark in line for mark in line_model._LINK_MARKS):
            assert line_model._LINKLIKE.search(line) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=12))
def test_family_gates_of_a_page_are_the_gates_line_by_line(raw_lines):
    lowers = [line.lower() for line in PageLines("\n".join(raw_lines)).lines]
    assert family_gates(lowers) == [
        [any(map(lower.__contains__, words)) for _, words, _ in PATTERNS] for lower in lowers
    ]


def test_family_gates_find_a_word_in_each_line_it_is_in():
    lowers = ["leave a reply:", "nothing here", "share on facebook. share again", "", "by anna"]
    gates = family_gates(lowers)
    names = [name for name, _, _ in PATTERNS]
    holding = [{names[f] for f, gate in enumerate(row) if gate} for row in gates]
    assert holding[1] == {"tags"}  # the one family searched in every line
    assert {"comment", "tags"} <= holding[0]
    assert {"share", "tags"} <= holding[2] and "comment" not in holding[2]
    assert holding[3] == {"tags"}
    assert {"author", "tags"} <= holding[4]
