"""The indexer killed (SIGKILL) at several points, stopped (SIGTERM, Ctrl-C), or run twice."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest
from faults import (
    consistency,
    export_lines,
    group_alive,
    reap_group,
    start_index,
    stored_count,
    wait_for,
    write_pages,
)

PAGES = 1200
COMMIT_EVERY = 200


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("generated") / "wire"
    return folder, sorted(write_pages(folder, PAGES))


def finish(library: Path, folder: Path) -> str:
    proc = start_index(library, folder, commit_every=COMMIT_EVERY)
    try:
        _out, err = proc.communicate(timeout=300)
    finally:
        reap_group(proc)
    assert proc.returncode == 0, err.decode()
    return err.decode()


def test_sigkill_at_several_points_then_resume_keeps_every_page_once(tmp_path, pages):
    folder, titles = pages
    library = tmp_path / "library"
    rnd = random.Random(11)
    # Kill points: before the first commit, just after one, and somewhere inside a later batch.
    for kill_after in (0, COMMIT_EVERY, 3 * COMMIT_EVERY):
        before = stored_count(library)
        proc = start_index(library, folder, commit_every=COMMIT_EVERY)
        try:
            if kill_after == 0:
                reached = wait_for(lambda: (library / "ingest.lock").exists(), 60)
                time.sleep(1.0)  # workers spawned, pages being cleaned, nothing committed yet
            else:
                reached = wait_for(lambda n=kill_after: stored_count(library) >= n, 240)
                time.sleep(rnd.uniform(0.0, 0.5))
            assert reached, f"the indexer never got to {kill_after} pages"
            assert proc.poll() is None, "the indexer finished before it could be killed"
            proc.kill()  # SIGKILL to the indexer only, as the OOM killer or `kill -9` would
            proc.wait(timeout=30)
            # Its worker processes notice and go away by themselves.
            assert wait_for(lambda pid=proc.pid: not group_alive(pid), 20), (
                "orphan workers kept running"
            )
        finally:
            reap_group(proc)
        count, stored_titles = consistency(library)  # opens, searches, store == index
        assert count >= before
        assert set(stored_titles) <= set(titles)
    err = finish(library, folder)
    count, stored_titles = consistency(library)
    assert count == PAGES and stored_titles == titles, err
    lines = export_lines(library)
    assert len(lines) == PAGES and len({line["id"] for line in lines}) == PAGES


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_ctrl_c_stop_cleanly_and_keep_what_was_done(tmp_path, pages, signum):
    folder, titles = pages
    library = tmp_path / "library"
    proc = start_index(library, folder, commit_every=COMMIT_EVERY)
    try:
        assert wait_for(lambda: stored_count(library) >= COMMIT_EVERY, 240)
        if signum == signal.SIGINT:  # Ctrl-C: the terminal signals the whole foreground group
            import os

            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
        _out, err = proc.communicate(timeout=120)
    finally:
        reap_group(proc)
    message = err.decode()
    assert proc.returncode == 130, message
    assert "Traceback" not in message
    assert "Interrupted" in message or "interrupted" in message
    count, _ = consistency(library)
    assert COMMIT_EVERY <= count < PAGES  # what was done is kept; it really stopped early
    err = finish(library, folder)
    count, stored_titles = consistency(library)
    assert count == PAGES and stored_titles == titles, f"{message}\n{err}"


def test_two_indexers_at_once_the_second_waits_and_nothing_is_lost(tmp_path, pages):
    folder, titles = pages
    other = tmp_path / "other"
    other_titles = write_pages(other, 150, seed=5, first=PAGES)
    library = tmp_path / "library"
    first = start_index(library, folder, commit_every=COMMIT_EVERY)
    second = None
    try:
        assert wait_for(lambda: stored_count(library) > 0, 240)
        second = start_index(library, other, commit_every=COMMIT_EVERY)
        _out2, err2 = second.communicate(timeout=300)
        assert first.poll() is not None, "the second indexer did not wait for the first"
        _out1, err1 = first.communicate(timeout=300)
    finally:
        reap_group(first)
        if second is not None:
            reap_group(second)
    assert first.returncode == 0, err1.decode()
    assert second.returncode == 0, err2.decode()
    assert "waiting" in err2.decode()
    count, stored_titles = consistency(library)
    assert count == PAGES + 150
    assert stored_titles == sorted(titles + other_titles)
