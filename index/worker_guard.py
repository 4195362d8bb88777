"""Ingest processes: workers end with the indexer, ignore its Ctrl-C; all collect cycles rarely."""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

PARENT_CHECK_SECONDS = 0.5
# A worker's heap is mostly its models (gazetteer, word lists, caches) and Python's cycle
# collector walks it again every few thousand allocations: a fifth of a worker's CPU on Reuters.
# Its pages make little cyclic garbage, so it collects far less often (Python's: 700, 10, 10).
WORKER_GC_THRESHOLDS = (50_000, 20, 20)


@contextmanager
def rare_collections() -> Iterator[None]:
    """The indexer's cycle collector at `WORKER_GC_THRESHOLDS` for an ingest, then as it was.

    Unpickling the workers' articles, the writer's postings and story placing make objects by
    the million and few cycles; at Python's thresholds the collector walked the indexer's heap
    (its version index, caches, the writer's pool) over and over: a twelfth of its CPU.
    """
    previous = gc.get_threshold()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


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
    """Pool initializer: ignore Ctrl-C (the indexer stops the pool), end with the parent, and
    collect cycles less often (`WORKER_GC_THRESHOLDS`).

    A worker blocked on its task queue would otherwise wait forever once the indexer is killed
    (SIGKILL, the OOM killer): it holds both ends of that queue's pipe, so it never sees EOF.
    """
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The worker was started with Ctrl-C blocked (see `starting_workers`): a Ctrl-C that came while
    # it was starting is pending; ignored now, it is discarded when unblocked.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
