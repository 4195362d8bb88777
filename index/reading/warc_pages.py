"""Pages from WARC and Common Crawl WET files, read record by record with warcio's record loader."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord, ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeadersParserException

from index.reading.decoding import (
    GuardedReader,
    decode_text,
    html_declared_charset,
    iso_date,
    looks_binary,
)
from index.records import Page, Skipped

WARC_STATUS_LINES = (b"WARC/1.0", b"WARC/1.1", b"WARC/0.17", b"WARC/0.18")
MAX_RECORD_BYTES = 64 << 20  # a bigger page is skipped, never held in memory
MAX_LINE_BYTES = 1 << 16  # longest line read while looking for the next record
HTML_TYPES = ("text/html", "application/xhtml+xml")
HTML_STARTS = (b"<!doctype html", b"<html", b"<head")  # how an HTML page without a type opens
SILENT_TYPES = {"request", "metadata", "revisit", "continuation", "warcinfo"}
_DRAIN_CHUNK = 1 << 16

# warcio logs its repairs of odd headers; without a handler Python would print them over the UI.
logging.getLogger("warcio").addHandler(logging.NullHandler())


class _RecordError(Exception):
    """The record at hand cannot be trusted (bad header, wrong length); the reader resyncs."""


def is_warc_start(head: bytes) -> bool:
    """Whether a stream's first bytes open a WARC record."""
    return head.lstrip(b"\r\n").startswith(WARC_STATUS_LINES)


def iter_warc_pages(
    stream: io.BufferedReader,
    guard: GuardedReader,
    label: str,
    dump: str | None,
    fallback_dump: str,
) -> Iterator[Page | Skipped]:
    """Yield the pages of one WARC/WET stream: `conversion` records as text, HTML `response` and
    `resource` records as HTML. Bad records become Skipped and the reader moves on to the next
    record header it can find; a truncated gzip ends the file with a Skipped after the pages before
    the break."""
    loader = ArcWarcRecordLoader(verify_http=False, arc2warc=False)
    current_dump = dump or fallback_dump
    number = 0
    line = _next_nonblank_line(stream)
    while line:
        number += 1
        origin = f"{label}:record {number}"
        if not line.startswith(WARC_STATUS_LINES):
            yield Skipped(origin, "bad WARC record", f"no WARC header: {_preview(line)}")
            line = _resync(stream)
            continue
        try:
            record = loader.parse_record_stream(stream, line, known_format="warc")
            length = _declared_length(record)
            kind = (record.rec_type or "").lower()
            wanted = kind in {"conversion", "response", "resource", "warcinfo"}
            block = _read_block(record, length) if wanted else None
            complete = _drain(record)
        except EOFError:
            break
        except (_RecordError, ArchiveLoadFailed, StatusAndHeadersParserException) as error:
            yield Skipped(origin, "bad WARC record", str(error)[:200])
            line = _resync(stream)
            continue
        except Exception as error:  # warcio meeting headers it never expected: still a bad record
            yield Skipped(origin, "bad WARC record", f"{type(error).__name__}: {error}"[:200])
            line = _resync(stream)
            continue
        if not complete:
            if not guard.problem:
                yield Skipped(origin, "bad WARC record", "Content-Length runs past the end of file")
            break
        rest, line = _up_to_next_record(stream)
        if rest.strip():
            # The blank lines that end a record did not follow the block: its Content-Length is
            # wrong (a file whose line ends were rewritten, say). As lenient readers do, the
            # block runs on to the next record's header, when it can be read that way.
            if block is None or not _extendable(record, kind) or len(rest) >= MAX_RECORD_BYTES:
                yield Skipped(origin, "bad WARC record", "Content-Length does not match the record")
                continue
            block = (block + rest).rstrip(b"\r\n")
        if kind == "revisit":  # a re-crawl that found the page unchanged: no payload of its own
            yield Skipped(origin, "revisit", _target(record))
        elif kind == "warcinfo":
            if dump is None and block is not None:
                current_dump = _crawl_name(block) or current_dump
        elif wanted and block is None:
            yield Skipped(origin, "page too large", f"{length} bytes")
        elif block is not None:
            item = _page_of(record, kind, block, origin, current_dump)
            if item is not None:
                yield item
    if guard.problem:
        yield Skipped(label, guard.problem, guard.problem_detail or f"after record {number}")


def _declared_length(record: ArcWarcRecord) -> int:
    value = record.rec_headers.get_header("Content-Length")
    try:
        length = int(value)
    except (TypeError, ValueError):
        raise _RecordError(f"bad Content-Length: {value!r}") from None
    if length < 0:
        raise _RecordError(f"bad Content-Length: {value!r}")
    return length


def _read_block(record: ArcWarcRecord, length: int) -> bytes | None:
    """The record's payload (HTTP body decoded of chunking/compression), None when too big."""
    if length > MAX_RECORD_BYTES:
        return None
    data = record.content_stream().read(MAX_RECORD_BYTES + 1)
    return data if len(data) <= MAX_RECORD_BYTES else None


def _drain(record: ArcWarcRecord) -> bool:
    """Read the rest of a record's block; False when the stream ended before its declared end."""
    raw = record.raw_stream
    while raw.read(_DRAIN_CHUNK):
        pass
    return getattr(raw, "limit", 0) == 0


def _page_of(
    record: ArcWarcRecord, kind: str, block: bytes, origin: str, dump: str
) -> Page | Skipped | None:
    headers = record.rec_headers
    url = (headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    record_id = (headers.get_header("WARC-Record-ID") or "").strip()
    crawl_date = iso_date(headers.get_header("WARC-Date") or "")
    key = url or record_id or origin
    if kind == "conversion":
        return _text_page(block, origin, dump, key, url, crawl_date, is_html=False)
    content_type = ""
    if kind == "response":
        http = record.http_headers
        if http is None:
            return Skipped(origin, "not HTML", "no HTTP response")
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            reason = "redirect" if status.startswith("3") else "HTTP error"
            return Skipped(origin, reason, f"{status or 'no status'} {url}".strip())
        content_type = (
            http.get_header("Content-Type")
            or record.rec_headers.get_header("WARC-Identified-Payload-Type")
            or ""
        )
    else:  # resource
        content_type = record.content_type or ""
    mime = content_type.split(";", 1)[0].strip().lower()
    head = block[:1024].lstrip().lower()
    sniffed_html = head.startswith(HTML_STARTS)
    if mime in HTML_TYPES or (not mime and sniffed_html):
        if looks_binary(block[:8192]):
            return Skipped(origin, "binary file", f"declared {mime or 'no type'}")
        if not block.strip():
            return Skipped(origin, "empty page")
        text = decode_text(block, html_declared_charset(block, content_type))
        return Page(dump, origin, key, text, url=url, crawl_date=crawl_date, is_html=True)
    if kind == "resource" and mime == "text/plain":
        return _text_page(block, origin, dump, key, url, crawl_date, is_html=False)
    return Skipped(origin, "not HTML", f"{mime or 'no content type'} {url}".strip())


def _text_page(
    block: bytes, origin: str, dump: str, key: str, url: str, crawl_date: str, is_html: bool
) -> Page | Skipped:
    text = decode_text(block)
    if not text.strip():
        return Skipped(origin, "empty page")
    return Page(dump, origin, key, text, url=url, crawl_date=crawl_date, is_html=is_html)


def _target(record: ArcWarcRecord) -> str:
    return (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")


def _crawl_name(block: bytes) -> str:
    """The crawl a warcinfo record names (`isPartOf: CC-MAIN-2016-50`), "" when none."""
    for raw_line in block.decode("utf-8", "replace").splitlines():
        name, _, value = raw_line.partition(":")
        if name.strip().lower() == "ispartof" and value.strip():
            return value.strip()[:200]
    return ""


def _next_nonblank_line(stream: io.BufferedReader) -> bytes:
    while True:
        line = stream.readline(MAX_LINE_BYTES)
        if not line or line.strip():
            return line


def _up_to_next_record(stream: io.BufferedReader) -> tuple[bytes, bytes]:
    """The bytes after a record's block up to the next record (at most MAX_RECORD_BYTES of them)
    and that record's first line (b"" at the end of the stream)."""
    rest = bytearray()
    while True:
        line = stream.readline(MAX_LINE_BYTES)
        if not line or line.startswith(WARC_STATUS_LINES):
            return bytes(rest), line
        if len(rest) < MAX_RECORD_BYTES:
            rest += line


def _extendable(record: ArcWarcRecord, kind: str) -> bool:
    """Whether the bytes after a record's block may be added to its payload as they are: not
    when its HTTP body is compressed or chunked."""
    if kind != "response" or record.http_headers is None:
        return True
    http = record.http_headers
    encoding = (http.get_header("Content-Encoding") or "identity").strip().lower()
    chunked = "chunked" in (http.get_header("Transfer-Encoding") or "").lower()
    return encoding == "identity" and not chunked


def _resync(stream: io.BufferedReader) -> bytes:
    """Skip to the next line that opens a WARC record; b"" at the end of the stream."""
    while True:
        line = stream.readline(MAX_LINE_BYTES)
        if not line or line.startswith(WARC_STATUS_LINES):
            return line


def _preview(line: bytes) -> str:
    return repr(line[:60])[2:-1]
