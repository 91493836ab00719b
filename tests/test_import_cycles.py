"""No import cycles in ``cleaner``, and every module imports on its own.

The static check reads every module's imports (those inside functions too: a deferred import
that closes a loop is still a cycle, only hidden; imports under ``TYPE_CHECKING`` are for the
type checker and do not count) and looks for strongly connected modules.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cleaner"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                   for n in ast.walk(node)}
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in MODULES and m != name}


def import_graph() -> dict[str, set[str]]:
    return {name: _imports(name, path) for name, path in MODULES.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_checker_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    graph = import_graph()
    assert {"cleaner.pipeline", "cleaner.rules.registry", "cleaner.runner"} <= graph.keys()
    assert cycles(graph) == []


def test_every_module_imports_alone() -> None:
    """Each module in a fresh interpreter (in one process per module would take long: a
    process imports them one after another, each after clearing ``cleaner`` from sys.modules)."""
    names = [n for n in MODULES if not n.endswith("__main__")]
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    for loaded in [m for m in sys.modules if m == 'cleaner' or m.startswith('cleaner.')]:\n"
        "        del sys.modules[loaded]\n"
        "    importlib.import_module(name)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]


#: The engine's modules: rule modules may use the base types, the view and the text helpers,
#: never these (the registry builds rules; rules do not look back at it).
ENGINE = ("cleaner.pipeline", "cleaner.runner", "cleaner.executors", "cleaner.api", "cleaner.cli", "cleaner.sinks",
          "cleaner.discovery", "cleaner.step", "cleaner.outcomes",
          "cleaner.record", "cleaner.storage", "cleaner.rules.registry", "cleaner.validate", "cleaner.checks")


def test_rule_modules_do_not_import_the_engine() -> None:
    graph = import_graph()
    offenders = {name: sorted(m for m in imported if m.startswith(ENGINE))
                 for name, imported in graph.items() if name.startswith("cleaner.rules.") and name != "cleaner.rules.registry"}
    assert not {k: v for k, v in offenders.items() if v}


def test_text_helpers_know_no_rule_and_no_engine() -> None:
    """``cleaner/text/`` is shared infrastructure: rules and the engine import it, never the
    other way round."""
    graph = import_graph()
    text_modules = [name for name in graph if name.startswith("cleaner.text.")]
    assert {"cleaner.text.shape", "cleaner.text.scripts", "cleaner.text.lexicon", "cleaner.text.dates"} <= set(text_modules)
    offenders = {name: sorted(m for m in graph[name] if m.startswith(("cleaner.rules",) + ENGINE)) for name in text_modules}
    assert not {k: v for k, v in offenders.items() if v}
