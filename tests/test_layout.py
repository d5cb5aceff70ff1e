"""The house rules that a reader of the whole tree checks: no module reaches into another's
private names, and each vocabulary (backends, strategies, tasks, guards ...) is written once.

These read the source with :mod:`ast`; nothing is imported but the canonical constants."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from ringkas.data.build import FORMATS
from ringkas.engines import BACKENDS
from ringkas.guard import GUARDS
from ringkas.jobs.settings import ENGINES
from ringkas.summarization import LONG_INPUT, STRATEGIES
from ringkas.tasks import MODEL_TASKS, TASKS

PACKAGE = ROOT / "src" / "ringkas"

#: Each vocabulary with the module and name it is defined under.
VOCABULARIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "BACKENDS": ("engines/__init__.py", BACKENDS),
    "ENGINES": ("jobs/settings.py", ENGINES),
    "FORMATS": ("data/build.py", FORMATS),
    "GUARDS": ("guard.py", GUARDS),
    "LONG_INPUT": ("summarization.py", LONG_INPUT),
    "MODEL_TASKS": ("tasks.py", MODEL_TASKS),
    "STRATEGIES": ("summarization.py", STRATEGIES),
    "TASKS": ("tasks.py", TASKS),
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _is_private(name: str) -> bool:
    """``_x`` but not a dunder (``__version__``) nor a protocol hook (``_repr_html_``)."""
    return name.startswith("_") and not name.startswith("__") and not name.endswith("_")


def _imported_names(tree: ast.Module) -> set[str]:
    """The names an ``import`` binds in a module (modules, classes and functions alike)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.update(a.asname or a.name for a in node.names)
    return names


def private_uses(source: str, where: str) -> Iterator[str]:
    """Each place in ``source`` (the file ``where``) that imports or reads another module's
    private name: ``from m import _x``, or ``m._x`` on a name bound by an import."""
    tree = ast.parse(source)
    imported = _imported_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            for alias in node.names:
                if _is_private(alias.name):
                    yield f"{where}:{node.lineno}: from {node.module} import {alias.name}"
        elif isinstance(node, ast.Attribute) and _is_private(node.attr):
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in imported:
                yield f"{where}:{node.lineno}: {ast.unparse(node)}"


def _targets(node: ast.Assign | ast.AnnAssign) -> list[ast.expr]:
    return node.targets if isinstance(node, ast.Assign) else [node.target]


def string_literals(source: str) -> Iterator[tuple[int, frozenset[str]]]:
    """Every tuple, list or set literal of two or more strings in ``source``, with its line.

    A starred element (``("none", *GUARDS)``) makes a literal not constant, so it is skipped."""
    tree = ast.parse(source)
    exports = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        and any(isinstance(t, ast.Name) and t.id == "__all__" for t in _targets(node))
    }
    for node in ast.walk(tree):
        if id(node) in exports:  # __all__ lists names, not a vocabulary
            continue
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) >= 2:
            values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            if len(values) == len(node.elts) and all(isinstance(v, str) for v in values):
                yield node.lineno, frozenset(values)


def test_private_use_detector_finds_both_forms() -> None:
    source = (
        "import ringkas.text.chunk as chunk\n"
        "from ringkas.io import _arrow, __version__\n"
        "from ringkas.guard import Guard\n"
        "chunk._windows(1)\n"
        "Guard._mode, self._own, report._repr_html_()\n"
    )
    assert list(private_uses(source, "x.py")) == [
        "x.py:2: from ringkas.io import _arrow",
        "x.py:4: chunk._windows",
        "x.py:5: Guard._mode",
    ]


def test_literal_detector_skips_starred_tuples() -> None:
    source = 'A = ("warn", "retry")\nB = ("none", *A)\nC = ["x"]\n__all__ = ["f", "g"]\n'
    assert list(string_literals(source)) == [(1, frozenset({"warn", "retry"}))]


def test_no_module_uses_another_modules_private_names() -> None:
    found = [
        use
        for path in _modules()
        for use in private_uses(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
    ]
    assert not found, (
        "a module reaches into another module's private names; make the name public (and give "
        "it a docstring) or move the code that needs it:\n" + "\n".join(found)
    )


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_vocabulary_is_written_once(name: str) -> None:
    home, values = VOCABULARIES[name]
    wanted = frozenset(values)
    places = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in _modules()
        for line, literal in string_literals(path.read_text(encoding="utf-8"))
        if literal >= wanted
    ]
    assert len(places) == 1 and places[0].startswith(home + ":"), (
        f"{name} {values} is spelled out in {places}; write it once in ringkas/{home} and "
        f"import it (extend it with ('x', *{name}) where a caller needs more)"
    )
