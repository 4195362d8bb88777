"""Whoosh's readers as our fixes replace them (index/format/whoosh_fixes.py) read what it wrote."""

from __future__ import annotations

import random

import pytest
from whoosh import columns
from whoosh.filedb import filetables
from whoosh.filedb.filestore import RamStorage

import index.format  # noqa: F401  (applies the fixes)
from index.format import whoosh_fixes


def test_the_fixes_are_in_place():
    assert filetables.HashReader.__init__ is whoosh_fixes._hash_reader_init
    reader = columns.VarBytesColumn.Reader
    assert reader._read_offsets_and_lengths is whoosh_fixes._read_offsets_and_lengths


@pytest.mark.parametrize("ordered", [False, True])
def test_a_hash_file_reads_every_key_and_its_table_directory(ordered):
    storage = RamStorage()
    rng = random.Random(3)
    keys = sorted(
        {bytes(rng.randrange(97, 123) for _ in range(rng.randint(1, 12))) for _ in range(3000)}
    )
    items = {k: str(len(k) * 7 + i).encode() for i, k in enumerate(keys)}
    kind = filetables.OrderedHashWriter if ordered else filetables.HashWriter
    writer = kind(storage.create_file("table"))
    for k in keys:
        writer.add(k, items[k])
    writer.close()
    read = (filetables.OrderedHashReader if ordered else filetables.HashReader).open(
        storage, "table"
    )
    assert {k: read[k] for k in keys} == items
    assert b"not a key" not in read
    # the directory, as Whoosh reads it: 256 (position, slots) entries before the extras
    raw = storage.open_file("table")
    length = storage.file_length("table")
    extras_at = length - 4 - raw.get_int(length - 4)
    entry = filetables._dir_entry
    expected = [
        entry.unpack(raw.get(extras_at - filetables._directory_size + i * entry.size, entry.size))
        for i in range(256)
    ]
    assert read.tables == expected and read.endofdata == expected[0][0]
    if ordered:
        assert list(read.keys()) == keys


def test_a_bad_hash_file_is_refused():
    storage = RamStorage()
    with storage.create_file("bad") as f:
        f.write(b"NOPE" + bytes(4000))
    with pytest.raises(filetables.FileFormatError):
        filetables.HashReader.open(storage, "bad")


@pytest.mark.parametrize("offsets", [True, False])
def test_a_bytes_column_reads_every_value(offsets):
    """With and without the offsets written (Whoosh writes them above a cutoff of documents)."""
    storage = RamStorage()
    rng = random.Random(4)
    values = [
        bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 5, 300]))) for _ in range(900)
    ]
    column = columns.VarBytesColumn(
        allow_offsets=offsets, write_offsets_cutoff=1 if offsets else 2**15
    )
    f = storage.create_file("column")
    writer = column.writer(f)
    for docnum, value in enumerate(values):
        writer.add(docnum, value)
    writer.finish(len(values))
    length = f.tell()
    f.close()
    reader = column.reader(storage.open_file("column"), 0, length, len(values))
    assert reader.had_stored_offsets == offsets
    assert [reader[d] for d in range(len(values))] == values
