"""Ingest worker processes that never outlive the indexer nor catch its Ctrl-C themselves."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

PARENT_CHECK_SECONDS = 0.5


@contextmanager
def starting_workers() -> Iterator[None]:
    """Hold Ctrl-C back while worker processes may be started (a pool starts them on submit).

    A worker inherits the blocked signal, so a Ctrl-C at that moment cannot raise
    KeyboardInterrupt inside it before `guard_worker` runs; the indexer gets it when this ends.
    """
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def guard_worker(parent_pid: int) -> None:
    """Pool initializer: ignore Ctrl-C (the indexer stops the pool) and end with the parent.

    A worker blocked on its task queue would otherwise wait forever once the indexer is killed
    (SIGKILL, the OOM killer): it holds both ends of that queue's pipe, so it never sees EOF.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The worker was started with Ctrl-C blocked (see `starting_workers`): a Ctrl-C that came while
    # it was starting is pending; ignored now, it is discarded when unblocked.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
