"""Word-level diff between two versions of an article, for showing what changed."""

from __future__ import annotations

import difflib
import re
from typing import Literal

DiffOp = Literal["equal", "insert", "delete"]

_TOKEN = re.compile(r"\S+\s*|\s+")


def _tokens(text: str) -> list[str]:
    """Words with the whitespace that follows them, so joining the tokens gives the text back."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) runs that turn `old` into `new`: ops are "equal", "insert" and "delete".

    Joining the "equal" and "insert" runs gives `new` back exactly; "equal" and "delete" give `old`
    up to whitespace: words are compared without the spaces after them, so re-wrapping a paragraph
    is not a change.
    """
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(
        None, [t.rstrip() for t in a], [t.rstrip() for t in b], autojunk=False
    )
    runs: list[tuple[str, str]] = []

    def emit(op: str, text: str) -> None:
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            emit("equal", "".join(b[j1:j2]))
        elif tag == "delete":
            emit("delete", "".join(a[i1:i2]))
        elif tag == "insert":
            emit("insert", "".join(b[j1:j2]))
        else:
            emit("delete", "".join(a[i1:i2]))
            emit("insert", "".join(b[j1:j2]))
    return runs
