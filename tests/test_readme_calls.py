"""Every call README.md shows works as written (issue 14, item 20): the names its Python blocks
import exist, the calls they make take the keywords they pass, the methods and attributes used
on what those calls return exist, the inline ``ringkas.x.y(...)`` paths resolve after a plain
``import ringkas``, and every ``ringkas ...`` command line parses."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import json
import re
import shlex
import subprocess
import sys
import typing
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import ROOT

from ringkas.cli import build_parser

README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, re.S | re.M)


def python_sources() -> list[str]:
    """The README's Python: its ``python`` blocks, and inline code that is a ringkas call."""
    inline = [
        code
        for code in re.findall(r"`([^`\n]+\))`", README)
        if re.match(r"(ringkas\.|summarize\(|translate\(|Translator\(|Summarizer\()", code)
    ]
    return blocks("python") + inline


def _attributes(cls: type) -> set[str]:
    names = set(dir(cls))
    if dataclasses.is_dataclass(cls):
        names |= {f.name for f in dataclasses.fields(cls)}
    return names | set(getattr(cls, "__annotations__", {}))


def _returns(func: Any) -> type | None:
    """The class a ringkas callable returns: the class itself, or its return annotation."""
    if inspect.isclass(func):
        return func
    try:
        hint = typing.get_type_hints(func).get("return")
    except Exception:
        return None
    return hint if inspect.isclass(hint) else None


class Checker(ast.NodeVisitor):
    """Resolve what a README snippet uses from ringkas; collect what does not exist."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {}  # local name -> ringkas object
        self.problems: list[str] = []

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if not (node.module or "").startswith("ringkas"):
            return
        module = importlib.import_module(node.module or "ringkas")
        for alias in node.names:
            if not hasattr(module, alias.name):
                self.problems.append(f"from {node.module} import {alias.name}: no such name")
            else:
                self.names[alias.asname or alias.name] = getattr(module, alias.name)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.generic_visit(node)
        value = self.resolve(node.value)
        for target in node.targets:
            if isinstance(target, ast.Name) and value is not None:
                self.names[target.id] = value

    def resolve(self, node: ast.expr) -> Any:
        """What ``node`` is, as far as ringkas can tell: an object, an instance's class, or None."""
        if isinstance(node, ast.Name):
            return self.names.get(node.id)
        if isinstance(node, ast.Call):
            func = self.resolve(node.func)
            return None if func is None else _Instance(_returns(func))
        if isinstance(node, ast.Attribute):
            owner = self.resolve(node.value)
            if owner is None:
                return None
            cls = owner.cls if isinstance(owner, _Instance) else None
            if isinstance(owner, _Instance):
                if cls is not None and node.attr not in _attributes(cls):
                    self.problems.append(f"{cls.__name__} has no attribute {node.attr!r}")
                    return None
                return getattr(cls, node.attr, None) if cls is not None else None
            if not hasattr(owner, node.attr):
                self.problems.append(f"{ast.unparse(node)}: no attribute {node.attr!r}")
                return None
            return getattr(owner, node.attr)
        return None

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        func = self.resolve(node.func)
        if func is None or isinstance(func, _Instance):
            return
        try:
            params = inspect.signature(func).parameters
        except (TypeError, ValueError):
            return
        if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
            return
        for keyword in node.keywords:
            if keyword.arg is not None and keyword.arg not in params:
                self.problems.append(f"{ast.unparse(node.func)}() takes no {keyword.arg}=")

    def visit_Expr(self, node: ast.Expr) -> None:
        self.generic_visit(node)
        if isinstance(node.value, ast.Attribute):
            self.resolve(node.value)


@dataclasses.dataclass
class _Instance:
    cls: type | None


def check(source: str) -> list[str]:
    checker = Checker()
    checker.names["ringkas"] = importlib.import_module("ringkas")
    tree = ast.parse(source)
    for node in tree.body:
        checker.visit(node)
    return checker.problems


def test_the_checker_finds_what_is_wrong() -> None:
    assert check("from ringkas import translate\ntranslate('x', bacth_size=2)\n") == [
        "translate() takes no bacth_size="
    ]
    assert check("from ringkas import Translator\nt = Translator('m')\nt.translat('x')\n") == [
        "Translator has no attribute 'translat'"
    ]
    assert check("from ringkas import clean_article\nclean_article('x').txt\n") == [
        "CleanArticle has no attribute 'txt'"
    ]
    assert check("from ringkas import nothing_here\n") == [
        "from ringkas import nothing_here: no such name"
    ]


@pytest.mark.parametrize("source", python_sources())
def test_every_python_call_resolves(source: str) -> None:
    assert check(source) == []


def dotted_calls() -> list[str]:
    found: set[str] = set()
    for source in python_sources():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Attribute) and ast.unparse(node).startswith("ringkas."):
                found.add(ast.unparse(node))
    return sorted(found)


def test_inline_dotted_paths_resolve_after_a_plain_import() -> None:
    """``ringkas.x.y`` in the README, in a fresh interpreter that only ran ``import ringkas``
    (a submodule nobody imported is not an attribute of its package)."""
    paths = dotted_calls()
    assert "ringkas.evaluation.compare" in paths
    code = (
        "import json, sys, ringkas\n"
        "bad = []\n"
        "for path in json.loads(sys.argv[1]):\n"
        "    obj = ringkas\n"
        "    for part in path.split('.')[1:]:\n"
        "        if not hasattr(obj, part):\n"
        "            bad.append(path)\n"
        "            break\n"
        "        obj = getattr(obj, part)\n"
        "print(json.dumps(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(paths)], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def command_lines() -> Iterator[list[str]]:
    for block in blocks("bash"):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split(" #")[0].strip()
            for part in line.split("|"):
                for command in part.split("&&"):
                    words = shlex.split(command)
                    if words[:1] == ["ringkas"]:
                        yield words[1:]


def test_every_command_line_parses() -> None:
    commands = list(command_lines())
    assert len(commands) >= 8  # translate, summarize, eval, models ... are all there
    for argv in commands:
        try:
            build_parser().parse_args(argv)
        except SystemExit as exc:  # argparse's way of saying no
            pytest.fail(f"`ringkas {' '.join(argv)}` does not parse (exit {exc.code})")
