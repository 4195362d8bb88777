"""Keystroke to results on screen, in the reader itself, measured with Textual's pilot.

    python -m benchmarks.tui_latency LIBRARY_FOLDER [--queries 40]

Types each query into the search box one key at a time (as a person would, with a pause between
keys longer than the debounce), and times from the last key to the first frame the app composes
after the results list took that query's answer (the reader's own debounce included). Queries are
one and two words taken from the library's own titles, so any library works. Prints p50, p95 and
max, the part of it that `Library.search` took in the reader's search worker, and the CPU time
the app's own thread spent from the key to the frame (the figure to compare on a busy machine).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import time
from pathlib import Path

from index.library import Library
from reader.app import NewsReaderApp
from reader.settings import ReaderConfig
from reader.settle import settle

KEY_GAP = 0.15  # seconds between two keystrokes while typing (the debounce lets them through)
SEARCH_SECONDS: list[float] = []  # Library.search's own time for each measured query
# CPU time of the app's own thread from the last key to the frame (the search thread's excluded):
# the figure to compare on a busy machine, where wall time measures the other processes too
APP_CPU_SECONDS: list[float] = []


def sample_queries(library: Library, count: int, seed: int = 7) -> list[str]:
    """One- and two-word queries from the titles of the library's newest articles."""
    words: list[str] = []
    for hit in library.search("", limit=400, snippets=False).hits:
        words.extend(w.lower() for w in re.findall(r"[A-Za-z]{4,}", hit.title))
    if not words:
        return []
    rng = random.Random(seed)
    queries = []
    for n in range(count):
        first = rng.choice(words)
        queries.append(first if n % 2 else f"{first} {rng.choice(words)}")
    return queries


async def _measure(library: Library, queries: list[str], size: tuple[int, int]) -> list[float]:
    app = NewsReaderApp(library, ReaderConfig())
    frames: list[float] = []  # when each frame was composed for the terminal
    frame_cpu: list[float] = []  # the app thread's CPU time at each of those frames
    display = app._display

    def timed_display(screen, renderable) -> None:
        if renderable is not None:
            frames.append(time.perf_counter())
            frame_cpu.append(time.thread_time())
        display(screen, renderable)

    app._display = timed_display  # type: ignore[method-assign]
    latencies = []
    async with app.run_test(size=size) as pilot:
        screen = await settle(pilot, timeout=30, step=0.01)
        await pilot.press("slash")
        for query in queries:
            await pilot.press("ctrl+u")
            for key in query[:-1]:
                await pilot.press(key)
                await asyncio.sleep(KEY_GAP)
            await settle(pilot, timeout=30, step=0.01)
            started = time.perf_counter()
            cpu_started = time.thread_time()
            # not awaited: pilot.press returns only when the app is idle, which includes opening
            # the first hit's preview after the results are already on screen
            press = asyncio.create_task(pilot.press(query[-1]))
            deadline = started + 30
            shown = None
            while time.perf_counter() < deadline:
                result = screen.last_result
                fresh = result is not None and result.query == query
                if shown is None and fresh and screen.search_pane.results_shown_at > started:
                    shown = screen.search_pane.results_shown_at
                    SEARCH_SECONDS.append(result.seconds)  # type: ignore[union-attr]
                if shown is not None and frames and frames[-1] > shown:
                    break  # the first frame composed after the results were put in the list
                await asyncio.sleep(0.002)
            on_screen = next(
                (i for i, f in enumerate(frames) if shown is not None and f > shown), None
            )
            if on_screen is None:
                latencies.append(time.perf_counter() - started)
                APP_CPU_SECONDS.append(time.thread_time() - cpu_started)
            else:
                latencies.append(frames[on_screen] - started)
                APP_CPU_SECONDS.append(frame_cpu[on_screen] - cpu_started)
            await press
    return latencies


def keystroke_latencies(
    folder: Path, queries: list[str] | None = None, count: int = 40, size=(120, 40)
) -> list[float]:
    """Seconds from the last keystroke to results on screen, one per query."""
    with Library(folder, readonly=True) as library:
        queries = queries or sample_queries(library, count)
        if not queries:
            return []
        return asyncio.run(_measure(library, queries, size))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("--queries", type=int, default=40)
    args = parser.parse_args()
    values = keystroke_latencies(args.library, count=args.queries)
    if not values:
        print("no queries: the library is empty")
        return
    print(
        f"keystroke to results (pilot, {len(values)} queries): "
        f"p50 {percentile(values, 50) * 1000:.0f} ms, p95 {percentile(values, 95) * 1000:.0f} ms, "
        f"max {max(values) * 1000:.0f} ms; of which searching: "
        f"p50 {percentile(SEARCH_SECONDS, 50) * 1000:.0f} ms, "
        f"p95 {percentile(SEARCH_SECONDS, 95) * 1000:.0f} ms; "
        f"the app thread's CPU: p50 {percentile(APP_CPU_SECONDS, 50) * 1000:.0f} ms, "
        f"p95 {percentile(APP_CPU_SECONDS, 95) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
