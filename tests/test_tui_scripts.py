"""Other scripts on screen: Indic rows as wide as terminals draw them, CJK lines broken by kinsoku.

Terminals give a spacing vowel sign (Unicode Mc: "ि", "ா", "া") a cell, as glibc's wcwidth does
(tmux, xterm, VTE); Rich gave it none, so every row holding one ran past its pane's border. A CJK
line must not start with closing punctuation ("。", "、", "」") nor end with an opening bracket.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from rich._wrap import divide_line
from rich.cells import cell_len
from textual.geometry import Region
from textual.widgets import Static
from tui_support import make_app, screen_text, settle

from index.library import Library
from widgets.text_layout import (
    NO_LINE_END,
    NO_LINE_START,
    install,
    kinsoku_breaks,
    spacing_marks_widened,
)

HINDI_TITLE = "सरकार ने महंगाई से निपटने के लिए नए उपायों की घोषणा की"
TAMIL_TITLE = "தமிழ்நாட்டில் கனமழை: பள்ளிகளுக்கு விடுமுறை அறிவிப்பு"
BENGALI_TITLE = "ঢাকায় নতুন মেট্রো রেল লাইনের উদ্বোধন"
JAPANESE_TITLE = "政府、物価高対策の新たな支援策を発表"
# short clauses between many commas and stops: at any width some break falls on one of them
JAPANESE_TEXT = (
    "政府は今日、物価高に苦しむ家庭を支援するため、新たな対策を発表した。電気料金、ガス料金、"
    "食料品への補助金を盛り込み、来月から実施する。財務大臣は「家計の負担を、少しでも軽くしたい」"
    "と述べた。野党は「遅すぎる」と批判し、追加の支援を求めた。経済学者は、インフレが徐々に落ち着く"
    "とみているが、食料品の値段は、各地のスーパーで、依然として高止まりしている。政府は、秋にも、"
    "次の対策を、まとめる方針だ。市場では、円安が、続いている。"
)
ARTICLES = [
    {"id": "hi", "title": HINDI_TITLE, "date": "2024-03-12", "source": "हिन्दी समाचार",
     "text": "सरकार ने आज महंगाई से जूझ रहे परिवारों की मदद के लिए नए उपायों की घोषणा की, जिनमें "
     "बिजली के बिलों और जरूरी खाद्य पदार्थों पर सब्सिडी शामिल है।\n\nवित्त मंत्री ने कहा कि ये "
     "उपाय अगले महीने से लागू होंगे और इन पर सरकारी खजाने से लगभग दस हजार करोड़ रुपये खर्च होंगे।"},
    {"id": "ta", "title": TAMIL_TITLE, "date": "2024-03-11", "source": "தினசரி",
     "text": "சென்னை உள்ளிட்ட மாவட்டங்களில் கனமழை பெய்து வருவதால் பள்ளிகளுக்கு இன்று விடுமுறை "
     "அறிவிக்கப்பட்டுள்ளது.\n\nவானிலை ஆய்வு மையம் அடுத்த இரண்டு நாட்களுக்கு மழை தொடரும் என்று "
     "தெரிவித்துள்ளது."},
    {"id": "bn", "title": BENGALI_TITLE, "date": "2024-03-10", "source": "প্রথম আলো",
     "text": "প্রধানমন্ত্রী আজ ঢাকায় নতুন মেট্রো রেল লাইনের উদ্বোধন করেছেন।\n\nএই লাইনে প্রতিদিন "
     "লাখো যাত্রী চলাচল করতে পারবেন বলে কর্তৃপক্ষ জানিয়েছে।"},
    {"id": "ja", "title": JAPANESE_TITLE, "date": "2024-03-09", "source": "ニュース",
     "text": JAPANESE_TEXT},
]  # fmt: skip


def terminal_width(text: str) -> int:
    """Cells a terminal gives `text`, as glibc's wcwidth counts them (tmux, xterm, VTE):
    nonspacing and enclosing marks and format characters none, wide characters two."""
    return sum(
        0
        if unicodedata.category(ch) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(ch) in "WF"
        else 1
        for ch in text
    )


@pytest.fixture(scope="module")
def scripts_library(tmp_path_factory):
    root = tmp_path_factory.mktemp("scripts")
    dump = root / "scripts.jsonl"
    dump.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    with Library(root / "library") as library:
        library.add([dump])
    library = Library(root / "library")
    yield library
    library.close()


async def test_indic_rows_fill_the_terminal_exactly_and_borders_line_up(scripts_library):
    app = make_app(scripts_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(pilot)
        shown = [hit.title for hit in screen.results.hits]
        assert shown[:3] == [HINDI_TITLE, TAMIL_TITLE, BENGALI_TITLE]  # newest first
        text, _ = screen_text(app)
        rows = text.splitlines()
        assert any("महंगाई" in row for row in rows) and any("மழை" in row for row in rows)
        # every row as wide as the terminal, as the terminal counts: none overwrites a border
        assert [terminal_width(row) for row in rows] == [120] * len(rows)
        # the results' right border stands in one column on every row of the results pane
        left = screen.results.region
        for row in rows[left.y : left.bottom]:
            assert row[0] == "│" or row[0] in "╭╰"
        assert screen.article_view.article_id == screen.results.hits[0].id


async def test_japanese_lines_in_the_article_view_never_start_with_a_closing_mark(
    scripts_library,
):
    app = make_app(scripts_library)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await settle(pilot)
        for width in (100, 93, 87, 80):  # several pane widths: the breaks fall elsewhere
            await pilot.resize_terminal(width, 40)
            await pilot.pause()
            hit = next(i for i, h in enumerate(screen.results.hits) if h.title == JAPANESE_TITLE)
            screen.results.highlighted = hit
            await settle(pilot)
            paragraph = screen.article_view.query(".paragraph").results(Static).__next__()
            size = paragraph.size
            lines = [
                strip.text.rstrip()
                for strip in paragraph.render_lines(Region(0, 0, size.width, size.height))
            ]
            assert "".join(lines) == JAPANESE_TEXT  # nothing cut, nothing added
            assert len(lines) > 3
            for line in lines:
                assert cell_len(line) <= size.width
                assert line[0] not in NO_LINE_START, line
                assert line[-1] not in NO_LINE_END, line


def test_kinsoku_moves_the_character_before_a_closing_mark_to_the_next_line():
    text = "あいうえおかきくけ。」さしすせそ"
    assert kinsoku_breaks(text, 20) == [8]  # "け。」" start the second line, not "。」"
    assert [text[:8], text[8:]] == ["あいうえおかきく", "け。」さしすせそ"]
    assert kinsoku_breaks("あいうえおかきく「けこ」", 18) == [8]  # "「" never ends a line
    words = "words with spaces wrap as before, (in brackets) too."
    assert kinsoku_breaks(words, 10) == divide_line(words, 10) == [11, 18, 26, 34, 38, 48]
    marks = "。。。。。。。。"  # nothing but marks: broken where they fill the line
    assert kinsoku_breaks(marks, 4) == divide_line(marks, 4) == [2, 4, 6]


def test_spacing_marks_get_a_cell_and_other_marks_none():
    install()
    assert cell_len("हिन्दी") == 5  # ह ि न ् द ी: the virama joins, the vowel signs take a cell
    assert cell_len("தமிழ்") == 4  # த ம ி ழ ்: "ி" is nonspacing
    for text in ("বাংলা", "ભારત", "ਪੰਜਾਬ", "മലയാളം", "ภาษาไทย", "日本語", "e\u0301", "한국어"):
        assert cell_len(text) == terminal_width(text), text
    widened = spacing_marks_widened([(0x0900, 0x0903, 0), (0x093A, 0x094F, 0), (0x1100, 0x115F, 2)])
    assert (0x0903, 0x0903, 0) not in widened and (0x0900, 0x0902, 0) in widened
    assert (0x094D, 0x094D, 0) in widened and (0x1100, 0x115F, 2) in widened
