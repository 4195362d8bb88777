"""A full disk in the middle of an ingest: a clear message, and the library as before that batch."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from attacks import SEED_000
from faults import write_pages
from whoosh.writing import SegmentWriter

import index.ingest as ingest
from index.library import Library
from index.store import ArticleStore
from reader.cli import main

SEEDS = SEED_000.parent


def snapshot(path: Path) -> tuple[list[str], list[str], int]:
    """(stored ids, indexed ids, hits for a word every article has) of a library."""
    with Library(path) as library:
        stored = sorted(a.id for a in library.export())
        with library.ix.searcher() as searcher:
            indexed = sorted(f["id"] for f in searcher.all_stored_fields())
        hits = library.search("said").total
    return stored, indexed, hits


@pytest.fixture
def library(tmp_path) -> Path:
    path = tmp_path / "library"
    with Library(path) as lib:
        lib.add([SEEDS], dump="seeds")
    return path


def failing_after(calls: int, error: Exception):
    """A replacement method that works `calls` times, then raises `error`."""

    def install(cls, name: str, monkeypatch) -> None:
        original = getattr(cls, name)
        seen = {"n": 0}

        def method(self, *args, **kwargs):
            seen["n"] += 1
            if seen["n"] > calls:
                raise error
            return original(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, method)

    return install


ENOSPC = OSError(errno.ENOSPC, "No space left on device")
SQLITE_FULL = sqlite3.OperationalError("database or disk is full")


@pytest.mark.parametrize(
    "where",
    ["search index commit", "store commit after the index committed", "store write"],
)
def test_disk_full_stops_the_ingest_with_a_clear_message(
    library, tmp_path, capfd, where, monkeypatch
):
    before = snapshot(library)
    pages = tmp_path / "wire"
    write_pages(pages, 30)
    if where == "search index commit":
        failing_after(0, ENOSPC)(SegmentWriter, "commit", monkeypatch)
    elif where == "store commit after the index committed":
        failing_after(1, SQLITE_FULL)(ArticleStore, "commit", monkeypatch)  # 1st: the pending mark
    else:
        failing_after(0, SQLITE_FULL)(ArticleStore, "put_pages", monkeypatch)
    status = main(["--library", str(library), "index", str(pages), "--workers", "1"])
    _out, err = capfd.readouterr()
    assert status == 1
    lines = err.strip().splitlines()
    assert "Traceback" not in err and len(lines) == 1, err
    assert str(library) in lines[-1] and "disk is full" in lines[-1], lines[-1]
    monkeypatch.undo()
    assert snapshot(library) == before  # nothing of the failed batch, nothing lost
    status = main(["--library", str(library), "index", str(pages), "--workers", "1"])
    assert status == 0
    stored, indexed, _hits = snapshot(library)
    assert stored == indexed and len(stored) == len(before[0]) + 30


def test_disk_full_on_a_later_batch_keeps_the_batches_before_it(library, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "COMMIT_ARTICLES", 10)
    monkeypatch.setattr(ingest, "BATCH_PAGES", 5)
    pages = tmp_path / "wire"
    write_pages(pages, 40)
    failing_after(2, ENOSPC)(SegmentWriter, "commit", monkeypatch)  # two batches go through
    with Library(library) as lib, pytest.raises(Exception, match="disk is full"):
        lib.add([pages], workers=1)
    monkeypatch.undo()
    stored, indexed, _ = snapshot(library)
    assert stored == indexed
    assert len(stored) == 2 + 20  # the seeds and the two committed batches of ten
