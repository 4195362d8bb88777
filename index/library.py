"""The front door of the corpus: one `Library` that the command line and the reader both use."""

from __future__ import annotations

import errno
import fcntl
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from index.format import live_documents
from index.library_index import LibraryError, LibraryIndex
from index.library_stories import LibraryStories
from index.marks import BadTag, MarkStore
from index.records import Article, EntityCard, EntityCount, Stats, language_name
from index.store import ArticleStore

TYPE_CHECKING = False  # typing's constant: importing typing costs every verb 3 ms
if TYPE_CHECKING:
    from typing import TextIO

    from index.ingest import ProgressCallback
    from index.records import IngestReport, Related, SearchResult
    from index.related import RelatedFinder
    from index.search import SearchEngine


INDEX_FILES = ("articles.db", "articles.db-wal", "articles.db-shm", "versions.pickle")


def _remove_index_files(path: Path) -> None:
    for name in INDEX_FILES:
        (path / name).unlink(missing_ok=True)
    whoosh_dir = path / "whoosh"
    if whoosh_dir.is_dir():
        for f in whoosh_dir.iterdir():
            f.unlink()


def _stopped_message(path: Path, exc: BaseException) -> str:
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "disk is full" in str(exc):
        reason = "the disk is full"
    elif type(exc).__name__ == "BrokenProcessPool":  # its module is imported by `add` only
        reason = "a worker process died (out of memory?)"
    else:
        reason = f"{type(exc).__name__}: {exc}"
    return (
        f"indexing into {path} stopped: {reason}; the library keeps what it held before this "
        "batch: fix that and run the same command again"
    )


def wipe_library(path: str | Path) -> None:
    """Remove a library's store and search index, even damaged ones (its reader state stays)."""
    path = Path(path).expanduser()
    if not path.is_dir():
        return
    try:
        with (path / "ingest.lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                _remove_index_files(path)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
    except OSError as exc:
        raise LibraryError(f"cannot rebuild the library in {path}: {exc.strerror}") from None


class ArticleNotFound(LibraryError):
    pass


class Library(LibraryStories, LibraryIndex):
    """A folder holding the Whoosh index, the article store and the reader's own state."""

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = Path(path).expanduser()
        self.readonly = readonly
        self._open()

    def _open(self) -> None:
        path = self.path
        if not self.readonly:
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                why = "is a file" if path.is_file() else f"cannot be created: {exc.strerror}"
                raise LibraryError(f"library folder {path} {why}") from None
            if not os.access(path, os.W_OK):
                self.readonly = True
        if not path.is_dir():
            raise LibraryError(f"library folder {path} does not exist")
        if not os.access(path, os.R_OK | os.X_OK):
            raise LibraryError(f"library folder {path} is not readable")
        whoosh_dir = path / "whoosh"
        db_path = path / "articles.db"
        try:
            if self.readonly and not db_path.exists():
                raise LibraryError(f"{path} holds no library (run `newsreader index` first)")
            self.store = ArticleStore(db_path, readonly=self.readonly)
            if not self.readonly:
                whoosh_dir.mkdir(exist_ok=True)
            self._ix = self._ix_reader = None  # opened on first use (`LibraryIndex`)
            self._engine: SearchEngine | None = None
            self._finder: RelatedFinder | None = None
            # The index's TOC and segment files, read without Whoosh, find a damaged index and
            # count it; Whoosh opens it with the first query or write (`stats`, `show`, `export`
            # need none), and at once when that read cannot tell (Whoosh then says what is wrong).
            indexed = live_documents(whoosh_dir)
            if indexed is None:
                indexed = self._reader.doc_count()
            if not self.readonly and self._needs_repair(indexed):
                with self._writer_lock(wait=False) as got:
                    if got and self._needs_repair(self.ix.doc_count()):  # no indexer: repair
                        from index.repair import reconcile

                        reconcile(self.store, self.ix)
                        if self._ix_reader is not None:  # read before the repair: anew
                            self._ix_reader.close()
                            self._ix_reader = None
            self.marks = MarkStore(path, readonly=self.readonly)
        except Exception as exc:
            raise self._damaged(exc) from None

    def _needs_repair(self, indexed: int) -> bool:
        """An interrupted ingest, or a search index that lost articles the store holds."""
        if self.store.get_meta("ingest_pending") == "1":
            return True
        return indexed != self.store.count()

    @property
    def engine(self) -> SearchEngine:
        if self._engine is None:
            from whoosh.searching import Searcher

            from index.search import SearchEngine

            searcher = Searcher(self._reader, fromindex=self.ix)
            self._engine = SearchEngine(self.ix, self.store, searcher=searcher, marks=self.marks)
        return self._engine

    @property
    def finder(self) -> RelatedFinder:
        if self._finder is None:
            from index.related import RelatedFinder

            self._finder = RelatedFinder(self.engine, self.store)
        return self._finder

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
        elif self._ix_reader is not None:
            self._ix_reader.close()
        self.store.close()
        self.marks.close()
        if self._ix is not None:
            self._ix.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------------

    @contextmanager
    def _writer_lock(self, wait: bool = True, on_wait: Callable[[], None] | None = None):
        with (self.path / "ingest.lock").open("a") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not wait:
                    yield False
                    return
                if on_wait:
                    on_wait()
                fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield True
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def add(
        self,
        paths: Sequence[str | Path],
        dump: str | None = None,
        progress: ProgressCallback | None = None,
        should_stop: Callable[[], bool] | None = None,
        on_wait: Callable[[], None] | None = None,
        workers: int | None = None,
        keep_all: bool = False,
    ) -> IngestReport:
        """Add dumps (folders, JSON Lines, WET/WARC, HTML); only new or changed pages cleaned.

        Listings and junk pages are counted as skipped with their reason unless `keep_all`."""
        if self.readonly:
            raise LibraryError(f"library folder {self.path} is read-only: cannot add to it")
        for p in paths:
            if not Path(p).exists():
                raise LibraryError(f"{p}: no such file or folder")
        from concurrent.futures.process import BrokenProcessPool  # 0.1 s: not for readers

        from index.ingest import Ingest
        from index.repair import reconcile
        from index.worker_guard import rare_collections

        try:
            with self._writer_lock(on_wait=on_wait), rare_collections():
                if self.store.get_meta("ingest_pending") == "1":
                    reconcile(self.store, self.ix)
                self.store.set_meta("added", "1")  # `is_new` no more, even if nothing is added
                whole = self.store.count() > 0 and self.needs_stories()  # older articles too
                ingest = Ingest(self.store, self.ix, self.path, keep_all)
                try:
                    report = ingest.run(paths, dump, progress, should_stop, workers)
                    self.finder.after_ingest()  # the new commit, and what the next process reads
                    self._place_stories(ingest.story_profiles, progress, whole, ingest.pool)
                finally:
                    ingest.close()
        except (OSError, sqlite3.OperationalError, BrokenProcessPool) as exc:
            # A full disk, a lost folder, a worker killed for memory: the batch in hand is rolled
            # back (the next open reconciles the search index with the store).
            self.store.db.rollback()
            raise LibraryError(_stopped_message(self.path, exc)) from None
        return report

    def rebuild(self) -> None:
        """Forget everything indexed (the caller then adds the dumps again)."""
        if self.readonly:
            raise LibraryError(f"library folder {self.path} is read-only: cannot rebuild it")
        with self._writer_lock():
            self.close()
            _remove_index_files(self.path)
            self._open()

    # -- reading --------------------------------------------------------------------------------

    @property
    def is_new(self) -> bool:
        """Nothing was ever added: no article, and no `add` run (one that found none counts)."""
        return self.store.count() == 0 and self.store.get_meta("added") is None

    def refresh(self) -> bool:
        """Pick up what another process committed; True when something changed."""
        return self.engine.refresh()

    def resolve_id(self, article_id: str) -> str:
        """An article id, any unique prefix of one (as git takes commits, case aside), or the
        `id` a JSON Lines record gave its article."""
        given = article_id.strip()
        if given and self.store.headers([given]):
            return given
        matches = self.store.ids_for_key(given) if given else []
        if not matches and given:
            matches = self.store.ids_with_prefix(given.lower(), limit=6)
        if len(matches) == 1:
            return matches[0]
        if matches:
            shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
            raise ArticleNotFound(f"article id {given!r} is ambiguous: it may be {shown}")
        raise ArticleNotFound(f"no article with id {given!r} in {self.path}")

    def article(self, article_id: str) -> Article:
        found = self.store.get(self.resolve_id(article_id))
        assert found is not None
        return self._with_story(found)

    def search(
        self,
        query: str,
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",
        snippets: bool = True,
        filters: dict[str, str] | None = None,
    ) -> SearchResult:
        """Search the library; an empty query lists articles newest first. Never raises on input."""
        return self.engine.search(
            query, limit=limit, offset=offset, sort=sort, snippets=snippets, filters=filters
        )

    def related(self, article_id: str, limit: int = 10) -> Related:
        return self.finder.related(self.article(article_id), limit=limit)

    def entities(
        self, kind: str | None = None, dump: str | None = None, prefix: str = "", limit: int = 50
    ) -> list[EntityCount]:
        if dump:
            dumps = self.store.counts_by("dump")
            named = [d for d in dumps if d.casefold() == dump.casefold()]
            if not named:
                raise LibraryError(
                    f"no dump named {dump!r} in {self.path} (it has: {', '.join(dumps) or 'none'})"
                )
            dump = dump if dump in dumps else named[0]
        return self.store.top_entities(kind=kind, dump=dump, prefix=prefix, limit=limit)

    def entity_card(self, name: str, kind: str) -> EntityCard:
        card = self.store.entity_card(name, kind)
        if card is None:
            raise LibraryError(f"no {kind} named {name!r} in the library")
        return card

    # -- read state and tags (kept across rebuilds, in marks.db) ----------------------------------

    def _writable_marks(self) -> MarkStore:
        if self.readonly:
            raise LibraryError(f"library folder {self.path} is read-only: cannot mark articles")
        return self.marks

    def mark_read(self, article_ids: Sequence[str], read: bool = True) -> list[str]:
        """Mark articles (ids or unique prefixes) read or unread; their full ids."""
        ids = [self.resolve_id(i) for i in article_ids]
        try:
            self._writable_marks().set_read(ids, read)
        except sqlite3.Error as exc:
            raise LibraryError(f"cannot write {self.marks.path}: {exc}") from None
        return ids

    def tag(
        self, article_id: str, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> list[str]:
        """Add and remove tags of one article (in one transaction); its tags after."""
        aid = self.resolve_id(article_id)
        try:
            return self._writable_marks().change_tags(aid, add, remove)
        except BadTag as exc:
            raise LibraryError(str(exc)) from None
        except sqlite3.Error as exc:
            raise LibraryError(f"cannot write {self.marks.path}: {exc}") from None

    def marks_of(self, article_ids: Sequence[str]) -> tuple[set[str], dict[str, list[str]]]:
        """(the read ones, id -> tags) among full article ids."""
        return self.marks.marks_of(article_ids)

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag with the number of articles carrying it, most used first."""
        return self.marks.tag_counts()

    def export(self, query: str = "") -> Iterator[Article]:
        """Every article, or those a query finds (best first, copies collapsed)."""
        return self._with_stories(self._export_articles(query))

    def _export_articles(self, query: str) -> Iterator[Article]:
        if not query.strip():
            yield from self.store.iter_articles()
            return
        total = self.search(query, limit=0, snippets=False).total
        hits = self.search(query, limit=total, snippets=False).hits
        for start in range(0, len(hits), 200):
            ids = [h.id for h in hits[start : start + 200]]
            found = self.store.get_many(ids)
            yield from (found[i] for i in ids if i in found)

    def export_to(self, out: TextIO, fmt: str = "jsonl", query: str = "") -> int:
        """Write the articles (all, or a query's) as jsonl, csv or md; how many were written."""
        from index import export

        if fmt not in export.FORMATS:
            raise LibraryError(f"unknown export format {fmt!r}: use {', '.join(export.FORMATS)}")
        return export.write(self.export(query), out, fmt, lambda ids: self.marks_of(ids)[1])

    def entities_note(self, article: Article) -> str:
        """What the sidebar says of an article in a language the full rules do not read, or ""."""
        from index.entities import coverage_note  # not loaded by read-only verbs

        text = article.title + " " + " ".join(article.paragraphs[:3])
        return coverage_note(article.language, language_name(article.language), text)

    def size(self) -> Stats:
        """Articles and dumps only: sources and languages left empty (they scan every article)."""
        return Stats(self.store.count(), self.store.counts_by("dump"), {}, {}, str(self.path))

    def stats(self) -> Stats:
        languages = {language_name(c) or c: n for c, n in self.store.counts_by("language").items()}
        return replace(self.size(), sources=self.store.counts_by("source"), languages=languages)
