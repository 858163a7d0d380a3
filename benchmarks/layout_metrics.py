"""Figures of the package layout, read with ``ast`` from the source (nothing is imported).

    python benchmarks/layout_metrics.py [PACKAGE_DIR]

Prints the modules directly in the package, the longest chain of imports between its
modules, the import cycles between modules and between packages, and the longest
functions. Every import counts, wherever it is written (inside a function or under
``if TYPE_CHECKING:`` too): an import moved out of sight still ties the two modules.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FUNCTION_LIMIT = 50
"""Lines a function may have (its ``def`` line to its last line)."""


@dataclass(frozen=True)
class Function:
    module: str
    name: str
    lines: int


def module_names(root: Path) -> dict[str, Path]:
    """Every module of the package under ``root``, by its dotted name."""
    names: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def imported(module: str, tree: ast.AST, known: Mapping[str, Path]) -> set[str]:
    """The package's modules that ``module`` imports, with the packages around them (an
    import runs each enclosing package's ``__init__`` first), except the packages around
    ``module`` itself: those ran before it whatever it imports."""
    is_package = known[module].name == "__init__.py"
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node, is_package)
            targets.add(base)
            targets.update(f"{base}.{alias.name}" for alias in node.names)
    parts = module.split(".")
    own = {".".join(parts[:end]) for end in range(1, len(parts))}
    found: set[str] = set()
    for target in targets:
        parts = target.split(".")
        for end in range(1, len(parts) + 1):
            name = ".".join(parts[:end])
            if name in known and name != module and name not in own:
                found.add(name)
    return found


def _absolute(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    keep = len(parts) - node.level + (1 if is_package else 0)
    return ".".join(parts[:keep] + ([node.module] if node.module else []))


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def depth(graph: Mapping[str, set[str]]) -> tuple[int, list[str]]:
    """The longest chain of imports, counted in modules, over the graph with each cycle
    cut where it closes (so a cycle cannot make the chain endless)."""

    @cache
    def longest(node: str, path: frozenset[str]) -> tuple[str, ...]:
        best: tuple[str, ...] = ()
        for target in sorted(graph.get(node, ())):
            if target in path:
                continue
            chain = longest(target, path | {target})
            if len(chain) > len(best):
                best = chain
        return (node, *best)

    chains = [longest(node, frozenset({node})) for node in sorted(graph)]
    chain = max(chains, key=len, default=())
    return len(chain), list(chain)


def functions(module: str, tree: ast.AST) -> Iterator[Function]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            end = node.end_lineno or node.lineno
            yield Function(module, node.name, end - node.lineno + 1)


def stage_of(module: str) -> str:
    """The unit a module belongs to at package level: the subpackage directly under the
    root it lies in, or the module itself when it lies directly in the root."""
    return ".".join(module.split(".")[:2])


def report(root: Path) -> None:
    known = module_names(root)
    trees = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in known.items()}
    graph = {name: imported(name, tree, known) for name, tree in trees.items()}
    top = sorted(p.name for p in root.glob("*.py"))
    print(f"modules directly in {root.name}/: {len(top)} ({', '.join(top)})")
    packages = sorted(p.parent.name for p in root.glob("*/__init__.py"))
    print(f"packages directly in {root.name}/: {len(packages)} ({', '.join(packages)})")
    levels, chain = depth(graph)
    print(f"max import depth: {levels} ({' -> '.join(chain)})")
    module_cycles = cycles(graph)
    print(f"import cycles (module level): {len(module_cycles)}")
    for group in module_cycles:
        print(f"  {' <-> '.join(group)}")
    stages: dict[str, set[str]] = {}
    for name, targets in graph.items():
        own = stage_of(name)
        stages.setdefault(own, set()).update(
            other for other in map(stage_of, targets) if other not in (own, root.name))
    package_cycles = cycles(stages)
    print(f"import cycles (package level, top-level modules as their own): "
          f"{len(package_cycles)}")
    for group in package_cycles:
        print(f"  {' <-> '.join(group)}")
    every = sorted((f for name, tree in trees.items() for f in functions(name, tree)),
                   key=lambda f: (-f.lines, f.module, f.name))
    if every:
        first = every[0]
        print(f"longest function: {first.module}.{first.name} ({first.lines} lines)")
    over = [f for f in every if f.lines > FUNCTION_LIMIT]
    print(f"functions over {FUNCTION_LIMIT} lines: {len(over)}")
    for f in over:
        print(f"  {f.lines:4d} {f.module}.{f.name}")


def main(argv: list[str]) -> None:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "tracker"
    report(root.resolve())


if __name__ == "__main__":
    main(sys.argv)
