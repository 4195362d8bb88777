"""What an ingest makes, as digests, and what it cost in CPU: proof that a speed-up changed nothing.

Run: .venv/bin/python benchmarks/ingest_digest.py PATH [PATH ...]
Indexes the dumps into a new library under bench-data/ (removed after), then prints the CPU of
the indexer and of its workers (CPU time, so a loaded machine skews it less than wall clock) and
digests: every stored article, some searches (ids, scores, snippets), the Whoosh index's terms,
postings and stored fields, and each table of the store (tables keyed by the index state, such as
saved facet codes, differ from run to run: Whoosh names segments at random). Equal digests
before and after a change mean the same library (try `head -n 3000` of Reuters 1987).
"""

from __future__ import annotations

import hashlib
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index import Library

DATA = Path(__file__).resolve().parent.parent / "bench-data"
QUERIES = ["oil", "bank rate", '"trade deficit"', "japan", "wheat OR corn", "opec", "dollar yen"]


def cpu() -> tuple[float, float]:
    own, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def digests(folder: Path) -> dict[str, object]:
    parts = {name: hashlib.sha256() for name in ("articles", "searches", "whoosh")}
    tables: dict[str, str] = {}  # some name the index state (its random segment names)
    with Library(folder, readonly=True) as library:
        for article in library.export():
            fields = {k: getattr(article, k) for k in article.__dataclass_fields__}
            parts["articles"].update(json.dumps(fields, sort_keys=True, default=repr).encode())
        for query in QUERIES:
            hits = library.search(query).hits
            parts["searches"].update(
                repr([(h.id, round(h.score, 6), h.snippet) for h in hits]).encode()
            )
        db = library.store.db
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            rows = sorted(map(repr, db.execute(f"SELECT * FROM {table}")))
            tables[table] = hashlib.sha256(repr(rows).encode()).hexdigest()[:8]
        with library.ix.searcher() as searcher:
            reader = searcher.reader()
            for fieldname, term in reader.all_terms():
                postings = list(reader.postings(fieldname, term).all_items())
                parts["whoosh"].update(repr((fieldname, term, postings)).encode())
            for _, stored in reader.iter_docs():
                parts["whoosh"].update(repr(sorted(stored.items())).encode())
    return {name: h.hexdigest()[:12] for name, h in parts.items()} | {"store tables": tables}


def main() -> None:
    DATA.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="digest-", dir=DATA))
    try:
        with Library(folder) as library:
            before, started = cpu(), time.perf_counter()
            report = library.add(sys.argv[1:])
            after, wall = cpu(), time.perf_counter() - started
        print(f"{report.added:,} added, {report.copies:,} copies, {report.versions:,} versions")
        print(f"CPU: indexer {after[0] - before[0]:.2f} s, workers {after[1] - before[1]:.2f} s "
              f"(wall {wall:.1f} s)")  # fmt: skip
        print("digests", digests(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
