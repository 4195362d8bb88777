"""Where the reader keeps things: the library, the settings file, the UI state, the seeds."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "newsreader"
SEEDS_DUMP = "seeds"


def default_library() -> Path:
    """`NEWSREADER_LIBRARY` if set, else the platform's user data folder."""
    env = os.environ.get("NEWSREADER_LIBRARY")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path  # 10 ms: not for `--library DIR`

    return user_data_path(APP_NAME) / "library"


def config_file() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME) / "config.toml"


def ui_state_file() -> Path:
    """What the reader remembers between runs (the theme chosen) apart from the settings file."""
    from platformdirs import user_state_path

    return user_state_path(APP_NAME) / "ui.json"


def seeds_folder() -> Path:
    """The bundled seed pages: inside the installed package, or the checkout's `seeds/`."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    raise FileNotFoundError("the bundled seed pages are missing from this installation")


def exports_folder() -> Path:
    """Where the reader writes what `x` exports: the user data folder's `exports`."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME) / "exports"
