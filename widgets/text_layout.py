"""How Rich and Textual lay out text of other scripts: Indic vowel signs' cells, CJK line breaks.

Cells: Rich (and Textual, which measures with Rich) gives every combining mark a width of 0,
spacing ones (Unicode category Mc: the vowel signs of Devanagari, Bengali, Tamil..., "ि" in
"हिन्दी") too. Terminals advance the cursor for them (glibc's wcwidth, so tmux, xterm and VTE;
wcwidth 0.2.14 and later), so every line holding them was wider on screen than Rich thought and
overwrote the pane beside it. Measured as one cell, the layout and the terminal agree (marks
with a combining class, the viramas of Balinese or Javanese, stay 0).

Line breaks: Textual folds a run of CJK text (one "word" to it, having no spaces) at whatever
character reaches the edge, so a line could start with "。", "、" or "」". Kinsoku shori: a
line never starts with closing punctuation or a small kana and never ends with an opening
bracket; the character before such a break moves down with it.

`install` applies both to Rich and Textual, once a process (the reader calls it at start).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

import rich.cells
import textual.content

# may not start a line (JIS X 4051 and the Chinese rules): closing brackets and quotes, stops,
# commas, iteration marks, the prolonged sound mark and small kana
NO_LINE_START = frozenset(
    "、。，．・：；？！‼⁇⁈⁉…‥〜～ー―ヽヾゝゞ々〻」』）］｝〕〉》】〙〗〟’”»›｠"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    ",.:;!?)]}%"
)
NO_LINE_END = frozenset("「『（［｛〔〈《【〘〖〝‘“«‹｟([{")
MAX_PULLED = 3  # characters a break may move back ("猫。」" pulls the cat down with them)

_installed: list[bool] = []


def spacing_marks_widened(widths: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Rich's table of (first, last, cells) ranges with every spacing combining mark taken out
    of the zero-width ranges (a code point in no range is one cell wide)."""
    out: list[tuple[int, int, int]] = []
    for first, last, cells in widths:
        if cells:
            out.append((first, last, cells))
            continue
        start = first
        for point in range(first, last + 1):
            char = chr(point)
            if unicodedata.category(char) == "Mc" and not unicodedata.combining(char):
                if start < point:
                    out.append((start, point - 1, 0))
                start = point + 1
        if start <= last:
            out.append((start, last, 0))
    return out


def _allowed_break(text: str, cut: int, line_start: int) -> int:
    """`cut` moved back so that the line it starts obeys kinsoku (or `cut` when it cannot be)."""
    moved = cut
    while text[moved] in NO_LINE_START or text[moved - 1] in NO_LINE_END:
        moved -= 1
        if moved <= line_start or cut - moved > MAX_PULLED or text[moved].isspace():
            return cut  # a line of nothing but such marks, or words with spaces: as it was
    return moved


def kinsoku_breaks(
    text: str, width: int, fold: bool = True, divide: Callable[..., list[int]] | None = None
) -> list[int]:
    """Where to break `text` into lines of `width` cells (as Rich's `divide_line` does), never
    starting a line with closing punctuation nor ending one with an opening bracket."""
    divide = divide or _divide_line
    breaks = divide(text, width, fold)
    found: list[int] = []
    index = 0
    while index < len(breaks):
        cut = breaks[index]
        moved = _allowed_break(text, cut, found[-1] if found else 0)
        found.append(moved)
        if moved == cut:
            index += 1
            continue
        # the next line is longer now: break the rest of the text again from there
        breaks = [moved + offset for offset in divide(text[moved:], width, fold)]
        index = 0
    return found


_divide_line: Callable[..., list[int]] = textual.content.divide_line


def install() -> None:
    """Measure spacing marks as one cell and break CJK lines by kinsoku, in Rich and Textual."""
    if _installed:
        return
    _installed.append(True)
    load = rich.cells.load_cell_table
    tables: dict[str, rich.cells.CellTable] = {}

    def widened_table(unicode_version: str = "auto") -> rich.cells.CellTable:
        table = tables.get(unicode_version)
        if table is None:
            loaded = load(unicode_version)
            widths = spacing_marks_widened(loaded.widths)
            table = tables[unicode_version] = loaded._replace(widths=widths)
        return table

    rich.cells.load_cell_table = widened_table
    rich.cells.get_character_cell_size.cache_clear()
    rich.cells.cached_cell_len.cache_clear()
    textual.content.divide_line = kinsoku_breaks
