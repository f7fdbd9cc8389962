"""The package's shape: one sub-package per concern, no import cycles, a public API that resolves."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import analysis
from analysis import config

CONCERNS = ["corpus", "provenance", "readability_tone", "rhetoric", "overlap", "evaluate", "scale", "report"]
#: What every notebook may use besides its own concern: the corpus layer, the report layer, paths and errors.
SHARED_CORE = {"corpus", "report", "config", "errors"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(config.PROJ_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules() -> dict[str, Path]:
    return {module_name(path): path for path in config.PACKAGE_DIR.rglob("*.py")}


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """Every ``analysis`` module ``path`` imports, at module level or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("analysis")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis"):
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in known else node.module)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = package_modules()
    known = set(modules)
    return {name: imported_modules(path, known) - {name} for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_of_the_package_imports_itself_back():
    assert cycles(import_graph()) == []


def test_every_module_lives_in_a_concern_folder():
    top_level = {path.stem for path in config.PACKAGE_DIR.glob("*.py")}
    assert top_level == {"__init__", "__main__", "config", "errors"}
    assert {path.name for path in config.PACKAGE_DIR.iterdir() if path.is_dir() and not path.name.startswith("__")} == set(CONCERNS) | {"data"}


@pytest.mark.parametrize("name", sorted(analysis.PUBLIC_API))
def test_the_public_api_resolves_to_a_documented_function(name):
    function = getattr(analysis, name)
    assert callable(function) and function.__name__ == name
    assert function.__module__ == analysis.PUBLIC_API[name]
    assert (function.__doc__ or "").strip(), f"analysis.{name} has no docstring"


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        analysis.nonexistent  # noqa: B018


NOTEBOOK_CONCERN = {"00": "corpus", "01": "provenance", "02": "readability_tone", "03": "rhetoric", "04": "overlap"}
#: Every report shows how far to trust it, from the evaluation of its analysis.
NOTEBOOK_CORE = SHARED_CORE | {"evaluate"}


@pytest.mark.parametrize("number,concern", sorted(NOTEBOOK_CONCERN.items()))
def test_a_notebook_imports_from_its_own_folder_and_the_shared_core(number, concern):
    (source,) = config.NOTEBOOKS_DIR.glob(f"{number}_*.py")
    used = {name.split(".")[1] for name in imported_modules(source, set(package_modules())) if name.count(".") >= 1}
    assert concern in used, f"{source.name} imports nothing from analysis/{concern}/"
    foreign = used - NOTEBOOK_CORE - {concern}
    assert len(foreign) <= 1, f"{source.name} reaches into {sorted(foreign)}: move what it needs behind its own folder"
    defined = [node.name for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))) if isinstance(node, ast.FunctionDef)]
    assert defined == [], f"{source.name} defines {defined}: a notebook narrates and calls, helpers live in analysis/"
