"""A digest of everything the text cleaner decides, to prove a speed-up changed no output; its CPU.

Run: .venv/bin/python benchmarks/cleaning_digest.py [--generated 500] [--cpu]
Cleans the pages corpus (../shared/corpora/pages, train and dev, both renderings, as ingested), the
seeds with the WET samples, and generated pages (benchmarks/corpus.py, with and without a furniture
model), each as `clean_page`, `clean_page(keep_all=True)` (the page kind) and `explain_page` (the
dropped lines), and prints a sha256 per group: title, paragraphs, captions, byline, credits,
source, date, language and skip reasons all count. `--cpu` adds pages per CPU second (best of 5,
process_time) on the generated pages with every line cache emptied first, as an ingest of new
pages sees them, and on long pages (thousands of lines), where super-linear steps show.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.cleaning import SHARED_WET, seed_pages, wet_pages  # noqa: E402
from benchmarks.corpus import NAV, sentence, write_text_corpus  # noqa: E402
from index.cleaning.clean import FurnitureModel, clean_page, explain_page  # noqa: E402
from index.records import Article, Page, Skipped  # noqa: E402

DATA = ROOT / "bench-data"  # gitignored


def _record(result: Article | Skipped) -> tuple:
    if isinstance(result, Article):
        return (result.title, tuple(result.paragraphs), result.caption, tuple(result.captions),
                result.byline, tuple(result.credits), result.source, result.date,
                result.language)  # fmt: skip
    return ("skipped", result.reason, result.detail)


def generated(count: int) -> list[Page]:
    from index.reading.dumps import iter_pages

    folder = write_text_corpus(DATA / f"pages-{count}", count)
    return [page for page in iter_pages([folder]) if isinstance(page, Page)]


def long_pages() -> list[Page]:
    """Pages of 1,000 to 16,000 lines: prose paragraphs among numbered menu lines."""
    rng = random.Random(3)
    paragraphs = [
        " ".join(sentence(rng) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.6
        else f"{rng.choice(NAV)} {i}"
        for i in range(16_000)
    ]
    return [
        Page(dump="long", origin=f"long#{n}", key=str(n), text="\n\n".join(paragraphs[:n]))
        for n in (1_000, 4_000, 16_000)
    ]


def groups(count: int) -> dict[str, list[tuple[Page, FurnitureModel | None]]]:
    from benchmarks.pages_corpus import as_ingested, load

    found = {"pages corpus": [(p, f) for _, p, f in as_ingested(load("train") + load("dev"))]}
    seeds = seed_pages(ROOT / "seeds")
    wet = [page for path in sorted(SHARED_WET.glob("*.wet.gz")) for page in wet_pages(path)]
    for name, pages in (("seeds and WET", seeds + wet), ("generated", generated(count))):
        furniture = FurnitureModel()
        for page in pages:
            furniture.observe(page)
        found[name] = [(page, furniture) for page in pages] + [(page, None) for page in pages]
    found["long pages"] = [(page, None) for page in long_pages()]
    return found


def empty_caches() -> None:
    from index.cleaning import furniture, line_model, lines, tail, title_ranker

    for cache in (lines._LINE_CACHE, line_model._CACHE, line_model._TOKENS, line_model._VOTERS,
                  furniture._HASHES, title_ranker._TOKENS, title_ranker._ALONE,
                  title_ranker._LONG, tail._SIGNS):  # fmt: skip
        cache.clear()


def cpu(name: str, pages: list[Page], furniture: FurnitureModel | None) -> None:
    clean_page(pages[0], furniture)  # the models load once
    best = float("inf")
    for _ in range(5):
        empty_caches()
        started = time.process_time()
        for page in pages:
            clean_page(page, furniture)
        best = min(best, time.process_time() - started)
    print(f"   {name}: {len(pages) / best:,.1f} pages per CPU second (caches empty, best of 5)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=500, help="generated pages to clean")
    parser.add_argument("--cpu", action="store_true", help="CPU time on new pages and long ones")
    args = parser.parse_args()
    total = hashlib.sha256()
    for name, items in groups(args.generated).items():
        digest = hashlib.sha256()
        for page, furniture in items:
            data = repr(
                (
                    _record(clean_page(page, furniture)),
                    _record(clean_page(page, furniture, keep_all=True)),
                    explain_page(page, furniture)[1],
                )
            ).encode()
            digest.update(data)
            total.update(data)
        print(f"{name}: {len(items)} cleanings, digest {digest.hexdigest()[:16]}")
    print(f"all: {total.hexdigest()[:16]}")
    if args.cpu:
        pages = generated(args.generated)[:300]
        furniture = FurnitureModel()
        for page in pages:
            furniture.observe(page)
        cpu("300 generated pages", pages, furniture)
        cpu("3 long pages (1,000, 4,000, 16,000 lines)", long_pages(), None)


if __name__ == "__main__":
    main()
