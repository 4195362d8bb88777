"""The corpus: reading dumps, cleaning, entities, the Whoosh index, search and related coverage."""

from index.library import ArticleNotFound, Library, LibraryError

__all__ = ["ArticleNotFound", "Library", "LibraryError"]
