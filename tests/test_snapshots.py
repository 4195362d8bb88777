"""Snapshots of the main screen at two terminal sizes: a change to what is seen is an SVG diff.

Update them after a deliberate change with `pytest tests/test_snapshots.py --snapshot-update`, and
look at the new SVGs (`tests/__snapshots__/`) before committing them.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from tui_support import library, library_template, make_app, settle

import index.search.engine

__all__ = ["library", "library_template"]  # fixtures used by the tests below


@pytest.fixture(autouse=True)
def still_clock(monkeypatch):
    """Searches take "0 ms": the status line's timing is the one thing that changes between runs."""
    monkeypatch.setattr(index.search.engine, "time", SimpleNamespace(perf_counter=lambda: 0.0))


async def settled(pilot) -> None:
    await settle(pilot)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_main_screen(snap_compare, library, size):
    assert snap_compare(make_app(library), terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_search_with_an_article_open(snap_compare, library, size):
    async def search_and_read(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *"wheat", "enter", "enter")
        await settle(pilot)

    assert snap_compare(make_app(library), terminal_size=size, run_before=search_and_read)
