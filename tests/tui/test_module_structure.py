"""The workbench's modules stay small and never import one another in a circle.

Imports are read from the source (module level and inside functions, where the screens
import their dialogs lazily), not from `sys.modules`: a circle that only closes when a key
is pressed is still a circle. `if TYPE_CHECKING:` imports are left out: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import quotes.tui

TUI = Path(quotes.tui.__file__).parent
MAX_LINES = 400


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def sibling_imports(source: str, package: str, siblings: set[str]) -> set[str]:
    """The sibling modules `source` imports anywhere except under `if TYPE_CHECKING:`."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue
            if isinstance(child, ast.ImportFrom) and child.module:
                if child.module == package:
                    found.update(a.name for a in child.names if a.name in siblings)
                elif child.module.startswith(package + "."):
                    first = child.module[len(package) + 1 :].split(".")[0]
                    if first in siblings:
                        found.add(first)
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith(package + "."):
                        first = alias.name[len(package) + 1 :].split(".")[0]
                        if first in siblings:
                            found.add(first)
            visit(child)

    visit(ast.parse(source))
    return found


def import_graph(folder: Path, package: str) -> dict[str, set[str]]:
    modules = {p.stem for p in folder.glob("*.py")}
    return {
        p.stem: sibling_imports(p.read_text(encoding="utf-8"), package, modules) - {p.stem}
        for p in folder.glob("*.py")
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports (its modules in order, the first repeated at the end), if any."""
    done: set[str] = set()
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt in path:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in done:
                found = walk(nxt)
                if found:
                    return found
        path.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        if start not in done:
            cycle = walk(start)
            if cycle:
                return cycle
    return None


def test_no_import_circle_among_workbench_modules() -> None:
    graph = import_graph(TUI, "quotes.tui")
    assert "queue" in graph and graph["app"] >= {"queue", "speakers"}
    assert find_cycle(graph) is None


def test_a_lazy_import_circle_is_found(tmp_path: Path) -> None:
    """The check itself: an import inside a function still closes a circle."""
    (tmp_path / "a.py").write_text("from pkg.b import B\n")
    (tmp_path / "b.py").write_text("def f():\n    from pkg.c import C\n")
    (tmp_path / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import B\n"
        "def g():\n    from pkg import a\n"
    )
    assert find_cycle(import_graph(tmp_path, "pkg")) == ["a", "b", "c", "a"]
    (tmp_path / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.a\n"
    )
    assert find_cycle(import_graph(tmp_path, "pkg")) is None


def test_every_workbench_module_is_small() -> None:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in TUI.glob("*.py")}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}
