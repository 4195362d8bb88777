"""Hostile payloads and checks shared by the robustness tests (no fixtures: plain helpers)."""

from __future__ import annotations

import json
import re
from pathlib import Path

SEED_000 = Path(__file__).resolve().parents[2] / "seeds" / "000_ca8fbb6e7b69f488.txt"

# Everything a crawled page could use to take over or fool a terminal, plus Rich markup.
CSI_COLOUR = "\x1b[31;1mRED\x1b[0m"
CSI_CURSOR = "\x1b[2J\x1b[H\x1b[10;20f"
OSC_TITLE = "\x1b]0;pwned-window-title\x07"
OSC_LINK = "\x1b]8;;http://evil.example/phish\x1b\\click me\x1b]8;;\x1b\\"
OSC_CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"
C0_CONTROLS = "\x07\x08\x0b\x0c\x0e\x0f\x7f"
C1_CONTROLS = "\x9b31m\x85\x9d0;c1-title\x9c\x90dcs-body\x9c"
BIDI = "\u202eevil.exe\u202c \u2066isolated\u2069 \u200fmark"
MARKUP = "[bold red]not bold[/bold red] [link=http://evil]x[/link] [/]"
PAYLOAD = " ".join(
    (CSI_COLOUR, CSI_CURSOR, OSC_TITLE, OSC_LINK, OSC_CLIPBOARD, C0_CONTROLS, C1_CONTROLS, BIDI,
     MARKUP)
)  # fmt: skip

# What must never be on a terminal: C0 (but newline and tab), DEL, C1, bidi controls.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The payloads' hidden parts: what a terminal would have acted on, never shown as text either.
HIDDEN_PARTS = (
    "pwned-window-title",
    "evil.example",
    "cm0gLXJmIH4=",
    "c1-title",
    "dcs-body",
    "[2J",
    "]8;;",
    "]52;",
    "]0;",
    "[31;1m",
)
MARKUP_SHOWN = ("[bold red]not bold[/bold red]", "[link=http://evil]x[/link]")


def assert_terminal_safe(output: str | bytes, where: str = "", echo: bool = False) -> None:
    """No control character, escape sequence or bidi control, nor a payload's hidden part.

    `echo`: the output repeats what the user typed (a query, an id), escaped as visible text, so
    only raw control characters count, not the payload's words.
    """
    text = output.decode("utf-8") if isinstance(output, bytes) else output
    bad = FORBIDDEN.search(text)
    assert bad is None, (
        f"{where}: {bad.group()!r} at {bad.start()}: {text[bad.start() - 40 :][:80]!r}"
    )
    for part in () if echo else HIDDEN_PARTS:
        assert part not in text, f"{where}: payload part {part!r} reached the output"


def assert_no_stored_payload(value: object, where: str = "") -> None:
    """A stored record (JSON-like) holds no control characters and no payload parts."""
    assert_terminal_safe(json.dumps(value, ensure_ascii=False), where)


def hostile_seed_page() -> str:
    """Seed page 000 with the payload in its title, both caption lines and a body paragraph."""
    lines = SEED_000.read_text(encoding="utf-8").split("\n")
    title = "NATO 'Can't Confirm' Russian Troop Withdrawal"
    caption = "NATO Secretary-General Anders Fogh Rasmussen (file photo)"
    out = []
    for line in lines:
        if line == title:
            line = f"{title} {PAYLOAD}"
        elif line == caption:
            line = f"{caption} {PAYLOAD}"
        elif line.startswith("Rasmussen was speaking in Brussels"):
            line = f"{line} {PAYLOAD}"
        out.append(line)
    return "\n".join(out)


def hostile_json_record(n: int = 1) -> dict:
    """A JSON Lines record with the payload in every field a reader shows."""
    return {
        "id": f"hostile-{n}",
        "title": f"Hostile headline about NATO {PAYLOAD}",
        "text": (
            f"NATO ministers met in Brussels on Tuesday to discuss Ukraine. {PAYLOAD}\n\n"
            "Anders Fogh Rasmussen said the alliance would reinforce its eastern members, "
            "and that Russia had shown it was ready to use force in Crimea.\n\n"
            f"The next meeting is planned in Kyiv. {PAYLOAD}"
        ),
        "url": f"http://example.com/nato\x1b[31m\u202e/{n}",
        "source": f"Wire {PAYLOAD}",
        "date": "2014-04-01",
    }


# File and dump names cannot hold "/" or NUL; everything else of the payload fits.
HOSTILE_NAME = "dump \x1b[31m\x1b]0;pwned-window-title\x07\u202e[bold red]x[-bold red]\x9b"


def screen_text(app) -> str:
    """What a running Textual app shows, as plain text (rendered as for a screenshot)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False)


async def settle(pilot, timeout: float = 20.0) -> None:
    """Wait until the main screen has no search, article or related list on its way."""
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    await pilot.pause()
    while time.monotonic() < deadline:
        screen = pilot.app.screen
        busy = getattr(screen, "is_busy", False)
        if not busy:
            await pilot.pause()
            if not getattr(pilot.app.screen, "is_busy", False):
                return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the reader was still busy after {timeout} s")
