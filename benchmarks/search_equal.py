"""The plain-Python search and related paths answer as the array side does.

    python -m benchmarks.search_equal --library bench-data/cli-reuters --queries 300 --related 60

Takes one- and two-word queries from the library's titles (as benchmarks/cli_latency.py does),
and runs each twice in one process, through the small path and with it switched off, comparing
the `search --json` answers (all but `seconds`); then `related --json` for article ids, with
candidates summed in plain Python and with numpy (index/related/candidates.py). Prints how
many took the plain path and every difference. Read-only: the library is opened as it is.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.cli_latency import samples
from index import Library
from index.related import candidates
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
    parser.add_argument("--related", type=int, default=60)
    args = parser.parse_args(argv)
    ids, queries = samples(args.library, max(args.queries, args.related), seed=11)
    queries, ids = queries[: args.queries], ids[: args.related]
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
            library.engine._view = None  # as in a new process: no arrays built yet
            fast = answer(library, query, args.limit)
            engine.small_search = real
            small.small_search = real
            taken += any(calls)
            small.SMALL_POSTINGS = -1
            library.engine._view = None
            slow = answer(library, query, args.limit)
            if fast != slow:
                differ += 1
                at = next(i for i, (a, b) in enumerate(zip(fast, slow, strict=False)) if a != b)
                print(f"DIFFERENT: {query!r}\n  small  {fast[at - 150 : at + 150]}")
                print(f"  arrays {slow[at - 150 : at + 150]}")
        differ += compare_related(library, ids)
    small.SMALL_POSTINGS = limit
    print(f"{len(queries)} queries, {taken} by the small path; {differ} different in all")
    return 1 if differ else 0


def compare_related(library: Library, ids: list[str]) -> int:
    """How many of the articles' related answers differ between plain Python and numpy."""
    limit, real = candidates.SMALL_POSTINGS, candidates._summed
    plain, differ = 0, 0
    for aid in ids:
        calls: list[int] = []
        candidates._summed = lambda *a, calls=calls: (calls.append(1), real(*a))[1]
        library.finder.clear()
        fast = json.dumps(library.related(aid).to_json(), sort_keys=True)
        candidates._summed = real
        plain += bool(calls)
        candidates.SMALL_POSTINGS = -1
        library.finder.clear()
        slow = json.dumps(library.related(aid).to_json(), sort_keys=True)
        candidates.SMALL_POSTINGS = limit
        if fast != slow:
            differ += 1
            print(f"DIFFERENT related {aid}\n  plain {fast[:300]}\n  numpy {slow[:300]}")
    print(f"{len(ids)} related, {plain} summed in plain Python, {differ} different")
    return differ


if __name__ == "__main__":
    sys.exit(main())
