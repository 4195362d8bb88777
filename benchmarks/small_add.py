"""One new article into a big library: what the add costs, and which segments it rewrote.

Run: .venv/bin/python benchmarks/small_add.py [--library bench-data/cli-generated-100000]
Copies the library into bench-data/small-add (removed after: the original is never written),
adds one JSON Lines record to the copy and prints the CPU (process time: a loaded machine skews
it less than wall clock) and wall time of the add and of the open, and the index's segments
before and after. The cost must not grow with the library: no segment but tiny ones rewritten.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index import Library

ROOT = Path(__file__).resolve().parent.parent
RECORD = {
    "id": "small-add-record",
    "title": "Wheat prices climb as Kansas harvest stalls after storms",
    "date": "2024-06-03",
    "source": "example.org",
    "text": "Wheat futures rose on Monday as storms delayed the harvest across Kansas, traders "
    "said.\n\nThe July contract gained 12 cents to $6.45 a bushel, its highest in three weeks.",
}


def segments(library: Library) -> dict[str, int]:
    return {s.segment_id(): s.doc_count_all() for s in library.ix._segments()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", default=str(ROOT / "bench-data" / "cli-generated-100000"))
    args = parser.parse_args()
    copy = ROOT / "bench-data" / "small-add"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(args.library, copy)
    dump = copy.parent / "small-add.jsonl"
    dump.write_text(json.dumps(RECORD) + "\n")
    try:
        cpu, wall = time.process_time(), time.perf_counter()
        library = Library(copy)
        print(f"open: {time.process_time() - cpu:.2f} s CPU, {time.perf_counter() - wall:.1f} s")
        before = segments(library)
        cpu, wall = time.process_time(), time.perf_counter()
        report = library.add([dump], dump="small-add")
        print(
            f"add of {report.added} article to {sum(before.values()):,}: "
            f"{time.process_time() - cpu:.2f} s CPU, {time.perf_counter() - wall:.1f} s "
            f"(the summary's run: {report.seconds:.1f} s)"
        )
        after = segments(library)
        library.close()
        gone = {name: n for name, n in before.items() if name not in after}
        print(f"segments before {sorted(before.values())}, after {sorted(after.values())}")
        print(f"rewritten: {sum(gone.values()):,} documents in {len(gone)} segments")
    finally:
        shutil.rmtree(copy, ignore_errors=True)
        dump.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
