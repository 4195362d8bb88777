"""Running `newsreader serve` in tests: on a free port, as a subprocess, stopped by Ctrl+C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from cli_support import SCRIPT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    """A running `newsreader serve` and where it answers."""

    process: subprocess.Popen
    url: str
    port: int

    def stop(self, whole_group: bool = True) -> tuple[int, str, str]:
        """Ctrl+C as a terminal sends it, to the whole process group (or to the server alone, as
        `kill -INT` does): status, stdout, stderr."""
        if self.process.poll() is None:
            if whole_group:
                os.killpg(self.process.pid, signal.SIGINT)
            else:
                self.process.send_signal(signal.SIGINT)
        try:
            out, err = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            out, err = self.process.communicate()
            raise AssertionError(f"serve did not stop on Ctrl+C: {err}") from None
        return self.process.returncode, out, err


def start_serving(library: Path | None, *args: str, timeout: float = 180) -> Served:
    """`newsreader --library LIBRARY serve --port N ARGS...`, once it accepts connections
    (with no LIBRARY, the one the environment names)."""
    port = free_port()
    where = ["--library", str(library)] if library else []
    process = subprocess.Popen(
        [str(SCRIPT), *where, "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job is
    )
    served = Served(process, f"http://127.0.0.1:{port}", port)
    deadline = time.monotonic() + timeout  # a first start indexes the seeds before listening
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"serve exited with {process.returncode}: {out} {err}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return served
        except OSError:
            time.sleep(0.2)
    served.stop()
    raise AssertionError(f"serve did not listen on port {port} in {timeout} s")


def processes_naming(text: str) -> list[int]:
    """The ids of this machine's processes whose command line holds `text` (Linux's /proc)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if text in cmdline:
            found.append(int(entry.name))
    return found
