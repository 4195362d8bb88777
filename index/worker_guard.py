"""Ingest worker processes that never outlive the indexer nor catch its Ctrl-C themselves."""

from __future__ import annotations

import os
import signal
import threading
import time

PARENT_CHECK_SECONDS = 0.5


def guard_worker(parent_pid: int) -> None:
    """Pool initializer: ignore Ctrl-C (the indexer stops the pool) and end with the parent.

    A worker blocked on its task queue would otherwise wait forever once the indexer is killed
    (SIGKILL, the OOM killer): it holds both ends of that queue's pipe, so it never sees EOF.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
