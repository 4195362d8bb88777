"""`newsreader serve`: the same reader in a web page, through textual-serve (imported only here)."""

from __future__ import annotations

import errno
import ipaddress
import shlex
import sys
from pathlib import Path
from typing import Any

from reader.output import visible

LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host` (a loopback address or name)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to any interface


def url_of(host: str, port: int) -> str:
    """The address to open in a browser (an IPv6 address in brackets)."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def reader_command(library: Path) -> str:
    """The shell command textual-serve runs for each browser: this Python's reader on `library`."""
    return shlex.join([sys.executable, "-m", "reader", "--library", str(library)])


def serve(library: Path, host: str, port: int) -> int:
    """Serve the reader on `library` at `host:port` until Ctrl+C; the exit status."""
    from aiohttp import web
    from textual_serve.server import Server

    url = url_of(host, port)

    class ReaderServer(Server):
        """textual-serve's server, quiet (no banner, no logs) and answering on any address."""

        async def on_startup(self, app: web.Application) -> None:
            pass  # the line below says where, once the port is really ours

        async def handle_index(self, request: web.Request) -> Any:
            # The page tells the browser where to connect its websocket; the address the browser
            # used is the one that works (textual-serve's own is `host:port`, which is wrong for
            # 0.0.0.0). The handler does not wait between here and building the page.
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

    if not is_loopback(host):
        print(
            f"newsreader: warning: serving on {visible(host)}, not loopback: anyone who can reach "
            "it can read the library",
            file=sys.stderr,
        )

    def announce(*_: object) -> None:  # aiohttp's word that it listens
        print(f"newsreader: serving the reader at {url} (Ctrl+C stops)", flush=True)

    server = ReaderServer(
        reader_command(library.resolve()), host=host, port=port, title="newsreader"
    )
    try:  # `Server.serve` would print a banner and set up logging: run its aiohttp app directly
        web.run_app(server._make_app(), host=host, port=port, print=announce)
    except OSError as exc:
        reason = "the port is in use" if exc.errno == errno.EADDRINUSE else exc.strerror or exc
        print(f"newsreader: cannot serve at {visible(url)}: {reason}", file=sys.stderr)
        return 1
    print("newsreader: stopped", file=sys.stderr)
    return 0
