"""Search beyond English: per language, how many inflected and in-text queries find their article.

    .venv/bin/python benchmarks/languages.py [--english 40] [--timing]

Reads ../shared/corpora/pages (the gold title and body of every non-English page, and the first
`--english` English ones) and ../shared/corpora/wet/*.wet.gz (through the ingest, as a user
would), and indexes them twice: "before" with the analysis of earlier versions (English stems for
every language, a CJK run one word) and "after" with analysis by language. Queries are derived
from the articles automatically (random.Random(0)), each with one target article:
- inflected: a word form that occurs in another article of the same language, has the same
  Snowball stem as a word of the target, and is not itself in the target (`журналисты` for a
  page saying `журналистов`); where a language has too few articles for that, a word of the
  target with another of the endings the stemmer strips in that language (the commonest 30 in
  the corpus), kept only if the stemmer gives it the same stem;
- in-text: 2 to 4 characters from inside a run of CJK text (not at its edges) of the target.
A query counts as found when its target is among the hits. `--timing` adds ingest pages/s of both
and query p50/p95 (meaningless on a loaded machine, and on a few hundred pages: for the figures
that matter, see the commands printed at the end).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import Stemmer

from index import Library
from index.format import prepared_docs, schema, stemmer_for
from index.records import language_name
from index.text import CJK_CHARS

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
PER_ARTICLE = 5  # queries of each kind per article
_WORD = re.compile(r"[^\W\d_]{4,}")
_CJK_RUN = re.compile(f"[{CJK_CHARS}]{{4,}}")

LATER = """Timing at scale, to run on an idle machine (the lead):
  ingest, Reuters end-to-end vs bare Whoosh (must stay >= 70%):
    .venv/bin/python benchmarks/ingest.py --skip-generated
  query p95 at 100,000 articles (must stay < 50 ms):
    .venv/bin/python -m benchmarks.search --articles 100000 --corpus generated reuters"""


def pages_dump(folder: Path, english: int) -> Path:
    """The corpus pages as one JSON Lines dump: gold title and body, id kept."""
    rows, kept_english = [], 0
    for line in (CORPORA / "pages" / "manifest.jsonl").open(encoding="utf-8"):
        page = json.loads(line)
        if page["lang"] == "en":
            if kept_english >= english:
                continue
            kept_english += 1
        rows.append({"id": page["id"], "title": page["title"] or "", "text": page["body"]})
    path = folder / "pages.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def build(folder: Path, dumps: list[Path], before: bool) -> tuple[Library, float]:
    """A library of the dumps, with the old analysis (`before`) or today's."""
    original = schema.language_analyzer
    if before:
        schema.language_analyzer = schema.text_analyzer  # as written by earlier versions
    prepared_docs._schema.cache_clear()  # the schema the ingest compares with
    try:
        library = Library(folder)
        started = time.perf_counter()
        report = library.add(dumps, workers=1)
        rate = report.added / max(time.perf_counter() - started, 1e-9)
    finally:
        schema.language_analyzer = original
        prepared_docs._schema.cache_clear()
    return library, rate


def derive_queries(library: Library) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """language -> kind -> [(query, target article id)]."""
    rng = random.Random(0)
    articles = sorted(library.export(), key=lambda a: a.id)
    words_of: dict[str, set[str]] = {}
    forms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    stemmers: dict[str, Stemmer.Stemmer] = {}
    for article in articles:
        lang = article.language or "?"
        words = {w.casefold() for w in _WORD.findall(f"{article.title}\n{article.body}")}
        words_of[article.id] = words
        if lang in ("?", "en") or stemmer_for(lang) == "english":
            continue  # unstemmed before and after (English: the same stems)
        stem = stemmers.setdefault(lang, Stemmer.Stemmer(stemmer_for(lang))).stemWord
        for word in words:
            forms[lang][stem(word)].add(word)
    endings = {lang: _endings(stems) for lang, stems in forms.items()}
    queries: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for article in articles:
        lang = article.language or "?"
        mine = words_of[article.id]
        if lang in stemmers:
            stem = stemmers[lang].stemWord
            pairs = sorted({q for w in mine for q in forms[lang][stem(w)] if q not in mine})
            if len(pairs) < PER_ARTICLE:  # few other articles: forms the stemmer agrees on
                made = {
                    s + e
                    for w in mine
                    if len(w) >= 6 and w.startswith(s := stem(w))
                    for e in endings[lang]
                    if s + e not in mine and stem(s + e) == s
                }
                extra = sorted(made - set(pairs))
                pairs += rng.sample(extra, min(PER_ARTICLE - len(pairs), len(extra)))
            for q in rng.sample(pairs, min(PER_ARTICLE, len(pairs))):
                queries[lang]["inflected"].append((q, article.id))
        inside = []
        for run in _CJK_RUN.finditer(article.body):
            text = run.group()
            for size in (2, 3, 4):
                inside += [text[i : i + size] for i in range(1, len(text) - size)]
        for q in rng.sample(sorted(set(inside)), min(PER_ARTICLE, len(set(inside)))):
            queries[lang]["in-text"].append((q, article.id))
        queries[lang].setdefault("articles", []).append(("", article.id))
    return queries


def _endings(stems: dict[str, set[str]], most: int = 30) -> list[str]:
    """The commonest endings the stemmer strips in one language (`-ов`, `-en`, `-es`)."""
    counts: dict[str, int] = defaultdict(int)
    for stem, words in stems.items():
        for word in words:
            if word.startswith(stem) and word != stem:
                counts[word[len(stem) :]] += 1
    return sorted(counts, key=lambda e: (-counts[e], e))[:most]


def found(library: Library, query: str, target: str) -> bool:
    hits = library.search(query, limit=1000, snippets=False).hits
    return any(hit.id == target for hit in hits)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--english", type=int, default=40, help="English pages to include")
    parser.add_argument("--timing", action="store_true", help="also ingest and query speed")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-languages-"))
    try:
        dumps = [pages_dump(tmp, args.english), *sorted((CORPORA / "wet").glob("*.wet.gz"))]
        before, before_rate = build(tmp / "before", dumps, before=True)
        after, after_rate = build(tmp / "after", dumps, before=False)
        queries = derive_queries(after)
        print(f"{'language':<14}{'articles':>9}{'inflected: n':>14}{'before':>8}", end="")
        print(f"{'after':>7}{'in-text: n':>12}{'before':>8}{'after':>7}")
        timings: list[float] = []
        totals = defaultdict(int)
        for lang in sorted(queries, key=lambda x: (-len(queries[x]["articles"]), x)):
            kinds = queries[lang]
            row = f"{language_name(lang) if lang != '?' else '(none)':<14}"
            row += f"{len(kinds['articles']):>9}"
            for kind in ("inflected", "in-text"):
                pairs = kinds.get(kind, [])
                old = sum(found(before, q, t) for q, t in pairs)
                new = 0
                for q, t in pairs:
                    started = time.perf_counter()
                    new += found(after, q, t)
                    timings.append(time.perf_counter() - started)
                totals[kind, "n"] += len(pairs)
                totals[kind, "before"] += old
                totals[kind, "after"] += new
                width = 14 if kind == "inflected" else 12
                row += f"{len(pairs):>{width}}{old:>8}{new:>7}"
            print(row)
        print(
            f"{'all':<14}{'':>9}{totals['inflected', 'n']:>14}{totals['inflected', 'before']:>8}"
            f"{totals['inflected', 'after']:>7}{totals['in-text', 'n']:>12}"
            f"{totals['in-text', 'before']:>8}{totals['in-text', 'after']:>7}"
        )
        if args.timing and timings:
            timings.sort()
            p50, p95 = timings[len(timings) // 2], timings[int(len(timings) * 0.95)]
            print(f"\ningest pages/s: before {before_rate:.1f}, after {after_rate:.1f}")
            print(f"query (no snippets): p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms")
        before.close()
        after.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("\n" + LATER)


if __name__ == "__main__":
    main()
