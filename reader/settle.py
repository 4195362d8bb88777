"""Waiting until the reader's main screen settles: for tests, benchmarks and scripts driving it."""

from __future__ import annotations

import contextlib
import time

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from reader.screens.main import MainScreen


class NotSettled(AssertionError):
    """The reader was still busy (or not on its main screen) when the time was up."""


async def settle(pilot: Pilot, timeout: float = 20.0, step: float = 0.02) -> MainScreen:
    """Wait until the main screen shows and nothing is on its way (searches, articles, related).

    Polls every `step` seconds; the screen must be idle twice in a row, a frame apart.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause(step)
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        screen = pilot.app.screen
        if isinstance(screen, MainScreen) and not screen.is_busy:
            await pilot.pause()
            if not screen.is_busy:
                return screen
    raise NotSettled(f"the reader did not settle; screen is {pilot.app.screen!r}")
