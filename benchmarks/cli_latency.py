"""Command-line latency: each read-only verb from a cold process, and what its imports cost.

    python -m benchmarks.cli_latency                       # Reuters and 100,000 generated pages
    python -m benchmarks.cli_latency --library DIR         # one library (any; smoke tests)
    python -m benchmarks.cli_latency --runs 41 --pages 100000 --only reuters

Without --library it measures bench-data/cli-reuters (../shared/corpora/reuters-1987, 20,841
stories) and bench-data/cli-generated-N (the generated corpus of benchmarks/corpus.py), indexing
each with `newsreader index` the first time (not timed here: see benchmarks/ingest.py).

Each verb runs --runs times as a new `newsreader` process (the console script; the files are in the
page cache and the bytecode cached, as installed; the process is cold), cycling through article
ids and one- and two-word queries taken from the library. Prints min, median and p95 wall time
per verb (`export` to its first line: the whole export grows with the library), then the median
import time of the verb's modules from `python -X importtime` and the packages that take most of
it (their modules' own time). Run it on an idle machine.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REUTERS = ROOT.parent / "shared" / "corpora" / "reuters-1987"
DATA = ROOT / "bench-data"
SCRIPT = Path(sys.executable).with_name("newsreader")
RUN_VERB = "import sys; from reader.cli import main; sys.exit(main(sys.argv[1:]))"
# As an installed program runs: with its bytecode cached (a PYTHONDONTWRITEBYTECODE in the
# environment would make every process compile the project's modules anew, 30 ms and more).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
IMPORT_LINE = re.compile(r"import time:\s*(\d+) \|\s*(\d+) \|( *)(\S+)")


def command() -> list[str]:
    return [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "reader"]


def samples(library: Path, count: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """Article ids and one- or two-word queries from the library's titles."""
    db = sqlite3.connect(f"{(library / 'articles.db').resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT id, title FROM articles ORDER BY id").fetchall()
    finally:
        db.close()
    if not rows:
        raise SystemExit(f"{library} holds no articles: index something into it first")
    rng = random.Random(seed)
    picked = [rng.choice(rows) for _ in range(count)]
    words = [w.lower() for _, title in picked for w in re.findall(r"[A-Za-z]{4,}", title)]
    words = words or ["news"]
    queries = [
        rng.choice(words) if n % 2 else f"{rng.choice(words)} {rng.choice(words)}"
        for n in range(count)
    ]
    return [aid for aid, _ in picked], queries


def verbs(ids: list[str], queries: list[str]) -> dict[str, list[list[str]]]:
    """Each verb's argument lists, one per run."""
    return {
        "--version": [["--version"] for _ in ids],
        "search": [["search", q] for q in queries],
        "search --json": [["search", q, "--json"] for q in queries],
        "show": [["show", i] for i in ids],
        "related": [["related", i] for i in ids],
        "story": [["story", i] for i in ids],
        "entities": [["entities"] for _ in ids],
        "export": [["export", "--jsonl"] for _ in ids],
        "stats": [["stats"] for _ in ids],
    }


def cold_run(library: Path, args: list[str]) -> float:
    """Seconds from starting a process to its exit (`export`: to its first line)."""
    started = time.perf_counter()
    with subprocess.Popen(
        [*command(), "--library", str(library), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=ENV,
    ) as proc:
        assert proc.stdout is not None
        if args[0] == "export":
            proc.stdout.readline()
            took = time.perf_counter() - started
            proc.kill()
            return took
        proc.stdout.read()
        status = proc.wait()
    took = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"`newsreader {' '.join(args)}` failed with status {status}")
    return took


def import_profile(library: Path, args: list[str]) -> tuple[float, list[tuple[float, str]]]:
    """Milliseconds of all imports of one run, and the packages that took most of it."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", RUN_VERB, "--library", str(library), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=ENV,
    )
    total = 0.0
    by_package: dict[str, float] = {}
    for line in done.stderr.splitlines():
        found = IMPORT_LINE.match(line)
        if found:
            package = found.group(4).split(".")[0]
            by_package[package] = by_package.get(package, 0.0) + int(found.group(1)) / 1000
            if len(found.group(3)) == 1:  # a module imported at top level: its whole cost
                total += int(found.group(2)) / 1000
    return total, sorted(((ms, p) for p, ms in by_package.items()), reverse=True)[:5]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def measure(library: Path, runs: int) -> None:
    ids, queries = samples(library, runs)
    print(f"\n== {library} ({articles(library):,} articles), {len(ids)} cold processes per verb, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")  # fmt: skip
    print(f"{'verb':18} {'min ms':>8} {'median':>8} {'p95':>8}   {'imports ms':>10}  heaviest")
    for name, arg_lists in verbs(ids, queries).items():
        cold_run(library, arg_lists[0])  # untimed: writes the bytecode caches the first time
        times = [1000 * cold_run(library, args) for args in arg_lists]
        imports = [import_profile(library, arg_lists[n]) for n in range(min(5, runs))]
        heaviest = ", ".join(f"{mod} {ms:.0f}" for ms, mod in imports[0][1])
        label = f"{name} (1st line)" if name == "export" else name
        print(f"{label:18} {min(times):8.0f} {statistics.median(times):8.0f} {p95(times):8.0f}"
              f"   {statistics.median(i[0] for i in imports):10.0f}  {heaviest}")  # fmt: skip


def articles(library: Path) -> int:
    db = sqlite3.connect(f"{(library / 'articles.db').resolve().as_uri()}?mode=ro", uri=True)
    try:
        return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    finally:
        db.close()


def built(library: Path, paths: list[Path]) -> Path:
    """The library, indexed from `paths` the first time."""
    if not (library / "articles.db").exists():
        print(f"(indexing {len(paths)} inputs into {library}: once, not timed)", flush=True)
        subprocess.run(
            [*command(), "--library", str(library), "index", *map(str, paths)], check=True
        )
    return library


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--library", type=Path, help="measure this library only")
    parser.add_argument("--runs", type=int, default=41, help="cold processes per verb")
    parser.add_argument("--pages", type=int, default=100_000, help="generated pages")
    parser.add_argument("--only", choices=["reuters", "generated"])
    args = parser.parse_args()
    if args.runs < 2:
        parser.error("--runs must be at least 2")
    if args.library:
        measure(args.library, args.runs)
        return
    DATA.mkdir(exist_ok=True)
    if args.only != "generated":
        if REUTERS.is_dir():
            measure(built(DATA / "cli-reuters", sorted(REUTERS.glob("*.jsonl"))), args.runs)
        else:
            print(f"(no {REUTERS}: the Reuters library is skipped)")
    if args.only != "reuters":
        sys.path.insert(0, str(ROOT))
        from benchmarks.corpus import write_text_corpus

        corpus = write_text_corpus(DATA / f"pages-{args.pages}", args.pages)
        measure(built(DATA / f"cli-generated-{args.pages}", [corpus]), args.runs)


if __name__ == "__main__":
    main()
