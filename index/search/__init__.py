"""Search: the query language, matching and ranking over the index's arrays, and snippets."""

from index.lazy import lazy_names

# Imported on first use: the query's date grammar (`query_dates`) is read without the engine.
_HOMES = {"SearchEngine": "engine", "QuerySyntaxError": "query", "parse_query": "query"}


__getattr__ = lazy_names(__name__, _HOMES)


__all__ = ["QuerySyntaxError", "SearchEngine", "parse_query"]
