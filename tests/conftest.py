"""Shared fixtures: every test gets its own library folder, never the user's real one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_support import build_library

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(autouse=True)
def _private_library(tmp_path_factory, monkeypatch) -> Path:
    folder = tmp_path_factory.mktemp("default-library")
    monkeypatch.setenv("NEWSREADER_LIBRARY", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    return folder


@pytest.fixture
def seeds_dir(tmp_path) -> Path:
    """A copy of the project's seed pages in a folder named `seeds`."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def cli_library(tmp_path_factory) -> Path:
    """The console-script tests' library: seeds and two JSON Lines dumps (read-only: never add)."""
    return build_library(tmp_path_factory.mktemp("cli-library"))
