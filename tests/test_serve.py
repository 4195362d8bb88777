"""`newsreader serve`: the reader in a real headless Chromium, and the server's own lines.

The browser test needs Chromium and its ChromeDriver (Debian: `apt-get install chromium
chromium-driver`) and skips, saying so, when they are missing. textual-serve's page draws the
terminal with xterm.js on a canvas, which has no text to read; the test reads xterm.js's own
screen buffer instead (`IBufferLine.translateToString`, what xterm.js's authors point to for
tests), from the terminal object textual-serve's script builds (see `CATCH_TERMINAL`).
"""

from __future__ import annotations

import json
import shutil
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator

import pytest
from cli_support import newsreader
from serve_support import free_port, processes_naming, start_serving

SEED_000 = "NATO 'Can't Confirm' Russian Troop Withdrawal"
SEED_003 = "NATO Chief Vows Support For Ukraine, Urges Russia Pullback"

# Flags for Chromium on a machine with no screen and a closed network (no sandbox: tests may run
# as root); each run gets a fresh profile folder.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,900",
)

# textual-serve's script (static/js/textual.js) keeps its xterm.js `Terminal` in an object of its
# own, reachable from no global. Its constructor's first assignments include
# `this.websocket_url = ...`: a setter on Object.prototype, installed before the page's scripts
# run, sees that object go by and keeps it. If textual-serve renames the field, `screen_text`
# finds no terminal and the test fails saying so.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "websocket_url", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "websocket_url",
      {value, writable: true, configurable: true, enumerable: true});
    (window.__textualSessions = window.__textualSessions || []).push(this);
  },
});
"""
SCREEN_TEXT = """
const session = (window.__textualSessions || [])[0];
if (!session || !session.terminal) return null;
const terminal = session.terminal, buffer = terminal.buffer.active, rows = [];
for (let y = 0; y < terminal.rows; y++) {
  const line = buffer.getLine(buffer.viewportY + y);
  rows.push(line ? line.translateToString(true) : "");
}
return rows.join("\\n");
"""


def _found(*names: str) -> str | None:
    return next((path for name in names if (path := shutil.which(name))), None)


@pytest.fixture
def browser(tmp_path) -> Iterator:
    """Headless Chromium driven through Selenium and the system's ChromeDriver."""
    chromium = _found("chromium", "chromium-browser", "google-chrome")
    chromedriver = _found("chromedriver")
    if not chromium or not chromedriver:
        pytest.skip(
            "no Chromium and ChromeDriver on PATH (Debian: apt-get install chromium "
            "chromium-driver): the browser test of `newsreader serve` needs them"
        )
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium: pip install -e .[test]")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINAL})
    try:
        yield driver
    finally:
        driver.quit()


def left_pane(screen: str) -> list[str]:
    """The search pane's column of the screen: what stands between a line's first two `│`."""
    return [line.split("│")[1] for line in screen.splitlines() if line.count("│") >= 2]


def hit_titles(screen: str) -> list[str]:
    """The titles in the results list (a hit's first line starts with its unread mark, `●`)."""
    column = left_pane(screen)
    titles = []
    for at, cell in enumerate(column):
        if cell.strip().startswith("● "):
            title = cell.strip()[2:]
            for more in column[at + 1 :]:  # a long title wraps on the next lines
                if " · " in more or not more.strip():
                    break
                title += " " + more.strip()
            titles.append(title)
    return titles


def wait_for_screen(driver, test: Callable[[str], bool], what: str, timeout: float = 120) -> str:
    """The terminal's text once `test` accepts it; fails naming `what` and the last screen."""
    deadline = time.monotonic() + timeout
    screen = None
    while time.monotonic() < deadline:
        screen = driver.execute_script(SCREEN_TEXT)
        if screen is not None and test(screen):
            return screen
        time.sleep(0.3)
    raise AssertionError(f"the page never showed {what}; its terminal showed:\n{screen}")


@pytest.mark.parametrize("whole_group", [True, False], ids=["ctrl+c", "kill -INT server"])
def test_the_reader_in_a_browser_shows_the_seeds_and_takes_a_search(browser, tmp_path, whole_group):
    library = tmp_path / "library"  # empty: serve indexes the seeds first, as the reader does
    served = start_serving(library)
    try:
        browser.get(served.url)
        from selenium.webdriver.common.by import By

        start = browser.find_elements(By.ID, "start")  # shown only for `?delay=...` pages
        if start and start[0].is_displayed():
            start[0].click()
        screen = wait_for_screen(browser, lambda s: "2 hits" in s, "the seed articles' hits")
        assert hit_titles(screen) == [SEED_000, SEED_003]  # a fresh library: both unread, ●
        keys = browser.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
        browser.execute_script("arguments[0].focus()", keys)
        time.sleep(1)  # the page tells the app it has focus, which puts its own focus back
        keys.send_keys("/")  # the query box: the footer then shows its keys, not the screen's
        wait_for_screen(browser, lambda s: "e Entities" not in s, "the query box focused")
        keys.send_keys("Pullback")  # a word of one seed's title only
        screen = wait_for_screen(browser, lambda s: "1 hit " in s, "the search's one hit")
        assert left_pane(screen)[0].strip() == "Pullback"  # the query box
        assert hit_titles(screen) == [SEED_003]
        assert processes_naming(str(library))  # the reader runs, on the library serve opened
    finally:
        status, out, err = served.stop(whole_group)
    assert status == 0, err
    assert out.splitlines() == [f"newsreader: serving the reader at {served.url} (Ctrl+C stops)"]
    assert "Traceback" not in err
    deadline = time.monotonic() + 30
    while processes_naming(str(library)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_naming(str(library)) == [], "the reader outlived the server"


def refused(url: str, headers: dict[str, str]) -> bool:
    """Whether the server answers `url`, asked with `headers`, 403 Forbidden."""
    try:
        urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30).close()
    except urllib.error.HTTPError as exc:
        return exc.code == 403
    return False


def test_serve_answers_its_own_page_only_and_stops_on_ctrl_c(cli_library):
    served = start_serving(cli_library)
    try:
        with urllib.request.urlopen(served.url, timeout=30) as page:
            html = page.read().decode()
        assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in html
        assert "<div>newsreader</div>" in html
        for headers in (
            {"Origin": "http://evil.example"},  # another site's script opening the websocket
            {"Host": f"rebound.example:{served.port}"},  # a DNS name turned to 127.0.0.1
        ):
            for path in ("/", "/ws"):
                assert refused(served.url + path, headers), (path, headers)
        assert not refused(served.url, {"Host": f"localhost:{served.port}"})
    finally:
        status, out, err = served.stop()
    assert (status, out.strip()) == (
        0,
        f"newsreader: serving the reader at {served.url} (Ctrl+C stops)",
    )
    assert err == "newsreader: stopped\n"


def test_serve_seeds_the_library_the_reader_would_open(tmp_path, monkeypatch):
    library = tmp_path / "from-the-environment"
    monkeypatch.setenv("NEWSREADER_LIBRARY", str(library))
    served = start_serving(None)  # listening: the seeds are in
    try:
        stats = json.loads(newsreader(library, "stats", "--json").stdout)
        assert stats["dumps"] == {"seeds": 2}
    finally:
        assert served.stop()[0] == 0


def test_a_busy_port_is_one_line_and_a_wide_address_is_warned_of(cli_library):
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        done = newsreader(cli_library, "serve", "--port", str(port), check=False)
        assert done.returncode == 1
        assert done.stderr == (
            f"newsreader: cannot serve at http://127.0.0.1:{port}: the port is in use\n"
        )
        wide = newsreader(
            cli_library, "serve", "--host", "0.0.0.0", "--port", str(port), check=False
        )
    assert wide.returncode == 1
    assert wide.stderr.splitlines() == [
        "newsreader: warning: serving on 0.0.0.0, not loopback: anyone who can reach it can read "
        "the library",
        f"newsreader: cannot serve at http://0.0.0.0:{port}: the port is in use",
    ]


def test_a_port_out_of_range_is_a_usage_error(cli_library):
    done = newsreader(cli_library, "serve", "--port", "70000", check=False)
    assert done.returncode == 2
    assert "must be 1 to 65535, not 70000" in done.stderr


def test_serving_is_in_the_help(cli_library):
    assert "the reader in a web browser" in newsreader(cli_library, "--help").stdout
    usage = newsreader(cli_library, "serve", "--help").stdout
    assert "--host HOST" in usage and "--port N" in usage and "127.0.0.1" in usage
