"""The shared pages corpus (gold title/body per page, two renderings): loading, gold labels, scores.

Used by `benchmarks/cleaning.py --dev` and by `scripts/train_cleaner.py`. Reads
../shared/corpora/pages (research-only: nothing of it is copied into the project).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "corpora" / "pages"
RENDERINGS = ("resiliparse", "plain")
_NOT_WORD = re.compile(r"[\W_]+")
_TOKEN = re.compile(r"\w+")


def norm(text: str) -> str:
    """NFKC, lower case, letters and digits only (the corpus README's normalisation)."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


@dataclass(slots=True)
class GoldPage:
    """One page of the corpus in one rendering, with its gold."""

    id: str
    source: str  # readability | l3s-gn1
    rendering: str
    site: str
    text: str
    title: str
    body: str
    paragraphs: list[str]
    norm_body: str = ""
    norm_paragraphs: set[str] = field(default_factory=set)


def load(split: str, renderings: tuple[str, ...] = RENDERINGS) -> list[GoldPage]:
    """The pages of one split ("train" or "dev") in the given renderings."""
    ids = set(json.loads((PAGES / "split.json").read_text("utf-8"))[split])
    pages: list[GoldPage] = []
    with (PAGES / "manifest.jsonl").open(encoding="utf-8") as stream:
        for raw in stream:
            meta = json.loads(raw)
            if meta["id"] not in ids:
                continue
            paragraphs = [p for p in meta["body"].split("\n\n") if p.strip()]
            for rendering in renderings:
                path = PAGES / "dumps" / rendering / f"{meta['id']}.txt"
                pages.append(
                    GoldPage(
                        id=meta["id"],
                        source=meta["source"],
                        rendering=rendering,
                        site=meta["site"],
                        text=path.read_text("utf-8"),
                        title=meta["title"] or "",
                        body=meta["body"],
                        paragraphs=paragraphs,
                        norm_body=norm(meta["body"]),
                        norm_paragraphs={norm(p) for p in paragraphs},
                    )
                )
    return pages


def as_ingested(pages: list[GoldPage]):
    """(gold page, Page, furniture model) for every page, as the ingest sees them: one furniture
    model per rendering, learned over that rendering's pages before any is cleaned."""
    from index.cleaning.clean import FurnitureModel
    from index.records import Page

    for rendering in ("resiliparse", "plain"):
        group = [g for g in pages if g.rendering == rendering]
        furniture = FurnitureModel()
        raw = [Page(dump=rendering, origin=g.id, key=g.id, text=g.text) for g in group]
        for page in raw:
            furniture.observe(page)
        for gold, page in zip(group, raw, strict=True):
            yield gold, page, furniture


def is_gold_line(page: GoldPage, line: str) -> bool:
    """Whether a line of the dump is article text by the gold (a paragraph or a part of one)."""
    key = norm(line)
    if not key:
        return False
    if key in page.norm_paragraphs:
        return True
    if len(key) >= 20 and key in page.norm_body:
        return True
    # a line that glues gold paragraphs (a dateline and the first sentence)
    return len(key) >= 40 and any(len(p) >= 30 and p in key for p in page.norm_paragraphs)


def score_page(page: GoldPage, title: str, paragraphs: list[str], lines: list[str]) -> Counter:
    """Counts for line-, paragraph- and token-level precision/recall and the title."""
    counts: Counter = Counter()
    kept = "".join(norm(p) for p in paragraphs)
    kept_keys = [norm(p) for p in paragraphs]
    for line in lines:
        key = norm(line)
        if not key:
            continue
        gold = is_gold_line(page, line)
        predicted = key in kept
        counts["line_tp"] += gold and predicted
        counts["line_fp"] += predicted and not gold
        counts["line_fn"] += gold and not predicted
    for key in page.norm_paragraphs:
        if key:
            counts["para_gold"] += 1
            counts["para_found"] += key in kept
    for key in kept_keys:
        if key:
            counts["para_kept"] += 1
            counts["para_right"] += key in page.norm_body
    gold_tokens = Counter(_TOKEN.findall(page.body.lower()))
    kept_tokens = Counter(_TOKEN.findall(" ".join(paragraphs).lower()))
    common = sum((gold_tokens & kept_tokens).values())
    counts["tok_common"] += common
    counts["tok_gold"] += sum(gold_tokens.values())
    counts["tok_kept"] += sum(kept_tokens.values())
    p = common / max(1, sum(kept_tokens.values()))
    r = common / max(1, sum(gold_tokens.values()))
    counts["tok_f1_sum"] += 2 * p * r / max(1e-9, p + r)
    if page.title:
        counts["titled"] += 1
        counts["title_exact"] += " ".join(title.split()) == " ".join(page.title.split())
        counts["title_norm"] += norm(title) == norm(page.title)
    counts["pages"] += 1
    return counts


def f1(p: float, r: float) -> float:
    return 2 * p * r / max(1e-9, p + r)


def summary(counts: Counter) -> str:
    lp = counts["line_tp"] / max(1, counts["line_tp"] + counts["line_fp"])
    lr = counts["line_tp"] / max(1, counts["line_tp"] + counts["line_fn"])
    pp = counts["para_right"] / max(1, counts["para_kept"])
    pr = counts["para_found"] / max(1, counts["para_gold"])
    tf = counts["tok_f1_sum"] / max(1, counts["pages"])
    te = counts["title_exact"] / max(1, counts["titled"])
    tn = counts["title_norm"] / max(1, counts["titled"])
    return (
        f"pages {counts['pages']:4d} skipped {counts['skipped']:3d} | "
        f"line P {lp:.3f} R {lr:.3f} F1 {f1(lp, lr):.3f} | "
        f"para P {pp:.3f} R {pr:.3f} F1 {f1(pp, pr):.3f} | token F1 {tf:.3f} | "
        f"title exact {te:.3f} norm {tn:.3f}"
    )


def error_classes(
    page: GoldPage, paragraphs: list[str], lines: list[str], words: list[int], kinds: list[str]
) -> Counter:
    """What the cleaner got wrong on a page, by class: each gold paragraph it lost (the whole page
    lost, part of a longer line, a line of its kind and length, above or below the kept text) and
    each paragraph it kept that is not gold (above, inside or below the gold lines). `lines`,
    `words` and `kinds` are the page's lines, their word counts and kinds ("GOOD", "SHORT"...)."""
    out: Counter = Counter()
    kept = "".join(norm(p) for p in paragraphs)
    at = {norm(line): i for i, line in enumerate(lines)}
    gold = [i for i, line in enumerate(lines) if is_gold_line(page, line)]
    firsts = [at[key] for key in map(norm, paragraphs) if key in at]
    found = sum(1 for key in page.norm_paragraphs if key and key in kept)
    total = sum(1 for key in page.norm_paragraphs if key)
    lost = total and found / total < 0.3

    def size(i: int) -> str:
        return "w<=6" if words[i] <= 6 else "w7-15" if words[i] <= 15 else "w>15"

    for key in page.norm_paragraphs:
        if not key or key in kept:
            continue
        if lost:
            name = "lost: page (under 30% found)"
        elif key not in at:
            name = "lost: part of a line" if key in norm("\n".join(lines)) else "lost: not in dump"
        else:
            i = at[key]
            where = "above kept" if firsts and i < min(firsts) else "among/below kept"
            name = f"lost: {kinds[i]} {size(i)} {where}"
        out[name] += 1
    for key in map(norm, paragraphs):
        if not key or key in page.norm_body:
            continue
        i = at.get(key)
        if i is None or not gold:
            out["kept wrongly: elsewhere"] += 1
            continue
        where = "above gold" if i < gold[0] else "below gold" if i > gold[-1] else "inside gold"
        out[f"kept wrongly: {kinds[i]} {size(i)} {where}"] += 1
    return out
