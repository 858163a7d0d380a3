"""The layout is the map: imports between the tracker's modules point one way only.

Every module of the ``tracker`` package is read with ``ast`` (nothing is imported), and
its imports become edges of a graph. What counts as an import:

* every ``import`` and ``from ... import`` statement, at module level or inside a
  function, relative ones resolved against the module's package;
* including those under ``if TYPE_CHECKING:``. They do not run, but the module still
  depends on the other one for its meaning, and a cycle hidden behind TYPE_CHECKING is
  still a cycle for whoever reads or splits the code. The report marks such edges;
* ``from tracker.x import y`` is an edge to ``tracker.x.y`` when that is a module, else
  to ``tracker.x``. Importing ``tracker.x.y`` also runs the package ``tracker.x``'s
  ``__init__``; that implicit edge is not counted (a package may re-export its modules);
* imports by name at run time (``importlib.import_module``) are not seen.

Four rules, each a test:

1. no import cycle between modules;
2. no cycle between units (a package such as ``tracker.poll``, or a top-level module
   such as ``tracker.config``);
3. the units import one another only as ``MAY_IMPORT`` below allows;
4. a pure module (``PURE``) imports no I/O library (``IO_LIBRARIES``), directly, and
   from the tracker only pure or shared modules, so it cannot reach one through them.

Violations known on main when this test was written are listed in ``KNOWN``: the rules
above skip them, and ``test_known_violation_is_gone`` expects each of them to be still
there (``xfail(strict=True)``), so it fails the day one disappears: then delete its
entry from ``KNOWN``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "tracker"

# Top-level modules every stage may import; they import only one another.
SHARED = frozenset({"tracker", "tracker.config", "tracker.config.story", "tracker.events",
                    "tracker.errors", "tracker.validate", "tracker.log"})
# Entry points: they put the stages together and may import anything; nothing in the
# package imports them except another entry point.
ENTRY = frozenset({"tracker.cli", "tracker.__main__", "tracker.demo", "tracker.opml"})

# Who may import whom. The pipeline runs ingest -> analysis -> poll -> eventlog ->
# notify -> daemon -> views, and a stage may import the stages before it, not after.
# One exception: the poll stage appends its events to the log, so in import terms
# eventlog sits below poll, and the event log itself imports no stage at all (it knows
# events, not where they come from).
MAY_IMPORT: Mapping[str, frozenset[str]] = {
    "tracker.ingest": frozenset(),
    "tracker.analysis": frozenset({"tracker.ingest"}),
    "tracker.eventlog": frozenset(),
    "tracker.poll": frozenset({"tracker.ingest", "tracker.analysis", "tracker.eventlog"}),
    "tracker.notify": frozenset({"tracker.ingest", "tracker.analysis", "tracker.poll",
                                 "tracker.eventlog"}),
    "tracker.daemon": frozenset({"tracker.ingest", "tracker.analysis", "tracker.poll",
                                 "tracker.eventlog", "tracker.notify"}),
    "tracker.views": frozenset({"tracker.ingest", "tracker.analysis", "tracker.poll",
                                "tracker.eventlog", "tracker.notify", "tracker.daemon"}),
}

# Pure modules decide; they never do I/O. Any module named types.py or _types.py is a
# stage's types and is pure too.
PURE_PACKAGES = ("tracker.analysis",)
PURE_MODULES = frozenset({"tracker.poll.decide", "tracker.poll.ordering"})
TYPES_NAMES = ("types", "_types")

# Libraries that talk to the network, a database, other processes or threads, or run
# an event loop or a schedule. asyncio is here because a pure decision has nothing to
# await. Reading the package's own data files (pathlib, tomllib, importlib.resources)
# is allowed: that is loading a table, not talking to the world.
IO_LIBRARIES = frozenset({
    "httpx", "httpcore", "sqlite3", "sqlite_utils", "feedparser", "apscheduler", "smtplib",
    "aiosmtpd", "socket", "ssl", "http", "urllib.request", "subprocess", "multiprocessing",
    "concurrent", "threading", "signal", "selectors", "asyncio",
})

KNOWN: Mapping[str, Mapping[frozenset[str], str]] = {
    # None left: the layout-core branch removed the store/migrations/projections cycle,
    # the config <-> notify cycle (notify settings live in tracker.config.notify) and
    # decide's imports of the fetcher and the parser (types in ingest/types.py).
    "module cycle": {},
    "unit cycle": {},
    "layer": {},
    "pure": {},
}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    type_checking: bool
    """True when every import of ``target`` in ``source`` is under TYPE_CHECKING."""

    def __str__(self) -> str:
        return f"{self.source} -> {self.target}" + (
            " (TYPE_CHECKING)" if self.type_checking else "")


@dataclass(frozen=True)
class Graph:
    modules: frozenset[str]
    edges: tuple[Edge, ...]
    libraries: Mapping[str, frozenset[str]]
    """Per module, the names of what it imports from outside the tracker."""

    def targets(self, source: str) -> list[str]:
        return sorted(e.target for e in self.edges if e.source == source)

    def edge(self, source: str, target: str) -> Edge:
        return next(e for e in self.edges if (e.source, e.target) == (source, target))


def module_name(path: Path, root: Path) -> str:
    """``tracker.poll.decide`` for ``<root>/poll/decide.py``, where root is the package."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def imports_of(tree: ast.AST, package: str, *, guarded: bool = False
               ) -> Iterator[tuple[str, list[str], bool]]:
    """(module, names imported from it, under TYPE_CHECKING) for every import in ``tree``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], guarded
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            yield base, [alias.name for alias in node.names], guarded
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _in_block(node.body, package, guarded=True)
            yield from _in_block(node.orelse, package, guarded=guarded)
        else:
            yield from imports_of(node, package, guarded=guarded)


def _in_block(body: list[ast.stmt], package: str, *, guarded: bool
              ) -> Iterator[tuple[str, list[str], bool]]:
    return imports_of(ast.Module(body=body, type_ignores=[]), package, guarded=guarded)


def read_graph(root: Path = PACKAGE) -> Graph:
    paths = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    modules = frozenset(paths)
    seen: dict[tuple[str, str], bool] = {}
    libraries: dict[str, frozenset[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        outside: set[str] = set()
        for base, names, guarded in imports_of(ast.parse(path.read_text("utf-8")), package):
            if base != "tracker" and not base.startswith("tracker."):
                outside.add(base)
                continue
            for target in [f"{base}.{n}" if f"{base}.{n}" in modules else base
                           for n in names] or [base]:
                if target != name:
                    key = (name, target)
                    seen[key] = seen.get(key, True) and guarded
        libraries[name] = frozenset(outside)
    edges = tuple(Edge(s, t, guarded) for (s, t), guarded in sorted(seen.items()))
    return Graph(modules, edges, libraries)


def strongly_connected(nodes: Iterable[str], targets: Mapping[str, list[str]]
                       ) -> list[list[str]]:
    """Tarjan's components with more than one member, each sorted, in sorted order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in targets.get(node, []):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return sorted(found)


def one_cycle(component: list[str], targets: Mapping[str, list[str]]) -> list[str]:
    """A shortest way from the component's first member back to itself, for the report."""
    start = component[0]
    members = set(component)
    paths: dict[str, list[str]] = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in targets.get(node, []):
            if target == start:
                return [*paths[node], start]
            if target in members and target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(f"no cycle through {start}")


def describe_cycle(component: list[str], targets: Mapping[str, list[str]],
                   graph: Graph | None = None) -> str:
    way = one_cycle(component, targets)
    steps = " -> ".join(way)
    if graph is not None:
        hidden = [str(graph.edge(a, b)) for a, b in zip(way, way[1:], strict=False)
                  if graph.edge(a, b).type_checking]
        if hidden:
            steps += f"  [TYPE_CHECKING edges: {'; '.join(hidden)}]"
    return f"cycle of {len(component)} ({', '.join(component)}): {steps}"


def unit_of(module: str) -> str:
    """The package a module belongs to (tracker.poll), or the top-level module itself."""
    parts = module.split(".")
    return ".".join(parts[:2])


def is_pure(module: str) -> bool:
    return (module in PURE_MODULES or module.rpartition(".")[2] in TYPES_NAMES
            or any(module == p or module.startswith(p + ".") for p in PURE_PACKAGES))


def library_matches(name: str) -> str | None:
    for library in IO_LIBRARIES:
        if name == library or name.startswith(library + "."):
            return library
    return None


# The checks. Each returns (key, message) pairs; a key is what KNOWN lists.

Violation = tuple[frozenset[str], str]


def module_cycles(graph: Graph) -> list[Violation]:
    targets = {m: graph.targets(m) for m in graph.modules}
    return [(frozenset(c), describe_cycle(c, targets, graph))
            for c in strongly_connected(graph.modules, targets)]


def unit_cycles(graph: Graph) -> list[Violation]:
    targets: dict[str, set[str]] = {}
    for edge in graph.edges:
        source, target = unit_of(edge.source), unit_of(edge.target)
        if source != target:
            targets.setdefault(source, set()).add(target)
    ordered = {unit: sorted(found) for unit, found in targets.items()}
    units = {unit_of(m) for m in graph.modules}
    found = []
    for component in strongly_connected(units, ordered):
        way = one_cycle(component, ordered)
        # Name the module imports behind each step, so the report says what to move.
        behind = [str(next(e for e in graph.edges
                           if (unit_of(e.source), unit_of(e.target)) == (a, b)))
                  for a, b in zip(way, way[1:], strict=False)]
        found.append((frozenset(component), f"{describe_cycle(component, ordered)}"
                                            f"  [through {'; '.join(behind)}]"))
    return found


def layer_problem(source: str, target: str) -> str | None:
    """Why ``source`` may not import ``target``, or None when it may."""
    source_unit, target_unit = unit_of(source), unit_of(target)
    if source_unit == target_unit or source_unit in ENTRY:
        return None
    if target_unit in ENTRY:
        return f"{target_unit} is an entry point: only entry points may import it"
    if target_unit in SHARED:
        return None
    if source_unit in SHARED:
        return f"{source_unit} is shared by every stage: it may import shared modules only"
    if source_unit not in MAY_IMPORT:
        return f"{source_unit} is in no table of this test: add it to SHARED, ENTRY or MAY_IMPORT"
    if target_unit not in MAY_IMPORT[source_unit]:
        return (f"{source_unit} may import {sorted(MAY_IMPORT[source_unit]) or 'no stage'}, "
                f"not {target_unit}")
    return None


def layer_violations(graph: Graph) -> list[Violation]:
    found = []
    for edge in graph.edges:
        problem = layer_problem(edge.source, edge.target)
        if problem is not None:
            found.append((frozenset({f"{edge.source} -> {edge.target}"}),
                          f"{edge}: {problem}"))
    unplaced = {unit_of(m) for m in graph.modules} - SHARED - ENTRY - MAY_IMPORT.keys()
    for unit in sorted(unplaced):
        found.append((frozenset({unit}), f"{unit} is in no table of this test: add it to "
                                         "SHARED, ENTRY or MAY_IMPORT"))
    return found


def purity_violations(graph: Graph) -> list[Violation]:
    found = []
    for module in sorted(m for m in graph.modules if is_pure(m)):
        for name in sorted(graph.libraries[module]):
            library = library_matches(name)
            if library is not None:
                found.append((frozenset({f"{module} -> {name}"}),
                              f"pure module {module} imports the I/O library {name}"))
        for target in graph.targets(module):
            if not is_pure(target) and target not in SHARED:
                reach = sorted(filter(None, map(library_matches, graph.libraries[target])))
                found.append((frozenset({f"{module} -> {target}"}),
                              f"pure module {module} imports {target}, which is not pure"
                              + (f" (it imports {', '.join(reach)})" if reach else "")))
    return found


CHECKS = {
    "module cycle": module_cycles,
    "unit cycle": unit_cycles,
    "layer": layer_violations,
    "pure": purity_violations,
}


def is_known(check: str, key: frozenset[str]) -> bool:
    # A known cycle that has shrunk is still known; one that grew is news.
    return any(key <= known for known in KNOWN.get(check, {}))


@pytest.fixture(scope="module")
def graph() -> Graph:
    return read_graph()


@pytest.mark.parametrize("check", list(CHECKS))
def test_rule_holds(graph: Graph, check: str) -> None:
    found = [message for key, message in CHECKS[check](graph) if not is_known(check, key)]
    assert not found, f"{check} violations:\n  " + "\n  ".join(found)


KNOWN_CASES = [
    pytest.param(check, key, id=f"{check}: {' '.join(sorted(key))[:80]}",
                 marks=pytest.mark.xfail(strict=True, reason=reason))
    for check, entries in KNOWN.items() for key, reason in entries.items()
]


@pytest.mark.parametrize(("check", "key"), KNOWN_CASES)
def test_known_violation_is_gone(graph: Graph, check: str, key: frozenset[str]) -> None:
    still = [message for found, message in CHECKS[check](graph) if found <= key]
    assert not still, "still there:\n  " + "\n  ".join(still)


# The reader itself, on small hand-written packages: a test of the guard that could
# otherwise pass by seeing nothing.

def write_package(root: Path, files: Mapping[str, str]) -> Path:
    for relative, text in files.items():
        path = root / "tracker" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root / "tracker"


def test_the_reader_sees_every_kind_of_import(tmp_path: Path) -> None:
    package = write_package(tmp_path, {
        "__init__.py": "",
        "a/__init__.py": "",
        "a/one.py": "from . import two\nimport httpx\n",
        "a/two.py": "def f():\n    from tracker.b import three\n",
        "b/__init__.py": "",
        "b/three.py": ("from typing import TYPE_CHECKING\n"
                       "if TYPE_CHECKING:\n    from ..a.one import thing\n"),
    })
    found = read_graph(package)
    assert {str(e) for e in found.edges} == {
        "tracker.a.one -> tracker.a.two", "tracker.a.two -> tracker.b.three",
        "tracker.b.three -> tracker.a.one (TYPE_CHECKING)"}
    assert found.libraries["tracker.a.one"] == {"httpx"}
    [(key, message)] = module_cycles(found)
    assert key == {"tracker.a.one", "tracker.a.two", "tracker.b.three"}
    assert ("tracker.a.one -> tracker.a.two -> tracker.b.three -> tracker.a.one"
            in message)
    assert "TYPE_CHECKING edges: tracker.b.three -> tracker.a.one" in message
    assert [k for k, _ in unit_cycles(found)] == [{"tracker.a", "tracker.b"}]


def test_the_rules_name_what_breaks_them(tmp_path: Path) -> None:
    package = write_package(tmp_path, {
        "__init__.py": "", "config.py": "from tracker.poll import service\n",
        "analysis/__init__.py": "", "analysis/judge.py": "import sqlite3\nimport re\n",
        "analysis/compare.py": "from tracker.ingest import fetch\n",
        "ingest/__init__.py": "", "ingest/fetch.py": "import httpx\n",
        "ingest/types.py": "import asyncio\n",
        "poll/__init__.py": "", "poll/service.py": "from tracker import config\n",
        "eventlog/__init__.py": "", "eventlog/store.py": "from tracker.poll import service\n",
    })
    found = read_graph(package)
    pure = [message for _, message in purity_violations(found)]
    assert pure == [
        "pure module tracker.analysis.compare imports tracker.ingest.fetch, which is not "
        "pure (it imports httpx)",
        "pure module tracker.analysis.judge imports the I/O library sqlite3",
        "pure module tracker.ingest.types imports the I/O library asyncio",
    ]
    layers = {next(iter(k)) for k, _ in layer_violations(found)}
    assert layers == {"tracker.config -> tracker.poll.service",
                      "tracker.eventlog.store -> tracker.poll.service"}
    assert [k for k, _ in unit_cycles(found)] == [{"tracker.config", "tracker.poll"}]


def test_every_stage_has_a_place_in_the_table(graph: Graph) -> None:
    units = {unit_of(m) for m in graph.modules}
    assert set(MAY_IMPORT) <= units, "a stage in the table no longer exists"
    assert len(graph.modules) > 40 and len(graph.edges) > 100, "the reader saw too little"
