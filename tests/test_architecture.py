"""The house rules of `index/` (docs/ARCHITECTURE.md), read from the source with `ast`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INDEX = ROOT / "index"
STAGES = sorted(p.name for p in INDEX.iterdir() if (p / "__init__.py").exists())
# the modules any stage may use
SHARED = {"index.lazy", "index.records", "index.store", "index.story_store", "index.text"}
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(INDEX.rglob("*.py"))}


def _imports(name: str) -> set[str]:
    """The `index` modules and packages a module imports, anywhere in it (lazy ones too)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                )
                base = base.strip(".")
            # `from index.x import y` imports the module index.x.y when there is one
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        else:
            continue
        found.update(t for t in targets if t.split(".")[0] == "index" and t in MODULES)
    found.discard(name)
    return found


GRAPH = {name: _imports(name) for name in MODULES}


def _stage(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def test_the_stages_are_the_expected_rooms() -> None:
    assert STAGES == ["cleaning", "entities", "format", "reading", "related", "search", "versions"]


def test_no_module_imports_one_that_imports_it_back() -> None:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for dep in sorted(GRAPH[name]):
            if state.get(dep) == 1:
                cycles.append([*path[path.index(dep) :], dep])
            elif dep not in state:
                visit(dep)
        path.pop()
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)
    assert cycles == []


def test_a_stage_reaches_another_only_through_its_front() -> None:
    wrong = []
    for name, deps in GRAPH.items():
        here = _stage(name)
        for dep in deps:
            there = _stage(dep)
            if there is None:
                # a stage may use the shared records, store and text hygiene, not the pipeline
                if here and dep not in SHARED and dep != "index":
                    wrong.append(f"{name} -> {dep}")
                continue
            if there != here and dep != f"index.{there}":
                wrong.append(f"{name} -> {dep} (use index.{there})")
            if there == here and dep == f"index.{here}" and name != dep:
                wrong.append(f"{name} -> {dep} (its own front: import the module)")
    assert wrong == []


def test_every_front_names_what_it_exports() -> None:
    for stage in STAGES:
        tree = ast.parse((INDEX / stage / "__init__.py").read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), stage
        names = [
            node
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(getattr(t, "id", "") == "__all__" for t in node.targets)
        ]
        assert names, f"index/{stage}/__init__.py has no __all__"


def test_the_corpus_knows_no_screen() -> None:
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                modules = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
                assert not any(
                    m.split(".")[0] in {"textual", "rich", "reader", "widgets"} for m in modules
                ), name


@pytest.mark.parametrize("package", ["index", "widgets", "reader"])
def test_no_module_is_over_the_limit(package: str) -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / package).rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_public_names_stay_importable() -> None:
    from index import Library
    from index.entities import extract_entities

    assert callable(extract_entities) and Library.__name__ == "Library"
    assert extract_entities("Angela Merkel met Emmanuel Macron in Paris.")
