"""Search: the query language, matching and ranking over the index's arrays, and snippets."""

import importlib

_HOMES = {"SearchEngine": "engine", "QuerySyntaxError": "query", "parse_query": "query"}


def __getattr__(name: str) -> object:
    """A public name, imported from its module the first time it is asked for (PEP 562): the
    query's date grammar (`query_dates`) is read without the engine and numpy."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = ["QuerySyntaxError", "SearchEngine", "parse_query"]
