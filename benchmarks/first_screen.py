"""The reader's first screen: from starting the console script to the library's size on screen.

    python -m benchmarks.first_screen --library LIBRARY_FOLDER [--runs 10] [--size 120x40]

Starts the real `newsreader --library LIBRARY_FOLDER` in a pseudo-terminal, as a user's shell
would, reads what it draws, and times the moment the status line shows the library's size
("N articles in M dumps") and the moment it shows the first results ("N hits"). Then quits it with
ctrl+q. Prints min, median and p95 of both over the runs, and of the CPU time the reader process
had used when its first results showed (user + system, from /proc: on a busy machine the figure to
compare, as wall time measures the other processes too).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

ESCAPE = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)
COUNTED = re.compile(rb"[\d,]+ articles? in [\d,]+ dumps?")
ANSWERED = re.compile(rb"[\d,]+ hits? ")
TIMEOUT = 60.0  # seconds a run may take before it counts as failed


@dataclass
class Run:
    """One start of the reader: seconds until its size and its first results show, CPU seconds."""

    counted: float
    answered: float
    cpu: float  # the reader's CPU time (user + system) when its first results showed


def console_script() -> str:
    """The installed `newsreader`, next to this Python (the virtual environment's)."""
    beside = Path(sys.executable).with_name("newsreader")
    return str(beside) if beside.exists() else shutil.which("newsreader") or "newsreader"


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds process `pid` has used so far (Linux's /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_once(library: Path, columns: int, rows: int) -> Run:
    """Start the reader on `library` in a pty; time it until the status line counts the library."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the reader, in the terminal the pty gives it
        os.environ["TERM"] = os.environ.get("TERM", "xterm-256color")
        os.execv(console_script(), ["newsreader", "--library", str(library)])
    started = time.perf_counter()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    text = b""
    counted = shown = None
    try:
        while time.perf_counter() - started < TIMEOUT:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the reader ended
                break
            text += ESCAPE.sub(b"", chunk)  # sequences split over two reads are rare and harmless
            if counted is None and COUNTED.search(text):
                counted = time.perf_counter() - started
            if counted is not None and ANSWERED.search(text):
                shown = time.perf_counter() - started
                cpu = cpu_seconds(pid)
                break
    finally:
        if shown is not None:
            os.write(fd, b"\x11")  # ctrl+q
        quit_by = time.perf_counter() + 10
        ended = False
        while not ended and time.perf_counter() < quit_by:
            with contextlib.suppress(OSError):  # drain what it draws, so it is never blocked
                os.read(fd, 65536) if select.select([fd], [], [], 0.05)[0] else None
            ended = os.waitpid(pid, os.WNOHANG)[0] == pid
        if not ended:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    if shown is None:
        tail = text[-400:].decode(errors="replace")
        raise SystemExit(
            f"the reader did not show the library's size within {TIMEOUT:.0f} s: {tail}"
        )
    return Run(counted or shown, shown, cpu)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--size", default="120x40", help="terminal columns x rows")
    args = parser.parse_args()
    if not args.library.is_dir():
        raise SystemExit(f"no library folder at {args.library}")
    columns, rows = (int(n) for n in args.size.split("x"))
    runs = [start_once(args.library, columns, rows) for _ in range(args.runs)]
    print(f"first screen ({args.library.name}, {len(runs)} runs, {columns}x{rows}):")
    for label, values in (
        ("library size shown", [r.counted for r in runs]),
        ("first results shown", [r.answered for r in runs]),
        ("CPU of the reader by its first results", [r.cpu for r in runs]),
    ):
        print(
            f"  {label}: min {min(values):.2f} s, median {percentile(values, 50):.2f} s, "
            f"p95 {percentile(values, 95):.2f} s"
        )


if __name__ == "__main__":
    main()
