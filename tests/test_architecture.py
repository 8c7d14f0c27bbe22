"""The layout of the package, checked from its source: data flows one way.

* no import cycle between stance's modules, counting imports inside functions (an import
  under ``if TYPE_CHECKING:`` is for annotations only and is left out);
* no module imports the package root (``import stance``, ``from . import name`` where ``name``
  is no submodule): the root imports them all, so that would be a cycle in disguise;
* no module over 800 lines and no function over 80 lines of code (not counting blank lines,
  comments and docstrings).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "stance"

# Modules allowed past the size rules, with the reason next to each; none today.
SIZE_EXEMPT: set[str] = set()
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 80


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the import nodes under ``if TYPE_CHECKING:``."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for child in node.body for n in ast.walk(child))
    return skip


def _imports(name: str) -> set[str]:
    """The stance modules that module ``name`` imports (anywhere in it, but for type checks)."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "stance")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "stance":
                continue
            for alias in node.names:  # "from . import x": x may be a submodule
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name) for name in MODULES}


def test_the_graph_is_read() -> None:
    assert "stance.attribution.document" in GRAPH["stance.attribution"]
    assert "stance.evaluation" in GRAPH["stance.training"]


def test_no_module_imports_the_package_root() -> None:
    offenders = sorted(n for n, deps in GRAPH.items() if "stance" in deps and n != "stance")
    assert offenders == [], f"these modules import the package root: {offenders}"


def test_no_import_cycle() -> None:
    # A package's __init__ importing its own submodules is how a package exposes them; the
    # edge back (a submodule importing its package) is what the root rule above forbids.
    graph = {
        n: {d for d in deps if not (n.startswith(d + ".") and d != "stance")}
        for n, deps in GRAPH.items()
    }
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return [*path[path.index(dep) :], dep]
            if dep not in state:
                cycle = visit(dep)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            assert cycle is None, "import cycle: " + " -> ".join(cycle)


@pytest.mark.parametrize("name", sorted(set(MODULES) - SIZE_EXEMPT))
def test_module_size(name: str) -> None:
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{name}: {lines} lines (at most {MAX_MODULE_LINES})"


def _code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef, source: list[str]) -> int:
    """Lines of a function that hold code: not blank, not a comment, not a docstring."""
    docstrings: set[int] = set()
    for sub in ast.walk(node):
        body = getattr(sub, "body", None)
        if (
            isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module))
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            docstrings.update(range(body[0].lineno, body[0].end_lineno + 1))
    count = 0
    for n in range(node.lineno, node.end_lineno + 1):
        text = source[n - 1].strip()
        if text and not text.startswith("#") and n not in docstrings:
            count += 1
    return count


@pytest.mark.parametrize("name", sorted(set(MODULES) - SIZE_EXEMPT))
def test_function_size(name: str) -> None:
    text = MODULES[name].read_text(encoding="utf-8")
    source = text.splitlines()
    long = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            n = _code_lines(node, source)
            if n > MAX_FUNCTION_LINES:
                long.append(f"{node.name} ({n} lines)")
    assert long == [], f"{name}: functions over {MAX_FUNCTION_LINES} lines of code: {long}"
