"""The reader open while another process indexes: it keeps answering and picks up new articles."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from attacks import SEED_000, screen_text, settle
from faults import reap_group, start_index, write_pages

from index.library import Library
from reader.app import NewsReaderApp

SEEDS = SEED_000.parent
PAGES = 800


@pytest.fixture
def seeded(tmp_path) -> Path:
    path = tmp_path / "library"
    with Library(path) as library:
        library.add([SEEDS], dump="seeds")
    return path


def test_library_refresh_shows_what_another_process_commits(seeded, tmp_path):
    pages = tmp_path / "wire"
    write_pages(pages, PAGES)
    with Library(seeded) as reader:
        assert reader.search("officials").total == 0
        proc = start_index(seeded, pages, commit_every=100)
        seen: list[int] = []
        slowest = 0.0
        try:
            while proc.poll() is None:
                started = time.perf_counter()
                reader.refresh()
                total = reader.search("officials", limit=5).total  # never raises, never stalls
                slowest = max(slowest, time.perf_counter() - started)
                if not seen or total != seen[-1]:
                    seen.append(total)
                    found = reader.search("officials", limit=1).hits
                    if found:  # what the index finds, the store can show
                        assert reader.article(found[0].id).title.startswith("Story ")
                time.sleep(0.05)
            _, err = proc.communicate(timeout=60)
        finally:
            reap_group(proc)
        assert proc.returncode == 0, err.decode()
        assert reader.refresh() or seen[-1] == PAGES
        assert reader.search("officials").total == PAGES
        assert reader.stats().articles == PAGES + 2
    assert len(seen) >= 3, f"the reader saw only {seen} while pages were committed"
    assert seen == sorted(seen)
    assert slowest < 10, f"a search took {slowest:.1f} s while the indexer was writing"


async def test_the_open_reader_shows_new_articles_without_a_restart(seeded, tmp_path, monkeypatch):
    import reader.screens.main as main_screen

    monkeypatch.setattr(main_screen, "UPDATE_CHECK_SECONDS", 0.5)
    pages = tmp_path / "wire"
    write_pages(pages, 40)
    with Library(seeded) as library:
        app = NewsReaderApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert len(screen.results.hits) == 2
            with Library(seeded) as writer:  # another Library object, as another process has
                writer.add([pages], workers=1)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and screen.results.total < 42:
                await pilot.pause(0.2)
            await settle(pilot)
            assert screen.results.total == 42
            assert "42 articles in 2 dumps" in screen.status.render_status().plain
            assert "42 articles in 2 dumps" in screen_text(app)
