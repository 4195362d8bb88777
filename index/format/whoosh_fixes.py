"""Small fixes to Whoosh internals, applied once on import (as Whoosh's codec is: whoosh_import).

Most cost the ingest dearly; one made merges of small segments fail. The packed codec
(index/packed_postings.py) is made Whoosh's default here, so every writer of the program uses it.
"""

from __future__ import annotations

import marshal
import os
import struct
from array import array
from itertools import accumulate, islice

from whoosh import codec as whoosh_codec  # (being imported: not yet an attribute of `whoosh`)
from whoosh import columns
from whoosh.codec import whoosh3
from whoosh.externalsort import SortingPool
from whoosh.filedb import filetables
from whoosh.util.numeric import byte_to_length

TYPE_CHECKING = False  # typing's constant: importing typing costs every verb 3 ms
if TYPE_CHECKING:
    from index.format.packed_postings import PackedCodec

RUN_CHUNK = 20_000  # postings per marshal record in a sort run on disk
NO_COLUMN = object()  # a field without a lengths column


def _cached_reader(self, fieldname, column):
    """Like Whoosh's, but remembers a missing column instead of asking the disk per posting.

    Whoosh asks `file_exists` for every posting of a field without a lengths column (such as the
    spelling field), which is one `stat` call per posting while a segment is written.
    """
    if fieldname in self._readers:
        return self._readers[fieldname]
    reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
    self._readers[fieldname] = reader
    return reader


def _doc_field_length(self, docnum, fieldname, default=0):
    """Like Whoosh's, but reads a field's length column once (one byte a document).

    Whoosh reads the column from the file for every posting it writes (and every hit it
    scores): a struct read and unpack each time.
    """
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    cache = self.__dict__.setdefault("_length_arrays", {})
    lengths = cache.get(fieldname)
    if lengths is None:
        reader = self._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        cache[fieldname] = lengths = NO_COLUMN if reader is None else _column_bytes(reader)
    if lengths is NO_COLUMN:
        return default
    lbyte = lengths[docnum] if docnum < len(lengths) else 0
    if lbyte:
        return byte_to_length(lbyte)
    return None  # as Whoosh: no length stored for this document


def _column_bytes(reader) -> bytes:
    """A one-byte-a-document column in one read (Whoosh's `load` reads a document at a time)."""
    raw = getattr(reader, "_dbfile", None)
    if raw is not None and getattr(reader, "_fixedlen", None) == 1 and hasattr(reader, "_basepos"):
        return bytes(raw.get(reader._basepos, reader._count))
    return bytes(reader.load())


def _hash_reader_init(self, dbfile, length=None, magic=b"HSH3", startoffset=0):
    """Whoosh's `HashReader.__init__`, reading the directory of 256 hash tables in one read, not
    one read (a seek and a call through the compound file) per table: 1,500 reads a search."""
    self.dbfile = dbfile
    self.startoffset = startoffset
    self.is_closed = False
    if length is None:
        dbfile.seek(0, os.SEEK_END)
        length = dbfile.tell() - startoffset
    dbfile.seek(startoffset)
    filemagic = dbfile.read(4)
    if filemagic != magic:
        raise filetables.FileFormatError(f"Unknown file header {filemagic!r}")
    self.hashtype = dbfile.read_byte()
    self.hashfn = filetables._hash_functions[self.hashtype]
    dbfile.read_int()  # two ints for future expansion
    dbfile.read_int()
    self.startofdata = dbfile.tell()
    exptr = startoffset + length - filetables._INT_SIZE
    expos = exptr - dbfile.get_int(exptr)  # the extras end where their length is written
    dbfile.seek(expos)
    self._read_extras()
    dbfile.seek(expos - filetables._directory_size)  # (position, slots) of each hash table
    directory = dbfile.read(filetables._directory_size)
    self.tables = list(filetables._dir_entry.iter_unpack(directory))
    self.endofdata = self.tables[0][0]


def _read_offsets_and_lengths(self):
    """Whoosh's `VarBytesColumn.Reader` start, the offsets summed from the lengths in C (Whoosh
    appends them one at a time in Python: 20,000 appends for a stored-fields column)."""
    dbfile = self._dbfile
    lastbyte = self._basepos + self._length - 1
    lens_code = chr(dbfile.get_byte(lastbyte))
    offsets = None
    if lens_code == "X":  # the offsets were written: the lengths' type code is before theirs
        self.had_stored_offsets = True
        lens_code = chr(dbfile.get_byte(lastbyte - 2))
        offsets_code = chr(dbfile.get_byte(lastbyte - 1))
        offsetstart = (lastbyte - 2) - self._doccount * struct.calcsize(offsets_code)
        offsets = dbfile.get_array(offsetstart, offsets_code, self._doccount)
        lastbyte = offsetstart
    lenstart = lastbyte - struct.calcsize(lens_code) * self._doccount
    lengths = dbfile.get_array(lenstart, lens_code, self._doccount)
    if offsets is None:
        offsets = array("L", accumulate(lengths, initial=0))
        offsets.pop()  # the end of the last value
    self._offsets = offsets
    self._lengths = lengths


def library_codec() -> PackedCodec:
    """The codec every writer of this program uses (index/packed_postings.py), also the ones
    opened without a codec: it is Whoosh's default once this module is imported."""
    from index.format.packed_postings import PackedCodec  # it imports Whoosh's codec, and so this

    return PackedCodec()


def _postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
    """Whoosh's, with inlined postings read by `InlinedMatcher` (merges failed on them)."""
    if terminfo.is_inlined():
        from index.format.packed_postings import inlined_matcher

        return inlined_matcher(terminfo, format_, term, scorer)
    offset, length = terminfo.extent()
    return whoosh3.W3LeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


def _write_run(self, f, items):
    """Write a sorted run as marshal records of many postings (Whoosh pickles each posting)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, RUN_CHUNK)):
        marshal.dump(chunk, f)
    f.close()


def _read_run(self, path):
    f = self._open_run(path)
    try:
        while True:
            try:
                chunk = marshal.load(f)
            except EOFError:
                return
            yield from chunk
    finally:
        f.close()
        self._remove_run(path)


if not hasattr(whoosh3.W3TermInfo, "set_inline"):
    # The postings writer inlines short posting lists into the term table through this name,
    # which only `set_inlined` exists under: the path is unreachable with Whoosh's default
    # inline limit, and needed by `library_codec()`.
    whoosh3.W3TermInfo.set_inline = whoosh3.W3TermInfo.set_inlined
whoosh3.W3PerDocReader._cached_reader = _cached_reader
whoosh3.W3PerDocReader.doc_field_length = _doc_field_length
whoosh_codec.default_codec = library_codec
whoosh3.W3Codec.postings_reader = _postings_reader  # libraries written before the packed codec
filetables.HashReader.__init__ = _hash_reader_init
columns.VarBytesColumn.Reader._read_offsets_and_lengths = _read_offsets_and_lengths
SortingPool._write_run = _write_run
SortingPool._read_run = _read_run
