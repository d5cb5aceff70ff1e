"""README.md, CHANGELOG.md and the version: the generated models table is current, the three
commands a newcomer runs are there, and the version is written in one place only."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT

import ringkas

README = ROOT / "README.md"


@pytest.fixture(scope="module")
def models_table() -> ModuleType:
    """scripts/models_table.py, imported as a module."""
    path = ROOT / "scripts" / "models_table.py"
    spec = importlib.util.spec_from_file_location("models_table", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["models_table"] = module
    spec.loader.exec_module(module)
    return module


def _section(text: str, heading: str) -> str:
    """The body of the ``## heading`` section, up to the next level-2 heading."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README.md has no '## {heading}' section"
    return match.group(1)


def test_models_table_is_up_to_date(models_table: ModuleType) -> None:
    text = README.read_text(encoding="utf-8")
    wanted = models_table.update(text, models_table.render_table(models_table.load_cards()))
    assert text == wanted, "README.md's models table is stale: run python scripts/models_table.py"


def test_models_table_lists_every_card(models_table: ModuleType) -> None:
    text = README.read_text(encoding="utf-8")
    table = text.split(models_table.START)[1].split(models_table.END)[0]
    rows = [line for line in table.splitlines() if line.startswith("| [`")]
    ids = []
    for path in sorted((ROOT / "src" / "ringkas" / "cards").glob("*.toml")):
        with path.open("rb") as fh:
            ids.append(tomllib.load(fh)["id"])
    assert len(rows) == len(ids)
    for model_id in ids:
        assert f"[`{model_id}`](https://huggingface.co/{model_id})" in table
    opus = next(row for row in rows if "`Helsinki-NLP/opus-mt-id-en`" in row)
    assert "| marian | translation | id → en | Apache-2.0 |" in opus
    assert "BLEU 47.7" in opus and "(default: translation)" in opus


def test_check_mode_detects_a_stale_table(models_table: ModuleType, tmp_path: Path) -> None:
    stale = tmp_path / "README.md"
    stale.write_text(
        f"# x\n\n{models_table.START}\n| old |\n{models_table.END}\n\nrest\n", encoding="utf-8"
    )
    assert models_table.main(["--check", "--readme", str(stale)]) == 1
    assert models_table.main(["--readme", str(stale)]) == 0
    updated = stale.read_text(encoding="utf-8")
    assert "| old |" not in updated and updated.endswith("\n\nrest\n")
    assert "`facebook/nllb-200-distilled-600M`" in updated
    assert models_table.main(["--check", "--readme", str(stale)]) == 0


def test_markers_must_be_present(models_table: ModuleType) -> None:
    with pytest.raises(SystemExit, match="exactly once"):
        models_table.update("# no markers\n", "| table |")


def test_three_commands_block() -> None:
    body = _section(README.read_text(encoding="utf-8"), "Three commands")
    block = re.search(r"```bash\n(.*?)```", body, re.S)
    assert block, "the Three commands section has no bash block"
    commands = [line.split("#")[0].strip() for line in block.group(1).strip().splitlines()]
    assert commands == [
        'pip install -e ".[dev]"',
        "ringkas summarize examples/artikel-umkm.txt",
        "pytest",
    ]
    assert (ROOT / "examples" / "artikel-umkm.txt").is_file()


def test_readme_points_at_what_exists() -> None:
    text = README.read_text(encoding="utf-8")
    for name in ("01-quickstart.ipynb", "02-evaluation.ipynb", "03-benchmarks.ipynb"):
        assert name in text and (ROOT / "notebooks" / name).is_file()
    assert "python benchmarks/speed.py --quick" in text
    assert (ROOT / "benchmarks" / "speed.py").is_file()


def test_version_is_written_once() -> None:
    """``__version__`` is the only place: pyproject reads it, nothing else spells it out."""
    with (ROOT / "pyproject.toml").open("rb") as fh:
        pyproject = tomllib.load(fh)
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "src/ringkas/_version.py"
    version = ringkas.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:[-.]?\w+)?", version)
    pattern = re.compile(rf"""["']{re.escape(version)}["']""")
    places = [
        path.relative_to(ROOT).as_posix()
        for folder in ("src", "benchmarks", "scripts", "tests", "notebooks")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in (".py", ".ipynb", ".toml", ".cfg") and pattern.search(path.read_text())
    ]
    assert places == ["src/ringkas/_version.py"]


def test_changelog_has_the_current_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Keep a Changelog" in text
    assert re.search(rf"^## \[{re.escape(ringkas.__version__)}\]", text, re.M)
