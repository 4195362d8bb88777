"""Ingest speed: Reuters 1987 and a generated 100,000-page corpus, against bare Whoosh.

Run: .venv/bin/python benchmarks/ingest.py [--pages 100000] [--skip-generated]
Reads ../shared/corpora/reuters-1987 (beside the project); writes under bench-data/ (gitignored).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whoosh.filedb.filestore import FileStorage

from benchmarks.corpus import write_text_corpus
from index import Library
from index.format.schema import build_schema, document_for
from index.format.whoosh_fixes import library_codec
from index.ingest import COMMIT_ARTICLES, WRITER_LIMIT_MB

ROOT = Path(__file__).resolve().parent.parent
REUTERS = ROOT.parent / "shared" / "corpora" / "reuters-1987"
DATA = ROOT / "bench-data"


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def cpu_seconds() -> tuple[float, float]:
    """CPU time so far of this process and of its finished children (the ingest workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def bare_whoosh_rate(library: Library) -> tuple[float, int]:
    """Pages/s of Whoosh's own add_document on the library's cleaned articles.

    Same writer settings and commit size as the ingest, so the ratio is what cleaning,
    entities, copies and the store cost on top of the index.
    """
    articles = library.export()  # streamed: only one commit's articles in memory at a time
    count = 0
    seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        ix = FileStorage(tmp, supports_mmap=False).create_index(build_schema())
        while chunk := list(islice(articles, COMMIT_ARTICLES)):
            started = time.perf_counter()  # reading the store is not Whoosh's time
            writer = ix.writer(limitmb=WRITER_LIMIT_MB, codec=library_codec())
            for article in chunk:
                writer.add_document(**document_for(article))
            writer.commit()
            seconds += time.perf_counter() - started
            count += len(chunk)
    return count / seconds, count


def run(name: str, paths: list[Path]) -> None:
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{name}-", dir=DATA))
    try:
        with Library(folder) as library:
            started = time.perf_counter()
            cpu_before = cpu_seconds()
            report = library.add(paths)
            first = time.perf_counter() - started
            cpu_after = cpu_seconds()
            parent_cpu, workers_cpu = (cpu_after[i] - cpu_before[i] for i in (0, 1))
            ingest_peak = peak_mb()  # before the bare-Whoosh run below adds its own
            pages = report.added + report.updated + sum(report.skipped.values())
            started = time.perf_counter()
            again = library.add(paths)
            rerun = time.perf_counter() - started
            bare, n = bare_whoosh_rate(library)
        index_mb = sum(f.stat().st_size for f in (folder / "whoosh").iterdir()) / 2**20
        store_mb = sum(f.stat().st_size for f in folder.glob("articles.db*")) / 2**20
        rate = pages / first
        print(f"\n== {name}: {pages:,} pages ({report.added:,} articles, {report.copies:,} copies, "
              f"{report.versions:,} versions, skipped {dict(report.skipped)})")  # fmt: skip
        print(f"first run      {first:8.1f} s   {rate:8,.0f} pages/s")
        print(f"  CPU: indexer {parent_cpu:.0f} s, cleaning workers {workers_cpu:.0f} s; "
              f"load average {load()}")  # fmt: skip
        print(f"re-run         {rerun:8.2f} s   ({100 * rerun / first:.1f}% of the first run; "
              f"{again.unchanged:,} unchanged)")  # fmt: skip
        print(f"bare Whoosh    {n / bare:8.1f} s   {bare:8,.0f} articles/s "
              f"(end-to-end is {100 * rate / bare:.0f}% of it)")  # fmt: skip
        print(f"peak memory    {ingest_peak:8.0f} MB (largest of the indexer and its workers, "
              "during the first run)")  # fmt: skip
        print(f"on disk        {index_mb:8.0f} MB search index, {store_mb:.0f} MB article store")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--skip-generated", action="store_true")
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    if REUTERS.is_dir():
        run("reuters-1987", sorted(REUTERS.glob("*.jsonl")))
    else:
        print(f"(no {REUTERS}: Reuters run skipped)")
    if not args.skip_generated:
        started = time.perf_counter()
        corpus = write_text_corpus(DATA / f"pages-{args.pages}", args.pages)  # text pages
        print(f"\n(generated corpus ready in {time.perf_counter() - started:.0f} s: {corpus})")
        run(f"generated-{args.pages}", [corpus])


if __name__ == "__main__":
    main()
