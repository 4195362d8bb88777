"""The command line, driven through the installed `newsreader` console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import newsreader

SEED_000 = "NATO 'Can't Confirm' Russian Troop Withdrawal"
SEED_003 = "NATO Chief Vows Support For Ukraine, Urges Russia Pullback"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A library that the first command filled with the bundled seeds."""
    library = tmp_path_factory.mktemp("cli-library")
    newsreader(library, "stats")  # an empty library stays empty for stats
    return library


def search_json(library: Path, query: str) -> dict:
    return json.loads(newsreader(library, "search", query, "--json").stdout)


def test_version_and_help(tmp_path):
    assert newsreader(tmp_path, "--version").stdout.startswith("newsreader ")
    help_text = newsreader(tmp_path, "--help").stdout
    for verb in ("index", "search", "show", "related", "export", "stats", "entities"):
        assert verb in help_text


def test_python_dash_m_reader_runs(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stdout.startswith("newsreader ")


def test_first_search_indexes_the_seeds(seeded):
    result = search_json(seeded, "nato")
    assert result["query"] == "nato"
    assert result["total"] == 2
    assert {h["title"] for h in result["hits"]} == {SEED_000, SEED_003}
    for hit in result["hits"]:
        assert hit["dump"] == "seeds"
        assert set(hit) >= {"id", "title", "dump", "date", "source", "url", "score", "snippet"}


def test_page_furniture_is_not_searchable(seeded):
    for word in ("accessibility", "breaking", "16x9", "undesirable", "XS"):
        assert search_json(seeded, word)["total"] == 0, word


def test_show_json_has_the_cleaned_article(seeded):
    hits = search_json(seeded, "withdrawal")["hits"]
    article = json.loads(newsreader(seeded, "show", hits[0]["id"], "--json").stdout)
    assert article["title"] == SEED_000
    assert article["source"] == "RFE/RL"
    assert article["credits"] == ["Reuters", "AP"]
    assert len(article["paragraphs"]) == 18
    assert article["caption"] == "NATO Secretary-General Anders Fogh Rasmussen (file photo)"
    assert article["origin"].endswith("000_ca8fbb6e7b69f488.txt")
    people = {e["name"]: e for e in article["entities"] if e["kind"] == "person"}
    assert "Rasmussen" in people["Anders Fogh Rasmussen"]["aliases"]


def test_show_text_and_unique_prefix(seeded):
    hit = search_json(seeded, "Poroshenko")["hits"][0]
    shown = newsreader(seeded, "show", hit["id"][:8]).stdout
    assert shown.splitlines()[0] == SEED_003
    assert "Ukraine's freedom and future are under attack." in shown


def test_related_lists_the_other_seed(seeded):
    first = search_json(seeded, "withdrawal")["hits"][0]["id"]
    related = json.loads(newsreader(seeded, "related", first, "--json").stdout)
    assert related["id"] == first
    assert [r["title"] for r in related["related"]][:1] == [SEED_003]
    entry = related["related"][0]
    assert set(entry) >= {"id", "title", "dump", "date", "source", "score", "shared_entities"}
    assert "Anders Fogh Rasmussen" in entry["shared_entities"]


def test_unknown_id_is_one_line_error(seeded):
    done = newsreader(seeded, "show", "doesnotexist", check=False)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "doesnotexist" in done.stderr
    assert "Traceback" not in done.stderr


def test_usage_error_exits_2(tmp_path):
    done = newsreader(tmp_path, "search", check=False)
    assert done.returncode == 2
    done = newsreader(tmp_path, "index", check=False)
    assert done.returncode == 2 and "PATH" in done.stderr


def test_a_library_path_that_is_a_file_or_a_bad_worker_count_is_one_line(tmp_path):
    (tmp_path / "notes.txt").write_text("not a library")
    done = newsreader(tmp_path / "notes.txt", "stats", check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().endswith("notes.txt is a file")
    done = newsreader(tmp_path / "lib", "index", "--workers", "-2", ".", check=False)
    assert done.returncode == 2 and "--workers: must be at least 1, not -2" in done.stderr


def test_missing_path_names_it(tmp_path):
    done = newsreader(tmp_path / "lib", "index", str(tmp_path / "nowhere"), check=False)
    assert done.returncode == 1
    assert "nowhere" in done.stderr and "Traceback" not in done.stderr


def test_index_jsonl_names_dump_after_file_and_ids_are_stable(tmp_path):
    dump = tmp_path / "wire-1987.jsonl"
    rows = [
        {"id": "a1", "title": "Cocoa prices rise", "text": "Cocoa prices rose in London on Monday "
         "as traders bought ahead of the Ivory Coast harvest.", "date": "1987-03-02",
         "source": "Reuters"},
        {"id": "a2", "title": "Bank of Japan holds rates", "text": "The Bank of Japan kept its "
         "discount rate unchanged, the central bank said in Tokyo.", "date": "1987-03-03",
         "source": "Reuters"},
    ]  # fmt: skip
    dump.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    library = tmp_path / "lib"
    newsreader(library, "index", str(dump))
    first = search_json(library, "cocoa")
    assert first["total"] == 1 and first["hits"][0]["dump"] == "wire-1987"
    again = newsreader(library, "index", str(dump))
    assert "unchanged" in again.stderr
    assert search_json(library, "cocoa")["hits"][0]["id"] == first["hits"][0]["id"]
    stats = json.loads(newsreader(library, "stats", "--json").stdout)
    assert stats["articles"] == 2 and stats["dumps"] == {"wire-1987": 2}
    export = newsreader(library, "export", "--jsonl").stdout
    exported = [json.loads(line) for line in export.splitlines()]
    assert sorted(a["title"] for a in exported) == [
        "Bank of Japan holds rates",
        "Cocoa prices rise",
    ]
    assert all(a["date"].startswith("1987-03") for a in exported)


def test_index_folder_uses_dump_option(tmp_path, seeds_dir):
    library = tmp_path / "lib"
    newsreader(library, "index", str(seeds_dir), "--dump", "rferl-2014")
    stats = json.loads(newsreader(library, "stats", "--json").stdout)
    assert stats["dumps"] == {"rferl-2014": 2}


def test_entities_command(seeded):
    people = json.loads(newsreader(seeded, "entities", "--kind", "person", "--json").stdout)
    names = {e["name"]: e["articles"] for e in people}
    assert names.get("Anders Fogh Rasmussen") == 2
    assert all(e["kind"] == "person" for e in people)


def _subparser(parser, verb: str):
    """The subparser of `verb` in a built parser."""
    return next(a for a in parser._actions if a.dest == "verb").choices[verb]


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "nato", "-crimea", "--limit", "3", "--json"],
        ["--library", "x", "show", "abc", "--json"],
        ["--library=x", "export", "--format", "csv", "-o", "f.csv"],
        ["tag", "abc", "+x", "-y"],
        ["mark", "a", "b", "--read"],
        ["stories", "--since", "2014-03", "--newest"],
    ],
)
def test_a_verb_is_parsed_by_its_own_subparser_as_by_the_whole_parser(argv):
    """The parser built for the verb called (its subparser alone) reads the command line and
    shows its help as the parser of every verb does."""
    from reader import cli

    verb = cli.called_verb(argv)
    assert verb == next(word for word in argv if word in cli.VERBS)
    alone, every = cli.build_parser(verb), cli.build_parser()
    assert list(next(a for a in alone._actions if a.dest == "verb").choices) == [verb]
    ordered = cli.search_in_order(cli._tag_changes_as_positionals(argv))
    assert alone.parse_args(ordered) == every.parse_args(ordered)
    assert _subparser(alone, verb).format_help() == _subparser(every, verb).format_help()


@pytest.mark.parametrize(
    "argv", [["--help"], ["-h", "search"], ["--version", "stats"], ["serch", "x"], ["--lib", "x"]]
)
def test_help_version_and_unknown_verbs_get_the_whole_parser(argv):
    from reader import cli

    assert cli.called_verb(argv) is None


def test_a_mistyped_verb_and_the_help_still_name_every_verb(tmp_path, capsys):
    from reader.cli import VERBS, main

    with pytest.raises(SystemExit) as exit_:
        main(["--library", str(tmp_path / "lib"), "serch", "nato"])
    assert exit_.value.code == 2
    assert "invalid choice: 'serch'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert all(f"{verb} " in shown and help in shown for verb, help in VERBS.items())
