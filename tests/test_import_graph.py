"""The import graph of indexer/ and search_app/ has no cycles, and the analysis step knows no Whoosh.

The graph is built statically with ``ast`` from every ``import`` and ``from … import`` in every
module, at module level and inside functions alike (a deferred import that closes a cycle is still
a cycle). Relative imports are resolved against the importing module's package, and
``from pkg import name`` counts as an edge to the submodule ``pkg.name`` when that module exists,
otherwise to ``pkg`` itself. Imports under ``if TYPE_CHECKING:`` are skipped: they never run.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("indexer", "search_app")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[_module_name(path)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(tree: ast.AST):
    """Every import statement, nested ones included, except those only for type checkers."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _imported_names(name: str, path: Path, modules=()) -> list[tuple[str, int]]:
    """(absolute module name, line) for every import in the module: ``from pkg import name`` gives
    ``pkg.name`` when that is one of ``modules``, else ``pkg``."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.extend((alias.name, node.lineno) for alias in node.names)
            continue
        if node.level:
            base_parts = package.split(".")
            if node.level > 1:
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
            base = ".".join(base_parts + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            out.append((sub if sub in modules else base, node.lineno))
    return out


def import_graph() -> dict[str, dict[str, int]]:
    """module -> {imported project module: first line}; imports of outside packages are dropped,
    names that are not modules (``from .x import function``) resolve to nothing."""
    modules = _modules()
    graph: dict[str, dict[str, int]] = {}
    for name, path in modules.items():
        edges: dict[str, int] = {}
        for target, line in _imported_names(name, path, modules):
            if target in modules and target != name:
                edges[target] = min(line, edges.get(target, line))
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, dict[str, int]]) -> list[str] | None:
    """One cycle as a path [a, b, …, a], or None."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = dict.fromkeys(graph, WHITE)
    for start in sorted(graph):
        if colour[start] != WHITE:
            continue
        path = [start]
        colour[start] = GREY
        iters = [iter(sorted(graph[start]))]
        while iters:
            nxt = next(iters[-1], None)
            if nxt is None:
                colour[path.pop()] = BLACK
                iters.pop()
                continue
            if colour[nxt] == GREY:
                return path[path.index(nxt):] + [nxt]
            if colour[nxt] == WHITE:
                colour[nxt] = GREY
                path.append(nxt)
                iters.append(iter(sorted(graph[nxt])))
    return None


def all_cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Cycles found one by one, cutting the closing edge of each to find the next (for the message)."""
    graph = {k: dict(v) for k, v in graph.items()}
    cycles = []
    while (cycle := find_cycle(graph)) is not None and len(cycles) < 20:
        cycles.append(cycle)
        del graph[cycle[-2]][cycle[-1]]
    return cycles


def _describe(cycle: list[str], graph: dict[str, dict[str, int]]) -> str:
    return " -> ".join(
        f"{a} (line {graph[a][b]})" for a, b in zip(cycle, cycle[1:])) + f" -> {cycle[-1]}"


def test_graph_is_built():
    graph = import_graph()
    # a few edges that must be seen, module-level, relative and "from pkg import submodule"
    assert "indexer.analysis.swedish" in graph
    assert "indexer.store.base" in graph["indexer.store"]
    assert "indexer.models" in graph["indexer.cache"]
    assert "indexer.store.whoosh.highlighting" in graph["indexer.store.whoosh.compile"]
    assert "indexer.pipeline" in graph["indexer.cli"]  # imported inside a function


def test_cycle_finder():
    assert find_cycle({"a": {"b": 1}, "b": {"c": 2}, "c": {"a": 3}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": 1, "c": 1}, "b": {"c": 2}, "c": {}}) is None


def test_no_import_cycles():
    graph = import_graph()
    cycles = all_cycles(graph)
    assert not cycles, "import cycles:\n" + "\n".join("  " + _describe(c, graph) for c in cycles)


def test_analysis_does_not_import_whoosh():
    offenders = []
    for name, path in _modules().items():
        if name != "indexer.analysis" and not name.startswith("indexer.analysis."):
            continue
        for target, line in _imported_names(name, path):
            if target == "whoosh" or target.startswith("whoosh."):
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert not offenders, "indexer/analysis/ must not import Whoosh:\n" + "\n".join(sorted(set(offenders)))
