"""Benchmark the entity extractor on the Reuters-21578 corpus (../shared/corpora/reuters-1987).

Prints articles per second (one core), precision and recall of the places against the stories'
`places` tags, entity counts per kind, and a sample of articles' entity lists to review by eye.

Quirks of the reference, and how they are handled:
- `places` are lowercase country-level tags ("usa", "uk", "west-germany", "ussr", "hong-kong"),
  not mentions: a story about Tokyo is tagged "japan"; a story datelined NEW YORK about Brazil's
  debt may be tagged only "brazil". So the comparison is per story, on the set of countries: each
  extracted place is mapped to its country (Moscow -> RU), regions without a country are ignored.
- Tags can name countries the story only implies; stories can mention countries they are not tagged
  with (a passing "U.S." in a story about Japan). Precision and recall here are therefore a floor
  and a rough guide, not an exact-span score.
- "ussr" and "west-germany"/"east-germany" are matched against today's RU and DE; about 60% of
  the tags are "usa".
- People and organisations have no reference in this corpus: only their counts are printed.

Run: .venv/bin/python benchmarks/entities.py [--limit N] [--sample 20] [--probe] [--heldout]

`--probe` scores benchmarks/data/entity_probe.json instead: newswire sentences written in the
tokenised style of the CoNLL-2003 shared task and labelled by hand with its conventions, scored by
exact span per kind. It was written while tuning the rules: a REGRESSION CHECK, not evidence.

`--heldout` scores benchmarks/data/entity_heldout.json the same way: sentences of the same style
covering the error classes of issue 14 (surnames after a full name, sport lines and tables, span
edges, missed places and organisations, non-English text), written once before that work started
and never tuned on. Its figure is reported apart from the probe's.

The speed line ("under load" when the machine is shared) is articles per CPU-second on one core.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.entities import article_entities
from index.entities.gazetteer import Place, places

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters-1987"
TAG_CODES = {
    "usa": "US", "uk": "GB", "west-germany": "DE", "east-germany": "DE", "ussr": "RU",
    "hong-kong": "HK", "south-korea": "KR", "north-korea": "KP", "taiwan": "TW", "uae": "AE",
    "ivory-coast": "CI", "iran": "IR", "syria": "SY", "vietnam": "VN", "venezuela": "VE",
    "bolivia": "BO", "tanzania": "TZ", "yugoslavia": "YU", "czechoslovakia": "CS",
    "zaire": "CD", "burma": "MM", "macao": "MO", "vatican": "VA", "laos": "LA",
    "cape-verde": "CV", "moldova": "MD", "brunei": "BN", "congo": "CG", "netherlands": "NL",
    "netherlands-antilles": "CW", "st-lucia": "LC", "st-vincent": "VC", "st-kitts-nevis": "KN",
    "east-timor": "TL", "micronesia": "FM", "russia": "RU", "korea": "KR",
}  # fmt: skip
CODE_ALIASES = {"SU": "RU", "YU": "RS", "CS": "CZ"}


def tag_code(tag: str) -> str:
    """The ISO code of a Reuters place tag ("" when unknown)."""
    if tag in TAG_CODES:
        return TAG_CODES[tag]
    import pycountry

    try:
        return pycountry.countries.lookup(tag.replace("-", " ")).alpha_2
    except LookupError:
        return ""


def load(limit: int) -> list[dict]:
    stories = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            stories.append(json.loads(line))
            if len(stories) >= limit:
                return stories
    return stories


def probe(path: Path, verbose: bool, label: str) -> None:
    """Exact-span precision, recall and F1 per kind on hand-labelled sentences."""
    from index.entities import extract_entities

    # per kind: true positives, false positives, false negatives
    counts = {kind: [0, 0, 0] for kind in ("person", "org", "place")}
    for item in json.loads(path.read_text(encoding="utf-8"))["sentences"]:
        text, gold, cursor = item["text"], set(), 0
        for surface, kind in item["entities"]:
            start = text.index(surface, cursor)
            cursor = start + len(surface)
            gold.add((start, cursor, kind))
        found = {(s, e, entity.kind) for entity in extract_entities(text) for s, e in entity.spans}
        for kind, row in counts.items():
            row[0] += len({g for g in gold if g[2] == kind} & found)
            row[1] += len({f for f in found - gold if f[2] == kind})
            row[2] += len({g for g in gold - found if g[2] == kind})
        if verbose and gold != found:
            print(f"   missing {[text[s:e] for s, e, _ in gold - found]}", end="")
            print(f" extra {[(text[s:e], k) for s, e, k in found - gold]}  in: {text[:60]}")
    total = [sum(row[i] for row in counts.values()) for i in range(3)]
    for kind, (tp, fp, fn) in [*counts.items(), ("all", total)]:
        precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        print(f"{label} {kind:6}: P={precision:.3f} R={recall:.3f} F1={f1:.3f} ({tp + fn} gold)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--probe", action="store_true", help="score the probe (a regression check)")
    parser.add_argument("--heldout", action="store_true", help="score the held-out sentences")
    parser.add_argument("--quiet", action="store_true", help="figures only, no per-sentence diff")
    args = parser.parse_args()
    data = Path(__file__).resolve().parent / "data"
    if args.probe:
        probe(data / "entity_probe.json", not args.quiet, "probe (regression check)")
    if args.heldout:
        probe(data / "entity_heldout.json", not args.quiet, "HELD-OUT")
    if args.probe or args.heldout:
        return
    if not CORPUS.exists():
        sys.exit(f"corpus not found: {CORPUS}")
    stories = load(args.limit)
    bodies = [[p for p in s.get("text", "").split("\n\n") if p.strip()] for s in stories]
    t0 = time.perf_counter()
    article_entities("WARM UP", ["Warm up in Paris."])
    warm = time.perf_counter() - t0
    t0, cpu0 = time.perf_counter(), time.process_time()
    results = [
        article_entities(s.get("title", ""), b) for s, b in zip(stories, bodies, strict=True)
    ]
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    print(f"{len(stories)} stories in {seconds:.2f}s: {len(stories) / seconds:,.0f} articles/s")
    print(f"CPU time {cpu:.2f}s: {len(stories) / cpu:,.0f} articles per CPU-second (one core)")
    print(f"(first call, loading the lists: {warm:.2f}s)")

    table: dict[str, Place] = {p.name: p for p in places().values()}
    true_pos = false_pos = false_neg = 0
    kinds: Counter[str] = Counter()
    for story, entities in zip(stories, results, strict=True):
        reference = {CODE_ALIASES.get(c, c) for c in map(tag_code, story.get("places") or []) if c}
        found = set()
        for entity in entities:
            kinds[entity.kind] += 1
            place = table.get(entity.name) if entity.kind == "place" else None
            if place and len(place.country) == 2:
                found.add(CODE_ALIASES.get(place.country, place.country))
        if not reference:
            continue
        true_pos += len(found & reference)
        false_pos += len(found - reference)
        false_neg += len(reference - found)
    precision = true_pos / max(1, true_pos + false_pos)
    recall = true_pos / max(1, true_pos + false_neg)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(f"places (country level, per story): P={precision:.3f} R={recall:.3f} F1={f1:.3f}")
    print("entities found per kind:", dict(kinds))
    print("person / org: no reference in this corpus (see the module docstring)")

    rng = random.Random(args.seed)
    for i in rng.sample(range(len(stories)), min(args.sample, len(stories))):
        story = stories[i]
        print(f"\n== {story['id']} {story.get('title', '')[:70]}  tags={story.get('places')}")
        for entity in results[i][:15]:
            aliases = f" ({', '.join(entity.aliases)})" if entity.aliases else ""
            print(f"   {entity.kind:6} {entity.name}{aliases} x{entity.count}")


if __name__ == "__main__":
    main()
