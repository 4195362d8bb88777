"""`newsreader config`: the settings file's path, the settings in effect; `--edit` opens it."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

from reader.output import emit_json, visible
from reader.paths import config_file
from reader.settings import commented_file, effective, load_settings, toml_value


def _checked(path: Path) -> tuple[dict[str, dict], list[str]]:
    from reader.app import NewsReaderApp
    from reader.key_table import actions, keyless_note

    names = actions(NewsReaderApp)
    config, problems = load_settings(path, actions=names)
    problems += keyless_note(NewsReaderApp, config.keys)
    for problem in problems:
        print(f"newsreader: {visible(problem)}", file=sys.stderr)
    return effective(config, names), problems


def edit(path: Path) -> int:
    """Create the file (every key commented, at its default) if absent, then open the editor."""
    if not path.exists():
        from reader.app import NewsReaderApp
        from reader.key_table import actions

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(commented_file(actions(NewsReaderApp)), encoding="utf-8")
        print(f"created {path}", file=sys.stderr)
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        print(path)
        return 0
    try:
        subprocess.run([*shlex.split(editor), str(path)], check=False)
    except OSError as exc:
        print(f"newsreader: could not run the editor {editor!r} ({exc})", file=sys.stderr)
        print(path)
        return 1
    return 1 if _checked(path)[1] else 0


def config(args: argparse.Namespace) -> int:
    """Print the settings file's path and the settings in effect; status 1 if it has problems."""
    path = config_file()
    if args.edit:
        return edit(path)
    tables, problems = _checked(path)
    if args.json:
        emit_json({"path": str(path), "exists": path.exists(), "settings": tables,
                   "problems": problems})  # fmt: skip
        return 1 if problems else 0
    state = "" if path.exists() else "  (absent: the built-in defaults; --edit creates it)"
    print(f"# settings file: {visible(str(path))}{state}")
    for table, values in tables.items():
        print(f"\n[{table}]")
        for key, value in values.items():
            print(f"{key} = {visible(toml_value(value))}")
    return 1 if problems else 0
