"""Packaging: the LICENSE the metadata names is there, and the sdist is self-consistent (its own
tests find every file they read)."""

from __future__ import annotations

import re
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


def _pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)


def _sdist_include() -> list[str]:
    tool = _pyproject()["tool"]
    assert isinstance(tool, dict)
    return list(tool["hatch"]["build"]["targets"]["sdist"]["include"])


def test_license_file_matches_the_metadata() -> None:
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    assert project["license"] == "Apache-2.0" and project["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in text
    assert "END OF TERMS AND CONDITIONS" in text  # the full text, not a stub


def _paths_tests_read() -> set[str]:
    """The top-level repository paths the tests open (``ROOT / "x"`` in any test module)."""
    found = set()
    for path in (ROOT / "tests").rglob("*.py"):
        for name in re.findall(r'ROOT\s*/\s*"([^"]+)"', path.read_text(encoding="utf-8")):
            found.add(name.split("/")[0])
    return {name for name in found if (ROOT / name).exists()}  # a test may check one is gone


def test_sdist_ships_what_its_tests_read() -> None:
    read = _paths_tests_read()
    assert {"examples", "notebooks", "README.md", "tests"} <= read  # the scan finds them
    missing = sorted(read - set(_sdist_include()))
    assert missing == [], f"the sdist's tests read {missing}, which it does not ship"
    assert "LICENSE" in _sdist_include()


def test_sdist_build_lists_them(tmp_path: Path) -> None:
    """With hatchling installed (``pip install build`` brings it), build the sdist and list it."""
    sdist = pytest.importorskip("hatchling.builders.sdist")
    archive = Path(
        next(sdist.SdistBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"]))
    )
    with tarfile.open(archive) as tar:
        names = {"/".join(n.split("/")[1:]) for n in tar.getnames()}
    for wanted in ("LICENSE", "examples/artikel-umkm.txt", "notebooks/01-quickstart.ipynb",
                   "tests/conftest.py", "CHANGELOG.md", "src/ringkas/cards/opus-mt-id-en.toml",
                   "src/ringkas/faithful/kata-dasar.txt", "src/ringkas/faithful/place-words.txt",
                   "tools/place_words.py"):  # fmt: skip
        assert wanted in names


def test_wheel_ships_the_package_data(tmp_path: Path) -> None:
    """The wheel carries the data files the package reads with importlib.resources."""
    wheel = pytest.importorskip("hatchling.builders.wheel")
    archive = Path(
        next(wheel.WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"]))
    )
    with zipfile.ZipFile(archive) as zf:
        names = set(zf.namelist())
    assert "ringkas/faithful/kata-dasar.txt" in names
    assert "ringkas/faithful/place-words.txt" in names
    assert "ringkas/faithful/name-words.tsv" in names
    assert "ringkas/cards/opus-mt-id-en.toml" in names


def test_package_data_is_inside_the_wheel_package() -> None:
    """Without hatchling: the word list sits in the package folder the wheel ships whole."""
    tool = _pyproject()["tool"]
    assert isinstance(tool, dict)
    assert tool["hatch"]["build"]["targets"]["wheel"]["packages"] == ["src/ringkas"]
    assert (ROOT / "src/ringkas/faithful/kata-dasar.txt").is_file()
    assert (ROOT / "src/ringkas/faithful/place-words.txt").is_file()
    assert (ROOT / "src/ringkas/faithful/name-words.tsv").is_file()


def test_readme_names_the_eval_extra() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'pip install "ringkas[eval]"' in text
    extras = _pyproject()["project"]["optional-dependencies"]  # type: ignore[index]
    assert "datasets" in " ".join(extras["eval"])  # type: ignore[index]
