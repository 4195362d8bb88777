"""Ingest: read dumps, clean pages and find entities in worker processes, write one index."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from index.cleaning import FurnitureModel
from index.format import (
    PreparedDoc,
    add_prepared,
    document_for,
    library_codec,
    prepare,
    schema_matches,
)
from index.ingest_worker import CLEANING_FAILED, process_pages
from index.merge_policy import FULL, merge_tiers
from index.reading import iter_pages
from index.records import Article, IngestReport, Page, Skipped
from index.store import ArticleStore
from index.text import sanitize_line
from index.versions import VersionIndex
from index.worker_guard import guard_worker, starting_workers

BATCH_PAGES = 400  # pages cleaned per worker task
COMMIT_ARTICLES = FULL  # articles per index commit (what an interruption can lose at most)
WRITER_LIMIT_MB = 256  # postings Whoosh sorts in memory before it spills a run to disk
PARALLEL_THRESHOLD = 300  # fewer pages than this are cleaned in-process
# Tasks a worker may have queued: enough to keep it busy while the indexer commits (a commit of
# COMMIT_ARTICLES took as long as 2 tasks: the workers stood idle through most of every commit).
QUEUED_PER_WORKER = 4
LEGACY_VERSIONS = "versions.pickle"  # earlier versions' version index: never read, removed


@dataclass(slots=True)
class Progress:
    """Where an ingest stands, posted to the progress callback."""

    pages: int = 0  # or, in a stage, its articles done
    total: int | None = None
    report: IngestReport = field(default_factory=IngestReport)
    stage: str = ""  # what runs after the pages (grouping stories), shown on a line of its own
    once: bool = False  # the stage is a one-time conversion of an older library: say so


ProgressCallback = Callable[[Progress], None]


def page_hash(page: Page) -> str:
    h = hashlib.sha1()
    for part in (page.text, page.url, page.date, page.title, page.source):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def estimate_pages(paths: Sequence[str | Path]) -> int | None:
    """A quick count of the pages in the inputs (files and JSON lines), None when unknown."""
    total = 0
    for p in map(Path, paths):
        files = [p] if p.is_file() else [f for f in p.rglob("*") if f.is_file()]
        for f in files:
            name = f.name.lower()
            if ".warc" in name or name.endswith((".wet", ".wet.gz")):
                return None
            if name.endswith((".jsonl", ".ndjson", ".json")):
                with f.open("rb") as fh:
                    total += sum(
                        chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")
                    )
            elif name.endswith(".gz"):
                return None
            else:
                total += 1
    return total


def _batches(items: Iterable[Page | Skipped], size: int) -> Iterator[list[Page | Skipped]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Ingest:
    """One `index` run over some dumps into an open library's store and Whoosh index."""

    def __init__(
        self, store: ArticleStore, whoosh_index, library_dir: Path, keep_all: bool = False
    ) -> None:
        self.store = store
        self.keep_all = keep_all  # keep listings and junk pages as articles too
        self.ix = whoosh_index
        self.dir = library_dir
        self.report = IngestReport()
        self.furniture = self._load_furniture()
        self.versions = VersionIndex.load(store)
        (library_dir / LEGACY_VERSIONS).unlink(missing_ok=True)  # its versions are in the store
        self._known_hashes: dict[str, dict[str, str]] = {}
        self._batch_hashes: dict[str, str] = {}
        self.can_prepare = schema_matches(whoosh_index.schema)
        self.prepare_docs = self.can_prepare  # workers analyse while they are ahead of the indexer
        self._writer = None  # open between the first article of a commit and the commit
        self.words: set[bytes] = set()  # the body words of this commit (index/search/vocabulary)
        self.story_profiles: dict[str, bytes] = {}  # article -> packed, for placing after the run
        self.pool: ProcessPoolExecutor | None = None  # the workers, kept for placing until close

    def _load_furniture(self) -> FurnitureModel:
        saved = self.store.get_meta("furniture")
        if saved:
            try:
                return FurnitureModel.from_dict(json.loads(saved))
            except (ValueError, KeyError, TypeError):
                pass
        return FurnitureModel()

    def _unchanged(self, page: Page, phash: str) -> bool:
        known = self._known_hashes.get(page.dump)
        if known is None:
            known = self._known_hashes[page.dump] = self.store.page_hashes(page.dump)
        return known.get(page.key) == phash

    def run(
        self,
        paths: Sequence[str | Path],
        dump: str | None = None,
        progress: ProgressCallback | None = None,
        should_stop: Callable[[], bool] | None = None,
        workers: int | None = None,
    ) -> IngestReport:
        started = time.perf_counter()
        state = Progress(total=estimate_pages(paths), report=self.report)
        workers = workers or max(1, min(os.cpu_count() or 1, 4))
        parallel = workers > 1 and (state.total is None or state.total >= PARALLEL_THRESHOLD)
        pool = self.pool = (
            ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=guard_worker,
                initargs=(os.getpid(),),
            )
            if parallel
            else None
        )
        pending: list[tuple[list[tuple[Page, str]], Future | list]] = []
        read = 0
        self.writer_rows: list[Article] = []  # indexed, not yet committed
        self.page_rows: list[tuple[str, str, str, str | None, str]] = []
        seen: dict[tuple[str, str], str] = {}  # (dump, key) -> origin of the pages of this call
        try:
            for batch in _batches(iter_pages(paths, dump), BATCH_PAGES):
                if should_stop and should_stop():
                    self.report.interrupted = True
                    break
                todo: list[tuple[Page, str]] = []
                for item in batch:
                    item.origin = sanitize_line(item.origin)  # file names come from strangers too
                    if isinstance(item, Skipped):
                        self.report.skip(item)
                        continue
                    item.dump = sanitize_line(item.dump) or "dump"
                    first = seen.setdefault((item.dump, item.key), item.origin)
                    if first != item.origin:  # the WARC and the WET of one crawl: the first
                        self.report.repeated += 1  # is the page, counted once
                        continue
                    phash = page_hash(item)
                    if self._unchanged(item, phash):
                        self.report.unchanged += 1
                        continue
                    todo.append((item, phash))
                    if not item.title and not item.is_html:  # markup is no furniture line
                        self.furniture.observe(item)
                read += len(batch)
                if todo:
                    pages = [p for p, _ in todo]
                    if pool:
                        with starting_workers():
                            future = pool.submit(
                                process_pages,
                                pages,
                                self.furniture,
                                self.prepare_docs,
                                self.keep_all,
                                self.can_prepare,  # the library's analyser: the workers'
                            )
                        pending.append((todo, future))
                    else:
                        pending.append(
                            (
                                todo,
                                process_pages(
                                    pages,
                                    self.furniture,
                                    keep_all=self.keep_all,
                                    profile_stories=self.can_prepare,
                                ),
                            )
                        )
                while pending and (len(pending) > workers * QUEUED_PER_WORKER or not pool):
                    if isinstance(pending[0][1], Future):
                        # Workers done before the indexer asks: it is the bottleneck, let them
                        # analyse too; else they are, and the indexer analyses.
                        self.prepare_docs = self.can_prepare and pending[0][1].done()
                    self._collect(*pending.pop(0))
                if len(self.writer_rows) >= COMMIT_ARTICLES:
                    self._flush()
                if progress:  # pages done: read, less those still with the workers
                    state.pages = read - sum(len(todo) for todo, _ in pending)
                    progress(state)
            for todo, result in pending:
                if should_stop and should_stop():
                    self.report.interrupted = True
                if self.report.interrupted and isinstance(result, Future) and not result.done():
                    result.cancel()  # stopping: keep what is cleaned, leave the rest for next time
                    continue
                self._collect(todo, result)
                if len(self.writer_rows) >= COMMIT_ARTICLES:
                    self._flush()
                if progress:
                    state.pages += len(todo)
                    progress(state)
            pending.clear()
            self._flush()
        except KeyboardInterrupt:
            self.report.interrupted = True
            for _, result in pending:
                if isinstance(result, Future):
                    result.cancel()
            self._flush()
        except BaseException:
            self.close()
            raise
        finally:
            if self._writer is not None:  # an error on the way: what was not committed is lost
                self._abort()
        self.report.seconds = time.perf_counter() - started
        if progress:
            state.pages = read
            progress(state)
        return self.report

    def close(self) -> None:
        """Stop the workers (kept after `run` to make story placings: `placing_pool.py`)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _collect(self, todo: list[tuple[Page, str]], result: Future | list) -> None:
        outputs = result.result() if isinstance(result, Future) else result
        by_origin = {page.origin: (page, phash) for page, phash in todo}
        new: list[tuple[Article, PreparedDoc | None]] = []
        i = 0
        while i < len(outputs):
            item = outputs[i]
            if isinstance(item, Skipped):
                self.report.skip(item)
                # A page the cleaner failed on is not remembered: the next run (perhaps with a
                # fixed cleaner) tries it again. Pages with no article are remembered as seen.
                if item.origin in by_origin and item.reason != CLEANING_FAILED:
                    page, phash = by_origin[item.origin]
                    self.page_rows.append((page.dump, page.key, phash, None, item.reason))
                i += 1
                continue
            (minhash, bands, prepared, profile), i = outputs[i + 1 : i + 5], i + 5
            page, phash = by_origin[item.origin]
            self._place(item, minhash, bands, page.key in self._known_hashes.get(page.dump, {}))
            if profile is not None:
                self.story_profiles[item.id] = profile
            self.writer_rows.append(item)
            self.page_rows.append((page.dump, page.key, phash, item.id, ""))
            new.append((item, prepared))
        if new:
            self._index(new)

    def _open_writer(self):
        if self._writer is None:
            self.store.set_meta("ingest_pending", "1")
            self.store.commit()
            self._writer = self.ix.writer(limitmb=WRITER_LIMIT_MB, codec=library_codec())
        return self._writer

    def _abort(self) -> None:
        """Forget what is written but not committed, in the index and in the store."""
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None
        self.store.db.rollback()
        self.writer_rows.clear()  # their pages are not recorded either: the next run redoes them
        self.page_rows.clear()
        self.words.clear()

    def _index(self, rows: list[tuple[Article, PreparedDoc | None]]) -> None:
        """Hand articles to the Whoosh writer now (the postings wait in its pool, not here)."""
        writer = self._open_writer()
        known = self.store.headers([article.id for article, _ in rows])
        try:
            for article, prepared in rows:
                if not self.can_prepare:  # an index of another schema: Whoosh's own path
                    writer.update_document(**document_for(article))
                    continue
                if article.id in known:
                    writer.delete_by_term("id", article.id)
                add_prepared(writer, doc := prepared or prepare(article), article)
                self.words.update(doc.spelling.get("body", ()))
        except BaseException:
            self._abort()
            raise

    def _place(self, article: Article, minhash, bands: list[int], was_known: bool) -> None:
        """Mark the article as a copy or a version of articles already known."""
        if was_known:
            self.report.updated += 1
        else:
            self.report.added += 1
        group = self._batch_hashes.get(article.content_hash) or self.store.first_with_hash(
            article.content_hash
        )
        if group and group != article.id:
            article.copy_group = group
            self.report.copies += 1
        else:
            article.copy_group = article.id
            self._batch_hashes[article.content_hash] = article.id
        version_of = self.versions.find(article.id, minhash, article.copy_group, bands)
        if version_of and version_of != article.copy_group:
            article.version_group = version_of
            self.report.versions += article.copy_group == article.id
        else:
            article.version_group = article.copy_group
        self.versions.add(article.id, minhash, article.version_group, article.copy_group, bands)

    def _flush(self) -> None:
        """Commit what has been cleaned: Whoosh first, then the store, so neither runs ahead."""
        if not self.writer_rows and not self.page_rows:
            return
        writer = self._open_writer()
        try:
            self.store.put_articles(self.writer_rows)
            self.store.put_pages(self.page_rows)
            self.store.put_words(w.decode("utf-8") for w in self.words)
            self.versions.save(self.store)
            self.store.set_meta("furniture", json.dumps(self.furniture.to_dict()))
            writer.commit(mergetype=merge_tiers)  # never the whole library for a small add
            self._writer = None
        except BaseException:
            self._abort()
            raise
        self.store.set_meta("ingest_pending", "0")
        self.store.commit()
        self.writer_rows.clear()
        self.page_rows.clear()
        self.words.clear()


_SLUG = re.compile(r"[^\w.-]+")


def dump_label(name: str) -> str:
    """A dump name safe to show and to use as an index term."""
    return _SLUG.sub("-", name).strip("-") or "dump"
