"""The docstring examples in src/ringkas run, offline, on the repository's local test models.

Each module's examples are run with :func:`doctest.testmod` from the repository root (so paths
such as ``tests/fixtures/fidelity-translate`` resolve); examples that need a hub model are marked
``# doctest: +SKIP`` in the docstring. A second test checks that every public function and class
has an example at all.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import logging
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from conftest import FIDELITY_SUMMARIZE, FIDELITY_TRANSLATE, ROOT

SRC = ROOT / "src"
# ringkas.__main__ runs the command line when imported; it has nothing to document.
NOT_IMPORTABLE = {"ringkas.__main__"}
OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def module_names() -> list[str]:
    """Every module of the ringkas package, as Python finds them (every folder is a package)."""
    import ringkas

    names = ["ringkas"] + [
        info.name for info in pkgutil.walk_packages(ringkas.__path__, prefix="ringkas.")
    ]
    return sorted(name for name in names if name not in NOT_IMPORTABLE)


def modules_on_disk() -> set[str]:
    """Every ``.py`` file under src/ringkas as a module name."""
    names = set()
    for path in (SRC / "ringkas").rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names - NOT_IMPORTABLE


MODULES = module_names()


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run from the repository root, with the library's warnings kept out of doctest output."""
    monkeypatch.chdir(ROOT)
    logging.getLogger("ringkas").setLevel(logging.ERROR)
    try:
        yield
    finally:
        logging.getLogger("ringkas").setLevel(logging.NOTSET)


def test_modules_are_found() -> None:
    # a folder without __init__.py would be missed here: every module on disk must be found
    assert set(MODULES) == modules_on_disk()
    assert {
        "ringkas",
        "ringkas.translation",
        "ringkas.text.segment",
        "ringkas.models.cards",
    } <= set(MODULES)
    assert "ringkas.__main__" not in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str, at_root: None) -> None:
    if not (FIDELITY_TRANSLATE.is_dir() and FIDELITY_SUMMARIZE.is_dir()):
        pytest.fail("tests/fixtures/fidelity-* are missing; see tools/fidelity/README.md")
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=OPTIONS, verbose=False, report=True)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def _public_objects(module: ModuleType) -> Iterator[tuple[str, object]]:
    """Functions and classes a user may call: in ``__all__`` (or not private) and defined here;
    the public methods and properties of those classes come from :func:`_members`."""
    exported = getattr(module, "__all__", None)
    for attr, obj in vars(module).items():
        if attr.startswith("_") or (exported is not None and attr not in exported):
            continue
        if not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        if obj.__module__ != module.__name__:
            continue
        yield attr, obj


def _members(cls: type) -> Iterator[tuple[str, object]]:
    """The public methods, static/class methods and properties ``cls`` itself defines (the
    function whose docstring counts). A Protocol's members are stubs: the protocol's own example
    shows them."""
    if getattr(cls, "_is_protocol", False):
        return
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(member, (staticmethod, classmethod)):
            member = member.__func__
        if isinstance(member, property):
            member = member.fget
        if inspect.isfunction(member):
            yield name, member


def _example_lines(doc: str) -> str:
    return "\n".join(line for line in doc.splitlines() if line.lstrip().startswith((">>>", "...")))


def _covered(cls: type, name: str, member: object) -> bool:
    """A member is covered by an example of its own, or by its class's example using it."""
    if ">>>" in (inspect.getdoc(member) or ""):
        return True
    return (
        re.search(rf"\.{re.escape(name)}\b", _example_lines(inspect.getdoc(cls) or "")) is not None
    )


def missing_examples() -> list[str]:
    """Every public module, function, class, method and property without an example."""
    missing = []
    for name in MODULES:
        module = importlib.import_module(name)
        if ">>>" not in (module.__doc__ or ""):
            missing.append(f"{name} (module docstring)")
        for attr, obj in _public_objects(module):
            if ">>>" not in (inspect.getdoc(obj) or ""):
                missing.append(f"{name}.{attr}")
            if inspect.isclass(obj):
                missing += [
                    f"{name}.{attr}.{member_name}"
                    for member_name, member in _members(obj)
                    if not _covered(obj, member_name, member)
                ]
    return missing


def test_every_public_function_and_class_has_an_example() -> None:
    # modules, functions, classes, and the public methods and properties of classes: none exempt
    missing = missing_examples()
    assert not missing, "public objects without a docstring example:\n" + "\n".join(missing)


def test_the_example_check_sees_methods_and_properties() -> None:
    class Probe:
        """A class.

        >>> Probe().used()
        1
        """

        def used(self) -> int:
            return 1

        def bare(self) -> int:
            return 2

        @property
        def value(self) -> int:
            return 3

        @staticmethod
        def helper() -> int:
            """Has one.

            >>> Probe.helper()
            4
            """
            return 4

    found = {name: _covered(Probe, name, member) for name, member in _members(Probe)}
    assert found == {"used": True, "bare": False, "value": False, "helper": True}


def test_a_failing_example_is_caught(tmp_path: Path) -> None:
    """The harness itself: a wrong example makes doctest report a failure."""
    module = ModuleType("ringkas_doctest_probe")
    module.__doc__ = ">>> 1 + 1\n3\n"
    runner = doctest.testmod(module, optionflags=OPTIONS, verbose=False, report=False)
    assert runner.failed == 1
