"""Rebuild index/entities/data/common_words.txt: words a newswire writes in lowercase mid-sentence.

Reads the Reuters corpus in ../shared/corpora/reuters-1987 and keeps each word that appears in
lowercase at least as often as capitalised mid-sentence (so "said", "unfortunately", "bank"; not
"Reuters" or "Tokyo"). Only the word list is written, never any article text.
Run: .venv/bin/python benchmarks/entity_wordlists.py
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters-1987"
OUT = Path(__file__).resolve().parents[1] / "index" / "entities" / "data" / "common_words.txt"
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
MIN_LOWER = 3


def main() -> None:
    lower: Counter[str] = Counter()
    capital_mid: Counter[str] = Counter()
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            text = json.loads(line).get("text", "")
            for match in WORD.finditer(text):
                word = match.group()
                before = text[max(0, match.start() - 3) : match.start()].rstrip(" \"'(")
                if word.islower():
                    lower[word] += 1
                elif word[0].isupper() and not word.isupper() and before[-1:] not in ".!?-\n:":
                    capital_mid[word.lower()] += 1
    words = sorted(w for w, n in lower.items() if n >= MIN_LOWER and n >= capital_mid[w])
    OUT.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} common words -> {OUT}")


if __name__ == "__main__":
    main()
