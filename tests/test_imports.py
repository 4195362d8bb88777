"""The reader's import rules, read from the source with `ast`: no cycles, widgets stay widgets."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("reader", "widgets")
# What "opening the library" takes: a widget is handed what it shows and never reaches for these.
LIBRARY_MODULES = ("index.library", "index.store", "index.ingest", "sqlite3", "whoosh")
LIBRARY_NAMES = {"Library", "ArticleStore", "wipe_library"}


def module_files(root: Path, packages: tuple[str, ...]) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of `packages` under `root`."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path) -> list[tuple[str, list[str]]]:
    """(module, names taken from it) for every import in the file, wherever it stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against this module's package
                package = name.split(".") if is_package else name.split(".")[:-1]
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((base, [alias.name for alias in node.names]))
    return found


def import_graph(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    """Module -> the modules of `packages` it imports (`from a import b` counts a.b if a module)."""
    files = module_files(root, packages)
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        for module, names in imports_of(name, path):
            targets = [f"{module}.{n}" for n in names if f"{module}.{n}" in files]
            if module in files:
                targets.append(module)
            graph[name].update(t for t in targets if t != name)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (its modules, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def widget_breaches(root: Path) -> list[str]:
    """What widgets/ modules import that only the reader may: reader/ itself, the library."""
    breaches = []
    for name, path in module_files(root, ("widgets",)).items():
        for module, names in imports_of(name, path):
            if module == "reader" or module.startswith("reader."):
                breaches.append(f"{name} imports {module}")
            if any(module == m or module.startswith(m + ".") for m in LIBRARY_MODULES):
                breaches.append(f"{name} imports {module}")
            for taken in LIBRARY_NAMES.intersection(names):
                breaches.append(f"{name} imports {taken} from {module}")
    return breaches


def test_reader_and_widgets_import_no_module_that_imports_them_back():
    graph = import_graph(ROOT, PACKAGES)
    assert "reader.screens.main" in graph and "widgets.messages" in graph
    assert "reader.commands" in graph["reader.cli"], "function-level imports count too"
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_widgets_neither_import_the_reader_nor_open_the_library():
    assert widget_breaches(ROOT) == []


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_checks_catch_a_cycle_through_a_function_level_import_and_a_widget_breach(tmp_path):
    _write(
        tmp_path,
        {
            "reader/__init__.py": "",
            "reader/cli.py": "def run():\n    from reader import commands\n",
            "reader/commands.py": "from reader.cli import run\n",
            "reader/screens/__init__.py": "",
            "reader/screens/main.py": "from .help import rows\n",
            "reader/screens/help.py": "rows = []\n",
            "widgets/__init__.py": "",
            "widgets/panel.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                "    from reader.screens.main import X\nfrom index import Library\n"
                "import index.store\n"
            ),
        },
    )
    graph = import_graph(tmp_path, PACKAGES)
    assert graph["reader.screens.main"] == {"reader.screens.help"}  # relative imports resolved
    assert find_cycle(graph) == ["reader.cli", "reader.commands", "reader.cli"]
    assert sorted(widget_breaches(tmp_path)) == [
        "widgets.panel imports Library from index",
        "widgets.panel imports index.store",
        "widgets.panel imports reader.screens.main",
    ]
