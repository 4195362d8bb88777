"""A generated corpus of news-like whole-page text with site furniture, for the benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    "government",
    "minister",
    "said",
    "talks",
    "market",
    "prices",
    "oil",
    "troops",
    "border",
    "election",
    "vote",
    "party",
    "economy",
    "bank",
    "rates",
    "inflation",
    "growth",
    "company",
    "shares",
    "deal",
    "merger",
    "court",
    "ruling",
    "police",
    "city",
    "officials",
    "report",
    "week",
    "month",
    "year",
    "president",
    "leaders",
    "summit",
    "trade",
    "tariffs",
    "exports",
    "imports",
    "production",
    "output",
    "crisis",
    "security",
    "council",
    "agreement",
    "sanctions",
    "protest",
    "strike",
    "workers",
    "union",
    "health",
    "hospital",
    "vaccine",
    "climate",
    "energy",
    "gas",
    "coal",
    "power",
    "plant",
    "water",
    "drought",
    "harvest",
    "crops",
    "wheat",
    "coffee",
    "cocoa",
    "sugar",
    "gold",
    "dollar",
    "yen",
    "euro",
    "budget",
    "deficit",
    "debt",
    "tax",
    "reform",
    "investors",
]
PEOPLE = ["Maria Lopez", "John Carter", "Angela Weber", "Rahul Mehta", "Olga Ivanova",
          "Kenji Sato", "Amina Diallo", "Pierre Martin", "Li Wei", "Sarah O'Neill"]  # fmt: skip
PLACES = ["Brussels", "Moscow", "Tokyo", "Nairobi", "Brazil", "Germany", "Canada", "India",
          "London", "Washington"]  # fmt: skip
ORGS = ["NATO", "the European Union", "the World Bank", "OPEC", "the Central Bank",
        "the Finance Ministry", "Reuters", "the United Nations"]  # fmt: skip
SITES = [f"site{n:02d}.example" for n in range(40)]
NAV = ["Home", "World", "Business", "Sport", "Opinion", "Culture", "Video", "Subscribe",
       "Sign in", "Search"]  # fmt: skip


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(10, 24))
    words[rng.randrange(len(words))] = rng.choice(PEOPLE)
    words[rng.randrange(len(words))] = rng.choice(PLACES)
    if rng.random() < 0.5:
        words[rng.randrange(len(words))] = rng.choice(ORGS)
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def page(rng: random.Random, site: str, words: int) -> str:
    title = " ".join(rng.choices(WORDS, k=rng.randint(5, 10))).title()
    lines = [f"{site} - Skip to main content", "  ".join(NAV), "", title, ""]
    count = 0
    while count < words:
        para = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
        count += para.count(" ") + 1
        lines += [para, ""]
    lines += ["Share this article", "Related stories", f"© 2024 {site}. All rights reserved.",
              "Privacy policy  Terms of use  Cookies"]  # fmt: skip
    return "\n".join(lines)


def write_text_corpus(folder: Path, pages: int, seed: int = 7) -> Path:
    """`pages` text pages in per-site subfolders; reused when already there."""
    marker = folder / f".complete-{pages}"
    if marker.exists():
        return folder
    rng = random.Random(seed)
    for n in range(pages):
        site = SITES[n % len(SITES)]
        target = folder / site / f"{n:07d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page(rng, site, rng.randint(300, 900)))
    marker.touch()
    return folder
