"""What the tests of ringkas.jobs share: a corpus with bad rows, how to run it, how to read the
output back (a plain module: a conftest.py here would shadow tests/conftest.py)."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from conftest import FIDELITY_SUMMARIZE, FIDELITY_TRANSLATE, fidelity_sentence
from fidelity_data import gloss

from ringkas.jobs import JobSummary, run_job

SUM, TR = str(FIDELITY_SUMMARIZE), str(FIDELITY_TRANSLATE)
SHARD = 5
BOILERPLATE = "Baca Juga\nAdvertisement\n"
ONE_THREAD = {**os.environ, "OMP_NUM_THREADS": "1"}


def write_corpus(path: Path, seed: int = 1, n: int = 60) -> dict[int, Any]:
    """A JSONL corpus of ``n`` lines with bad rows mixed in. Returns {line: expectation}, where
    the expectation is the gloss of a good sentence, or the error's telltale words."""
    rng = random.Random(seed)
    bad = {
        4: ("{not json", "not valid JSON"),
        9: (json.dumps({"id": "m", "body": "x"}), "no field 'text'"),
        17: (json.dumps({"id": "n", "text": 42}), "is int, not a string"),
        23: (json.dumps({"id": "e", "text": "  \n "}), "is empty"),
        31: (json.dumps(["a", "list"]), "not an object"),
        38: (json.dumps({"text": "Harga naik."}), "no field 'id'"),
        45: (json.dumps({"id": [1], "text": "Harga naik."}), "ids must be strings or integers"),
    }
    lines, expected = [], {}
    for lineno in range(1, n + 1):
        if lineno == 12:
            lines.append("")  # a blank line: skipped, not a row
        elif lineno in bad:
            lines.append(bad[lineno][0])
            expected[lineno] = ("error", bad[lineno][1])
        else:
            text = fidelity_sentence(rng)
            lines.append(json.dumps({"id": f"doc-{lineno}", "text": text}))
            expected[lineno] = ("ok", gloss(text))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return expected


def shard_rows(out: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every shard's rows, by file name (the whole output as the tests compare it)."""
    shards = sorted((out / "shards").iterdir())
    return {p.name: [tuple(r.values()) for r in pq.read_table(p).to_pylist()] for p in shards}


def all_rows(out: Path) -> list[tuple[Any, ...]]:
    return [row for rows in shard_rows(out).values() for row in rows]


def manifest(out: Path) -> dict[str, Any]:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    data.pop("runs")
    return data


def assert_same_output(a: Path, b: Path) -> None:
    assert shard_rows(a) == shard_rows(b)
    assert (a / "errors.jsonl").read_bytes() == (b / "errors.jsonl").read_bytes()
    assert manifest(a) == manifest(b)
    assert sorted(p.name for p in a.rglob("*")) == sorted(p.name for p in b.rglob("*"))


def translate_args(corpus: Path, out: Path) -> list[str]:
    return [
        "run", "--task", "translate", "--input", str(corpus), "--output", str(out),
        "--id-field", "id", "--model", TR, "--backend", "transformers", "--device", "cpu",
        "--shard-size", str(SHARD), "--no-progress",
    ]  # fmt: skip


def run_translate(corpus: Path, out: Path, **kwargs: Any) -> JobSummary:
    kwargs = {
        "task": "translate", "id_field": "id", "model": TR, "backend": "transformers",
        "device": "cpu", "shard_size": SHARD, "show_progress": False, **kwargs,
    }  # fmt: skip
    return run_job(corpus, out, **kwargs)


def one_torch_thread() -> Iterator[None]:
    """One torch thread for a test module (use as an autouse module fixture): the machines these
    tests run on may share two cores with other work, where torch's default of one thread per
    core runs the fidelity models up to ten times slower."""
    torch = pytest.importorskip("torch")
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def corpus_fixture(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[int, Any]]:
    """A module's corpus (register with ``pytest.fixture(scope="module")``): its path and the
    expectation per line (see :func:`write_corpus`)."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    return path, write_corpus(path)


def reference_fixture(
    corpus: tuple[Path, dict[int, Any]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, JobSummary]:
    """An uninterrupted local run over the corpus: the output every other run must equal."""
    out = tmp_path_factory.mktemp("reference") / "out"
    return out, run_translate(corpus[0], out)
