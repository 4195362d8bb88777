"""Old module paths of classes that libraries written by earlier versions hold in their pickles.

A Whoosh TOC pickles the schema (field types, analysers, our formats) and each segment's codec
by class path: libraries written before the index was split into rooms name `index.schema` and
the like (their `versions.pickle` is never unpickled). `install` registers each old name as an
alias of the module that now holds those classes, so unpickling finds the same classes.
Nothing else should use these names; keep them while libraries of those versions may be opened.
"""

from __future__ import annotations

import importlib
import sys

OLD_NAMES = {
    "index.schema": "index.format.schema",
    "index.packed_formats": "index.format.packed_formats",
    "index.packed_postings": "index.format.packed_postings",
}


def install() -> None:
    """Alias each old name to its module (imported if need be), in `sys.modules` only."""
    for old, new in OLD_NAMES.items():
        sys.modules.setdefault(old, importlib.import_module(new))
