"""Shared pieces of the pilot tests: a small library, the app, waiting for it, its screen text."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from rich.console import Console

from index.library import Library
from reader.app import NewsReaderApp
from reader.screens.main import MainScreen
from reader.settings import ReaderConfig
from reader.settle import settle as settle  # the tests import it from here

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NATO_000 = "NATO 'Can't Confirm' Russian Troop Withdrawal"
NATO_003 = "NATO Chief Vows Support For Ukraine, Urges Russia Pullback"
HOSTILE_TITLE = "[bold]Hostile[/bold] \x1b[31mRed\x1b[0m headline"
HOSTILE_TEXT = (
    "Readers see [link=https://evil.example]click me[/link] and [red]markup[/red] as written.\n\n"
    "A hidden \x1b]8;;https://evil.example/osc\x07terminal link\x1b]8;;\x07 and a "
    "\x1b]0;pwned-window-title\x07 title change, a bell\x07 and \u202ereversed text.\n\n"
    "Wheat and sanctions are words to find in this hostile paragraph about sanctions."
)


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def library_template(tmp_path_factory) -> Path:
    """A library built once per module: the seeds plus a small JSON Lines dump."""
    root = tmp_path_factory.mktemp("tui-template")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    web = _jsonl(
        root / "web.jsonl",
        [
            {"id": "hostile", "title": HOSTILE_TITLE, "text": HOSTILE_TEXT, "source": "Evil"},
            {
                "id": "nato-april",
                "title": "Rasmussen says NATO sees no Russian pullback from Ukraine border",
                "text": "NATO Secretary-General Anders Fogh Rasmussen said on Wednesday that NATO "
                "sees no sign that Russia is pulling its troops back from the border of Ukraine."
                "\n\nRasmussen spoke in Brussels after talks with Ukraine's foreign minister "
                "Andriy Deshchytsya about Crimea and Russian troops.",
                "date": "2014-04-02",
                "source": "Wire",
            },
            {
                "id": "nato-august",
                "title": "Rasmussen in Kyiv urges Russia to pull troops back from Ukraine",
                "text": "NATO Secretary-General Anders Fogh Rasmussen, visiting Kyiv, urged Russia "
                "to pull its troops back from the border of Ukraine and met Petro Poroshenko."
                "\n\nRasmussen said NATO stands by Ukraine as Russian troops mass near Crimea.",
                "date": "2014-08-07",
                "source": "Wire",
            },
            {
                "id": "grain-1",
                "title": "Wheat prices climb as Egypt buys",
                "text": "Wheat prices rose on Monday as Egypt bought 120,000 tonnes.\n\n"
                "Traders in Chicago said demand was strong.",
                "date": "2014-05-02",
                "source": "Wire",
            },
        ],
    )
    with Library(root / "library") as library:
        library.add([seeds], "seeds")
        library.add([web])
    return root / "library"


@pytest.fixture
def library(library_template, tmp_path) -> Library:
    folder = tmp_path / "library"
    shutil.copytree(library_template, folder)
    opened = Library(folder)
    yield opened
    opened.close()


def make_app(library: Library, **config) -> NewsReaderApp:
    return NewsReaderApp(library, ReaderConfig(**config))


def screen_text(app: NewsReaderApp) -> tuple[str, str]:
    """What the terminal shows: (plain text, the bytes a terminal would receive)."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True,
        color_system="truecolor", record=True, legacy_windows=False,
    )  # fmt: skip
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False), console.file.getvalue()


def titles(screen: MainScreen) -> list[str]:
    return [hit.title for hit in screen.results.hits]


async def open_front_page(pilot):
    """Press `H` and wait until the front page has read its stories; the front page screen."""
    await pilot.press("H")
    await pilot.pause(0.5)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen
