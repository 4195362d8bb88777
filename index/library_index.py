"""A library's Whoosh index, opened on first use (the verbs that read only the store never do)."""

from __future__ import annotations

from pathlib import Path

TYPE_CHECKING = False  # typing's constant: importing typing costs every verb 3 ms
if TYPE_CHECKING:
    from whoosh.fields import Schema
    from whoosh.index import FileIndex
    from whoosh.reading import IndexReader


class LibraryError(Exception):
    """A problem a user can act on, said in one line (naming the folder, file, id or query)."""


class LibraryIndex:
    """The index and its segment reader of `Library` (a mixin: it uses the library's path and
    read-only flag; `Library._open` counts the index without Whoosh, `index.format.toc`)."""

    path: Path
    readonly: bool
    _ix: FileIndex | None
    _ix_reader: IndexReader | None

    def _damaged(self, exc: Exception) -> LibraryError:
        """A problem opening the library, said in one line (whatever the files on disk hold)."""
        if isinstance(exc, LibraryError):
            return exc
        return LibraryError(
            f"the library in {self.path} is damaged ({type(exc).__name__}: {exc}); "
            "run `newsreader index --rebuild PATH...` to build it again"
        )

    def _new_schema(self) -> Schema:
        """The schema of a new index (tests of old libraries give an earlier one)."""
        from index.format import build_schema

        return build_schema()

    @property
    def ix(self) -> FileIndex:
        """The Whoosh index, opened (or created) on first use."""
        if self._ix is None:
            from whoosh import index as whoosh_index
            from whoosh.filedb.filestore import FileStorage

            whoosh_dir = self.path / "whoosh"
            try:
                storage = FileStorage(str(whoosh_dir), supports_mmap=False)
                if whoosh_index.exists_in(str(whoosh_dir)):
                    self._ix = storage.open_index()
                elif self.readonly:
                    raise LibraryError(
                        f"{self.path} holds no search index: run `newsreader index --rebuild`"
                    )
                else:
                    self._ix = storage.create_index(self._new_schema())
            except Exception as exc:
                raise self._damaged(exc) from None
        return self._ix

    @property
    def _reader(self) -> IndexReader:
        """A reader of the index's segments, opened on first use (it finds a damaged one)."""
        if self._ix_reader is None:
            index = self.ix
            try:
                self._ix_reader = index.reader()
            except Exception as exc:
                raise self._damaged(exc) from None
        return self._ix_reader
