"""Old module paths of classes that libraries written by earlier versions hold in their pickles.

A Whoosh TOC pickles the schema (field types, analysers, our formats) and each segment's codec
by class path: libraries written before the index was split into rooms name `index.schema` and
the like (their `versions.pickle` is never unpickled). `install` makes each old name an alias of
the module that now holds those classes, imported only when something (unpickling) imports the
old name, so unpickling finds the same classes and a process that opens no such library pays
nothing. Nothing else should use these names; keep them while libraries of those versions may
be opened.
"""

from __future__ import annotations

import importlib
import sys
import types
from importlib.machinery import ModuleSpec

OLD_NAMES = {
    "index.schema": "index.format.schema",
    "index.packed_formats": "index.format.packed_formats",
    "index.packed_postings": "index.format.packed_postings",
}


class _Alias:
    """The finder and loader (`sys.meta_path`) of the old names: each is loaded as the module of
    its new name, the same module object."""

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        if fullname not in OLD_NAMES:
            return None
        return ModuleSpec(fullname, self)

    def create_module(self, spec) -> types.ModuleType:
        module = importlib.import_module(OLD_NAMES[spec.name])
        spec.loader_state = module.__spec__  # the import system sets the alias's spec on it
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        module.__spec__ = module.__spec__.loader_state  # its own again; it ran when imported


_ALIAS = _Alias()


def install() -> None:
    """Let each old name be imported as its new module (once per process)."""
    if _ALIAS not in sys.meta_path:
        sys.meta_path.insert(0, _ALIAS)
