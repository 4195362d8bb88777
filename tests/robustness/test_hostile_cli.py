"""Hostile page text fed through `newsreader index`, printed by every command: nothing gets out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from attacks import (
    HOSTILE_NAME,
    MARKUP_SHOWN,
    PAYLOAD,
    SEED_000,
    assert_no_stored_payload,
    assert_terminal_safe,
    hostile_json_record,
    hostile_seed_page,
)

from index.library import Library
from reader.cli import main

SEED_003 = SEED_000.with_name("003_b735b7be424d337f.txt")


@pytest.fixture(scope="module")
def hostile_library(tmp_path_factory) -> Path:
    """A library indexed from pages, files and folders carrying the payload everywhere."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / HOSTILE_NAME
    folder.mkdir()
    (folder / f"{HOSTILE_NAME}.txt").write_text(hostile_seed_page(), encoding="utf-8")
    shutil.copy(SEED_003, folder / "003.txt")
    jsonl = root / f"{HOSTILE_NAME}.jsonl"
    jsonl.write_text(
        "\n".join(json.dumps(hostile_json_record(n)) for n in range(3)) + "\n", encoding="utf-8"
    )
    named = root / "named.jsonl"
    named.write_text(json.dumps(hostile_json_record(9)) + "\n", encoding="utf-8")
    library = root / "library"
    assert main(["--library", str(library), "index", str(folder), str(jsonl)]) == 0
    assert main(["--library", str(library), "index", str(named), "--dump", HOSTILE_NAME]) == 0
    return library


def run(library: Path, capfdbinary, *args: str) -> tuple[int, bytes, bytes]:
    status = main(["--library", str(library), *args])
    out, err = capfdbinary.readouterr()
    return status, out, err


def all_ids(library: Path) -> list[str]:
    with Library(library) as lib:
        return [a.id for a in lib.export()]


def hostile_ids(library: Path) -> set[str]:
    with Library(library) as lib:
        return {a.id for a in lib.export() if "not bold" in json.dumps(a.to_json())}


def test_what_is_stored_holds_no_control_characters_or_escapes(hostile_library):
    with Library(hostile_library) as lib:
        articles = list(lib.export())
        assert len(articles) == 6  # the hostile seed, seed 003, three + one JSON records
        for article in articles:
            assert_no_stored_payload(article.to_json(), f"stored article {article.id}")
        dumps = lib.stats().dumps
    assert_no_stored_payload(list(dumps), "dump names")


def test_markup_in_page_text_is_kept_as_written(hostile_library):
    with Library(hostile_library) as lib:
        hostile = [a for a in lib.export() if "Withdrawal" in a.title]
    assert len(hostile) == 1
    article = hostile[0]
    assert article.title.startswith("NATO 'Can't Confirm' Russian Troop Withdrawal")
    assert "[bold red]not bold" in article.title  # the cleaner may cut a long title
    assert article.caption.startswith("NATO Secretary-General Anders Fogh Rasmussen (file photo)")
    assert all(m in article.caption for m in MARKUP_SHOWN)
    assert any(all(m in p for m in MARKUP_SHOWN) for p in article.paragraphs)


@pytest.mark.parametrize("as_json", [False, True])
def test_show_prints_no_payload_and_markup_literally(hostile_library, capfdbinary, as_json):
    for aid in all_ids(hostile_library):
        status, out, err = run(hostile_library, capfdbinary, "show", aid, *(["--json"] * as_json))
        assert status == 0, err
        assert_terminal_safe(out + err, f"show {aid}")
        shown = json.dumps(json.loads(out)["paragraphs"]) if as_json else out.decode()
        if aid in hostile_ids(hostile_library):
            assert all(m in shown for m in MARKUP_SHOWN), shown


@pytest.mark.parametrize("as_json", [False, True])
def test_search_prints_no_payload(hostile_library, capfdbinary, as_json):
    for query in ("nato", "bold red", "evil", "Rasmussen", PAYLOAD):
        args = ["search", query, "--limit", "50", *(["--json"] * as_json)]
        status, out, err = run(hostile_library, capfdbinary, *args)
        assert status == 0, err
        assert_terminal_safe(out + err, f"search {query!r}", echo=query == PAYLOAD)
    status, out, _ = run(hostile_library, capfdbinary, "search", "nato", "--json")
    assert json.loads(out)["total"] == 3  # the hostile seed, seed 003, the JSON copies as one


@pytest.mark.parametrize("as_json", [False, True])
def test_related_story_entities_stats_print_no_payload(hostile_library, capfdbinary, as_json):
    flag = ["--json"] * as_json
    for aid in all_ids(hostile_library):
        for verb in ("related", "story"):
            status, out, err = run(hostile_library, capfdbinary, verb, aid, *flag)
            assert status == 0, err
            assert_terminal_safe(out + err, f"{verb} {aid}")
    for args in (["entities", *flag], ["stats", *flag]):
        status, out, err = run(hostile_library, capfdbinary, *args)
        assert status == 0, err
        assert_terminal_safe(out + err, " ".join(args))
    # the dump is stored under its name made safe: the raw name is no dump, said on one line
    status, out, err = run(hostile_library, capfdbinary, "entities", "--dump", HOSTILE_NAME)
    assert status == 1 and out == b"" and b"no dump named" in err and err.count(b"\n") == 1
    assert_terminal_safe(err, "entities --dump", echo=True)


def test_export_prints_no_payload(hostile_library, capfdbinary):
    status, out, err = run(hostile_library, capfdbinary, "export", "--jsonl")
    assert status == 0, err
    assert_terminal_safe(out + err, "export")
    lines = out.decode().splitlines()
    assert len(lines) == 6
    assert sum(all(m in line for m in MARKUP_SHOWN) for line in lines) == 5  # all but seed 003


def test_errors_naming_hostile_ids_and_queries_are_safe(hostile_library, capfdbinary):
    status, out, err = run(hostile_library, capfdbinary, "show", PAYLOAD)
    assert status == 1
    assert_terminal_safe(out + err, "show with a hostile id", echo=True)
    assert len(err.decode().strip().splitlines()) == 1
    status, out, err = run(hostile_library, capfdbinary, "index", f"/nonexistent/{HOSTILE_NAME}")
    assert status == 1
    assert_terminal_safe(out + err, "index of a hostile missing path", echo=True)


def test_index_summary_with_hostile_skipped_files_is_safe(tmp_path, capfdbinary):
    folder = tmp_path / HOSTILE_NAME
    folder.mkdir()
    (folder / f"{HOSTILE_NAME}.bin").write_bytes(bytes(range(256)) * 8)
    (folder / f"empty {HOSTILE_NAME}.txt").write_text("")
    (folder / f"{HOSTILE_NAME}.jsonl").write_text(f'{{"title": "{PAYLOAD[:5]}", oops\n')
    status, out, err = run(tmp_path / "lib", capfdbinary, "index", str(folder))
    assert status == 0, err
    assert_terminal_safe(out + err, "index summary")
    assert b"skipped" in err
