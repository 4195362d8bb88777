"""The corpus: reading dumps, cleaning, entities, the Whoosh index, search and related coverage."""

import index.format  # noqa: F401  (first: Whoosh imported lightly, with our fixes)
from index import old_names
from index.library import ArticleNotFound, Library, LibraryError

old_names.install()  # before anything unpickles a library written by an earlier version

__all__ = ["ArticleNotFound", "Library", "LibraryError"]
