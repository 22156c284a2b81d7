"""The builder's packages are layers (builder/__init__.py): each imports only
from the layers above it in the list, never from one below, and only `site`
and `commands` import MkDocs. Read from the source with `ast`, so a lazy import
inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPO

LAYERS = ["content", "checks", "load", "pages", "site", "commands"]
MKDOCS_ALLOWED = {"site", "commands"}
BUILDER = REPO / "builder"
SOURCES = sorted(p for p in BUILDER.rglob("*.py") if p.parent != BUILDER)


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "builder" and parts[1] in LAYERS else None


def imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            if node.module in ("builder", *(f"builder.{layer}" for layer in LAYERS)):
                found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def violations(path: Path) -> list[str]:
    own = path.relative_to(BUILDER).parts[0]
    rel = path.relative_to(REPO).as_posix()
    found = []
    for line, module in imports(path):
        target = layer_of(module)
        if target and LAYERS.index(target) > LAYERS.index(own):
            found.append(f"{rel}:{line}: {own} imports {module}, a layer below it")
        if module.split(".")[0] == "mkdocs" and own not in MKDOCS_ALLOWED:
            found.append(f"{rel}:{line}: {own} imports {module}; only site and commands may")
    return found


def test_every_builder_module_sits_in_a_layer():
    loose = [p.name for p in BUILDER.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert loose == [], "a module outside the layer folders"
    assert {p.relative_to(BUILDER).parts[0] for p in SOURCES} == set(LAYERS)
    for layer in LAYERS:
        assert ast.get_docstring(ast.parse((BUILDER / layer / "__init__.py").read_text())), layer


@pytest.mark.parametrize("path", SOURCES, ids=[p.relative_to(BUILDER).as_posix() for p in SOURCES])
def test_imports_point_down_the_layers(path):
    assert violations(path) == []


def test_no_circle_between_modules():
    """A module may import its own layer's modules, but never in a circle."""
    graph = {}
    for path in SOURCES:
        name = ".".join(("builder", *path.relative_to(BUILDER).with_suffix("").parts))
        graph[name.removesuffix(".__init__")] = {m for _, m in imports(path) if m.startswith("builder.")}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                raise AssertionError(" -> ".join([*trail[trail.index(nxt):], nxt]) if nxt in trail
                                     else f"{node} -> {nxt}")
            if nxt in graph and not state.get(nxt):
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if not state.get(node):
            visit(node, [node])


def test_the_check_finds_an_upward_import(tmp_path):
    """The test above can fail: a checks module importing the plugin is found."""
    bad = BUILDER / "checks" / "_probe_layers.py"
    try:
        bad.write_text("from builder.site.plugin import PeerSupportPlugin\nimport mkdocs\n")
        found = violations(bad)
    finally:
        bad.unlink()
    assert len(found) == 2 and "a layer below it" in found[0] and "only site and commands" in found[1]
