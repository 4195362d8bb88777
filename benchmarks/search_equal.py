"""The plain-Python search path (index/search/small.py) answers as the array side does.

    python -m benchmarks.search_equal --library bench-data/cli-reuters --queries 300

Takes one- and two-word queries from the library's titles (as benchmarks/cli_latency.py does),
and runs each twice in one process, through the small path and with it switched off, comparing
the `search --json` answers (all but `seconds`). Prints how many queries the small path took
and every difference. Read-only: the library is opened as it is.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.cli_latency import samples
from index import Library
from index.search import small


def answer(library: Library, query: str, limit: int) -> str:
    found = library.search(query, limit=limit).to_json()
    found.pop("seconds")
    return json.dumps(found, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--limit", type=int, default=20)
    args = parser.parse_args(argv)
    _, queries = samples(args.library, args.queries, seed=11)
    queries += ["zinc OR copper smelter", "oil prices", "sugar", "qwertyuiop", "a"]
    taken = differ = 0
    limit = small.SMALL_POSTINGS
    with Library(args.library) as library:
        for query in queries:
            small.SMALL_POSTINGS = limit
            calls = []
            real = small.small_search

            def counted(*a, real=real, calls=calls):
                found = real(*a)
                calls.append(found is not None)
                return found

            small.small_search = counted
            import index.search.engine as engine

            engine.small_search = counted
            fast = answer(library, query, args.limit)
            engine.small_search = real
            small.small_search = real
            taken += any(calls)
            small.SMALL_POSTINGS = -1
            slow = answer(library, query, args.limit)
            if fast != slow:
                differ += 1
                at = next(i for i, (a, b) in enumerate(zip(fast, slow, strict=False)) if a != b)
                print(f"DIFFERENT: {query!r}\n  small  {fast[at - 150 : at + 150]}")
                print(f"  arrays {slow[at - 150 : at + 150]}")
    small.SMALL_POSTINGS = limit
    print(f"{len(queries)} queries, {taken} by the small path, {differ} different")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
