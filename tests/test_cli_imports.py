"""Read-only verbs import only what they use: never the ingest pipeline, SciPy or the TUI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index.library import Library

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# What writing a library needs and reading one must not pay for (module prefixes).
INGEST = ("index.ingest", "index.reading", "index.cleaning", "index.entities", "index.versions")
HEAVY = (
    "datasketch",
    "scipy",
    "trafilatura",
    "warcio",
    "py3langid",
    "lxml",
    "textual",
    "textual_serve",  # and its web server: `serve` only
    "aiohttp",
)
QUERY = ("index.search", "index.related")  # only for the verbs that search
RUN = """
import json, sys
from reader.cli import main
status = main(sys.argv[2:])
sys.stdout.flush()
with open(sys.argv[1], "w") as fh:
    json.dump({"status": status, "modules": sorted(sys.modules)}, fh)
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("imports") / "library"
    with Library(folder) as lib:
        lib.add([SEEDS], dump="seeds", workers=1)
        first = lib.store.db.execute("SELECT id FROM articles ORDER BY id").fetchone()[0]
    return folder, first


def modules_of(library: Path, tmp_path: Path, *args: str) -> list[str]:
    out = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(out), "--library", str(library), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(out.read_text())
    assert found["status"] == 0, done.stderr
    return found["modules"]


def loaded(modules: list[str], prefixes: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)]


@pytest.mark.parametrize(
    "verb",
    [
        ["search", "nato"],
        ["search", "nato", "--json"],
        ["show", "{id}"],
        ["related", "{id}"],
        ["story", "{id}", "--json"],
        ["entities"],
        ["export", "--jsonl"],
        ["stats", "--json"],
    ],
    ids=lambda v: " ".join(v),
)
def test_a_read_only_verb_imports_no_ingest_scipy_or_tui(library, tmp_path, verb):
    folder, first = library
    modules = modules_of(folder, tmp_path, *(a.format(id=first) for a in verb))
    assert "index.library" in modules  # it did open the library
    assert loaded(modules, INGEST + HEAVY) == []
    if verb[0] not in ("search", "related", "story"):
        assert loaded(modules, QUERY) == []


def test_the_index_verb_still_finds_its_pipeline(tmp_path):
    modules = modules_of(tmp_path / "library", tmp_path, "index", str(SEEDS))
    assert loaded(modules, ("index.ingest", "index.versions")) != []
