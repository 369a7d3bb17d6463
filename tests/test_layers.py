"""The code's layers: no import circle, and no module over about 400 lines.

A circle of imports is a place where a reader cannot tell which module is the lower layer, so
every import counts, including one inside a function or under ``TYPE_CHECKING``: hiding a circle
behind a lazy import keeps Python from tripping on it, not the reader. The graph is read
statically with :mod:`ast`, from the three places the kit's own code lives, named as they are
imported: ``src/`` (``qualkit.…``), ``autograde/`` (its folder is on ``sys.path``: ``course``,
``batch``, …) and ``datasets/generator/`` (``generator.…``). ARCHITECTURE.md draws the layers.
"""

from __future__ import annotations

import ast
import fnmatch
import re
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# (folder holding the code, the folder its import names start from)
ROOTS = (
    (REPO / "src", REPO / "src"),
    (REPO / "autograde", REPO / "autograde"),
    (REPO / "datasets" / "generator", REPO / "datasets"),
)
MAX_LINES = 400


def module_files(roots: Iterable[tuple[Path, Path]]) -> dict[str, Path]:
    """Each module's import name and file, e.g. ``qualkit.coding_tool`` for its ``__init__.py``."""
    modules = {}
    for folder, base in roots:
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(base).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def imports_of(name: str, path: Path, known: Mapping[str, Path]) -> set[str]:
    """The kit's own modules that module ``name`` imports, anywhere in its file.

    ``from package import name`` is an import of the submodule when there is one, else of the
    package; an import of anything outside the kit is left out. So are the packages Python
    runs on the way to a submodule (``qualkit/__init__.py`` for ``qualkit.errors``): a package
    re-exports its modules, so each would be a circle with all of them; an import that names
    the package itself (``from qualkit import x``) counts.
    """
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, node.module] if node.module else up)
            else:
                base = node.module or ""
            candidates = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        for candidate in candidates:
            while candidate and candidate not in known:
                candidate = candidate.rpartition(".")[0]  # `import a.b.c` of a name in a.b
            if candidate and candidate != name:
                found.add(candidate)
    return found


def import_graph(roots: Iterable[tuple[Path, Path]]) -> dict[str, set[str]]:
    known = module_files(roots)
    return {name: imports_of(name, path, known) for name, path in known.items()}


def circles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm), each as
    one closed path through all its modules' imports, sorted, so a failure names the circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(node: str) -> None:  # recursion depth is bounded by the number of modules
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
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted((_cycle_through(component, graph) for component in found), key=lambda c: c[0])


def _cycle_through(component: set[str], graph: Mapping[str, set[str]]) -> list[str]:
    """A path of imports from the component's first module back to itself (breadth first, so
    the shortest), then widened with any members it missed, for the message."""
    start = min(component)
    previous: dict[str, str] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & component):
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                cycle = [start, *reversed(path[:-1]), start]
                rest = sorted(component - set(cycle))
                return cycle + ([f"(and {', '.join(rest)})"] if rest else [])
            if target not in previous:
                previous[target] = node
                queue.append(target)
    raise AssertionError(f"{sorted(component)} is not a circle")


def describe(found: list[list[str]]) -> str:
    return "\n".join(" -> ".join(cycle) for cycle in found)


# ---------------------------------------------------------------- the kit's own code


def test_no_import_circle_in_the_kit():
    found = circles(import_graph(ROOTS))
    assert not found, (
        "import circles (every import counts, lazy ones too; give the shared piece a lower "
        f"module of its own):\n{describe(found)}"
    )


def test_the_graph_sees_the_kit_s_known_imports():
    """Guards the detector against reading nothing: edges the kit surely has, of each kind."""
    graph = import_graph(ROOTS)
    assert "qualkit.codebook" in graph["qualkit.codings.entries"]  # from qualkit.x import y
    # from package import module
    assert "qualkit.codings.journal" in graph["qualkit.coding_tool.coding_file"]
    assert "batch" in graph["course"]  # a bare import in autograde/
    assert "generator.per_student" in graph["practice_groups"]  # across the roots
    assert "qualkit.coding_tool.actions" in graph["qualkit.coding_tool.tool"]  # from pkg.mod
    assert len(graph) > 80


def layers(text: str) -> list[tuple[str, list[str]]]:
    """The layers of ARCHITECTURE.md's "Layers" table, top first: ``name pattern ...`` per
    line, a line that starts with spaces going on with the layer above it."""
    section = text.split("## Layers", 1)[1]
    block = re.search(r"```\n(.*?)```", section, re.S).group(1)
    found: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith(" "):
            found[-1][1].extend(line.split())
        elif line.strip():
            name, *patterns = line.split()
            found.append((name, patterns))
    return found


def layer_of(table, modules: Mapping[str, Path]) -> dict[str, int]:
    """Each module's layer (0 at the bottom). A pattern with a / matches the module's file
    (relative to the repository), else its import name; every module matches exactly once."""
    placed: dict[str, list[int]] = {name: [] for name in modules}
    for height, (_, patterns) in enumerate(reversed(table)):
        for name, path in modules.items():
            where = path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else str(path)
            if any(fnmatch.fnmatchcase(where if "/" in p else name, p) for p in patterns):
                placed[name].append(height)
    unplaced = sorted(name for name, heights in placed.items() if not heights)
    twice = sorted(name for name, heights in placed.items() if len(heights) > 1)
    assert not unplaced, f"modules in no layer of ARCHITECTURE.md (add them): {unplaced}"
    assert not twice, f"modules in more than one layer of ARCHITECTURE.md: {twice}"
    return {name: heights[0] for name, heights in placed.items()}


def test_every_import_goes_to_the_same_layer_or_below():
    table = layers((REPO / "ARCHITECTURE.md").read_text(encoding="utf-8"))
    assert [name for name, _ in table][-1] == "base"
    height = layer_of(table, module_files(ROOTS))
    names = [name for name, _ in reversed(table)]
    upward = sorted(
        f"{module} ({names[height[module]]}) imports {target} ({names[height[target]]})"
        for module, targets in import_graph(ROOTS).items()
        for target in targets
        if height[target] > height[module]
    )
    assert not upward, "imports up the layers of ARCHITECTURE.md:\n" + "\n".join(upward)


@pytest.mark.parametrize("folder", [folder for folder, _ in ROOTS], ids=lambda f: f.name)
def test_no_module_over_400_lines(folder):
    """One module per concept: a module past about 400 lines holds more than one."""
    long = {
        path.relative_to(REPO).as_posix(): lines
        for path in sorted(folder.rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"over {MAX_LINES} lines (split along its concepts): {long}"


# ---------------------------------------------------------------- the detector itself


def plant(tmp_path: Path, files: Mapping[str, str]) -> tuple[tuple[Path, Path], ...]:
    for name, text in files.items():
        path = tmp_path / "src" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return ((tmp_path / "src", tmp_path / "src"),)


def test_the_detector_names_a_planted_circle_hidden_in_a_function(tmp_path):
    roots = plant(
        tmp_path,
        {
            "kit/__init__.py": "TYPE = int\n",
            "kit/low.py": "import json\n\ndef x():\n    from kit.high import y  # lazy\n",
            "kit/high.py": "from kit import middle, TYPE\n",
            "kit/middle.py": "from . import low\n",
            "kit/alone.py": "import kit.low\n",
        },
    )
    graph = import_graph(roots)
    assert graph["kit.high"] == {"kit.middle", "kit"} and graph["kit.alone"] == {"kit.low"}
    found = circles(graph)
    assert found == [["kit.high", "kit.middle", "kit.low", "kit.high"]]
    with pytest.raises(AssertionError, match=r"kit\.high -> kit\.middle -> kit\.low -> kit\.high"):
        assert not found, describe(found)


def test_the_detector_counts_type_checking_imports_and_names_every_member(tmp_path):
    roots = plant(
        tmp_path,
        {
            "a.py": "import b\nimport c\n",
            "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from a import A\n",
            "c.py": "import a\n",
        },
    )
    assert circles(import_graph(roots)) == [["a", "b", "a", "(and c)"]]


def test_the_layer_check_finds_an_import_up_and_a_module_left_out(tmp_path):
    roots = plant(tmp_path, {"low.py": "import high\n", "high.py": "", "new.py": ""})
    table = layers("## Layers\n\n```\ntop   high\n      new\nbase  low\n```\n")
    assert table == [("top", ["high", "new"]), ("base", ["low"])]
    height = layer_of(table, module_files(roots))
    assert height == {"high": 1, "new": 1, "low": 0}
    assert height["high"] > height["low"] and "high" in import_graph(roots)["low"]  # upward
    with pytest.raises(AssertionError, match=r"in no layer .*\['new'\]"):
        layer_of([("top", ["high"]), ("base", ["low"])], module_files(roots))
    with pytest.raises(AssertionError, match=r"more than one layer .*\['low'\]"):
        layer_of([("top", ["high", "new", "l*"]), ("base", ["low"])], module_files(roots))


def test_the_detector_passes_a_tree_without_circles_and_sees_through_the_package(tmp_path):
    files = {
        "kit/__init__.py": "from kit.high import y\n",
        "kit/high.py": "from kit.low import x\nfrom kit import low\nimport os.path\n",
        "kit/low.py": "import json\n",
    }
    graph = import_graph(plant(tmp_path, files))
    assert graph == {"kit": {"kit.high"}, "kit.high": {"kit.low"}, "kit.low": set()}
    assert circles(graph) == []
    # `from kit import name` of a name that is no submodule imports the package's __init__.
    (tmp_path / "src" / "kit" / "low.py").write_text("from kit import y\n", encoding="utf-8")
    assert circles(import_graph(plant(tmp_path, {}))) == [["kit", "kit.high", "kit.low", "kit"]]
