"""Review the cleaner page by page: what it kept and dropped on seeds and real WET pages; its speed.

Usage: .venv/bin/python benchmarks/cleaning.py [--quiet] [--repeat N] [--probe] [--dev [--split S]]
       [--pages {dev,train,all}] [PATH ...]
Reads /work/main/seeds (the project's seeds) and ../shared/corpora/wet/*.wet.gz by default.
`--dev` scores the dev split of ../shared/corpora/pages (held-out sites, gold title and body, both
renderings, pages given without their URL as the held-out dumps are): line-, paragraph- and
token-level precision/recall/F1, titles exactly right, pages skipped, per dataset and rendering.
`--probe` scores benchmarks/data/cleaning_probe.json instead: hand-written whole pages in common
layout with phrases that must be kept or dropped and the expected headline (a REGRESSION CHECK
only: small and written while tuning, so its figure is optimistic and no evidence of quality).
`--pages dev` scores the HTML path of ../shared/corpora/pages (gold body and title): the text
path on the resiliparse dumps, the HTML path on the HTML, and trafilatura alone on the same
HTML, with pages per CPU second (tune on train, report dev).
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.cleaning.clean import FurnitureModel, clean_page, explain_page  # noqa: E402
from index.records import Article, Page  # noqa: E402

SHARED_WET = ROOT.parent / "shared" / "corpora" / "wet"


def seed_pages(folder: Path) -> list[Page]:
    return [
        Page(dump="seeds", origin=f"seeds/{path.name}", key=path.name, text=path.read_text("utf-8"))
        for path in sorted(folder.glob("*.txt"))
    ]


def wet_pages(path: Path) -> list[Page]:
    from warcio.archiveiterator import ArchiveIterator

    pages: list[Page] = []
    dump = path.name
    with gzip.open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "warcinfo":
                info = record.content_stream().read().decode("utf-8", "replace")
                for line in info.splitlines():
                    if line.startswith("isPartOf:"):
                        dump = line.split(":", 1)[1].strip()
                continue
            if record.rec_type != "conversion":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            text = record.content_stream().read().decode("utf-8", "replace")
            pages.append(
                Page(
                    dump=dump,
                    origin=f"{path.name}#{len(pages)}",
                    key=url,
                    text=text,
                    url=url,
                    crawl_date=record.rec_headers.get_header("WARC-Date") or "",
                )
            )
    return pages


def words_at(text: str, count: int, end: bool = False) -> str:
    words = text.split()
    return " ".join(words[-count:] if end else words[:count])


def review(pages: list[Page], furniture: FurnitureModel, quiet: bool) -> Counter:
    totals: Counter = Counter()
    for page in pages:
        result, dropped = explain_page(page, furniture)
        input_lines = sum(1 for line in page.text.splitlines() if line.strip())
        totals["pages"] += 1
        totals["input lines"] += input_lines
        totals["dropped lines"] += len(dropped)
        if isinstance(result, Article):
            totals["articles"] += 1
            totals["paragraphs"] += len(result.paragraphs)
            totals["titled"] += bool(result.title)
            totals["dated"] += bool(result.date)
            if quiet:
                continue
            body = result.body
            print(f"== {page.origin}  {page.url}")
            print(f"   title:    {result.title}")
            print(f"   caption:  {result.caption}  ({len(result.captions)} captions)")
            print(f"   byline:   {result.byline}   credits: {result.credits}")
            print(
                f"   source:   {result.source}   date: {result.date}   language: {result.language}"
            )
            print(f"   kept:     {len(result.paragraphs)} paragraphs, {len(body.split())} words")
            print(f"   first:    {words_at(body, 12)} ...")
            print(f"   last:     ... {words_at(body, 12, end=True)}")
        else:
            totals[f"skipped: {result.reason}"] += 1
            if quiet:
                continue
            print(f"== {page.origin}  {page.url}")
            print(f"   SKIPPED:  {result.reason} {result.detail}")
        print(f"   dropped:  {len(dropped)} of {input_lines} lines")
        for line in dropped:
            print(f"      - {line[:110]}")
    return totals


def speed(pages: list[Page], furniture: FurnitureModel | None, repeat: int) -> float:
    """Pages per CPU second of one process (CPU time, so other load on the machine counts less)."""
    from index.cleaning.clean import clean_page

    started = time.process_time()
    for _ in range(repeat):
        for page in pages:
            clean_page(page, furniture)
    return repeat * len(pages) / max(1e-9, time.process_time() - started)


def report_speed(name: str, pages: list[Page], furniture: FurnitureModel, repeat: int) -> None:
    from index.cleaning import lines

    if not pages:
        return
    size = sum(len(page.text) for page in pages) / len(pages)
    lines._LINE_CACHE.clear()
    cold = speed(pages, furniture, 1)
    warm = speed(pages, furniture, repeat)
    bare = speed(pages, None, repeat)
    print(
        f"   speed on {name} ({len(pages)} pages, {size:,.0f} chars each on average): "
        f"{cold:,.0f} pages/s first pass, {warm:,.0f} pages/s repeated, "
        f"{bare:,.0f} pages/s without a furniture model (one core, CPU time)"
    )


def probe(path: Path, verbose: bool) -> None:
    """Snippet precision/recall/F1 and titles right on the hand-written probe pages."""
    import json

    pages = json.loads(path.read_text(encoding="utf-8"))["pages"]
    kept = missed = leaked = dropped = titles = 0
    for n, item in enumerate(pages):
        page = Page(
            dump="probe", origin=f"probe#{n}", key=str(n), text=item["text"], url=item["url"]
        )
        result = clean_page(page)
        body = result.body if isinstance(result, Article) else ""
        title = result.title if isinstance(result, Article) else ""
        missing = [phrase for phrase in item["keep"] if phrase not in body]
        leaking = [phrase for phrase in item["drop"] if phrase in body]
        kept += len(item["keep"]) - len(missing)
        missed += len(missing)
        leaked += len(leaking)
        dropped += len(item["drop"]) - len(leaking)
        titles += title == item["title"]
        if verbose and (missing or leaking or title != item["title"]):
            print(f"== probe#{n} {item['url']}\n   title: {title!r} (want {item['title']!r})")
            for phrase in missing:
                print(f"   MISSING {phrase}")
            for phrase in leaking:
                print(f"   LEAKED  {phrase}")
    precision = kept / max(1, kept + leaked)
    recall = kept / max(1, kept + missed)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(
        f"probe: {len(pages)} pages; phrases kept {kept}/{kept + missed}, dropped "
        f"{dropped}/{dropped + leaked}; P={precision:.3f} R={recall:.3f} F1={f1:.3f}; "
        f"titles right {titles}/{len(pages)}"
    )


def pages_report(split: str, verbose: bool) -> None:
    """Body token F1 and exact titles of each path on the pages corpus, by dataset."""
    from benchmarks import html_paths as corpus

    rows = corpus.load(split)
    html_pages = [corpus.html_page(row) for row in rows]
    text_pages = [corpus.text_page(row) for row in rows]
    print(f"pages corpus, {split} split: {len(rows)} pages")
    runs = (
        ("text path (resiliparse dump)", text_pages, corpus.text_path),
        ("HTML path", html_pages, corpus.html_path),
        ("trafilatura alone", html_pages, corpus.trafilatura_alone),
    )
    for name, pages, extract in runs:
        scores = corpus.score(rows, pages, extract)
        for group, result in scores.items():
            print(f"   {name:30} {group:12} {result.pages:4} pages: {result.line()}")
        if verbose and extract is corpus.html_path:
            for page_id, got, gold in scores["all"].misses:
                print(f"      title miss {page_id}: {got[:70]!r} (gold {gold[:70]!r})")


def dev(split: str, verbose: bool) -> None:
    """Scores on one split of the pages corpus, per dataset and rendering; the cleaner's speed."""
    from benchmarks.pages_corpus import as_ingested, load, score_page, summary
    from index.cleaning.lines import PageLines
    from index.text import sanitize

    groups: dict[str, Counter] = {}
    elapsed = 0.0
    for gold, page, furniture in as_ingested(load(split)):
        rendering = gold.rendering
        started = time.process_time()
        result = clean_page(page, furniture)
        elapsed += time.process_time() - started
        lines = PageLines(sanitize(page.text)).lines
        if isinstance(result, Article):
            counts = score_page(gold, result.title, result.paragraphs, lines)
        else:
            counts = score_page(gold, "", [], lines)
            counts["skipped"] += 1
        got = result.title if isinstance(result, Article) else ""
        if verbose and gold.title and got != gold.title:
            print(f"   title {gold.id}/{rendering}: {got[:70]!r} want {gold.title[:70]!r}")
        for key in ("all", f"{gold.source} {rendering}", f"{rendering}"):
            groups.setdefault(key, Counter()).update(counts)
    print(f"== {split} split of ../shared/corpora/pages (held-out sites; pages without URL)")
    for key in sorted(groups, key=lambda k: (k != "all", k)):
        print(f"   {key:22s} {summary(groups[key])}")
    total = groups["all"]["pages"]
    print(f"   cleaner speed: {total / max(1e-9, elapsed):,.0f} pages/s (CPU time; under load)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="seed folders or .wet.gz files")
    parser.add_argument("--quiet", action="store_true", help="totals and speed only")
    parser.add_argument("--repeat", type=int, default=20, help="passes for the speed figure")
    parser.add_argument("--probe", action="store_true", help="score the hand-written probe pages")
    parser.add_argument("--pages", choices=("dev", "train", "all"), help="HTML vs text paths")
    parser.add_argument("--dev", action="store_true", help="score the pages corpus's dev split")
    parser.add_argument("--split", default="dev", help="with --dev: the split to score")
    args = parser.parse_args()
    if args.pages:
        pages_report(args.pages, verbose=not args.quiet)
        return
    if args.dev:
        dev(args.split, verbose=not args.quiet)
        return
    if args.probe:
        probe(ROOT / "benchmarks" / "data" / "cleaning_probe.json", verbose=not args.quiet)
        return
    paths = args.paths or [ROOT / "seeds", *sorted(SHARED_WET.glob("*.wet.gz"))]
    pages: list[Page] = []
    for path in paths:
        pages.extend(seed_pages(path) if path.is_dir() else wet_pages(path))
    furniture = FurnitureModel()
    for page in pages:
        furniture.observe(page)
    totals = review(pages, furniture, args.quiet)
    print("\n== totals")
    for name, value in totals.items():
        print(f"   {name}: {value}")
    news = [page for page in pages if page.dump == "seeds" or "abc.net.au" in page.url]
    report_speed("news pages (seeds, ABC)", news, furniture, args.repeat)
    report_speed("all pages", pages, furniture, args.repeat)


if __name__ == "__main__":
    main()
