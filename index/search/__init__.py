"""Search: the query language, matching and ranking over the index's arrays, and snippets."""

from index.search.engine import SearchEngine
from index.search.query import QuerySyntaxError, parse_query

__all__ = ["QuerySyntaxError", "SearchEngine", "parse_query"]
