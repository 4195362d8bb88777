"""Helpers for the fault tests: generated dumps, an indexer subprocess, library consistency."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from index.library import Library

ROOT = Path(__file__).resolve().parents[2]
WORDS = [
    "alliance",
    "minister",
    "border",
    "troops",
    "summit",
    "talks",
    "sanctions",
    "economy",
    "election",
    "parliament",
    "harbour",
    "railway",
    "festival",
    "museum",
    "drought",
    "harvest",
    "factory",
    "strike",
    "court",
    "verdict",
]
PLACES = ["Brussels", "Kyiv", "Moscow", "Paris", "Berlin", "Warsaw", "Madrid", "Rome"]
# The real command line, with smaller batches and commits so that a run of a thousand pages
# commits several times and a kill can land before, between or inside commits. Each batch the
# indexer takes in is paced (PACE_SECONDS), so that a run lasts long enough for a signal to land
# in it however fast the machine and the ingest are (1,200 pages took 2.6 s unpaced).
# Ctrl-C is handled as in a terminal even when the test run itself ignores SIGINT (a shell starts
# background jobs that way, and the indexer would inherit it).
PACE_SECONDS = 0.1
DRIVER = (
    "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "import sys, time, index.ingest as ingest; ingest.COMMIT_ARTICLES = int(sys.argv[1]); "
    "ingest.BATCH_PAGES = max(1, ingest.COMMIT_ARTICLES // 4); "
    "collect = ingest.Ingest._collect; "
    f"ingest.Ingest._collect = lambda *a: (time.sleep({PACE_SECONDS}), collect(*a))[1]; "
    "from reader.cli import main; sys.exit(main(sys.argv[2:]))"
)


def write_pages(folder: Path, count: int, seed: int = 3, first: int = 0) -> list[str]:
    """`count` small distinct news-like pages as .txt files; returns their titles."""
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    titles = []
    for n in range(first, first + count):
        a, b = rnd.sample(WORDS, 2)
        title = f"Story {n}: {a.title()} and {b} in {rnd.choice(PLACES)}"
        paragraphs = [
            f"Officials in {rnd.choice(PLACES)} said the {a} and the {b} would be discussed "
            f"again, report number {n} noted. "
            + " ".join(rnd.choice(WORDS) for _ in range(12)).capitalize()
            + "."
            for _ in range(3)
        ]
        (folder / f"{n:05d}.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n")
        titles.append(title)
    return titles


def start_index(library: Path, *paths: Path, commit_every: int = 200, workers: int = 2):
    """`newsreader index` in its own process group (so that a test can reap its workers)."""
    args = ["--library", str(library), "index", *map(str, paths), "--workers", str(workers)]
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(commit_every), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def stored_count(library: Path) -> int:
    """Articles committed to the store so far, read as another process would (0 when none)."""
    db = library / "articles.db"
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def wait_for(condition, timeout: float, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def reap_group(proc: subprocess.Popen) -> None:
    """Kill whatever is left of the indexer's process group (a test's own processes only)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def consistency(library_path: Path) -> tuple[int, list[str]]:
    """Open the library and check store, Whoosh and export agree; returns (articles, titles)."""
    with Library(library_path) as library:
        stored = {a.id: a.title for a in library.export()}
        with library.ix.searcher() as searcher:
            indexed = [fields["id"] for fields in searcher.all_stored_fields()]
        assert len(indexed) == len(set(indexed)), "an article is in the search index twice"
        assert set(indexed) == set(stored), "search index and store disagree"
        if stored:
            found = library.search("officials", limit=1)
            assert found.total == len(stored)
    return len(stored), sorted(stored.values())


def export_lines(library: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--library", str(library), "export", "--jsonl"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]
