"""`O`: the open article's URL shown, and on confirmation opened in the system's browser."""

from __future__ import annotations

import webbrowser
from urllib.parse import urlsplit

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from widgets.display_text import safe_line


def browsable(url: str) -> bool:
    """An http(s) URL with a host, and nothing a terminal or a shell could take for more."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    clean = safe_line(url, 4000) == url and not any(c.isspace() for c in url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and clean


class OpenOriginalScreen(ModalScreen[bool]):
    """Shows the URL; `y` or `enter` opens it in the browser, `n` or `escape` does not."""

    BINDINGS = [
        Binding("y,enter", "open", "Open in the browser", id="open_in_browser"),
        Binding("n,escape", "cancel", "Cancel", id="no"),
    ]

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def compose(self) -> ComposeResult:
        with Vertical(id="open-original", classes="dialog") as box:
            box.border_title = "Open the original? (y / n)"
            yield Static(Text(safe_line(self.url, 500), style="underline"))

    def action_open(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


def open_original(screen, url: str) -> None:
    """Ask, then open `url` in a thread (the browser may take its time); refuse non-http(s)."""
    if not url:
        screen.notify("This article has no URL")
        return
    if not browsable(url):
        shown = safe_line(url, 80)
        screen.notify(
            f"Not opened: {shown} is not an http(s) URL", severity="warning", markup=False
        )
        return

    def answered(yes: bool | None) -> None:
        if yes:
            screen.run_worker(lambda: webbrowser.open(url), thread=True, group="browser")
            screen.notify(f"Opening {safe_line(url, 80)}", markup=False)

    screen.app.push_screen(OpenOriginalScreen(url), answered)
