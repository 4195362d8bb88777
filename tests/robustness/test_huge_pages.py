"""Huge and odd pages: indexed in bounded time, stored whole, shown capped without freezing."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from attacks import assert_terminal_safe, screen_text, settle

from index.library import Library
from reader.app import NewsReaderApp

WORDS = [
    "the",
    "alliance",
    "said",
    "on",
    "Tuesday",
    "that",
    "ministers",
    "would",
    "meet",
    "in",
    "Brussels",
    "to",
    "discuss",
    "sanctions",
    "against",
    "Moscow",
    "and",
    "support",
    "for",
    "Kyiv",
    "while",
    "officials",
    "in",
    "Washington",
]
# Each page's own opening (lines shared by every page of a dump would be learnt as furniture).
HEAD = (
    "{title}\n\n"
    "NATO ministers met in Brussels on Tuesday to discuss {title}, officials said.\n\n"
    "Anders Fogh Rasmussen said the alliance would reinforce its members ({title}).\n\n"
)
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u2060"
MIXED = (
    "Москва встретила делегацию НАТО. 北京说了话。 وقال المتحدث إن الاجتماع سيعقد في بروكسل. "
    "שלום עולם. नमस्ते दुनिया। Ελληνικά κείμενα. 🇺🇦 👩‍👩‍👧 e\u0301te\u0301"
)
INDEX_CPU_SECONDS = 90  # the whole set; about 25 s of CPU on the 2-core dev box


def sentence(rnd: random.Random, n: int) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(n)).capitalize() + "."


def huge_pages() -> dict[str, str]:
    rnd = random.Random(7)
    one_line = " ".join(sentence(rnd, 12) for _ in range(10_000_000 // 70))
    assert len(one_line) > 10_000_000
    return {
        "one-line.txt": HEAD.format(title="A page that is one ten-megabyte line") + one_line,
        "tiny-lines.txt": HEAD.format(title="A page with a million tiny lines")
        + "\n".join(rnd.choice(WORDS) for _ in range(1_000_000)),
        "tiny-paragraphs.txt": HEAD.format(title="A page with a hundred thousand paragraphs")
        + "\n\n".join(sentence(rnd, 4) for _ in range(100_000)),
        "whitespace.txt": HEAD.format(title="A page of deeply nested whitespace")
        + ("\t \u00a0\u3000 \n" * 100_000)
        + " " * 1_000_000
        + sentence(rnd, 30)
        + "\n"
        + "\t" * 500_000
        + sentence(rnd, 30),
        "zero-width.txt": HEAD.format(title="A page full of zero\u200b-width characters")
        + ZERO_WIDTH.join(sentence(rnd, 20) for _ in range(5_000)),
        "mixed-scripts.txt": HEAD.format(title="Mixed scripts: NATO НАТО 北约 الناتو ნატო")
        + "\n\n".join(f"{sentence(rnd, 15)} {MIXED}" for _ in range(2_000)),
    }


@pytest.fixture(scope="module")
def huge_library(tmp_path_factory) -> tuple[Path, dict[str, str], float]:
    root = tmp_path_factory.mktemp("huge")
    dump = root / "huge"
    dump.mkdir()
    pages = huge_pages()
    for name, text in pages.items():
        (dump / name).write_text(text, encoding="utf-8")
    started = time.process_time()  # CPU time: other work on the machine does not count
    with Library(root / "library") as library:
        report = library.add([dump])  # under PARALLEL_THRESHOLD pages: cleaned in this process
    seconds = time.process_time() - started
    assert report.added == len(pages), report
    return root / "library", pages, seconds


def by_origin(library: Library) -> dict[str, object]:
    return {a.origin.rsplit("/", 1)[-1]: a for a in library.export()}


def test_huge_pages_are_indexed_in_bounded_time(huge_library):
    path, pages, seconds = huge_library
    assert seconds < INDEX_CPU_SECONDS
    with Library(path) as library:
        articles = by_origin(library)
        assert set(articles) == set(pages)
        assert library.search("ministers Brussels").total == len(pages)
        for article in articles.values():
            assert_terminal_safe(article.title + "\n".join(article.paragraphs), article.origin)


def test_what_is_stored_is_never_capped(huge_library):
    path, pages, _ = huge_library
    with Library(path) as library:
        articles = by_origin(library)
    body = "\n\n".join(articles["one-line.txt"].paragraphs)
    assert pages["one-line.txt"].rsplit("\n\n", 1)[1] in body  # the 10 MB line is stored whole
    assert len(articles["tiny-paragraphs.txt"].paragraphs) > 99_000
    zero_width = "\n".join(articles["zero-width.txt"].paragraphs)
    assert "\u200b" not in zero_width and "\ufeff" not in zero_width
    assert zero_width.count(".") >= 5_000
    mixed = "\n".join(articles["mixed-scripts.txt"].paragraphs)
    for word in ("Москва", "北京说了话", "المتحدث", "שלום", "नमस्ते", "👩\u200d👩\u200d👧", "été"):
        assert word in mixed


async def test_reader_opens_huge_pages_without_freezing(huge_library):
    path, _, _ = huge_library
    with Library(path) as library:
        articles = by_origin(library)
        app = NewsReaderApp(library)
        config = app.config
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, timeout=60)
            screen = app.screen
            for page in ("one-line.txt", "tiny-paragraphs.txt", "tiny-lines.txt", "zero-width.txt"):
                started = time.process_time()
                screen.open_article(articles[page].id, "opened")
                await settle(pilot, timeout=60)
                assert time.process_time() - started < 15, f"{page} took too long to show"
                view = screen.article_view
                assert view.article_id == articles[page].id
                shown = view.text_shown
                assert len(view._paragraphs) <= config.max_paragraphs
                if page == "tiny-paragraphs.txt":  # the first ones shown, the rest left out
                    assert len(view._paragraphs) == config.max_paragraphs
                assert max(map(len, view._paragraphs)) <= config.max_paragraph_chars + 30
                assert len(shown) <= config.max_paragraphs * (config.max_paragraph_chars + 30)
                await pilot.press("tab", "pagedown", "pagedown", "end", "home")
                await settle(pilot)
                assert_terminal_safe(screen_text(app), f"screen showing {page}")
