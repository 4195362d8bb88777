"""`newsreader serve`: the same reader in a web page, through textual-serve (imported only here).

The command line imports this module for `serve` alone: textual-serve and its web server (aiohttp)
cost the other verbs nothing.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import shlex
import sys
from pathlib import Path
from typing import Any

import textual_serve.server
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from reader.output import visible

READERS_QUIT = 10.0  # seconds the readers have to quit when the server stops
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


def local_names(host: str, port: int) -> frozenset[str] | None:
    """The `Host` headers a server on loopback `host:port` answers; None (any) off loopback."""
    if not is_loopback(host):
        return None
    return frozenset({f"localhost:{port}", url_of(host, port).removeprefix("http://")})


def refusal(names: frozenset[str] | None, host: str, origin: str | None) -> str | None:
    """Why a request is refused, or None: the page and its websocket are for this origin only.

    A browser lets any site open a websocket to 127.0.0.1 (no CORS for websockets) and, through
    a DNS name that points at 127.0.0.1, fetch its pages: the `Origin` a browser sends must be
    the server's own, and on loopback the `Host` must be a loopback name.
    """
    if names is not None and host not in names:
        return f"not a name of this server: {host}"
    if origin is not None and origin != f"http://{host}":
        return f"another site's page: {origin}"
    return None


def reader_command(library: Path) -> str:
    """The shell command textual-serve runs for each browser: this Python's reader on `library`."""
    return shlex.join([sys.executable, "-m", "reader", "--library", str(library)])


class ReaderService(AppService):
    """textual-serve's runner of one reader process (one a browser tab), known to the server."""

    running: set[ReaderService] = set()
    processes: set[asyncio.subprocess.Process] = set()  # kept until seen to end

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        process = await super()._open_app_process(width, height)
        self.processes.difference_update([p for p in self.processes if p.returncode is not None])
        self.processes.add(process)
        self.running.add(self)
        return process

    async def stop(self) -> None:
        await super().stop()
        self.running.discard(self)


class ReaderServer(Server):
    """textual-serve's server: quiet, for its own origin only, taking its readers down with it."""

    def __init__(self, library: Path, host: str, port: int) -> None:
        super().__init__(reader_command(library.resolve()), host, port, title="newsreader")
        self.names = local_names(host, port)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.same_origin_only)
        app.on_cleanup.append(self.wait_for_readers)
        return app

    @web.middleware
    async def same_origin_only(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if reason := refusal(self.names, request.host, request.headers.get("Origin")):
            raise web.HTTPForbidden(text=f"newsreader: refused, {reason}\n")
        return await handler(request)

    async def on_startup(self, app: web.Application) -> None:
        pass  # no banner: `serve` says where, once the port is really ours

    async def on_shutdown(self, app: web.Application) -> None:
        """Close the browsers' websockets: each handler then asks its reader to quit."""
        for service in list(ReaderService.running):
            await service.remote_close()

    async def wait_for_readers(self, app: web.Application) -> None:
        """The readers end before the server does (asked to quit, or reached by Ctrl+C too)."""
        running = [p for p in ReaderService.processes if p.returncode is None]
        try:
            await asyncio.wait_for(asyncio.gather(*(p.wait() for p in running)), READERS_QUIT)
        except TimeoutError:
            for process in running:
                if process.returncode is None:
                    process.kill()
                    await process.wait()

    async def handle_index(self, request: web.Request) -> Any:
        # The page tells the browser where to connect its websocket; the address the browser
        # used is the one that works (textual-serve's own is `host:port`, which is wrong for
        # 0.0.0.0). The handler does not wait between here and building the page.
        self.public_url = f"http://{request.host}"
        return await super().handle_index(request)


def serve(library: Path, host: str, port: int) -> int:
    """Serve the reader on `library` at `host:port` until Ctrl+C; the exit status."""
    url = url_of(host, port)
    if not is_loopback(host):
        print(
            f"newsreader: warning: serving on {visible(host)}, not loopback: anyone who can reach "
            "it can read the library",
            file=sys.stderr,
        )

    def announce(*_: object) -> None:  # aiohttp's word that it listens
        print(f"newsreader: serving the reader at {url} (Ctrl+C stops)", flush=True)

    textual_serve.server.AppService = ReaderService  # the name its websocket handler calls
    server = ReaderServer(library, host, port)
    try:  # `Server.serve` would print a banner and set up logging: run its aiohttp app directly
        web.run_app(server._make_app(), host=host, port=port, print=announce)
    except OSError as exc:
        reason = "the port is in use" if exc.errno == errno.EADDRINUSE else exc.strerror or exc
        print(f"newsreader: cannot serve at {visible(url)}: {reason}", file=sys.stderr)
        return 1
    print("newsreader: stopped", file=sys.stderr)
    return 0
