"""Builds the search benchmark's libraries: 100,000 generated articles and Reuters-1987.

Each library holds our index (index/format/schema.py, `supports_mmap=False`), the article store
and, beside them, an out-of-the-box Whoosh index of the same articles (stock analyzers, stored
body) to compare against. Articles are written straight through the Whoosh writer and the store,
not the cleaning pipeline.
Run `python -m benchmarks.search_corpus generated|reuters [--articles N]`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.filedb.filestore import FileStorage

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.format.prepared_docs import add_prepared, prepare  # noqa: E402
from index.format.schema import build_schema, date_number, indexed_body  # noqa: E402
from index.format.whoosh_fixes import library_codec  # noqa: E402
from index.records import Article, ArticleEntity  # noqa: E402
from index.store import ArticleStore  # noqa: E402

BENCH_DIR = ROOT / "bench-data"
REUTERS = ROOT.parent / "shared" / "corpora" / "reuters-1987"
DATA = ROOT / "index" / "entities" / "data"

FOREIGN_WORDS = {
    "de": "Regierung Bundeskanzlerin Straße Wähler Größe über Außenminister Grenze Truppen "
    "Verhandlungen Wirtschaft Öffentlichkeit Zustimmung Gespräche Präsident Sicherheit",
    "ru": "правительство президент Москва войска граница переговоры экономика безопасность "
    "министр соглашение выборы заявление Украина НАТО санкции",
    "tr": "hükümet cumhurbaşkanı İstanbul Ankara sınır görüşmeler ekonomi güvenlik bakan "
    "anlaşma seçim açıklama Türkiye ordu yaptırımlar",
}


def out_of_the_box_schema() -> Schema:
    """What a first Whoosh program writes: stock analyzers, the body stored for highlighting."""
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(stored=True),
        body=TEXT(stored=True),
        person=KEYWORD(commas=True, lowercase=True),
        org=KEYWORD(commas=True, lowercase=True),
        place=KEYWORD(commas=True, lowercase=True),
        dump=ID(stored=True),
        source=ID,
        lang=ID,
        date=NUMERIC(int, bits=64),
    )


def out_of_the_box_document(article: Article) -> dict:
    names = {
        k: [e.name for e in article.entities if e.kind == k] for k in ("person", "org", "place")
    }
    return {
        "id": article.id,
        "title": article.title,
        "body": indexed_body(article),
        "person": ",".join(names["person"]),
        "org": ",".join(names["org"]),
        "place": ",".join(names["place"]),
        "dump": article.dump,
        "source": article.source or "none",
        "lang": article.language or "none",
        "date": date_number(article.date),
    }


def _pool(path: Path, limit: int) -> list[str]:
    lines = [ln.split("|")[0].strip() for ln in path.read_text().splitlines()]
    return [ln for ln in lines if ln and not ln.startswith("#")][:limit]


def reuters_vocabulary() -> tuple[list[str], list[int]]:
    counts: Counter[str] = Counter()
    for f in sorted(REUTERS.glob("*.jsonl")):
        with f.open() as fh:
            for line in fh:
                counts.update(re.findall(r"[a-z]{2,}", json.loads(line)["text"].lower()))
    words = [w for w, _ in counts.most_common(30_000)]
    return words, [counts[w] for w in words]


def generated_articles(n: int, seed: int = 1987) -> Iterator[Article]:
    """n articles of 300-900 words drawn from Reuters' word frequencies, with entities."""
    rng = random.Random(seed)
    words, weights = reuters_vocabulary()
    cum = list(_accumulate(weights))
    given = _pool(DATA / "given_names.txt", 3000)
    surnames = [w.capitalize() for w in words[2000:6000]]
    people = [f"{rng.choice(given)} {rng.choice(surnames)}" for _ in range(3000)]
    orgs = _pool(DATA / "orgs.txt", 300)
    places = _pool(DATA / "places.txt", 300)
    dumps = [f"crawl-201{y}-{m:02d}" for y in (3, 4, 5) for m in (1, 5, 9)]
    sources = [f"Source {i}" for i in range(25)]
    made: list[Article] = []
    for i in range(n):
        if made and rng.random() < 0.03:  # a copy of an earlier article in another dump
            original = rng.choice(made[-2000:])
            dump = rng.choice([d for d in dumps if d != original.dump])
            copy = Article(
                id=f"g{i:07d}", dump=dump, origin=f"{dump}:{i}", title=original.title,
                paragraphs=original.paragraphs, source=original.source, date=original.date,
                language=original.language, entities=original.entities,
                copy_group=original.copy_group,
            )  # fmt: skip
            yield copy
            continue
        lang = rng.choices(["en", "de", "ru", "tr"], [90, 4, 3, 3])[0]
        length = rng.randint(300, 900)
        body = rng.choices(words, cum_weights=cum, k=length)
        if lang != "en":
            foreign = FOREIGN_WORDS[lang].split()
            body = [rng.choice(foreign) if rng.random() < 0.5 else w for w in body]
        ents: list[ArticleEntity] = []
        for kind, pool, k in (("person", people, 3), ("org", orgs, 2), ("place", places, 3)):
            for name in rng.sample(pool, rng.randint(0 if kind != "place" else 1, k)):
                count = rng.randint(1, 4)
                for _ in range(count):
                    body.insert(rng.randrange(len(body)), name)
                ents.append(ArticleEntity(name, kind, count))  # type: ignore[arg-type]
        paragraphs = []
        at = 0
        while at < len(body):
            size = rng.randint(40, 90)
            part = body[at : at + size]
            paragraphs.append(part[0].capitalize() + " " + " ".join(part[1:]) + ".")
            at += size
        title_words = rng.choices(words[50:5000], k=rng.randint(4, 9))
        if ents and rng.random() < 0.5:
            title_words.insert(0, rng.choice(ents).name)
        date = ""
        if rng.random() > 0.03:
            date = (
                f"201{rng.randint(2, 6)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                f"T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00"
            )
        aid = f"g{i:07d}"
        article = Article(
            id=aid, dump=rng.choice(dumps), origin=f"generated:{i}",
            title=" ".join(title_words).title(), paragraphs=paragraphs,
            source=rng.choice(sources), date=date, language=lang, entities=ents, copy_group=aid,
        )  # fmt: skip
        made.append(article)
        yield article


def _accumulate(weights: list[int]) -> Iterator[int]:
    total = 0
    for w in weights:
        total += w
        yield total


class _TooSlow(Exception):
    pass


def _entities_within(find, title: str, paragraphs: list[str], seconds: float = 2.0) -> list:
    """find(title, paragraphs), or no entities when it takes longer than `seconds` (logged)."""
    import signal

    def stop(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return find(title, paragraphs)
    except _TooSlow:
        print(f"entities: gave up after {seconds:.0f} s on {title[:60]!r}", flush=True)
        return []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def reuters_articles() -> Iterator[Article]:
    """The Reuters-1987 stories, one dump per month file, entities found by index/entities/."""
    from index.entities import article_entities

    seen: dict[str, str] = {}
    for f in sorted(REUTERS.glob("*.jsonl")):
        dump = f.stem
        with f.open() as fh:
            for n, line in enumerate(fh):
                d = json.loads(line)
                paragraphs = [p.strip() for p in d["text"].split("\n\n") if p.strip()]
                if not paragraphs:
                    continue
                aid = f"{dump}-{d['id']}"
                key = d["title"] + "\n" + paragraphs[0]
                places = _entities_within(article_entities, d["title"].title(), paragraphs)
                yield Article(
                    id=aid, dump=dump, origin=f"{f.name}:{n + 1}", title=d["title"],
                    paragraphs=paragraphs, source=d.get("source", "Reuters"), url=d.get("url", ""),
                    date=d.get("date", ""), language="en", entities=places,
                    copy_group=seen.setdefault(key, aid),
                )  # fmt: skip


def build(
    folder: Path, articles: Iterator[Article], which: str = "both", commit_every: int = 10_000
) -> None:
    """Write the library (ours + store) and/or the out-of-the-box index into folder.

    Commits every `commit_every` articles (one new segment each, no merging), so a build that is
    stopped leaves a usable library, and a new run resumes after what the index already holds.
    """
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    ours_ix = oob_ix = store = None
    skip = 0
    if which in ("both", "ours"):
        (folder / "whoosh").mkdir(exist_ok=True)
        storage = FileStorage(str(folder / "whoosh"), supports_mmap=False)
        if storage.index_exists():
            ours_ix = storage.open_index()
            skip = ours_ix.doc_count_all()
        else:
            ours_ix = storage.create_index(build_schema())
        store = ArticleStore(folder / "articles.db")
    if which in ("both", "oob"):
        (folder / "oob").mkdir(exist_ok=True)
        if whoosh_index.exists_in(str(folder / "oob")):
            oob_ix = whoosh_index.open_dir(str(folder / "oob"))
            skip = (
                min(skip, oob_ix.doc_count_all()) if ours_ix is not None else oob_ix.doc_count_all()
            )
        else:
            oob_ix = whoosh_index.create_in(str(folder / "oob"), out_of_the_box_schema())
    if skip:
        print(f"{which}: resuming after {skip} articles", flush=True)
    ours = oob = None
    batch: list[Article] = []
    count = 0
    for article in articles:
        count += 1
        if count <= skip:
            continue
        if ours_ix is not None:
            ours = ours or ours_ix.writer(limitmb=512, codec=library_codec())
            add_prepared(ours, prepare(article), article)  # as the ingest adds it
            batch.append(article)
            if len(batch) >= 2000:
                store.put_articles(batch)  # type: ignore[union-attr]
                batch.clear()
        if oob_ix is not None:
            oob = oob or oob_ix.writer(limitmb=512, codec=W3Codec())  # Whoosh's own
            oob.add_document(**out_of_the_box_document(article))
        if count % commit_every == 0:
            ours, oob = _commit(store, batch, ours, oob)
        if count % 5000 == 0:
            print(f"{which}: {count} articles, {time.perf_counter() - started:.0f} s", flush=True)
    _commit(store, batch, ours, oob)
    if store is not None:
        store.close()
    (folder / f"done-{which}").write_text(
        f"{count} articles in {time.perf_counter() - started:.0f} s\n"
    )
    print(f"{which}: built {count} articles in {time.perf_counter() - started:.0f} s", flush=True)


def _commit(store, batch: list[Article], ours, oob) -> tuple[None, None]:
    """Store first, then the indexes (a stop in between only re-puts a batch on resuming)."""
    if store is not None:
        store.put_articles(batch)
        batch.clear()
        store.commit()
    for writer in (ours, oob):
        if writer is not None:
            writer.commit(merge=False)
    return None, None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", choices=["generated", "reuters"])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--which", choices=["both", "ours", "oob"], default="both")
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--commit-every", type=int, default=10_000)
    args = parser.parse_args()
    if args.corpus == "generated":
        folder = args.dir or BENCH_DIR / f"generated-{args.articles}"
        build(folder, generated_articles(args.articles), args.which, args.commit_every)
    else:
        build(args.dir or BENCH_DIR / "reuters", reuters_articles(), args.which, args.commit_every)


if __name__ == "__main__":
    main()
