"""The settings file as plain functions, and `newsreader config` as the console script runs it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tomllib
from pathlib import Path

from cli_support import SCRIPT

from reader.app import NewsReaderApp
from reader.key_table import actions, declared, keyed_classes
from reader.keys import check_keys
from reader.settings import ReaderConfig, effective, load_settings

ROOT = Path(__file__).resolve().parent.parent
ACTIONS = actions(NewsReaderApp)


def config_run(config_home: Path, *args: str, editor: str | None = None):
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home), "COLUMNS": "120"}
    env.pop("VISUAL", None)
    env.pop("EDITOR", None)
    if editor is not None:
        env["EDITOR"] = editor
    return subprocess.run(
        [str(SCRIPT), "config", *args], capture_output=True, text=True, timeout=60, env=env
    )


def test_good_settings_are_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        '[reader]\nsort = "newest"\ndate_format = "%d %b %Y"\ntheme = "nord"\n'
        '[panes]\nrelated = false\n[keys]\nsearch = "ctrl+f"\nfind = "f, ?"\n'
    )
    config, problems = load_settings(path, actions=ACTIONS)
    assert problems == []
    assert (config.sort, config.date_format, config.theme) == ("newest", "%d %b %Y", "nord")
    assert (config.show_related, config.show_entities) == (False, True)
    assert config.keys == {"search": "ctrl+f", "find": "f,question_mark"}  # as Textual names keys


def test_a_wrong_key_a_wrong_type_and_a_bad_line_each_give_one_line_and_keep_the_rest(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        '[reader]\nsortt = "newest"\npage_size = "many"\nthis line is not TOML\n'
        'search_delay_ms = 300\n[keys]\nserch = "ctrl+f"\nfind = "ctrl+foo"\nstory = "x"\n'
    )
    config, problems = load_settings(path, actions=ACTIONS)
    assert len(problems) == 5, problems
    assert all(p.startswith(f"{path}: ") and "\n" not in p for p in problems)
    bad_line, sortt, page_size, serch, find = problems
    assert "line 4: bad TOML" in bad_line and "line ignored" in bad_line
    assert "reader.sortt: unknown key (did you mean sort?)" in sortt
    assert "reader.page_size: must be a whole number, not a string" in page_size
    assert "keys.serch: unknown key" in serch and "did you mean search?" in serch
    assert "keys.find: 'foo' in 'ctrl+foo' is not a key name" in find
    assert config.search_delay_ms == 300  # the good settings around them still count
    assert config.page_size == ReaderConfig().page_size
    assert config.keys == {"story": "x"}


def test_unreadable_toml_and_an_absent_file_give_the_defaults(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[reader\nsort = "newest"\n')
    config, problems = load_settings(path, actions=ACTIONS)
    assert config == ReaderConfig()
    assert problems and all(str(path) in p for p in problems)
    assert load_settings(tmp_path / "absent.toml") == (ReaderConfig(), [])


def test_bad_values_name_what_would_do():
    problems = []
    for text in ['sort = "sideways"', 'theme = "nordd"', 'date_format = "no percent"',
                 "page_size = 5", "page_size = true"]:  # fmt: skip
        path = Path(os.environ["XDG_CONFIG_HOME"]) / "one.toml"
        path.write_text(f"[reader]\n{text}\n")
        config, found = load_settings(path, actions=ACTIONS)
        assert config == ReaderConfig() and len(found) == 1, (text, found)
        problems += found
    assert "relevance, newest, oldest" in problems[0]
    assert "did you mean nord?" in problems[1]
    assert "strftime" in problems[2]
    assert "from 10 to 500" in problems[3]
    assert "must be a whole number, not true or false" in problems[4]


def test_key_names_are_checked():
    for good in ["ctrl+f", "f,ctrl+f", "?", "question_mark", "f2", "pagedown", "alt+left", "N"]:
        assert check_keys(good) is None, good
    for bad in ["", "ctrl+foo", "hyper2+a", "a,,b", "ctrlf"]:
        assert check_keys(bad), bad


def test_every_binding_has_a_name_and_one_name_means_one_thing():
    defaults: dict[str, set[str]] = {}
    for _, cls in keyed_classes(NewsReaderApp):
        for binding in declared(cls):
            assert binding.id, f"{cls.__name__}: {binding.action} has no id (its settings name)"
            defaults.setdefault(binding.id, set()).add(binding.key)
    assert {name for name, keys in defaults.items() if len(keys) > 1} == set()


def test_every_class_with_keys_is_in_the_key_table():
    listed = {cls.__name__ for _, cls in keyed_classes(NewsReaderApp)}
    for package in ("reader", "widgets"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text()
            for name in re.findall(r"^class (\w+)\(.*\n(?:.*\n){0,6}?    BINDINGS", text, re.M):
                assert name in listed, f"{path.name}: {name} declares keys the table misses"


def test_config_edit_creates_a_commented_file_whose_defaults_are_the_built_in_ones(tmp_path):
    done = config_run(tmp_path, "--edit", editor="true")
    assert done.returncode == 0, done.stderr
    path = tmp_path / "newsreader" / "config.toml"
    text = path.read_text()
    assert tomllib.loads(text) == {"reader": {}, "panes": {}, "keys": {}}  # all commented
    # every "# key = value" line, uncommented, sets each key to its built-in default
    uncommented = re.sub(r"(?m)^# (\w+ = .*)$", r"\1", text)
    config, problems = load_settings(_write(tmp_path / "all.toml", uncommented), actions=ACTIONS)
    assert problems == []
    assert set(config.keys) == set(ACTIONS)
    assert effective(config, ACTIONS) == effective(ReaderConfig(), ACTIONS)
    again = config_run(tmp_path, "--edit", editor="true")  # an existing file is left as it is
    assert again.returncode == 0 and path.read_text() == text


def test_config_edit_without_an_editor_prints_the_path(tmp_path):
    done = config_run(tmp_path, "--edit")
    assert done.stdout.strip() == str(tmp_path / "newsreader" / "config.toml")


def test_config_prints_the_path_and_the_settings_in_effect(tmp_path):
    done = config_run(tmp_path, "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["path"] == str(tmp_path / "newsreader" / "config.toml")
    assert shown["exists"] is False
    assert shown["settings"]["reader"]["sort"] == "relevance"
    assert shown["settings"]["keys"]["search"] == "slash"
    _write(tmp_path / "newsreader" / "config.toml", '[keys]\nsearch = "ctrl+f"\n')
    plain = config_run(tmp_path)
    assert plain.returncode == 0 and str(tmp_path) in plain.stdout
    assert 'search = "ctrl+f"' in plain.stdout and 'sort = "relevance"' in plain.stdout


def test_config_names_each_problem_on_one_line_of_stderr(tmp_path):
    path = _write(tmp_path / "newsreader" / "config.toml", "[reader]\nsort = 3\nnot toml\n")
    done = config_run(tmp_path)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"newsreader: {path}: line 3: bad TOML")
    assert lines[1].startswith(f"newsreader: {path}: reader.sort: must be a string")
    assert 'sort = "relevance"' in done.stdout


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_an_action_left_without_a_key_is_named():
    from reader.key_table import keyless, keyless_note

    assert keyless(NewsReaderApp, {}) == []
    assert keyless(NewsReaderApp, {"search": "f"}) == []  # find keeps ctrl+f
    assert keyless(NewsReaderApp, {"search": "s,ctrl+f"}) == ["story (main screen)"]
    (note,) = keyless_note(NewsReaderApp, {"search": "s"})
    assert note.endswith("keys: story (main screen) now without a key (the palette runs it)")


def test_dates_are_written_in_the_format_set():
    from widgets.display_text import set_date_format, show_date

    try:
        assert show_date("2014-04-02T10:00:00Z") == "2014-04-02"
        set_date_format("%d %b %Y")
        assert show_date("2014-04-02T10:00:00Z") == "02 Apr 2014"
        assert show_date("2014-04") == "2014-04"  # a month alone stays as it is
        assert show_date("") == "undated"
    finally:
        set_date_format("")
    assert show_date("2014-04-02") == "2014-04-02"
