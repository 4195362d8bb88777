"""The reader's first screen, and its front page: from the console script to them on screen.

    python -m benchmarks.first_screen --library LIBRARY_FOLDER [--runs 10] [--size 120x40]
        [--front-page] [--warmup 1]

Starts the real `newsreader --library LIBRARY_FOLDER` in a pseudo-terminal, as a user's shell
would, reads what it draws, and times the moment the status line shows the library's size
("N articles in M dumps") and the moment it shows the first results ("N hits"). With
`--front-page` it then presses `H` and times from that key to the frame that shows the front
page's stories ("N stories, biggest first", drawn with its first rows). Then quits it with
ctrl+q. Prints min, median and p95 of each over the runs, and of the CPU time the reader process
used by its first results and from `H` to its stories (user + system, from /proc: on a busy
machine the figure to compare, as wall time measures the other processes too).

The reader runs with Python's bytecode cache on (PYTHONDONTWRITEBYTECODE dropped), as an
installed one does: with it off, every start compiles the reader's modules again (~0.2 s of
CPU). The first `--warmup` starts are not counted (they write that cache, and a library's first
front page adds the indexes its list is read by, once).
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
FRONT_PAGE = re.compile(rb"[\d,]+ stories, (biggest|newest) first")
TIMEOUT = 60.0  # seconds a run may take before it counts as failed


@dataclass
class Run:
    """One start of the reader: seconds until its size and its first results show, CPU seconds;
    with the front page, seconds and CPU seconds from its key to its stories."""

    counted: float
    answered: float
    cpu: float  # the reader's CPU time (user + system) when its first results showed
    front: float | None = None
    front_cpu: float | None = None


def console_script() -> str:
    """The installed `newsreader`, next to this Python (the virtual environment's)."""
    beside = Path(sys.executable).with_name("newsreader")
    return str(beside) if beside.exists() else shutil.which("newsreader") or "newsreader"


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds process `pid` has used so far (Linux's /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_once(library: Path, columns: int, rows: int, front_page: bool = False) -> Run:
    """Start the reader on `library` in a pty; time it until the status line counts the library
    and its first results show (and then, with `front_page`, from `H` to the stories)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the reader, in the terminal the pty gives it
        os.environ["TERM"] = os.environ.get("TERM", "xterm-256color")
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled once, kept
        os.execv(console_script(), ["newsreader", "--library", str(library)])
    started = time.perf_counter()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    text = b""
    counted = shown = front = front_cpu = None
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
            if shown is None and counted is not None and ANSWERED.search(text):
                shown = time.perf_counter() - started
                cpu = cpu_seconds(pid)
                if not front_page:
                    break
                time.sleep(0.5)  # let the reader settle (its panes, the garbage collector)
                text = b""
                pressed, pressed_cpu = time.perf_counter(), cpu_seconds(pid)
                os.write(fd, b"H")
            if front_page and shown is not None and FRONT_PAGE.search(text):
                front = time.perf_counter() - pressed
                front_cpu = cpu_seconds(pid) - pressed_cpu
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
    if shown is None or (front_page and front is None):
        tail = text[-400:].decode(errors="replace")
        what = "its front page" if shown is not None else "the library's size"
        raise SystemExit(f"the reader did not show {what} within {TIMEOUT:.0f} s: {tail}")
    return Run(counted or shown, shown, cpu, front, front_cpu)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--size", default="120x40", help="terminal columns x rows")
    parser.add_argument("--front-page", action="store_true", help="then time `H` to the stories")
    parser.add_argument("--warmup", type=int, default=1, help="starts not counted, first")
    args = parser.parse_args()
    if not args.library.is_dir():
        raise SystemExit(f"no library folder at {args.library}")
    columns, rows = (int(n) for n in args.size.split("x"))
    for _ in range(args.warmup):
        start_once(args.library, columns, rows, args.front_page)
    runs = [start_once(args.library, columns, rows, args.front_page) for _ in range(args.runs)]
    print(
        f"first screen ({args.library.name}, {len(runs)} runs after {args.warmup} not counted, "
        f"{columns}x{rows}):"
    )
    figures = [
        ("library size shown", [r.counted for r in runs]),
        ("first results shown", [r.answered for r in runs]),
        ("CPU of the reader by its first results", [r.cpu for r in runs]),
    ]
    if args.front_page:
        figures += [
            ("front page: from H to its stories shown", [r.front or 0.0 for r in runs]),
            ("front page: CPU of the reader from H to them", [r.front_cpu or 0.0 for r in runs]),
        ]
    for label, values in figures:
        print(
            f"  {label}: min {min(values):.2f} s, median {percentile(values, 50):.2f} s, "
            f"p95 {percentile(values, 95):.2f} s"
        )


if __name__ == "__main__":
    main()
