"""Shared pieces of the console-script tests: running `newsreader`, a small library for it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("newsreader")
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def newsreader(library: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run the installed console script on `library`; with `check`, it must exit 0."""
    assert SCRIPT.exists(), "the console script is installed with `pip install -e '.[test]'`"
    done = subprocess.run(
        [str(SCRIPT), "--library", str(library), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "120"},
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def search_json(library: Path, *query: str) -> dict:
    return json.loads(newsreader(library, "search", *query, "--json").stdout)


def titles(library: Path, *query: str) -> set[str]:
    return {h["title"] for h in search_json(library, *query, "--limit", "100")["hits"]}


def _article(aid: str, title: str, text: str, date: str, **more: str) -> dict:
    return {"id": aid, "title": title, "text": text, "date": date, "source": "Wire", **more}


# Two dumps of a small wire: one word or name per claim of the README's query table.
APRIL = [
    _article("kiev-1", "Gas talks open in Kiev", "Ministers met in Kiev on Tuesday to discuss "
             "gas prices. The talks in Kiev will go on until Friday.", "2014-04-01"),
    _article("crimea-1", "Crimea vote condemned", "Western governments condemned the vote in "
             "Crimea. NATO allies met to discuss the vote in Crimea.", "2014-04-02"),
    _article("donbas-1", "Shelling in Donbas", "Shelling was reported across Donbas on "
             "Wednesday, officials said. The Donbas region saw heavy fighting.", "2014-04-03"),
    _article("oil-1", "Crude oil prices fall", "Crude oil prices fell on Thursday as supplies "
             "grew. Traders sold crude oil futures in London.", "2014-04-04"),
    _article("oil-2", "Oil exports to Europe rise", "Oil exports to Europe rose in March, the "
             "ministry said. Pipelines carried more oil than a year before.", "2014-04-05"),
    _article("eu-1", "EU summit in Brussels", "European Union leaders met in Brussels for a "
             "summit on energy. The EU promised support for Ukraine.", "2014-04-06",
             source="RFE/RL"),
    _article("istanbul-1", "Ferry strike in İstanbul", "Ferry workers in İstanbul went on "
             "strike on Monday, stopping boats across the Bosphorus.", "2014-04-07"),
    _article("de-1", "Neue Straße in Berlin eröffnet", "Die neue Straße in Berlin wurde am "
             "Montag eröffnet. Der Bürgermeister sprach von einem großen Tag für die Stadt und "
             "die Anwohner, die seit Jahren auf die Straße gewartet hatten.", "2014-04-08"),
]  # fmt: skip
MAY = [  # a copy of an April article, and one article of its own
    APRIL[2] | {"id": "donbas-copy"},
    _article("porosh-1", "Poroshenko wins election", "Petro Poroshenko won the presidential "
             "election in Ukraine on Sunday, officials in Kyiv said.", "2014-05-26"),
    _article("minsk-1", "Ceasefire talks in Minsk", "Envoys gathered in Minsk on Tuesday for "
             "talks on a ceasefire, diplomats said.", "2014-08-26"),
]  # fmt: skip


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return path


def build_library(root: Path) -> Path:
    """The seed pages (dump `seeds`) and two JSON Lines dumps (`crawl-2014-04`, `crawl-2014-05`)."""
    data = root / "data"
    data.mkdir()
    shutil.copytree(SEEDS, data / "seeds")
    april = write_jsonl(data / "crawl-2014-04.jsonl", APRIL)
    may = write_jsonl(data / "crawl-2014-05.jsonl", MAY)
    library = root / "library"
    newsreader(library, "index", str(data / "seeds"), str(april), str(may), "--workers", "1")
    return library
