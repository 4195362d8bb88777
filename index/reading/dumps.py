"""Reading dumps: folders of pages, JSON Lines, WARC/WET and HTML files, streamed as raw pages."""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from index.reading.decoding import (
    GuardedReader,
    decode_text,
    html_declared_charset,
    iso_date,
    looks_binary,
    open_dump_file,
    strip_extensions,
)
from index.reading.html_article import article_from_html, extract_html_article
from index.reading.warc_pages import MAX_RECORD_BYTES, is_warc_start, iter_warc_pages
from index.records import Page, Skipped
from index.text import sanitize_line

__all__ = ["article_from_html", "dump_name_for", "extract_html_article", "iter_pages"]

TEXT_SUFFIXES = {".txt", ".text", ""}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
WARC_SUFFIXES = {".warc", ".wet"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MAX_PAGE_BYTES = MAX_RECORD_BYTES  # one text/HTML page or one JSON line
MAX_JSON_ARRAY_BYTES = 256 << 20  # a `.json` array is parsed whole, so only up to this size
SNIFF_BYTES = 8192
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content"),
    "id": ("id",),
    "url": ("url", "link"),
    "date": ("date", "published", "published_at", "date_publish"),
    "source": ("source", "site", "sitename"),
}
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_HTML_START = (b"<!doctype html", b"<html")


def iter_pages(paths: Sequence[str | Path], dump: str | None = None) -> Iterator[Page | Skipped]:
    """Stream the pages of the given folders and files, format found by content and name.

    Nothing is loaded whole; whatever cannot be read becomes a Skipped with a reason and the
    stream goes on. `dump` names the dump of every page instead of the folder or file name.
    """
    for given in paths:
        path = Path(given)
        try:
            if path.is_dir():
                yield from _iter_folder(path, dump)
            elif path.is_file():
                parent = _folder_name(path.parent)
                yield from _iter_file(
                    path, f"{parent}/{path.name}", path.name, path.name, dump, parent
                )
            elif path.exists():
                yield Skipped(str(given), "unsupported file", "not a regular file or folder")
            else:
                yield Skipped(str(given), "not found")
        except OSError as error:
            yield Skipped(str(given), "unreadable file", str(error))


def dump_name_for(path: str | Path) -> str:
    """The dump a path's pages belong to when no name is given (WET files may name their crawl)."""
    path = Path(path)
    if path.is_dir():
        return _folder_name(path)
    if _kind_by_name(path.name) in {"text", "html"}:
        return _folder_name(path.parent)
    return strip_extensions(path.name)


def _folder_name(folder: Path) -> str:
    return folder.name or folder.resolve().name or "root"


def _kind_by_name(name: str) -> str | None:
    """The format a file name says: text, json, warc, html, or None for any other name."""
    lowered = name.lower()
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    suffix = Path(lowered).suffix
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in WARC_SUFFIXES:
        return "warc"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES or not suffix.strip(".").isalpha():
        return "text"  # "story.txt", "story", "page.2014-03-01"
    return None


def _iter_folder(root: Path, dump: str | None) -> Iterator[Page | Skipped]:
    name = _folder_name(root)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            file = Path(dirpath, filename)
            relative = file.relative_to(root).as_posix()
            label = f"{name}/{relative}"
            if _kind_by_name(filename) is None:
                yield _unsupported(file, label)
                continue
            try:
                yield from _iter_file(file, label, label, relative, dump, name)
            except OSError as error:
                yield Skipped(label, "unreadable file", str(error))


def _unsupported(file: Path, label: str) -> Skipped:
    try:
        with open(file, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as error:
        return Skipped(label, "unreadable file", str(error))
    if looks_binary(head):
        return Skipped(label, "binary file", file.suffix)
    return Skipped(label, "unsupported file", f"{file.suffix} is not a dump format")


def _iter_file(
    path: Path, page_label: str, file_label: str, key: str, dump: str | None, folder: str
) -> Iterator[Page | Skipped]:
    """One file's pages. A text or HTML page is `page_label` in the folder's dump; JSON Lines and
    WARC records are `file_label:N` in the file's own dump (file name, or the crawl) unless `dump`
    is given."""
    stream, guard, _ = open_dump_file(path)
    with stream:
        head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        kind = _kind_by_name(path.name) or "text"
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if is_warc_start(head):
            kind = "warc"
        elif kind == "text" and stripped[:1] == b"{" and not path.name.lower().endswith(".txt"):
            kind = "json"
        elif kind == "text" and stripped[:20].lower().startswith(_HTML_START):
            kind = "html"
        own_dump = dump or strip_extensions(path.name)
        if kind != "warc" and looks_binary(head):
            yield Skipped(page_label, "binary file", "gzipped" if guard.underlying else "")
        elif kind == "warc":
            yield from iter_warc_pages(stream, guard, file_label, dump, own_dump)
        elif kind == "json" and stripped[:1] == b"[":
            yield from _iter_json_array(stream, guard, file_label, own_dump, dump is None)
        elif kind == "json":
            yield from _iter_json_lines(stream, guard, file_label, own_dump, dump is not None)
        else:
            yield _single_page(stream, guard, page_label, key, dump or folder, kind == "html")


def _single_page(
    stream: io.BufferedReader, guard: GuardedReader, label: str, key: str, dump: str, is_html: bool
) -> Page | Skipped:
    data = stream.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        return Skipped(label, "page too large", f"over {MAX_PAGE_BYTES >> 20} MB")
    if guard.problem:
        return Skipped(label, guard.problem, guard.problem_detail)
    if looks_binary(data[:SNIFF_BYTES]):
        return Skipped(label, "binary file")
    declared = html_declared_charset(data) if is_html else None
    text = decode_text(data, declared)
    if not text.strip():
        return Skipped(label, "empty page")
    return Page(dump, label, key, text, is_html=is_html)


def _iter_json_lines(
    stream: io.BufferedReader, guard: GuardedReader, label: str, dump: str, prefix: bool
) -> Iterator[Page | Skipped]:
    """JSON Lines, one article an object; `prefix` puts the file name in line keys (shared dump)."""
    line_number = 0
    key_prefix = f"{label.rsplit('/', 1)[-1]}:" if prefix else ""
    while raw := stream.readline(MAX_PAGE_BYTES + 1):
        line_number += 1
        origin = f"{label}:{line_number}"
        if not raw.endswith(b"\n"):
            if guard.problem:
                break  # the line the gzip stream broke in: reported below
            if len(raw) > MAX_PAGE_BYTES:
                while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield Skipped(origin, "page too large", f"line {line_number}")
                continue
        if not raw.strip():
            continue
        try:
            obj = _load_json(raw)
        except (ValueError, RecursionError) as error:
            yield Skipped(origin, "malformed JSON", f"line {line_number}: {str(error)[:120]}")
            continue
        if _SURROGATE_ESCAPE.search(raw):
            obj = _without_surrogates(obj)
        yield page_from_json(
            obj, origin, f"line {line_number}", dump, f"{key_prefix}line:{line_number}", not prefix
        )
    if guard.problem:
        yield Skipped(label, guard.problem, f"after line {line_number}")


def _iter_json_array(
    stream: io.BufferedReader, guard: GuardedReader, label: str, dump: str, own_dumps: bool
) -> Iterator[Page | Skipped]:
    """A `.json` file holding one array of article objects (parsed whole, so size-capped)."""
    data = stream.read(MAX_JSON_ARRAY_BYTES + 1)
    if len(data) > MAX_JSON_ARRAY_BYTES:
        yield Skipped(label, "page too large", "JSON array over 256 MB: use JSON Lines")
        return
    if guard.problem:
        yield Skipped(label, guard.problem, guard.problem_detail)
        return
    try:
        items = _without_surrogates(_load_json(data))
    except (ValueError, RecursionError) as error:
        yield Skipped(label, "malformed JSON", str(error)[:120])
        return
    if not isinstance(items, list):
        yield Skipped(label, "malformed JSON", "not an array of objects")
        return
    for number, obj in enumerate(items, 1):
        yield page_from_json(
            obj, f"{label}:[{number}]", f"item {number}", dump, f"item:{number}", own_dumps
        )


def _load_json(raw: bytes) -> object:
    try:
        return json.loads(raw, parse_constant=_no_constant)
    except UnicodeDecodeError:
        return json.loads(decode_text(raw), parse_constant=_no_constant)


def _no_constant(name: str) -> None:
    return None  # NaN / Infinity are not JSON: read as null


def page_from_json(
    obj: object, origin: str, where: str, dump: str, line_key: str, own_dumps: bool = False
) -> Page | Skipped:
    """A page from one JSON article object; wrong types and missing text become Skipped. With
    `own_dumps` (no --dump given) a record's own "dump" names its dump, as `export --jsonl`
    writes it, so a library shared as an export keeps its dumps."""
    if not isinstance(obj, dict):
        return Skipped(origin, "malformed JSON", f"{where}: not a JSON object")
    fields: dict[str, str] = {}
    used: set[str] = set()
    for name, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            value = obj.get(alias)
            if value is None:
                continue
            if name == "id" and isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                if alias != name:
                    continue  # an alias of another type is somebody else's field: keep it in extra
                kind = type(value).__name__.replace("dict", "object").replace("str", "string")
                a = "an" if kind[0] in "aeiou" else "a"
                return Skipped(origin, "bad field type", f"{where}: {name!r} is {a} {kind}")
            fields[name] = value.replace("\x00", "")
            used.add(alias)
            break
    text = fields.get("text", "")
    paragraphs = obj.get("paragraphs")
    if not text and isinstance(paragraphs, list):  # `newsreader export --jsonl`'s own records
        text = "\n\n".join(p.replace("\x00", "") for p in paragraphs if isinstance(p, str))
        used.add("paragraphs")
    if not text.strip() and not fields.get("title", "").strip():
        return Skipped(origin, "no text", where)  # a headline alone (a news flash) is an article
    named = obj.get("dump")
    if own_dumps and isinstance(named, str) and sanitize_line(named).strip():
        dump = sanitize_line(named).strip()[:200]
        used.add("dump")
    extra = {k: v for k, v in obj.items() if k not in used}
    raw_date = fields.get("date", "").strip()
    date = iso_date(raw_date)
    if raw_date and not date:
        extra["date"] = raw_date  # kept for people, never guessed at
    key = fields.get("id", "").strip() or fields.get("url", "").strip() or line_key
    return Page(
        dump,
        origin,
        key,
        text,
        url=fields.get("url", "").strip(),
        date=date,
        title=fields.get("title", "").strip(),
        source=fields.get("source", "").strip(),
        extra=extra,
    )


def _without_surrogates(value: object) -> object:
    """Replace lone surrogates (from \\ud800-style escapes) that UTF-8 cannot store."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "replace").decode("utf-8")
        return value
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value
