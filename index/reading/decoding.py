"""Bytes to text for dump readers: gzip that may be cut short, binary sniffing, encodings, dates."""

from __future__ import annotations

import codecs
import email.utils
import gzip
import io
import re
import zlib
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 8192
READ_BUFFER = 1 << 16

# Signatures of files that are certainly not text pages.
BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",  # zip, docx, epub
    b"PK\x05\x06",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x28\xb5\x2f\xfd",  # zstd
    b"RIFF",  # webp, wav, avi
    b"OggS",
    b"ID3",
    b"fLaC",
    b"\x7fELF",
    b"MZ\x90\x00",
    b"II*\x00",  # tiff
    b"MM\x00*",
    b"wOFF",
    b"wOF2",
    b"\x00asm",
    b"SQLite format 3\x00",
    b"\xd0\xcf\x11\xe0",  # old Office documents
)
TEXT_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),  # the utf-16/32 codecs read the BOM and drop it
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Control bytes that do not occur in text (tab, newlines, form feed, escape and backspace do).
_BINARY_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b\x08")
# Western single-byte encodings that charset detectors confuse with each other on short text.
_WESTERN_SINGLE_BYTE = {
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "mac_roman",
    "cp850",
    "cp437",
    "iso8859_9",
    "cp1254",
    "iso8859_10",
    "iso8859_3",
    "iso8859_4",
    "iso8859_13",
    "iso8859_14",
    "iso8859_16",
    "cp1257",
    "mac_latin2",
    "ascii",
}
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{1,40})""", re.I
)


class GuardedReader(io.RawIOBase):
    """A raw stream that turns a gzip stream's sudden end or corruption into a clean EOF.

    `problem` then names what happened ("truncated gzip", "corrupt gzip") for a Skipped record.
    """

    def __init__(self, stream: BinaryIO, underlying: BinaryIO | None = None) -> None:
        super().__init__()
        self.stream = stream
        self.underlying = underlying  # the file under a gzip stream, closed with it
        self._read = getattr(stream, "read1", stream.read)
        self.problem = ""
        self.problem_detail = ""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self.problem:
            return 0
        try:
            # read1: one underlying read, so that data decompressed before a break is returned
            # before the error, not lost with it
            data = self._read(len(buffer))
        except EOFError as error:
            self.problem, self.problem_detail = "truncated gzip", str(error)
            return 0
        except (gzip.BadGzipFile, zlib.error) as error:
            self.problem, self.problem_detail = "corrupt gzip", str(error)
            return 0
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            self.stream.close()
            if self.underlying is not None:
                self.underlying.close()
        finally:
            super().close()


def open_dump_file(path: Path) -> tuple[io.BufferedReader, GuardedReader, bool]:
    """Open a file for streaming, decompressing gzip found by content (one stream or many members).

    Returns the buffered stream (closing it closes the file), its guard (to ask about truncation
    afterwards) and whether the file was gzipped.
    """
    raw = open(path, "rb")  # noqa: SIM115 - closed by the caller through the returned stream
    try:
        gzipped = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
        inner: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if gzipped else raw
    except OSError:
        raw.close()
        raise
    guard = GuardedReader(inner, raw if gzipped else None)
    stream = io.BufferedReader(guard, buffer_size=READ_BUFFER)
    return stream, guard, gzipped


def strip_extensions(name: str) -> str:
    """A file name without its dump extensions: reuters-1987-03.jsonl.gz -> reuters-1987-03."""
    known = {".gz", ".jsonl", ".ndjson", ".json", ".warc", ".wet", ".arc", ".html", ".htm", ".txt"}
    while True:
        suffix = Path(name).suffix.lower()
        if suffix in known and len(name) > len(suffix):
            name = name[: -len(suffix)]
        else:
            return name


def looks_binary(head: bytes) -> bool:
    """Whether the first bytes of a file are those of a binary (non-text) file."""
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in TEXT_BOMS):
        return False
    if head.startswith(BINARY_SIGNATURES):
        return True
    sample = head[:SNIFF_BYTES]
    nul = sample.count(0)
    control = len(sample) - len(sample.translate(None, _BINARY_CONTROL))
    return nul > len(sample) // 100 + 1 or control * 10 > len(sample)


def _codec_name(label: str) -> str | None:
    """Python's codec for a declared charset, with the web's aliases (latin-1 means cp1252)."""
    label = label.strip().strip("\"'").lower()
    if label in {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1"}:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def html_declared_charset(data: bytes, content_type: str = "") -> str | None:
    """The charset an HTML page declares: the HTTP Content-Type first, then a <meta> tag."""
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", content_type or "", re.I)
    if match and (codec := _codec_name(match.group(1))):
        return codec
    match = _META_CHARSET.search(data[:4096])
    if match:
        return _codec_name(match.group(1).decode("ascii", "replace"))
    return None


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode a page's bytes: BOM, then UTF-8, then the declared charset, then detection.

    NUL characters are dropped; everything else is kept raw for the cleaner to sanitise.
    """
    for bom, codec in TEXT_BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace").replace("\x00", "")
    try:
        return data.decode("utf-8").replace("\x00", "")
    except UnicodeDecodeError:
        pass
    if declared and (codec := _codec_name(declared)) and codec not in {"utf-8", "utf_8"}:
        try:
            return data.decode(codec).replace("\x00", "")
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode(detect_encoding(data), errors="replace").replace("\x00", "")


def detect_encoding(data: bytes) -> str:
    """The likely encoding of non-UTF-8 bytes (charset-normalizer; cp1252 among Latin ones)."""
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data[:200_000]).best()
    except Exception:
        best = None
    fits_cp1252 = _decodes(data[:200_000], "cp1252")
    if best is None:
        return "cp1252" if fits_cp1252 else "utf-8"
    codec = codecs.lookup(best.encoding).name.replace("-", "_")
    if codec in _WESTERN_SINGLE_BYTE and fits_cp1252:
        return "cp1252"
    return best.encoding


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d",
    "%Y%m%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
)


def iso_date(value: str) -> str:
    """A date or date-time in ISO 8601 form (time kept when given), "" when it is not a date."""
    text = value.strip()
    if not text or len(text) > 64:
        return ""
    parsed: datetime | date | None = None
    has_time = False
    try:
        if len(text) <= 10 and "T" not in text and ":" not in text:
            parsed = date.fromisoformat(text)
        else:
            parsed, has_time = datetime.fromisoformat(text), True
    except ValueError:
        parsed = None
    if parsed is None:
        try:
            parsed, has_time = email.utils.parsedate_to_datetime(text), True
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None:
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt)
            except ValueError:
                continue
            has_time = "%H" in fmt
            break
    if parsed is None or not 1000 <= parsed.year <= 2999:
        return ""
    if isinstance(parsed, datetime) and has_time:
        spec = "microseconds" if parsed.microsecond else "seconds"
        return parsed.isoformat(timespec=spec)
    day = parsed.date() if isinstance(parsed, datetime) else parsed
    return day.isoformat()
