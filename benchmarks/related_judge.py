"""Related coverage judged by a person: each pick's top 5 (ours, TF-IDF, more_like_this) with leads.

    .venv/bin/python benchmarks/related_judge.py [--headlines] [--stories | --more] [--table]

The picks split in two by a fixed hash of their url (`held_out`): figures for the tuning part
and the held-out part are printed apart; tune only on the first.
Judgments live in benchmarks/related_judgments.json, {"open url": {"other url": 1 or 0}}: 1 when
the other article is about the same story or a follow-up (for a recurring statistic, the same
figure for another period). Pairs not judged yet are marked "?" for a person to add.
--stories judges the 30 running stories (STORY_PICKS) instead of the first 30 picks (PICKS);
--more 12 more picks (MORE_PICKS, added for evidence: related_learn.py does not fit on them);
--headlines asks the headline-only library about the same articles.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import related as bench

from index.library import Library
from index.records import Article

JUDGMENTS = bench.ROOT / "benchmarks" / "related_judgments.json"


def held_out(url: str) -> bool:
    """The fixed split of the judged picks: held out when sha1(url) is odd, never tuned on."""
    return int(hashlib.sha1(url.encode()).hexdigest(), 16) % 2 == 1


def _lead(a: Article, n: int = 170) -> str:
    return " ".join(a.body.split())[:n]


def patterns(stories: bool, more: bool = False) -> list[str]:
    """The title patterns of a run's picks: PICKS, STORY_PICKS or (--more) MORE_PICKS."""
    return bench.MORE_PICKS if more else bench.STORY_PICKS if stories else bench.PICKS


def judged_picks(stories: bool, more: bool = False) -> list[str]:
    """The urls of the picked articles (always chosen on the full articles)."""
    meta = bench.reuters_meta()
    with Library(bench.reuters_library(), readonly=True) as full:
        return [a.url for a in bench.picks(full, meta, patterns(stories, more))]


def attainable(judged: dict[str, dict[str, int]], url: str) -> int:
    """At most 5: how many articles of the same story a person found among all methods' lists."""
    return min(5, sum(judged.get(url, {}).values()))


def judge(
    headlines: bool = False, stories: bool = False, table: bool = False, more: bool = False
) -> None:
    """Print each pick with the union of the three top-5 lists and the judged share of each."""
    judged = json.loads(JUDGMENTS.read_text()) if JUDGMENTS.exists() else {}
    chosen_urls = judged_picks(stories, more)
    kinds = patterns(stories, more)
    rows: list[str] = []
    with Library(bench.reuters_library(), readonly=True) as full:
        body_of = {a.url: a for a in full.export()}
    folder = bench.headline_library() if headlines else bench.reuters_library()
    with Library(folder, readonly=True) as lib:
        by_url = {a.url: a for a in lib.export()}
        url_of = {a.id: a.url for a in by_url.values()}
        tfidf = bench.TfidfCosine(lib)
        totals: dict[str, list[int]] = {"ours": [], "tfidf": [], "mlt": []}
        missing = 0
        for n, url in enumerate(chosen_urls, 1):
            a = by_url[url]
            skip = bench.own_group(lib, a)
            found = {
                "ours": bench.ours(lib, a, 5),
                "tfidf": tfidf.top(a.id, 5, skip),
                "mlt": bench.more_like_this(lib, a, 5, skip),
            }
            marks: dict[str, list[str]] = {}
            for name, ids in found.items():
                for rank, i in enumerate(ids, 1):
                    marks.setdefault(i, []).append(f"{name[0].upper()}{rank}")
            mine = judged.get(url, {})
            print(f"\n#{n} {url} [{a.date[:10]}] {a.title}")
            print(f"    {_lead(body_of[url], 300)}")
            for i, m in marks.items():
                other = body_of[url_of[i]]
                verdict = mine.get(other.url)
                mark = "?" if verdict is None else ("=" if verdict else "x")
                missing += verdict is None
                print(f"  {mark} {' '.join(m):10} {other.url} [{other.date[:10]}] {other.title}")
                print(f"      {_lead(other)}")
            for name, ids in found.items():
                totals[name].append(sum(mine.get(url_of[i], 0) for i in ids))
            title = a.title.replace("|", "/")[:60]
            kind = kinds[n - 1].replace("|", " or ")
            counts = " | ".join(f"{totals[name][-1]}/5" for name in found)
            rows.append(f"| {url.rsplit('/', 1)[-1]} | {title} | {kind} | {counts} |")
        label = ("headlines" if headlines else "full articles") + (
            ", more picks" if more else ", stories" if stories else ""
        )
        print(f"\n{label}: judged same story in the top 5 ({missing} pairs not judged yet)")
        reachable = [attainable(judged, url) for url in chosen_urls]
        print(f"  (a person found {sum(reachable)} of the {5 * len(reachable)} places fillable)")
        for name, counts in totals.items():
            per = " ".join(str(c) for c in counts)
            share = sum(counts) / (5 * len(counts))
            of_reachable = sum(counts) / max(1, sum(reachable))
            print(f"  {name:6} {share:.3f}  of the fillable {of_reachable:.3f}   [{per}]")
        for part in ("tune", "held-out"):  # a fixed hash split of the picks: tune on one only
            chosen = [i for i, u in enumerate(chosen_urls) if (part == "held-out") == held_out(u)]
            fillable = sum(reachable[i] for i in chosen) / max(1, 5 * len(chosen))
            shares = "  ".join(
                f"{name} {sum(totals[name][i] for i in chosen) / max(1, 5 * len(chosen)):.3f}"
                for name in totals
            )
            print(f"  [{part}, {len(chosen)} picks] {shares}  (a perfect ranker {fillable:.3f})")
        if table:
            print("\n| id | title | kind (title pattern) | ours | TF-IDF | more_like_this |")
            print("|---|---|---|---|---|---|")
            print("\n".join(rows))


def main(argv: list[str]) -> None:
    judge(
        headlines="--headlines" in argv,
        stories="--stories" in argv,
        table="--table" in argv,
        more="--more" in argv,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
