"""The index counted from its TOC without Whoosh (index/format/toc.py), and the Whoosh fixes applied
however Whoosh's codec is first imported."""

from __future__ import annotations

import os
import pickle
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from index.format import live_documents
from index.library import Library

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("toc") / "library"
    with Library(folder) as lib:
        lib.add([SEEDS], dump="seeds", workers=1)
        lib.add([SEEDS], dump="again", workers=1)  # a second segment
    return folder


@pytest.fixture
def library(built, tmp_path) -> Path:
    copy = tmp_path / "library"
    shutil.copytree(built, copy)
    return copy


def whoosh_count(folder: Path) -> int:
    with Library(folder) as lib, lib.ix.reader() as reader:
        return reader.doc_count()


def test_the_count_is_whooshs_with_deletions_too(library):
    whoosh = library / "whoosh"
    assert live_documents(whoosh) == whoosh_count(library) == 4
    with Library(library) as lib:
        first = lib.store.db.execute("SELECT id FROM articles ORDER BY id").fetchone()[0]
        writer = lib.ix.writer()
        writer.delete_by_term("id", first)
        writer.commit(merge=False)
    assert live_documents(whoosh) == whoosh_count(library) == 3


def test_an_empty_index_counts_none_and_no_index_is_none(tmp_path):
    assert live_documents(tmp_path) is None  # no TOC: Whoosh creates the index
    with Library(tmp_path / "library"):
        pass
    assert live_documents(tmp_path / "library" / "whoosh") == 0


@pytest.mark.parametrize("damage", ["garbage toc", "segment missing", "segment cut", "newer toc"])
def test_a_damaged_index_is_left_to_whoosh(library, damage):
    whoosh = library / "whoosh"
    toc = next(whoosh.glob("*.toc"))
    seg = next(whoosh.glob("*.seg"))
    if damage == "garbage toc":
        toc.write_bytes(os.urandom(200))
    elif damage == "segment missing":
        seg.unlink()
    elif damage == "segment cut":
        with seg.open("r+b") as f:
            f.truncate(seg.stat().st_size // 3)
    else:  # a TOC of another version of the format
        data = bytearray(toc.read_bytes())
        at = data.index((-12345).to_bytes(4, "big", signed=True)) + 4
        data[at : at + 4] = (-112).to_bytes(4, "big", signed=True)
        toc.write_bytes(bytes(data))
    assert live_documents(whoosh) is None


def toc(folder: Path, segments: bytes) -> None:
    """A TOC as Whoosh writes one (generation 1, an empty schema), holding these segments."""
    head = bytes([4, 8, 4]) + struct.pack("!ii", -12345, -111) + bytes([2, 7, 5, 0])
    folder.mkdir(exist_ok=True)
    (folder / "_MAIN_1.toc").write_bytes(head + struct.pack("!ii", 1, 0) + segments)


class _Evil:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (os.system, (f"touch {self.path}",))


def test_a_toc_runs_no_code_when_counted(tmp_path):
    """The segments' pickle names classes: they are read as attribute holders, never called."""
    marker = tmp_path / "ran"
    toc(tmp_path / "whoosh", pickle.dumps([_Evil(str(marker))]))
    assert live_documents(tmp_path / "whoosh") is None and not marker.exists()
    toc(tmp_path / "whoosh", pickle.dumps([]))
    assert live_documents(tmp_path / "whoosh") == 0


@pytest.mark.parametrize(
    "first",
    [
        "import index",
        "import whoosh.codec.whoosh3, index",
        "import index.format.packed_postings",
        "import index; from whoosh.writing import SegmentWriter",
    ],
)
def test_the_whoosh_fixes_apply_whichever_import_comes_first(first):
    code = (
        f"{first}\n"
        "import whoosh.codec, whoosh.columns as columns\n"
        "from index.format import whoosh_fixes as fixes\n"
        "assert whoosh.codec.default_codec is fixes.library_codec\n"
        "assert columns.VarBytesColumn.Reader._read_offsets_and_lengths is "
        "fixes._read_offsets_and_lengths\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
