"""Ingest worker CPU per 1,000 Reuters articles, by stage, and a digest of what the workers make.

Run: .venv/bin/python benchmarks/worker_cpu.py [--articles 1500] [--reps 5]
Reads ../shared/corpora/reuters-1987. CPU time (process_time, best of --reps) in this one process,
so a loaded machine skews it less than wall clock. The digest (sha256 of the pickled articles,
MinHashes and prepared postings) must not change when a speed-up keeps the output identical.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import pickle
import sys
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.cleaning import FurnitureModel, clean_any_page
from index.entities import entities_for_language
from index.format.prepared_docs import prepare
from index.ingest_worker import ENTITY_TEXT_CHARS, _head_paragraphs, process_pages
from index.reading import iter_pages
from index.records import Article, Page
from index.versions import fingerprints

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/reuters-1987"


def best(run: Callable[[], object], reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    paths = sorted(glob.glob(str(CORPUS / "*.jsonl")))
    pages = [p for p in islice(iter_pages(paths, None), args.articles) if isinstance(p, Page)]
    furniture = FurnitureModel()
    out = process_pages(pages, furniture, True)  # loads the models once, as a worker does
    print("output digest", hashlib.sha256(pickle.dumps(out, 4)).hexdigest()[:16])
    articles = [a for a in out if isinstance(a, Article)]
    heads = [
        (a.title, _head_paragraphs(a.paragraphs, ENTITY_TEXT_CHARS), a.caption, a.language)
        for a in articles
    ]
    stages = {
        "clean": lambda: [clean_any_page(p, furniture) for p in pages],
        "entities": lambda: [entities_for_language(*h) for h in heads],
        "fingerprints": lambda: [fingerprints(a) for a in articles],
        "prepare": lambda: [prepare(a) for a in articles],
        "pickle result": lambda: pickle.dumps(out, pickle.HIGHEST_PROTOCOL),
        "worker total": lambda: process_pages(pages, furniture, True),
    }
    per = 1000 / len(pages)
    for name, run in stages.items():
        print(f"{name:14s} {best(run, args.reps) * per:6.3f} s CPU per 1,000 articles")


if __name__ == "__main__":
    main()
