"""Articles written for other programs and people: JSON Lines, CSV or a Markdown reading list."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable

from index.records import Article
from index.text import sanitize_line

TYPE_CHECKING = False  # typing's constant: importing typing costs every verb 3 ms
if TYPE_CHECKING:
    from typing import TextIO

FORMATS = ("jsonl", "csv", "md")
CSV_COLUMNS = ("id", "title", "source", "dump", "date", "url", "tags")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")
_SAFE_URL = re.compile(r"https?://[^\s<>()]+", re.I)
# Characters JSON leaves as they are but a terminal obeys or reorders (as reader/output.py).
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

FIRST_BATCH = 16
TagLookup = Callable[[list[str]], dict[str, list[str]]]


def markdown_text(text: str) -> str:
    """Page text for a Markdown line: one line, every character Markdown obeys escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", sanitize_line(text))


def _batches(articles: Iterable[Article], size: int = 200) -> Iterable[list[Article]]:
    """The articles in lists of `size` (their tags looked up together), a short one first: the
    first line is out after FIRST_BATCH articles, not `size`."""
    batch: list[Article] = []
    wanted = min(FIRST_BATCH, size)
    for article in articles:
        batch.append(article)
        if len(batch) == wanted:
            yield batch
            batch, wanted = [], size
    if batch:
        yield batch


def write(articles: Iterable[Article], out: TextIO, fmt: str, tags_of: TagLookup) -> int:
    """Write articles in one of FORMATS; how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")
    writer = csv.writer(out) if fmt == "csv" else None
    if writer is not None:
        writer.writerow(CSV_COLUMNS)
    if fmt == "md":
        out.write("# Reading list\n")
    n = 0
    for batch in _batches(articles):
        tags = tags_of([a.id for a in batch])
        for a in batch:
            n += 1
            if fmt == "jsonl":
                record = a.to_json()
                record["tags"] = tags.get(a.id, [])
                text = json.dumps(record, ensure_ascii=False)
                out.write(_UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
            elif writer is not None:
                writer.writerow(
                    [a.id, _cell(a.title), _cell(a.source), _cell(a.dump), a.date,
                     _cell(a.url), " ".join(tags.get(a.id, []))]
                )  # fmt: skip
            else:
                out.write(_markdown_entry(a, tags.get(a.id, [])))
    return n


def _cell(text: str) -> str:
    """Page text for a CSV cell: one line, and never read as a formula by a spreadsheet."""
    text = sanitize_line(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _markdown_entry(a: Article, tags: list[str]) -> str:
    title = markdown_text(a.title) or "(untitled)"
    url = a.url if _SAFE_URL.fullmatch(a.url) else ""
    lines = [f"\n## [{title}](<{url}>)\n" if url else f"\n## {title}\n"]
    meta = [markdown_text(x) for x in (a.source, a.dump, a.date[:10]) if x]
    if tags:
        meta.append("tags: " + ", ".join(markdown_text(t) for t in tags))
    lines.append(" · ".join(meta) + f" · `{a.id}`\n")
    if url:
        lines.append(f"\n<{url}>\n")
    if a.paragraphs:
        lines.append(f"\n{markdown_text(a.paragraphs[0])}\n")
    return "".join(lines)
