"""Pilot tests of read state, stars, tags and the export key in the reader."""

from __future__ import annotations

from tui_support import NATO_000, library, library_template, make_app, screen_text, settle

from reader.screens.help import HelpScreen
from reader.screens.main import MainScreen
from reader.screens.tags import TagListScreen, TagPromptScreen

__all__ = ["library", "library_template"]  # fixtures used by the tests below


async def wait_marks(pilot):
    """Wait for the marks workers, then for the main screen to settle (when it is on top)."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause(0.02)
        if not any(w.is_running for w in app.workers if w.group == "marks"):
            break
    await pilot.pause()
    return await settle(pilot) if isinstance(app.screen, MainScreen) else app.screen


def hit(screen: MainScreen, title: str):
    return next(h for h in screen.results.hits if h.title == title)


async def test_opening_an_article_makes_it_read_and_u_toggles(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"nato can't confirm")
        screen = await settle(pilot)
        first = screen.results.hits[0]
        assert not first.read
        total, unread = screen.last_result.total, screen.last_result.unread
        assert unread == total
        shown, _ = screen_text(app)
        assert f"({unread} unread)" in shown and f"● {first.title[:15]}" in shown
        await pilot.press("enter", "enter")  # to the results, then opened for reading
        screen = await wait_marks(pilot)
        assert screen.results.hits[0].read
        assert screen.last_result.unread == unread - 1
        assert f"({unread - 1} unread)" in screen_text(app)[0]
        assert first.id in library.marks_of([first.id])[0]
        await pilot.press("u")
        screen = await wait_marks(pilot)
        assert not screen.results.hits[0].read and screen.last_result.unread == unread
        assert not library.marks_of([first.id])[0]
        await pilot.press("u")
        screen = await wait_marks(pilot)
        assert screen.results.hits[0].read
        await pilot.press("slash", "ctrl+u", *"is:read")
        screen = await settle(pilot)
        assert [h.id for h in screen.results.hits] == [first.id]


async def test_star_and_tags_with_completion_and_the_tag_list(library):
    library.tag(library.search("wheat").hits[0].id, ["grain"])  # a tag to complete from
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"nato can't confirm", "enter")
        screen = await wait_marks(pilot)
        aid = screen.article_view.article_id
        await pilot.press("asterisk")
        screen = await wait_marks(pilot)
        assert "starred" in hit(screen, NATO_000).tags
        assert "★" in screen_text(app)[0]

        await pilot.press("plus")
        await wait_marks(pilot)
        assert isinstance(app.screen, TagPromptScreen)
        await pilot.press("g", "r")
        await pilot.pause(0.2)  # the suggester answers in a worker
        await pilot.press("tab", "enter")  # tab takes the completion "grain"
        screen = await wait_marks(pilot)
        assert library.marks_of([aid])[1][aid] == ["grain", "starred"]
        assert "#grain" in screen_text(app)[0]

        await pilot.press("minus")
        await wait_marks(pilot)
        assert isinstance(app.screen, TagPromptScreen)
        await pilot.press(*"grain", "enter")
        screen = await wait_marks(pilot)
        assert library.marks_of([aid])[1][aid] == ["starred"]

        await pilot.press("T")
        await wait_marks(pilot)
        tag_screen = app.screen
        assert isinstance(tag_screen, TagListScreen)
        assert tag_screen.counts == [("grain", 1), ("starred", 1)]
        await pilot.press("down", "enter")  # starred
        screen = await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert screen.query_box.value == "tag:starred"
        assert [h.id for h in screen.results.hits] == [aid]


async def test_minus_and_plus_type_in_the_query_box(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"nato -wheat +x")
        screen = await settle(pilot)
        assert screen.query_box.value == "nato -wheat +x"
        assert isinstance(app.screen, MainScreen)


async def test_x_exports_the_results_and_shows_where(library, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"wheat", "enter")
        await settle(pilot)
        await pilot.press("x")
        await wait_marks(pilot)
        files = list((tmp_path / "data").rglob("*.md"))
        assert len(files) == 1
        text = files[0].read_text()
        assert "Wheat prices climb as Egypt buys" in text and "NATO" not in text
        notes = [n.message for n in app._notifications]
        assert any(str(files[0]) in m for m in notes)


async def test_help_lists_the_mark_keys(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.text_shown
        for words in ("Read/unread", "Star/unstar", "Add a tag", "Remove a tag", "Tags"):
            assert words in shown
        assert "is:unread" in shown


async def test_O_shows_the_url_and_opens_only_http_on_confirmation(library, tmp_path, monkeypatch):
    import json

    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    pages = [
        {"id": "u1", "title": "Zebra census online", "url": "https://example.org/zebra",
         "text": "Zebra numbers rose in the park, rangers said on Monday after the count."},
        {"id": "u2", "title": "Yak census scripted", "url": "javascript:alert(1)",
         "text": "Yak numbers fell in the hills, herders said on Tuesday after the count."},
    ]  # fmt: skip
    dump = tmp_path / "urls.jsonl"
    dump.write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")
    library.add([dump])
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        from reader.screens.open_original import OpenOriginalScreen

        await pilot.press("slash", *"zebra census", "enter")
        await settle(pilot)
        await pilot.press("O")
        await pilot.pause()
        assert isinstance(app.screen, OpenOriginalScreen) and app.screen.url.endswith("/zebra")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and opened == []
        await pilot.press("O", "y")
        await wait_marks(pilot)
        for _ in range(50):
            if opened:
                break
            await pilot.pause(0.02)
        assert opened == ["https://example.org/zebra"]

        await pilot.press("slash", "ctrl+u", *"yak census", "enter")
        await settle(pilot)
        await pilot.press("O")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # refused, never asked
        notes = [n.message for n in app._notifications]
        assert any("is not an http(s) URL" in m for m in notes)
        assert opened == ["https://example.org/zebra"]
