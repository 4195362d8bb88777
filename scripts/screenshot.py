"""Save the README's screenshot (docs/screenshot.svg): the reader on the seeds, searching."""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from index.library import Library
from reader.app import NewsReaderApp
from reader.paths import SEEDS_DUMP, seeds_folder
from reader.settings import ReaderConfig
from reader.settle import settle

ROOT = Path(__file__).resolve().parent.parent


async def shoot(target: Path, query: str, size: tuple[int, int]) -> None:
    with tempfile.TemporaryDirectory() as folder, Library(Path(folder) / "library") as library:
        library.add([seeds_folder()], SEEDS_DUMP)
        app = NewsReaderApp(library, ReaderConfig())
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await pilot.press("slash", *query, "enter")
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)
            await pilot.pause(0.2)
            app.save_screenshot(target.name, str(target.parent))
    print(f"saved {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.svg")
    parser.add_argument("--query", default="rasmussen kyiv")
    parser.add_argument("--size", default="120x40", help="COLUMNSxROWS")
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.split("x"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    asyncio.run(shoot(args.out, args.query, (columns, rows)))


if __name__ == "__main__":
    main()
