"""How many documents a Whoosh index holds, read from its files without importing Whoosh.

A verb that reads only the store (`show`, `stats`, `story`, `entities`, `export` of all articles)
still opens the index to find a damaged one and to compare its count with the store's (an
interrupted `index` run). Whoosh's `open_dir` and reader import 30 modules for that (its fields,
analysers, codecs and matchers, 40 ms). Here the latest TOC (`_MAIN_<generation>.toc`) is read
as Whoosh writes it: the header, the schema's pickle skipped, the segments' pickle loaded with
its classes as plain attribute holders (no code of theirs runs), then each compound segment
file's directory, as Whoosh's `CompoundStorage` reads it on opening. Anything unexpected gives
None: the caller then opens the index with Whoosh, which says what is wrong.
"""

from __future__ import annotations

import io
import os
import pickle
import re
import struct

INDEX_NAME = "MAIN"  # Whoosh's default index name
TOC_VERSION = -111  # the TOC format of this Whoosh (`whoosh.index._CURRENT_TOC_VERSION`)
_TOC_NAME = re.compile(rf"^_{INDEX_NAME}_([0-9]+)\.toc$")
_INT, _LONG = struct.Struct("!i"), struct.Struct("!q")
# The sizes a TOC records (Whoosh checks them against this machine's)
_SIZES = (_INT.size, struct.calcsize("!Q"), struct.calcsize("!f"))
# What a TOC's or a compound directory's pickle may name besides its own attribute holders
_BUILTINS = {("builtins", n) for n in ("set", "frozenset", "dict", "list", "tuple", "object")}
_BUILTINS |= {("copyreg", "_reconstructor"), ("_codecs", "encode")}


class _Held(dict):
    """A pickled object of a TOC (segment, codec), held as its attributes and items; none of its
    code runs."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def __setstate__(self, state: object) -> None:
        if isinstance(state, tuple) and len(state) == 2:  # (dict, slots)
            for part in state:
                vars(self).update(part or {})
        elif isinstance(state, dict):
            vars(self).update(state)


class _DataOnly(pickle.Unpickler):
    """An unpickler whose classes, past a few builtins, are attribute holders (`_Held`)."""

    def find_class(self, module: str, name: str) -> object:
        if (module, name) in _BUILTINS:
            return super().find_class(module, name)
        return _Held


def _load(data: bytes | io.BufferedReader) -> object:
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    return _DataOnly(stream).load()


def _varint(fh: io.BufferedReader) -> int:
    """Whoosh's variable-length unsigned integer (7 bits a byte, low bits first)."""
    value = shift = 0
    while True:
        byte = fh.read(1)
        if not byte:
            raise EOFError("varint cut short")
        value |= (byte[0] & 0x7F) << shift
        if not byte[0] & 0x80:
            return value
        shift += 7


def _read_int(fh: io.BufferedReader, form: struct.Struct = _INT) -> int:
    return form.unpack(fh.read(form.size))[0]


def _live_docs(segment: object) -> int:
    count, deleted = vars(segment)["_doccount"], vars(segment).get("_deleted")
    if not isinstance(count, int) or not isinstance(deleted, (set, frozenset, type(None))):
        raise ValueError("not a segment this reader knows")
    return count - len(deleted or ())


def _check_compound(path: str) -> None:
    """Read a compound segment file's directory as Whoosh does on opening it (raises if cut)."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        offset = _read_int(fh, _LONG)
        _read_int(fh)  # the directory's length, unused by Whoosh
        fh.seek(offset)
        directory = _load(fh)
        _load(fh)  # the options
    if not isinstance(directory, dict):
        raise ValueError("no directory")
    for entry in directory.values():
        if entry["offset"] + entry["length"] > size:
            raise ValueError("a file ends past the segment's end")


def live_documents(folder: str | os.PathLike) -> int | None:
    """The live documents of the index in `folder` (a library's `whoosh/`), its segment files
    checked as Whoosh opens them; None when there is no index or Whoosh should open it (it did
    not read here as expected)."""
    try:
        names = os.listdir(folder)
        generations = [int(m.group(1)) for n in names if (m := _TOC_NAME.match(n))]
        if not generations:
            return None
        generation = max(generations)
        with open(os.path.join(folder, f"_{INDEX_NAME}_{generation}.toc"), "rb") as fh:
            if tuple(_varint(fh) for _ in _SIZES) != _SIZES or _read_int(fh) != -12345:
                return None
            if _read_int(fh) != TOC_VERSION:
                return None
            for _ in range(3):  # the release of Whoosh that wrote it
                _varint(fh)
            fh.seek(_varint(fh), io.SEEK_CUR)  # the schema: not needed to count
            if _read_int(fh) != generation:
                return None
            _read_int(fh)  # unused
            segments = _load(fh)
        if not isinstance(segments, list):
            return None
        live = 0
        for segment in segments:
            live += _live_docs(segment)
            if not vars(segment).get("compound"):
                return None  # its files one by one: Whoosh knows which
            name = f"{vars(segment)['indexname']}_{vars(segment)['segid']}.seg"
            _check_compound(os.path.join(folder, name))
        return live
    except Exception:  # whatever the files hold: Whoosh's open says it in its words
        return None
