"""Whoosh imported without what it imports and never uses: 40 ms of every start, 12 of a search.

Some Whoosh modules (and `dataclasses`, which our records and Whoosh's codec need) import far
more than they use of it:

- `whoosh.compat`, which every Whoosh module imports, does `from urllib.request import
  urlretrieve` (Python 2 compatibility, with ssl, email, http); nothing in Whoosh calls it.
- `whoosh.reading` takes `cached_property` from the package of that name, which imports
  `asyncio` (and with it ssl, logging, inspect) for coroutine support; Whoosh caches one plain
  property with it (`SegmentReader.deleted_docs_set`), which `functools.cached_property` does
  the same way (computed once, then kept in the instance's `__dict__`).
- `whoosh.query.terms` takes `variations` from `whoosh.lang.morph_en`, whose import compiles
  hundreds of English suffix patterns; only the `Variations` query (which we never build)
  calls it.
- `whoosh.filedb.filetables` takes `md5` from `hashlib`, which loads OpenSSL's library and its
  configuration file (4 ms) where Python's own MD5 (`_md5`, same digests, faster on Whoosh's
  short keys) is enough to hash a term.
- `whoosh.compat` also takes `escape` from `html` (with its table of 2,000 entities) for the
  highlighter's HTML formatter, and `whoosh.analysis.morph` takes `double_metaphone` (a module
  of sound rules) for the `DoubleMetaphoneFilter`; we use neither. It imports `queue` too, for
  the writer's worker processes (`whoosh.multiproc`), which we never start.
- `dataclasses` imports `inspect` (with `ast`, `dis`, `tokenize`: 7 ms) to write the `__doc__`
  of a dataclass that has none (every one of ours has a docstring); Python 3.12 and later also
  read each dataclass's annotations through it, so there the first dataclass imports it.

Importing this module puts a finder first in `sys.meta_path`: while one of those Whoosh modules
runs its import (and only then), each module it imports from is a stand-in (its functions import
the real one when called; `cached_property` is functools'), removed again as soon as that import
is done, so any other import of `urllib.request`, `html`, ... gets the real module; one already
imported is used as it is. Whoosh
modules are imported at start-up, before the program starts threads. The `index` package imports
this first, before any Whoosh module.

The same finder applies our fixes to Whoosh (`whoosh_fixes`) right after `whoosh.codec` is
imported, which every reader and writer of an index imports first (the TOC names its codec), so
that a verb that reads only the store (`index/format/toc.py` counts the index) imports no Whoosh.
"""

from __future__ import annotations

import functools
import importlib
import sys
import types
from importlib.machinery import ModuleSpec


def _urlretrieve(*args, **kwargs):
    """`urllib.request.urlretrieve`, imported when called (Whoosh never calls it)."""
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _escape(s: str, quote: bool = True) -> str:
    """`html.escape`, imported when called (by Whoosh's HTML highlighting only)."""
    from html import escape

    return escape(s, quote)


def _double_metaphone(word: str):
    """`whoosh.lang.dmetaphone.double_metaphone`, imported when called."""
    from whoosh.lang.dmetaphone import double_metaphone

    return double_metaphone(word)


def _forward(name: str) -> dict[str, object]:
    """A stand-in for a module imported whole (`import queue`): its names come from the real one,
    imported the first time one is asked for."""

    def __getattr__(attribute: str) -> object:
        return getattr(importlib.import_module(name), attribute)

    return {"__getattr__": __getattr__}


def _variations(word: str):
    """`whoosh.lang.morph_en.variations`, imported when called (by `Variations` queries only)."""
    from whoosh.lang.morph_en import variations

    return variations(word)


try:
    from _md5 import md5 as _builtin_md5
except ImportError:  # a Python built without its own hashes: OpenSSL's, through hashlib
    _builtin_md5 = None

# Whoosh module -> {a module it imports from: what of it the stand-in holds}
STAND_INS: dict[str, dict[str, dict[str, object]]] = {
    "whoosh.compat": {
        "urllib.request": {"urlretrieve": _urlretrieve},
        "html": {"escape": _escape},
        "queue": _forward("queue"),
    },
    "whoosh.reading": {"cached_property": {"cached_property": functools.cached_property}},
    "whoosh.query.terms": {"whoosh.lang.morph_en": {"variations": _variations}},
    "whoosh.filedb.filetables": {"hashlib": {"md5": _builtin_md5}} if _builtin_md5 else {},
    "whoosh.analysis.morph": {"whoosh.lang.dmetaphone": {"double_metaphone": _double_metaphone}},
    "dataclasses": {"inspect": _forward("inspect")},
}


# Whoosh module -> our module imported as soon as it is (before whoever imported it goes on)
AFTER = {"whoosh.codec": "index.format.whoosh_fixes"}


class _Loader:
    """The loader of a Whoosh module in `STAND_INS` or `AFTER`: its own, with the stand-ins in
    place while the module runs, then what comes after it (the rest is the real loader's)."""

    def __init__(self, loader, stand_ins: dict[str, dict[str, object]]) -> None:
        self._loader = loader
        self._stand_ins = stand_ins

    def __getattr__(self, attribute: str):
        return getattr(self._loader, attribute)

    def create_module(self, spec: ModuleSpec):
        return self._loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        placed = {}
        for name, attributes in self._stand_ins.items():
            if name in sys.modules:  # imported already: the real one
                continue
            stand_in = types.ModuleType(name, f"a stand-in while {module.__name__} runs")
            vars(stand_in).update(attributes)
            sys.modules[name] = placed[name] = stand_in
        try:
            self._loader.exec_module(module)
        finally:
            for name, stand_in in placed.items():
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]
        if module.__name__ in AFTER:
            importlib.import_module(AFTER[module.__name__])


class _Finder:
    """Finds the modules of `STAND_INS` and `AFTER` as the other finders do, with `_Loader`."""

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        if fullname not in STAND_INS and fullname not in AFTER:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None) if finder is not self else None
            spec = find(fullname, path, target) if find else None
            if spec is not None and spec.loader is not None:
                spec.loader = _Loader(spec.loader, STAND_INS.get(fullname, {}))
                return spec
        return None


_FINDER = _Finder()


def install() -> None:
    """Put the finder first in `sys.meta_path` (once per process); the fixes at once if Whoosh's
    codec was imported before."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
    for name, after in AFTER.items():
        if name in sys.modules:
            importlib.import_module(after)


install()
