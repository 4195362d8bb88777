"""The real reader in a real pseudo-terminal: `TERM=xterm`, tmux's `screen`, and `NO_COLOR`."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from attacks import SEED_000

from index.library import Library

TITLE_WORD = "Withdrawal"
TRUE_COLOUR = re.compile(rb"\x1b\[(?:[0-9;]*;)?[34]8;2;(\d+);(\d+);(\d+)")


@pytest.fixture(scope="module")
def seeded_library(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("terminals") / "library"
    with Library(path) as library:
        library.add([SEED_000.parent])
    return path


def run_in_terminal(library: Path, env: dict[str, str], columns: int, rows: int) -> bytes:
    """Start the reader on a pty of the given size, wait for an article, quit with ctrl+q."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL")}
    environment.update(env)
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "--library", str(library)],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=environment,
        start_new_session=True,
        close_fds=True,
    )
    os.close(terminal)
    output = bytearray()
    try:
        deadline = time.monotonic() + 60
        quit_sent = False
        while time.monotonic() < deadline:
            if not quit_sent and TITLE_WORD.encode() in output:
                time.sleep(0.5)  # let the first screen finish drawing
                os.write(controller, b"\x11")  # ctrl+q
                quit_sent = True
            ready, _, _ = select.select([controller], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(controller, 65536)
                except OSError:  # the reader exited and closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif proc.poll() is not None:
                break
        assert quit_sent, f"the reader never showed the article: {bytes(output[-400:])!r}"
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        os.close(controller)
    return bytes(output)


@pytest.mark.parametrize(
    ("term", "columns", "rows"),
    [("xterm", 80, 24), ("screen-256color", 120, 40), ("xterm-256color", 60, 20)],
)
def test_the_reader_draws_and_quits_in_a_real_terminal(seeded_library, term, columns, rows):
    output = run_in_terminal(seeded_library, {"TERM": term}, columns, rows)
    assert b"\x1b[?1049h" in output  # it took the alternate screen ...
    assert b"\x1b[?1049l" in output  # ... and gave it back on quitting
    assert b"Traceback" not in output


def test_no_color_draws_in_shades_of_grey(seeded_library):
    coloured = run_in_terminal(
        seeded_library, {"TERM": "xterm-256color", "COLORTERM": "truecolor"}, 100, 30
    )
    grey = run_in_terminal(
        seeded_library,
        {"TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"},
        100,
        30,
    )

    def chromatic(output: bytes) -> set[tuple[int, int, int]]:
        colours = {tuple(map(int, m)) for m in TRUE_COLOUR.findall(output)}
        return {c for c in colours if len(set(c)) > 1}

    assert chromatic(coloured), "the normal theme should use colour"
    assert chromatic(grey) == set()
