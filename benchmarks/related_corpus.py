"""Libraries for the related-coverage benchmark: Reuters-1987 and a generated corpus of any size."""

from __future__ import annotations

import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.format.whoosh_fixes import library_codec  # noqa: E402
from index.records import Article, ArticleEntity  # noqa: E402
from index.versions.dedup import content_hash  # noqa: E402

REUTERS = ROOT.parent / "shared" / "corpora" / "reuters-1987"
BENCH_DATA = ROOT / "bench-data"

_CAPITALISED = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,5})(?:\s+(?:of\s+)?[A-Z][a-z]+)*\b")
_NOT_NAMES = set(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "It",
        "He",
        "She",
        "They",
        "We",
        "This",
        "That",
        "But",
        "And",
        "Or",
        "Its",
        "His",
        "Her",
        "Their",
        "Our",
        "If",
        "Mln",
        "Billion",
        "Dlrs",
        "Pct",
        "Shr",
        "Net",
        "Revs",
        "Qtr",
        "Avg",
        "Shrs",
        "Inc",
        "Corp",
        "Co",
        "Ltd",
        "Reuter",
        "Reuters",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
)


def fallback_entities(title: str, paragraphs: list[str]) -> list[ArticleEntity]:
    """Capitalised phrases as entities, for when the project's entity finder is not importable."""
    counts: Counter[str] = Counter()
    lead: set[str] = set()
    for i, para in enumerate(paragraphs):
        for m in _CAPITALISED.finditer(para):
            name = m.group(0)
            if name in _NOT_NAMES or len(name) < 3:
                continue
            counts[name] += 1
            if i == 0:
                lead.add(name)
    upper_title = title.upper()
    return [
        ArticleEntity(name, "org", n, in_title=name.upper() in upper_title, in_lead=name in lead)
        for name, n in counts.most_common(20)
    ]


def _entity_finder():
    try:
        from index.entities import article_entities

        if callable(article_entities):
            return lambda title, paragraphs: article_entities(title, paragraphs, "")
    except ImportError:
        pass
    return fallback_entities


def read_reuters(with_entities: bool = True) -> tuple[list[Article], dict[str, list[str]]]:
    """Reuters stories as Articles (dump = file name) and id -> topics."""
    find_entities = _entity_finder()
    articles: list[Article] = []
    topics: dict[str, list[str]] = {}
    for path in sorted(REUTERS.glob("*.jsonl")):
        dump = path.stem
        with path.open() as fh:
            for line in fh:
                rec = json.loads(line)
                paragraphs = [p.strip() for p in rec["text"].split("\n\n") if p.strip()]
                a = Article(
                    id=rec["id"],
                    dump=dump,
                    origin=f"{path.name}:{rec['id']}",
                    title=rec["title"],
                    paragraphs=paragraphs,
                    source=rec.get("source", ""),
                    url=rec.get("url", ""),
                    date=rec.get("date", ""),
                )
                if with_entities:
                    a.entities = find_entities(a.title, a.paragraphs)
                articles.append(a)
                topics[a.id] = rec.get("topics", [])
    return articles, topics


def generated_articles(
    n: int, seed: int = 1987, base: list[Article] | None = None
) -> list[Article]:
    """`n` articles made from Reuters stories: paragraphs shuffled, words swapped, new dates.

    Each base story yields several variants, so the corpus has the postings and the story
    clusters of real news at any size. `base`: the Reuters articles with their entities (read
    and analysed again when not given).
    """
    if base is None:
        base, _ = read_reuters()
    base = sorted((a for a in base if a.paragraphs), key=lambda a: a.id)
    rng = random.Random(seed)
    vocab = [w for a in base[:3000] for p in a.paragraphs for w in p.split()]
    out: list[Article] = []
    for i in range(n):
        src = base[rng.randrange(len(base))]
        paras = list(src.paragraphs)
        rng.shuffle(paras)
        words = " ".join(paras).split()
        for _ in range(max(1, len(words) // 7)):
            words[rng.randrange(len(words))] = rng.choice(vocab)
        size = max(1, len(words) // max(1, len(paras)))
        paragraphs = [" ".join(words[k : k + size]) for k in range(0, len(words), size)]
        title_words = src.title.split()
        title_words[rng.randrange(len(title_words))] = rng.choice(vocab).upper()
        day = 1 + rng.randrange(28)
        a = Article(
            id=f"gen-{i:06d}",
            dump=f"gen-{i % 10}",
            origin=f"generated:{i}",
            title=" ".join(title_words),
            paragraphs=paragraphs,
            source="Generated",
            date=f"{1986 + rng.randrange(4)}-{1 + rng.randrange(12):02d}-{day:02d}",
            entities=[e for e in src.entities if rng.random() < 0.8],
        )
        out.append(a)
    return out


def write_library(folder: Path, articles: list[Article], progress: bool = True) -> None:
    """Write articles into a library folder the way ingest does (store first, then Whoosh)."""
    from whoosh import index as whoosh_index

    from index.format.schema import build_schema, document_for
    from index.store import ArticleStore

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "whoosh").mkdir(exist_ok=True)
    store = ArticleStore(folder / "articles.db")
    ix = whoosh_index.create_in(str(folder / "whoosh"), build_schema())
    first: dict[str, str] = {}
    for a in articles:
        a.content_hash = content_hash(a)
        a.copy_group = first.setdefault(a.content_hash, a.id)
        a.version_group = a.copy_group
    started = time.perf_counter()
    writer = ix.writer(limitmb=512, codec=library_codec())
    for i, a in enumerate(articles):
        writer.add_document(**document_for(a))
        if progress and i % 10000 == 0:
            print(f"  indexed {i} articles, {time.perf_counter() - started:.0f} s", flush=True)
    store.put_articles(articles)
    store.commit()
    writer.commit()
    store.close()
    ix.close()
    (folder / "complete").write_text(f"{len(articles)}\n")


def library_folder(name: str, make) -> Path:
    """A cached library under bench-data/, built once by `make()` -> list of Articles."""
    folder = BENCH_DATA / name
    if not (folder / "complete").exists():
        if folder.exists():
            import shutil

            shutil.rmtree(folder)
        print(f"building {folder} ...", flush=True)
        write_library(folder, make())
    return folder


def reuters_topics() -> dict[str, list[str]]:
    topics: dict[str, list[str]] = {}
    for path in sorted(REUTERS.glob("*.jsonl")):
        with path.open() as fh:
            for line in fh:
                rec = json.loads(line)
                topics[rec["id"]] = rec.get("topics", [])
    return topics
