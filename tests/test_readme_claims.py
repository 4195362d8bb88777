"""The README, claim by claim: every row of its query table and every line of its command-line
block is run through the console script on a small library, and what the README says is checked.

The rows and lines are read from README.md itself: one without a check here fails, so a claim
added to the README comes with its test; a README example that changes is run as written.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import APRIL, MAY, newsreader, search_json, titles, write_jsonl
from serve_support import start_serving

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
SEED_000 = "NATO 'Can't Confirm' Russian Troop Withdrawal"
SEED_003 = "NATO Chief Vows Support For Ukraine, Urges Russia Pullback"
SEEDS = {SEED_000, SEED_003}


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end >= 0 else None]


def query_rows() -> dict[str, list[str]]:
    """The query table: its Form cell -> the queries of its Example cell."""
    rows = {}
    for line in _section("Query syntax").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 3 or cells[0] in ("Form", "---"):
            continue
        rows[cells[0]] = re.findall(r"`([^`]+)`", cells[2])
    return rows


def command_lines() -> list[str]:
    """The command-line block, one usage line each (without its comment)."""
    block = _section("Command line").split("```")[1]
    return [re.split(r"\s{2,}", line.strip())[0] for line in block.splitlines() if line.strip()]


def hits(library: Path, query: str, *options: str) -> list[dict]:
    return search_json(library, query, "--limit", "100", *options)["hits"]


def dated(*prefixes: str) -> set[str]:
    """Titles of the fixture's articles whose date starts with any of the prefixes."""
    return {a["title"] for a in APRIL + MAY if a["date"].startswith(prefixes)}


# -- the query table -----------------------------------------------------------------------------

# Per example of the README: the titles it must find (exactly).
EXPECTED: dict[str, set[str]] = {
    "NATO Ukraine": SEEDS,
    '"troop withdrawal"': {SEED_000},
    "Crimea OR Donbas": {SEED_000, "Crimea vote condemned", "Shelling in Donbas"},
    "NATO -Crimea": {SEED_003},
    'oil -"crude oil"': {"Oil exports to Europe rise"},
    "(NATO OR EU) Rasmussen": SEEDS,
    "Poros*": {SEED_003, "Poroshenko wins election"},
    "Kyi?": SEEDS | {"Poroshenko wins election", "Gas talks open in Kiev"},  # place: Kyiv
    "Rasmusen~": SEEDS,
    "title:withdrawal": {SEED_000},
    'person:"Anders Fogh Rasmussen"': SEEDS,
    "body:Brussels": {SEED_000, "EU summit in Brussels"},
    "dump:crawl-2014-04": {a["title"] for a in APRIL},
    'source:"RFE/RL"': SEEDS | {"EU summit in Brussels"},
    "lang:de": {"Neue Straße in Berlin eröffnet"},
    "lang:german": {"Neue Straße in Berlin eröffnet"},
    "lang:Deutsch": {"Neue Straße in Berlin eröffnet"},
    "date:2014-04": dated("2014-04"),
    "date:2014-04-01..2014-08-31": dated("2014"),
    "date:>2014-06": {"Ceasefire talks in Minsk"},
    "NATO is:unread": SEEDS | {"Crimea vote condemned"},  # nothing is read in the fixture
    "tag:ukraine OR is:starred": set(),  # nor tagged: the row's check tags a copy of it
}


def _word_word(lib: Path) -> None:
    # title and name matches weigh more: Crimea in a title comes before Crimea in a body
    assert next(h["title"] for h in hits(lib, "Crimea")) == "Crimea vote condemned"


def _phrase(lib: Path) -> None:
    assert titles(lib, '"Rasmussen Fogh"') == set()  # in this order


def _or(lib: Path) -> None:
    assert titles(lib, "Crimea OR Donbas") == titles(lib, "Crimea") | titles(lib, "Donbas")
    assert titles(lib, "(Crimea OR Donbas)") == titles(lib, "Crimea OR Donbas")


def _not(lib: Path) -> None:
    assert titles(lib, "NATO NOT Crimea") == {SEED_003}  # NOT as -
    # a group (the Kiev article is there: it names the place Kyiv)
    assert titles(lib, "Kyiv -(Poroshenko OR Crimea)") == {"Gas talks open in Kiev"}
    assert titles(lib, "oil -title:crude") == {"Oil exports to Europe rise"}  # a filter
    assert titles(lib, "oil -dump:crawl-2014-04") == set()


def _grouping(lib: Path) -> None:
    assert "Crimea vote condemned" in titles(lib, "NATO OR EU Rasmussen")  # NATO OR (EU Rasmussen)


def _prefix(lib: Path) -> None:
    assert titles(lib, "Poros* xyzz*") == set()  # a prefix of no word matches nothing


def _wildcards(lib: Path) -> None:
    assert titles(lib, "Bos*rus") == {"Ferry strike in İstanbul"}  # any characters
    assert titles(lib, "Kyi??") == set()  # one character each


def _fuzzy(lib: Path) -> None:
    assert titles(lib, "Rasmusn~") == set()  # two typos away
    assert titles(lib, "Rasmusn~2") == SEEDS


def _title(lib: Path) -> None:
    assert titles(lib, 'title:"crude oil"') == {"Crude oil prices fall"}
    assert titles(lib, "title:Crimea") == {"Crimea vote condemned"}  # not the seed's body


def _entities(lib: Path) -> None:
    kyiv = SEEDS | {"Gas talks open in Kiev", "Poroshenko wins election"}
    assert titles(lib, "place:Kiev") == titles(lib, "place:Kyiv") == kyiv  # other spellings
    assert titles(lib, "person:Poroshenko") == {SEED_003, "Poroshenko wins election"}
    assert titles(lib, "org:NATO") and titles(lib, "org:NATO") <= titles(lib, "NATO")


def _body(lib: Path) -> None:
    assert titles(lib, "text:Brussels") == titles(lib, "body:Brussels")
    assert titles(lib, "title:Brussels") == {"EU summit in Brussels"}  # not the seed's body


def _meta(lib: Path) -> None:
    assert titles(lib, "DUMP:CRAWL-2014-04") == {a["title"] for a in APRIL}  # case aside
    assert titles(lib, "lang:DE") == titles(lib, "lang:de")
    assert titles(lib, "source:rfe/rl") == titles(lib, 'source:"RFE/RL"')


def _date(lib: Path) -> None:
    assert titles(lib, "date:2014") == dated("2014")
    assert titles(lib, "date:2014-04-01") == {"Gas talks open in Kiev"}


def _date_range(lib: Path) -> None:
    assert titles(lib, "date:..2014-04-02") == dated("2014-04-01", "2014-04-02")
    assert titles(lib, "date:2014-05..") == dated("2014-05", "2014-08")


def _date_compare(lib: Path) -> None:
    assert titles(lib, "date:>=2014-05-26") == dated("2014-05-26", "2014-08")
    assert titles(lib, "date:<2014-04-02") == dated("2014-04-01")
    assert titles(lib, "date:<=2014-04-02") == dated("2014-04-01", "2014-04-02")


def _empty(lib: Path) -> None:
    found = search_json(lib, "", "--limit", "100")
    stats = json.loads(newsreader(lib, "stats", "--json").stdout)
    assert found["total"] == stats["articles"] - 1  # the May copy is one hit with its original
    dates = [h["date"] for h in found["hits"] if h["date"]]
    assert dates == sorted(dates, reverse=True) and dates[0].startswith("2014-08-26")


def _marked_copy(lib: Path) -> Path:
    """A copy of the library to mark, so that the other checks see none of its marks."""
    import shutil

    copy = lib.parent / f"marked-{len(list(lib.parent.glob('marked-*')))}"
    shutil.copytree(lib, copy)
    return copy


def _read(lib: Path) -> None:
    lib = _marked_copy(lib)
    nato = titles(lib, "NATO")
    newsreader(lib, "mark", _first_id(lib, "title:Brussels"), "--read")
    assert titles(lib, "is:read") == {"EU summit in Brussels"}
    assert titles(lib, "NATO is:unread") == nato - {"EU summit in Brussels"}
    assert titles(lib, "NATO -is:read") == titles(lib, "NATO is:unread")


def _tags(lib: Path) -> None:
    lib = _marked_copy(lib)
    newsreader(lib, "tag", _first_id(lib, f'title:"{SEED_000}"'), "+starred")
    newsreader(lib, "tag", _first_id(lib, "title:Crimea"), "+Ukraine")
    assert titles(lib, "is:starred") == {SEED_000}
    assert titles(lib, "tag:ukraine OR is:starred") == {SEED_000, "Crimea vote condemned"}
    assert titles(lib, "tag:ukraine -is:starred Crimea") == {"Crimea vote condemned"}


ROW_CHECKS: dict[str, Callable[[Path], None]] = {
    "`word word`": _word_word,
    '`"a phrase"`': _phrase,
    "`a OR b`": _or,
    "`-word`, `NOT word`": _not,
    "`( … )`": _grouping,
    "`word*`": _prefix,
    "`wo?d`, `w*d`": _wildcards,
    "`word~`, `word~2`": _fuzzy,
    '`title:word`, `title:"a phrase"`': _title,
    "`person:`, `org:`, `place:`": _entities,
    "`body:` (or `text:`)": _body,
    "`dump:`, `source:`, `lang:`": _meta,
    "`date:2014`, `date:2014-04`, `date:2014-04-01`": _date,
    "`date:A..B`": _date_range,
    "`date:>A`, `date:>=A`, `date:<A`, `date:<=A`": _date_compare,
    "`is:read`, `is:unread`": _read,
    "`is:starred`, `tag:NAME`": _tags,
    "`story:ID`": lambda lib: _story_term(lib),
    "(empty query)": _empty,
}


def test_every_row_of_the_query_table_has_a_check():
    rows = query_rows()
    assert len(rows) >= 16
    assert set(rows) == set(ROW_CHECKS), "a README row without a check here, or a stale check"
    examples = [e for queries in rows.values() for e in queries]
    assert set(examples) == set(EXPECTED), "a README example without its expected articles"


@pytest.mark.parametrize("form", list(query_rows()))
def test_query_table_row(cli_library, form):
    for example in query_rows()[form]:
        assert titles(cli_library, example) == EXPECTED[example], example
    ROW_CHECKS[form](cli_library)


# -- the paragraphs around the table -----------------------------------------------------------


def test_words_are_folded_and_stemmed(cli_library):
    assert titles(cli_library, "Istanbul") == {"Ferry strike in İstanbul"}
    assert titles(cli_library, "strasse") == {"Neue Straße in Berlin eröffnet"}
    assert SEED_003 in titles(cli_library, "troop")  # its body says "troops"


def test_lowercase_operators_are_words(cli_library):
    assert titles(cli_library, "Crimea or Donbas") != titles(cli_library, "Crimea OR Donbas")
    assert titles(cli_library, "NATO not Crimea") != titles(cli_library, "NATO NOT Crimea")


def test_a_query_that_does_not_parse_is_read_as_its_words(cli_library):
    done = newsreader(cli_library, "search", "title:(")
    assert "could not read the query (title: needs a value)" in done.stderr
    done = newsreader(cli_library, "search", "person:")  # not the word "person"
    assert "could not read the query (person: needs a value)" in done.stderr
    assert titles(cli_library, "person:") == set()
    done = newsreader(cli_library, "search", "NATO AND")
    assert "read as: NATO" in done.stderr and titles(cli_library, "NATO AND") == titles(
        cli_library, "NATO"
    )


def test_did_you_mean(cli_library):
    assert "did you mean: Rasmussen" in newsreader(cli_library, "search", "Rasmusen").stderr


def test_sorts_facets_and_copies(cli_library):
    newest = [h["date"] for h in hits(cli_library, "date:2014", "--sort", "newest")]
    oldest = [h["date"] for h in hits(cli_library, "date:2014", "--sort", "oldest")]
    assert newest == sorted(newest, reverse=True) and oldest == sorted(oldest)
    found = search_json(cli_library, "Donbas OR Crimea")
    assert found["facets"]["dump"] == {"crawl-2014-04": 2, "crawl-2014-05": 1, "seeds": 1}
    assert set(found["facets"]) == {"dump", "source", "lang"}
    donbas = search_json(cli_library, "Donbas")
    assert donbas["total"] == 1 and donbas["hits"][0]["also_in"] == ["crawl-2014-05"]


# -- the command-line block ----------------------------------------------------------------------


async def test_open_the_reader(cli_library):
    """`newsreader [--library DIR]`: the reader opens on the library, its newest article first."""
    from tui_support import make_app, settle

    from index.library import Library

    with Library(cli_library) as library:
        app = make_app(library)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await settle(pilot)
            assert screen.results.hits[0].title == "Ceasefire talks in Minsk"
            assert screen.article_view.article_id == screen.results.hits[0].id


def _index(lib: Path) -> None:
    folder = lib.parent / "index-check"
    folder.mkdir(exist_ok=True)
    dump = write_jsonl(folder / "mine.jsonl", MAY)
    fresh = folder / "library"
    done = newsreader(fresh, "index", str(dump), "--dump", "my-dump", "--workers", "1")
    assert "added" in done.stderr
    assert json.loads(newsreader(fresh, "stats", "--json").stdout)["dumps"] == {"my-dump": 3}
    again = newsreader(fresh, "index", str(dump), "--dump", "my-dump")
    assert re.search(r"unchanged\s*│\s*3", again.stderr)
    rebuilt = newsreader(fresh, "index", "--rebuild", str(dump))
    assert re.search(r"added\s*│\s*3", rebuilt.stderr)
    assert json.loads(newsreader(fresh, "stats", "--json").stdout)["dumps"] == {"mine": 3}


def _search(lib: Path) -> None:
    found = search_json(lib, "NATO", "--limit", "1", "--sort", "oldest")
    assert found["total"] == 3 and len(found["hits"]) == 1
    text = newsreader(lib, "search", "Poroshenko", "--sort", "newest")
    assert text.stdout.splitlines()[0].split("  ")[2] == "[crawl-2014-05]"


def _first_id(lib: Path, query: str) -> str:
    return hits(lib, query)[0]["id"]


def _show(lib: Path) -> None:
    aid = _first_id(lib, "title:Minsk")
    assert newsreader(lib, "show", aid).stdout.startswith("Ceasefire talks in Minsk")
    assert json.loads(newsreader(lib, "show", aid[:10], "--json").stdout)["id"] == aid
    assert json.loads(newsreader(lib, "show", "minsk-1", "--json").stdout)["id"] == aid


def _related(lib: Path) -> None:
    aid = _first_id(lib, f'title:"{SEED_000}"')
    one = json.loads(newsreader(lib, "related", aid, "--limit", "1", "--json").stdout)
    assert len(one["related"]) == 1
    related = json.loads(newsreader(lib, "related", aid, "--json").stdout)
    assert SEED_003 in {r["title"] for r in related["related"]}
    assert SEED_003 in newsreader(lib, "related", aid).stdout


def _story(lib: Path) -> None:
    aid = _first_id(lib, "title:Poroshenko")
    story = json.loads(newsreader(lib, "story", aid, "--json").stdout)
    assert story["id"] == aid and story["story"]
    assert "Poroshenko wins election" in newsreader(lib, "story", aid).stdout


def _stories(lib: Path) -> None:
    stories = json.loads(newsreader(lib, "stories", "--json").stdout)
    sizes = [s["articles"] for s in stories]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) <= 13
    newest = json.loads(newsreader(lib, "stories", "--newest", "--limit", "2", "--json").stdout)
    assert len(newest) == 2 and newest[0]["last_date"] >= newest[1]["last_date"]
    may = json.loads(newsreader(lib, "stories", "--dump", "crawl-2014-05", "--json").stdout)
    assert may and all("crawl-2014-05" in s["dumps"] for s in may)
    late = json.loads(newsreader(lib, "stories", "--since", "2014-05-01", "--json").stdout)
    assert late and all(s["last_date"] >= "2014-05-01" for s in late)
    named = json.loads(newsreader(lib, "stories", "--entity", "Poroshenko", "--json").stdout)
    assert any("Poroshenko" in s["label"] for s in named)


def _story_term(lib: Path) -> None:
    aid = _first_id(lib, "title:Poroshenko")
    story = json.loads(newsreader(lib, "story", aid, "--json").stdout)
    members = {m["title"] for m in story["members"]}
    assert titles(lib, f"story:{story['story']}") == members


def _entities_line(lib: Path) -> None:
    people = json.loads(newsreader(lib, "entities", "--kind", "person", "--json").stdout)
    assert {"name": "Anders Fogh Rasmussen", "kind": "person", "articles": 2} in people
    may = json.loads(newsreader(lib, "entities", "--dump", "crawl-2014-05", "--json").stdout)
    assert {e["name"] for e in may} >= {"Petro Poroshenko", "Donbas"}
    top = newsreader(lib, "entities", "--limit", "2").stdout.splitlines()
    assert len(top) == 2


def _export(lib: Path) -> None:
    rows = [json.loads(line) for line in newsreader(lib, "export", "--jsonl").stdout.splitlines()]
    assert len(rows) == json.loads(newsreader(lib, "stats", "--json").stdout)["articles"]
    assert {r["title"] for r in rows} >= {a["title"] for a in APRIL + MAY}
    assert newsreader(lib, "export").stdout == newsreader(lib, "export", "--jsonl").stdout
    csv_lines = newsreader(lib, "export", "--query", "title:Minsk", "--format", "csv").stdout
    assert csv_lines.splitlines()[0] == "id,title,source,dump,date,url,tags"
    assert "Ceasefire talks in Minsk" in csv_lines and len(csv_lines.splitlines()) == 2
    md = newsreader(lib, "export", "--query", "title:Minsk", "--format", "md").stdout
    assert md.startswith("# Reading list") and "Ceasefire talks in Minsk" in md
    out = lib.parent / "minsk.md"
    newsreader(lib, "export", "--query", "title:Minsk", "--format", "md", "-o", str(out))
    assert out.read_text(encoding="utf-8") == md


def _tag_line(lib: Path) -> None:
    lib = _marked_copy(lib)
    aid = _first_id(lib, "title:Minsk")
    done = newsreader(lib, "tag", aid[:8], "+talks", "+later", "--json")
    assert json.loads(done.stdout) == {"id": aid, "tags": ["later", "talks"]}
    assert newsreader(lib, "tag", aid, "-later").stdout.split() == [aid, "talks"]


def _tags_line(lib: Path) -> None:
    lib = _marked_copy(lib)
    newsreader(lib, "tag", _first_id(lib, "title:Minsk"), "+talks")
    assert json.loads(newsreader(lib, "tags", "--json").stdout) == [{"tag": "talks", "articles": 1}]
    assert newsreader(lib, "tags").stdout.split() == ["1", "talks"]


def _mark_line(lib: Path) -> None:
    lib = _marked_copy(lib)
    aid = _first_id(lib, "title:Minsk")
    assert json.loads(newsreader(lib, "mark", aid, "--read", "--json").stdout)["ids"] == [aid]
    assert titles(lib, "is:read") == {"Ceasefire talks in Minsk"}
    newsreader(lib, "mark", aid[:8], "--unread")
    assert titles(lib, "is:read") == set()


def _stats(lib: Path) -> None:
    stats = json.loads(newsreader(lib, "stats", "--json").stdout)
    assert stats["dumps"] == {"crawl-2014-04": 8, "crawl-2014-05": 3, "seeds": 2}
    assert stats["languages"] == {"English": 12, "German": 1}
    assert "articles: 13" in newsreader(lib, "stats").stdout


def _serve(lib: Path) -> None:
    served = start_serving(lib)  # tests/test_serve.py drives it in a browser
    try:
        with urllib.request.urlopen(served.url, timeout=30) as page:
            assert f"ws://127.0.0.1:{served.port}/ws" in page.read().decode()
    finally:
        status, out, _ = served.stop()
    assert status == 0 and served.url in out
    assert "--host HOST" in newsreader(lib, "serve", "--help").stdout


def _version_help(lib: Path) -> None:
    assert newsreader(lib, "--version").stdout.startswith("newsreader ")
    assert all(verb in newsreader(lib, "--help").stdout for verb in ("index", "search", "story"))


def _config_line(lib: Path) -> None:
    import os

    shown = json.loads(newsreader(lib, "config", "--json").stdout)
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "newsreader" / "config.toml"
    assert shown["path"] == str(path) and shown["settings"]["reader"]["sort"] == "relevance"
    editors = {k: os.environ.pop(k, None) for k in ("VISUAL", "EDITOR")}
    os.environ["EDITOR"] = "true"
    try:
        newsreader(lib, "config", "--edit")
    finally:
        os.environ.pop("EDITOR")
        os.environ.update({k: v for k, v in editors.items() if v is not None})
    assert "# sort = " in path.read_text()
    assert f"# settings file: {path}" in newsreader(lib, "config").stdout


LINE_CHECKS: dict[str, Callable[[Path], None] | None] = {
    "newsreader [--library DIR]": None,  # test_open_the_reader
    "newsreader index PATH... [--dump NAME] [--rebuild] [--workers N] [--keep-all]": _index,
    "newsreader search QUERY [--limit N] [--sort relevance|newest|oldest] [--json]": _search,
    "newsreader show ID [--json]": _show,
    "newsreader related ID [--limit N] [--json]": _related,
    "newsreader story ID [--json]": _story,
    "newsreader stories [--dump NAME] [--since YYYY-MM-DD] [--entity NAME] [--newest] "
    "[--limit N] [--json]": _stories,
    "newsreader entities [--kind person|org|place] [--dump NAME] [--limit N] [--json]": (
        _entities_line
    ),
    "newsreader export [--query Q] [--format jsonl|csv|md] [-o FILE]": _export,
    "newsreader tag ID +NAME -NAME... [--json]": _tag_line,
    "newsreader tags [--json]": _tags_line,
    "newsreader mark ID... --read|--unread [--json]": _mark_line,
    "newsreader stats [--json]": _stats,
    "newsreader serve [--host 127.0.0.1] [--port N]": _serve,
    "newsreader config [--json] [--edit]": _config_line,
    "newsreader --version | --help": _version_help,
}


def test_every_command_line_of_the_readme_has_a_check():
    assert set(command_lines()) == set(LINE_CHECKS), "a README line without a check, or stale"


@pytest.mark.parametrize("line", [line for line in command_lines() if LINE_CHECKS.get(line)])
def test_command_line(cli_library, line):
    check = LINE_CHECKS[line]
    assert check is not None
    check(cli_library)


# -- the settings section ------------------------------------------------------------------------


def _settings_rows() -> list[tuple[str, list[str], list[str]]]:
    """The settings table: (table, its keys, their defaults as TOML) per row."""
    rows = []
    for line in _section("Settings and the command palette").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("| `[") or len(cells) != 3:
            continue
        table, first = re.match(r"`\[(\w+)\] (\w+)`", cells[0]).groups()
        keys = [first, *re.findall(r", `(\w+)`", cells[0])]
        rows.append((table, keys, re.findall(r"`([^`]*)`", cells[1])))
    return rows


def test_the_settings_table_names_every_key_with_its_default():
    import tomllib

    from reader.settings import DEFAULTS, SETTINGS

    named = set()
    for table, keys, defaults in _settings_rows():
        if table == "keys":
            continue
        for n, key in enumerate(keys):
            setting = next(s for s in SETTINGS if (s.table, s.key) == (table, key))
            value = tomllib.loads(f"v = {defaults[min(n, len(defaults) - 1)]}")["v"]
            assert value == getattr(DEFAULTS, setting.field), (table, key)
            named.add((table, key))
    assert named == {(s.table, s.key) for s in SETTINGS}


def test_the_settings_example_and_its_error_line_are_what_the_reader_reads(tmp_path):
    from reader.app import NewsReaderApp
    from reader.key_table import actions
    from reader.settings import load_settings

    section = _section("Settings and the command palette")
    names = actions(NewsReaderApp)
    example = section.split("```toml")[1].split("```")[0]
    config, problems = load_settings(_write(tmp_path / "a.toml", example), actions=names)
    assert problems == []
    assert config.keys["search"] == "ctrl+f" and config.keys["palette"] == "ctrl+p,ctrl+k"
    assert (config.theme, config.sort, config.show_related) == ("nord", "newest", False)
    for name in re.findall(r"`(\w+)`", section.split("has a name")[1].split("An example")[0]):
        assert name in names, name
    said = " ".join(section.split("`…/config.toml: ")[1].split("`")[0].split())
    _, problems = load_settings(_write(tmp_path / "b.toml", '[reader]\nsort = "sideways"\n'))
    assert problems == [f"{tmp_path / 'b.toml'}: {said}"]


def test_the_settings_paths_are_the_user_folders(monkeypatch, tmp_path):
    from reader.paths import config_file, ui_state_file

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "s"))
    assert config_file() == tmp_path / "c" / "newsreader" / "config.toml"
    assert ui_state_file() == tmp_path / "s" / "newsreader" / "ui.json"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
