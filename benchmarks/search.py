"""Search speed: the reader's search path against out-of-the-box Whoosh, on the same index.

    python -m benchmarks.search [--articles 100000] [--queries 200] [--corpus generated reuters]

Builds (or reuses, under bench-data/) a library of generated articles and one of Reuters-1987
(benchmarks/search_corpus.py), makes a fixed mix of queries (one word, two words, phrase, OR,
entity filter, date range), and runs each, with and without 20 snippets, in two fresh processes:
ours (`Library.search`: arrays + BM25F, facets, copies collapsed, pinpoint snippets, index opened
with `supports_mmap=False`) and out-of-the-box Whoosh (`open_dir`, `MultifieldParser`,
`searcher.search(limit=20)`, the default highlighter on the article text). Prints p50/p95/max per
kind side by side with the ratio, the time from process start to the first answer, and each
process's peak memory.

Both sides read the same index files. Since the library is written with its own codec
(index/format/packed_postings.py), Whoosh's stock searcher reads it through that codec's
matcher; its own matching and scoring, posting by posting in Python, is what it spends its time on.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench-data"
KINDS = ("one word", "two words", "phrase", "OR", "entity", "date range")


def corpus_folder(corpus: str, articles: int) -> Path:
    return BENCH_DIR / (f"generated-{articles}" if corpus == "generated" else "reuters")


def ensure_built(corpus: str, articles: int, build: bool = True) -> Path:
    """The library's folder, built first unless done (or `build` is off: a stopped build's part)."""
    folder = corpus_folder(corpus, articles)
    if build and not (folder / "done-ours").exists():
        print(f"building {folder} (once; reused afterwards) ...", flush=True)
        cmd = [sys.executable, "-m", "benchmarks.search_corpus", corpus, "--which", "ours"]
        if corpus == "generated":
            cmd += ["--articles", str(articles)]
        subprocess.run(cmd, cwd=ROOT, check=True)
    return folder


# -- the query mix ----------------------------------------------------------------------------


def make_queries(folder: Path, per_kind: int, seed: int = 5) -> dict[str, list[tuple[str, str]]]:
    """kind -> [(our query, out-of-the-box query)], drawn from the library's own words."""
    import sqlite3

    rng = random.Random(seed)
    db = sqlite3.connect(folder / "articles.db")
    step = max(1, db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] // 3000)
    rows = db.execute("SELECT data FROM articles WHERE rowid % ? = 0", (step,)).fetchall()
    words: list[str] = []
    pairs: list[str] = []
    for (data,) in rows:
        body = " ".join(json.loads(data)["paragraphs"])
        tokens = [w.strip(".,;:()\"'").lower() for w in body.split()]
        tokens = [w for w in tokens if w.isalpha() and len(w) > 3]
        words.extend(tokens[:40])
        for i in range(0, max(0, len(tokens) - 1), 25):
            pairs.append(f"{tokens[i]} {tokens[i + 1]}")
    names = {
        kind: [r[0] for r in db.execute(
            "SELECT name FROM mentions WHERE kind = ? GROUP BY name ORDER BY COUNT(*) DESC "
            "LIMIT 300", (kind,))]
        for kind in ("person", "org", "place")
    }  # fmt: skip
    dates = [r[0][:7] for r in db.execute("SELECT DISTINCT substr(date, 1, 7) FROM articles")]
    dates = sorted(d for d in dates if d)
    db.close()
    queries: dict[str, list[tuple[str, str]]] = {k: [] for k in KINDS}
    for _ in range(per_kind):
        w1, w2 = rng.choice(words), rng.choice(words)
        queries["one word"].append((w1, w1))
        queries["two words"].append((f"{w1} {w2}", f"{w1} {w2}"))
        phrase = f'"{rng.choice(pairs)}"'
        queries["phrase"].append((phrase, phrase))
        queries["OR"].append((f"{w1} OR {w2}", f"{w1} OR {w2}"))
        kind = rng.choice([k for k in names if names[k]])
        name = rng.choice(names[kind])
        queries["entity"].append((f'{kind}:"{name}"', f'{kind}:"{name.lower()}"'))
        start = rng.randrange(len(dates))
        end = min(len(dates) - 1, start + rng.randint(0, 5))
        low, high = dates[start], dates[end]
        oob = f"date:[{low.replace('-', '')}01000000 TO {high.replace('-', '')}31235959]"
        queries["date range"].append((f"date:{low}..{high}", oob))
    return queries


# -- one side, in its own process -------------------------------------------------------------


def run_side(side: str, folder: Path, queries_file: Path, out_file: Path) -> None:
    """Runs every query (without, then with snippets) and writes timings and peak memory."""
    started = time.perf_counter()
    queries = json.loads(queries_file.read_text())
    first_answer = None
    if side == "ours":
        sys.path.insert(0, str(ROOT))
        from index.library import Library

        lib = Library(folder, readonly=True)

        def search(q: str, snippets: bool) -> int:
            return len(lib.search(q, limit=20, snippets=snippets).hits)

    else:
        from whoosh import index as whoosh_index
        from whoosh.qparser import MultifieldParser

        sys.path.insert(0, str(ROOT))
        from index.format.schema import indexed_body
        from index.store import ArticleStore

        ix = whoosh_index.open_dir(str(folder / "whoosh"))
        searcher = ix.searcher()
        parser = MultifieldParser(["title", "body"], ix.schema)
        store = ArticleStore(folder / "articles.db", readonly=True)

        def search(q: str, snippets: bool) -> int:
            results = searcher.search(parser.parse(q), limit=20)
            if snippets:
                ids = [hit["id"] for hit in results]
                articles = store.get_many(ids)
                for hit in results:
                    article = articles.get(hit["id"])
                    if article is not None:
                        hit.highlights("body", text=indexed_body(article))
            return len(results)

    first = queries[KINDS[0]][0][0 if side == "ours" else 1]
    search(first, False)
    first_answer = time.perf_counter() - started
    timings: dict[str, list[float]] = {}
    for snippets in (False, True):
        for kind in KINDS:
            key = f"{kind}{' +snippets' if snippets else ''}"
            timings[key] = []
            for ours_q, oob_q in queries[kind]:
                t = time.perf_counter()
                search(ours_q if side == "ours" else oob_q, snippets)
                timings[key].append(time.perf_counter() - t)
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    import os

    from whoosh import index as whoosh_index

    articles = whoosh_index.open_dir(str(folder / "whoosh")).doc_count()
    out_file.write_text(
        json.dumps(
            {"timings": timings, "first": first_answer, "peak": peak, "articles": articles,
             "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}
        )
    )  # fmt: skip


def cold_start(side: str, folder: Path, query: str) -> float:
    """Seconds from launching a new Python process to its first answer."""
    if side == "ours":
        code = (
            f"import sys; sys.path.insert(0, {str(ROOT)!r}); from index.library import Library;"
            f"Library({str(folder)!r}, readonly=True).search({query!r}, limit=20)"
        )
    else:
        code = (
            "from whoosh import index; from whoosh.qparser import MultifieldParser;"
            f"ix = index.open_dir({str(folder / 'whoosh')!r}); s = ix.searcher();"
            f"s.search(MultifieldParser(['title', 'body'], ix.schema).parse({query!r}), limit=20)"
        )
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - t


# -- the pilot hook ---------------------------------------------------------------------------


def keystroke_to_results(folder: Path) -> list[float] | None:
    """Seconds from the last keystroke to results on screen, measured with Textual's pilot.

    A hook for the reader's benchmark (the TUI fills it in); None while it is not measured.
    """
    from benchmarks.tui_latency import keystroke_latencies

    return keystroke_latencies(folder) or None


# -- report -----------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(name: str, ours: dict, oob: dict, cold: tuple[float, float]) -> None:
    print(
        f"\n== {name}, {ours.get('articles', '?')} articles: ms per query, ours / out of the box =="
    )
    print(f"load average when each side ended: ours {ours.get('load')}, stock {oob.get('load')}")
    print(f"{'kind':26}{'p50':>16}{'p95':>20}{'max':>20}{'p95 x':>8}")
    for key, mine in ours["timings"].items():
        theirs = oob["timings"][key]
        cells = []
        for p in (50, 95, 100):
            a, b = percentile(mine, p) * 1000, percentile(theirs, p) * 1000
            cells.append(f"{a:7.1f} / {b:7.1f}")
        ratio = percentile(theirs, 95) / max(percentile(mine, 95), 1e-9)
        print(f"{key:26}{cells[0]:>16}{cells[1]:>20}{cells[2]:>20}{ratio:7.1f}x")
    print(
        f"first answer from a cold process start: ours {cold[0]:.2f} s, "
        f"out of the box {cold[1]:.2f} s"
    )
    print(
        f"first answer inside the benchmark process (after imports): ours {ours['first']:.2f} s, "
        f"out of the box {oob['first']:.2f} s"
    )
    print(
        f"peak memory: ours {ours['peak'] / 2**20:.0f} MB, "
        f"out of the box {oob['peak'] / 2**20:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200, help="queries of each kind")
    parser.add_argument("--corpus", nargs="+", default=["generated", "reuters"])
    parser.add_argument(
        "--no-build", action="store_true", help="measure what the folder holds (a partial build)"
    )
    parser.add_argument("--side", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--queries-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        run_side(args.side, args.folder, args.queries_file, args.out)
        return
    for corpus in args.corpus:
        folder = ensure_built(corpus, args.articles, build=not args.no_build)
        queries = make_queries(folder, args.queries)
        qfile = folder / "bench-queries.json"
        qfile.write_text(json.dumps(queries))
        sides = {}
        for side in ("ours", "oob"):
            out = folder / f"bench-{side}.json"
            subprocess.run(
                [sys.executable, "-m", "benchmarks.search", "--side", side, "--folder",
                 str(folder), "--queries-file", str(qfile), "--out", str(out)],
                cwd=ROOT, check=True,
            )  # fmt: skip
            sides[side] = json.loads(out.read_text())
        first = queries[KINDS[0]][0]
        cold = (cold_start("ours", folder, first[0]), cold_start("oob", folder, first[1]))
        report(f"{corpus} ({folder.name})", sides["ours"], sides["oob"], cold)
        pilot = keystroke_to_results(folder)
        if pilot:
            print(
                f"keystroke to results (pilot): p50 {percentile(pilot, 50) * 1000:.0f} ms, "
                f"p95 {percentile(pilot, 95) * 1000:.0f} ms"
            )
        else:
            print("keystroke to results (pilot): not measured yet (see keystroke_to_results)")


if __name__ == "__main__":
    main()
