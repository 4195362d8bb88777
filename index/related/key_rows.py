"""The story_keys rows one placing run has asked for, kept in memory: each key read once a run.

Placing a chunk asks for the rows of its articles' keys; the common keys come back chunk after
chunk. `KeyRows` reads a key from the store the first time it is asked, then keeps its rows
current as the run places articles (`add`), in the order the store gives them (by article id),
so a chunk sees exactly the rows a query would return.
"""

from __future__ import annotations

import sqlite3
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(slots=True)
class Rows:
    """One key's placed articles in article id order, their weights and `top` marks."""

    articles: list[str] = field(default_factory=list)
    weights: array = field(default_factory=lambda: array("d"))
    top: bytearray = field(default_factory=bytearray)


def strongest(weights: dict[str, float], n: int) -> list[tuple[str, float]]:
    """The `n` heaviest items (an article's key words), heaviest first, ties by key: sorting them
    all, cut at `n`."""
    if len(weights) > n > 0:
        floor = sorted(weights.values(), reverse=True)[n - 1]
        weights = {k: w for k, w in weights.items() if w >= floor}
    return sorted(weights.items(), key=lambda kw: (-kw[1], kw[0]))[:n]


class KeyRows:
    """story_keys rows by key, for the keys asked so far in one run."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.rows: dict[str, Rows] = {}

    def neighbours(self, keys: list[str]) -> tuple[array, list[str], array, bytearray]:
        """(key number, article, weight, top) of every row of `keys`, keys in the order given
        (a key's number: its place in `keys`), each key's rows in article id order. The numbers
        in typed arrays (copied as memory, read by numpy without a conversion)."""
        self.read(keys)
        key_col = array("q")
        articles: list[str] = []
        weights = array("d")
        top = bytearray()
        for n, key in enumerate(keys):
            rows = self.rows[key]
            key_col += array("q", [n]) * len(rows.articles)
            articles += rows.articles
            weights += rows.weights
            top += rows.top
        return key_col, articles, weights, top

    def read(self, keys: list[str]) -> None:
        """Read the rows of the keys not read yet in this run (`rows` then holds them)."""
        self._read([k for k in keys if k not in self.rows])

    def add(self, rows: Iterable[tuple[str, str, float, int]]) -> None:
        """Rows just written to story_keys: (key, article, weight, top)."""
        for key, article, weight, top in rows:
            held = self.rows.get(key)
            if held is None:  # not asked yet: read from the store when it is
                continue
            if not held.articles or held.articles[-1] < article:  # after the others: append
                held.articles.append(article)
                held.weights.append(weight)
                held.top.append(top)
                continue
            at = bisect_left(held.articles, article)
            if at < len(held.articles) and held.articles[at] == article:
                held.weights[at], held.top[at] = weight, top
                continue
            held.articles.insert(at, article)
            held.weights.insert(at, weight)
            held.top.insert(at, top)

    def _read(self, keys: list[str]) -> None:
        if not keys:
            return
        for key in keys:
            self.rows[key] = Rows()
        self.db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS wanted_keys (key TEXT PRIMARY KEY) WITHOUT ROWID"
        )
        self.db.execute("DELETE FROM temp.wanted_keys")
        self.db.executemany("INSERT INTO temp.wanted_keys VALUES (?)", ((k,) for k in keys))
        held: Rows | None = None
        last = None
        for key, article, weight, top in self.db.execute(
            "SELECT k.key, k.article_id, k.weight, k.top FROM temp.wanted_keys w "
            "CROSS JOIN story_keys k ON k.key = w.key"  # CROSS: look keys up, never scan
        ):
            if key != last:
                held, last = self.rows[key], key
            held.articles.append(article)
            held.weights.append(weight)
            held.top.append(top)
