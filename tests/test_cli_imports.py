"""Read-only verbs import only what they use: never the ingest pipeline, SciPy or the TUI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index.library import Library

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# What writing a library needs and reading one must not pay for (module prefixes).
INGEST = ("index.ingest", "index.reading", "index.cleaning", "index.entities", "index.versions")
HEAVY = (
    "datasketch",
    "scipy",
    "trafilatura",
    "warcio",
    "py3langid",
    "lxml",
    "textual",
    "textual_serve",  # and its web server: `serve` only
    "aiohttp",
)
QUERY = ("index.search", "index.related")  # only for the verbs that search
# Start-up costs a verb pays only when it uses them: numpy (50 ms) for postings, rich (20 ms) for
# a table or a message on stderr; never what Whoosh imports but does not use (whoosh_import.py),
# nor numpy.ma (45 ms, which np.unique imports on its path without indices).
ARRAYS, RICH = ("numpy",), ("rich",)
UNUSED = ("urllib.request", "asyncio", "ssl", "email", "cached_property", "whoosh.lang.morph_en")
UNUSED += ("whoosh.lang.snowball", "numpy.ma", "platformdirs", "html", "whoosh.lang.dmetaphone")
UNUSED += ("hashlib", "_hashlib")  # OpenSSL: Whoosh hashes its terms with Python's own MD5
UNUSED += ("queue",)  # Whoosh's writer processes only
# typing (our modules take `TYPE_CHECKING = False`) and what dataclasses imports but never uses
# before Python 3.12 (`inspect`: every dataclass of ours has a docstring; later, dataclasses reads
# annotations with it): numpy imports both, so only a verb without numpy goes without them.
UNUSED_WITHOUT_NUMPY: tuple[str, ...] = ("typing",)
if sys.version_info < (3, 12):
    UNUSED_WITHOUT_NUMPY += ("inspect", "ast", "dis", "tokenize")
# Records a verb makes only when it uses them (index/records.py)
RECORDS = ("index.records_ingest", "index.records_search", "index.records_related")
RUN = """
import json, sys
from reader.cli import main
status = main(sys.argv[2:])
sys.stdout.flush()
with open(sys.argv[1], "w") as fh:
    json.dump({"status": status, "modules": sorted(sys.modules)}, fh)
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("imports") / "library"
    with Library(folder) as lib:
        lib.add([SEEDS], dump="seeds", workers=1)
        first = lib.store.db.execute("SELECT id FROM articles ORDER BY id").fetchone()[0]
    return folder, first


def modules_of(library: Path, tmp_path: Path, *args: str) -> list[str]:
    out = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(out), "--library", str(library), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(out.read_text())
    assert found["status"] == 0, done.stderr
    return found["modules"]


def loaded(modules: list[str], prefixes: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)]


@pytest.mark.parametrize(
    "verb",
    [
        ["search", "nato"],
        ["search", "nato", "--json"],
        ["show", "{id}"],
        ["related", "{id}"],
        ["story", "{id}", "--json"],
        ["entities"],
        ["export", "--jsonl"],
        ["stats", "--json"],
    ],
    ids=lambda v: " ".join(v),
)
def test_a_read_only_verb_imports_no_ingest_scipy_or_tui(library, tmp_path, verb):
    folder, first = library
    modules = modules_of(folder, tmp_path, *(a.format(id=first) for a in verb))
    assert "index.library" in modules  # it did open the library
    assert loaded(modules, INGEST + HEAVY) == []
    if verb[0] not in ("search", "related", "story"):
        assert loaded(modules, QUERY) == []


@pytest.mark.parametrize(
    "verb",
    [
        ["show", "{id}"],
        ["show", "{id}", "--json"],
        ["stats"],
        ["stats", "--json"],
        ["export", "--jsonl"],
        ["export", "--format", "csv"],
        ["entities"],
        ["entities", "--json"],
    ],
    ids=lambda v: " ".join(v),
)
def test_a_verb_that_reads_no_postings_and_prints_no_table_imports_no_numpy_or_rich(
    library, tmp_path, verb
):
    folder, first = library
    modules = modules_of(folder, tmp_path, *(a.format(id=first) for a in verb))
    assert "index.library" in modules and "index.format.toc" in modules  # it counted the index
    assert loaded(modules, ARRAYS + RICH + UNUSED + UNUSED_WITHOUT_NUMPY + RECORDS) == []
    assert loaded(modules, ("whoosh",)) == []  # the store answers: Whoosh never opened the index


@pytest.mark.parametrize(
    "verb",
    [
        ["search", "nato", "--json"],
        ["search", "nato"],  # its summary line on stderr is plain text, not Rich's
        ["search", "qwertyuiop"],  # with "did you mean" or none
        ["related", "{id}", "--json"],
        ["related", "{id}"],
    ],
    ids=lambda v: " ".join(v),
)
def test_a_verb_that_searches_imports_nothing_whoosh_does_not_use(library, tmp_path, verb):
    folder, first = library
    modules = modules_of(folder, tmp_path, *(a.format(id=first) for a in verb))
    assert "whoosh.query.terms" in modules  # it did search
    assert loaded(modules, RICH + UNUSED) == []


@pytest.mark.parametrize(
    "verb, arrays",
    [
        (["search", "nato"], False),  # a few postings: scored in plain Python (search/small.py)
        (["search", "nato", "kyiv", "--json"], False),
        (["search", "nato OR rasmussen", "--json"], False),
        (["search", '"nato secretary"'], True),  # a phrase: the array side
        (["search", "nato", "--sort", "newest"], True),
        (["search", "qwertyuiop"], True),  # "did you mean" is the array side's
        (["related", "{id}"], False),  # its candidates summed in plain Python too
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else str(v),
)
def test_a_search_for_rare_words_imports_no_numpy(library, tmp_path, verb, arrays):
    folder, first = library
    modules = modules_of(folder, tmp_path, *(a.format(id=first) for a in verb))
    assert "whoosh.query.terms" in modules  # it did search
    assert ("numpy" in modules) is arrays
    if not arrays:
        assert loaded(modules, (*UNUSED_WITHOUT_NUMPY, "index.records_ingest")) == []


def test_a_search_for_rare_words_after_reading_an_article_imports_no_numpy(tmp_path):
    """Read marks (the reader's `unread` count) are counted in plain Python too."""
    folder = tmp_path / "library"
    with Library(folder) as lib:
        lib.add([SEEDS], dump="seeds", workers=1)
        first = lib.store.db.execute("SELECT id FROM articles ORDER BY id").fetchone()[0]
        lib.mark_read([first], read=True)
        assert lib.search("nato").unread == lib.search("nato").total - 1
    for verb in (["search", "nato", "--json"], ["search", "nato"]):
        modules = modules_of(folder, tmp_path, *verb)
        assert "whoosh.query.terms" in modules and "numpy" not in modules


def test_a_story_is_read_from_the_store_without_searching(library, tmp_path):
    folder, first = library
    modules = modules_of(folder, tmp_path, "story", first, "--json")
    assert "index.story_store" in modules  # it read the stored story
    assert loaded(modules, ARRAYS + RICH + UNUSED + UNUSED_WITHOUT_NUMPY) == []
    assert loaded(modules, ("whoosh", "index.records_ingest", "index.records_search")) == []


def test_the_stand_ins_leave_the_real_modules_to_later_imports():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import index, urllib.request, cached_property, whoosh.query.terms as terms\n"
            "import whoosh.analysis.morph as morph, whoosh.compat as compat, html\n"
            "from whoosh.lang import morph_en, dmetaphone\n"
            "assert callable(urllib.request.urlopen) and cached_property.threaded_cached_property\n"
            "assert sorted(terms.variations('render')) == sorted(morph_en.variations('render'))\n"
            "assert html.unescape('&eacute;') == 'é' and compat.htmlescape('<a>') == '&lt;a&gt;'\n"
            "assert morph.double_metaphone('Smith') == dmetaphone.double_metaphone('Smith')\n"
            "import hashlib, whoosh.filedb.filetables as tables\n"
            "assert tables.md5(b'nato').digest() == hashlib.md5(b'nato').digest()\n"
            "assert tables.md5_hash(b'x') == int(hashlib.md5(b'x').hexdigest(), 16) % 2**32\n",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_the_index_verb_still_finds_its_pipeline(tmp_path):
    modules = modules_of(tmp_path / "library", tmp_path, "index", str(SEEDS))
    assert loaded(modules, ("index.ingest", "index.versions")) != []


def test_the_combining_marks_written_out_are_the_ones_unicode_gives():
    import unicodedata

    from index.format import analysis

    assert analysis._mark_ranges() == analysis.MARKS  # this Python's Unicode, whichever it is
    if unicodedata.unidata_version == analysis.MARKS_UNICODE:
        assert analysis._mark_ranges() == analysis.MARKS_14


def test_text_without_cjk_is_split_as_the_cjk_aware_pattern_splits_it():
    import random
    import re

    from index.format import analysis
    from index.text import has_cjk

    full = re.compile(rf"(?P<cjk>[{analysis.CJK}]+)|{analysis.WORD_PATTERN}")
    alphabet = "ab_Z9.' -\u00e9\u0301\u05d0\u05b8\u0627\u064b\u0915\u093f\u2014\u201c\u2e7f\u0410"
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        expected = [(m.start(), m.end(), m.lastgroup == "cjk") for m in full.finditer(text)]
        assert list(analysis.spans(text)) == expected, text
        assert not has_cjk(text)
    assert has_cjk("a 保障房") and has_cjk("\U00020000") and not has_cjk("")
    assert list(analysis.spans("US 保障房")) == [(0, 2, False), (3, 5, True), (4, 6, True)]


def test_a_search_in_text_without_cjk_compiles_no_cjk_class(library, tmp_path):
    folder, _ = library
    code = (
        "import re, sys\n"
        "from index.text import CJK_CHARS\n"
        "seen = []\n"
        "real = re._compile\n"
        "re._compile = lambda p, f: (seen.append(p), real(p, f))[1]\n"
        "from reader.cli import main\n"
        "assert main(sys.argv[1:]) == 0\n"
        "assert not [p for p in seen if isinstance(p, str) and CJK_CHARS[:6] in p], 'CJK class'\n"
    )
    searched_by(code, folder)


def searched_by(
    code: str, folder, env: dict | None = None, query: str = "nato"
) -> subprocess.CompletedProcess:
    """`code` run in a fresh Python with `--library FOLDER search QUERY --json` as its arguments."""
    done = subprocess.run(
        [sys.executable, "-c", code, "--library", str(folder), "search", query, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.mark.parametrize("given", [None, "2"])
def test_a_searching_verb_runs_openblas_on_one_thread_unless_the_user_chose(
    library, tmp_path, given
):
    import os

    folder, _ = library
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given:
        env["OPENBLAS_NUM_THREADS"] = given
    code = (
        "import os, sys\n"
        "from reader.cli import main\n"
        "assert main(sys.argv[1:]) == 0 and 'numpy' in sys.modules\n"
        "print(os.environ.get('OPENBLAS_NUM_THREADS'), file=sys.stderr)\n"
        "one = os.environ['OPENBLAS_NUM_THREADS'] == '1'\n"
        "if one and os.path.isdir('/proc/self/task'):  # Linux: no pool of threads started\n"
        "    assert len(os.listdir('/proc/self/task')) == 1\n"
    )
    found = searched_by(code, folder, env, query='"nato secretary"')  # a phrase: numpy
    assert found.stderr.split() == [given or "1"]
