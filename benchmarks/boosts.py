"""Tunes the BM25F field weights on Reuters-1987, with the wire's own topics as relevance labels.

    python -m benchmarks.boosts      (needs bench-data/reuters from benchmarks/search_corpus.py)

Each query is a topic's words, alone or with a place ("coffee", "japan trade"); the relevant
articles are those the wire tagged with that topic (and place). For each weighting on a grid the
script prints the mean average precision over the first 20 results (MAP@20) and P@10, copies
collapsed as the reader shows them.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.library import Library  # noqa: E402
from index.search import view as search_view  # noqa: E402
from index.search.query import parse_query  # noqa: E402
from index.search.query_build import FIELD_BOOSTS, QueryBuilder  # noqa: E402

REUTERS = ROOT.parent / "shared" / "corpora" / "reuters-1987"
TOPIC_WORDS = {
    "coffee": "coffee", "gold": "gold", "crude": "crude oil", "grain": "grain", "sugar": "sugar",
    "cocoa": "cocoa", "copper": "copper", "ship": "shipping", "interest": "interest rates",
    "money-fx": "currency", "trade": "trade", "acq": "acquisition", "earn": "earnings",
    "wheat": "wheat", "corn": "corn", "livestock": "livestock", "rubber": "rubber",
    "cotton": "cotton", "tin": "tin", "gnp": "gnp", "jobs": "unemployment",
    "reserves": "reserves", "veg-oil": "vegetable oil", "natgas": "natural gas",
    "money-supply": "money supply", "bop": "balance of payments", "housing": "housing",
    "retail": "retail sales", "alum": "aluminium", "oilseed": "oilseed",
}  # fmt: skip
PLACES = {"japan": "japan", "usa": "united states", "uk": "britain", "west-germany": "germany",
          "brazil": "brazil", "canada": "canada", "france": "france", "china": "china"}  # fmt: skip


def labels() -> dict[str, tuple[set[str], set[str]]]:
    """article id -> (topics, places) as the wire tagged it."""
    out = {}
    for f in sorted(REUTERS.glob("*.jsonl")):
        for line in f.open():
            d = json.loads(line)
            out[f"{f.stem}-{d['id']}"] = (set(d.get("topics", [])), set(d.get("places", [])))
    return out


def judged_queries(tags) -> list[tuple[str, set[str]]]:
    queries = []
    for topic, words in TOPIC_WORDS.items():
        relevant = {a for a, (t, _) in tags.items() if topic in t}
        if len(relevant) >= 5:
            queries.append((words, relevant))
        for place, name in PLACES.items():
            both = {a for a in relevant if place in tags[a][1]}
            if len(both) >= 5:
                queries.append((f"{name} {words}", both))
    return queries


def evaluate(lib: Library, queries, boosts: dict[str, float]) -> tuple[float, float]:
    engine = lib.engine
    view = engine.view
    ids_of = {}
    aps, p10s = [], []
    for text, relevant in queries:
        compiled = QueryBuilder(view.reader, boosts).build(parse_query(text))
        mask, score = engine._match(view, compiled)
        docs, _ = engine._rank(view, mask, score, compiled, "relevance", 20)
        found = []
        for d in docs:
            d = int(d)
            if d not in ids_of:
                ids_of[d] = view.searcher.stored_fields(d)["id"]
            found.append(ids_of[d])
        hits = np.array([a in relevant for a in found], dtype=float)
        precision_at = np.cumsum(hits) / np.arange(1, len(hits) + 1) if len(hits) else hits
        aps.append(float((precision_at * hits).sum() / min(len(relevant), 20)))
        p10s.append(float(hits[:10].mean()) if len(hits) else 0.0)
    return float(np.mean(aps)), float(np.mean(p10s))


def main() -> None:
    lib = Library(ROOT / "bench-data" / "reuters", readonly=True)
    queries = judged_queries(labels())
    print(f"{len(queries)} judged queries")
    results = []
    grid = itertools.product((1.0, 1.5, 2.0, 3.0), (0.25, 0.5, 1.0, 1.5), (0.5, 0.75))
    for title, entity, body_b in grid:
        search_view.B["body"] = body_b
        boosts = {"title": title, "body": 1.0, "person": entity, "org": entity, "place": entity}
        m, p = evaluate(lib, queries, boosts)
        results.append((m, p, title, entity, body_b))
    results.sort(reverse=True)
    print("MAP@20  P@10   title  entity  body_B")
    for m, p, title, entity, body_b in results[:12]:
        print(f"{m:.4f}  {p:.3f}  {title:5.1f}  {entity:6.2f}  {body_b:6.2f}")
    search_view.B.update(title=0.5, body=0.5)
    base = evaluate(lib, queries, {f: 1.0 for f in FIELD_BOOSTS})
    ours = evaluate(lib, queries, FIELD_BOOSTS)
    print(f"all weights 1.0: MAP@20 {base[0]:.4f} P@10 {base[1]:.3f}")
    print(f"shipped {FIELD_BOOSTS}: MAP@20 {ours[0]:.4f} P@10 {ours[1]:.3f}")


if __name__ == "__main__":
    main()
