"""Tests for benchmarks/speed.py's parts: what fails a run, the length rule, the worker's imports."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from speedbench import cli, settings, systems
from speedbench.aggregate import failures
from speedbench.settings import Settings
from speedbench.worker import output_check

ROOT = Path(__file__).resolve().parents[2]
OK = {"info": {"length_check": "ok", "output_check": "ok"}}


def _raw(runs: dict[str, list[Any]], unavailable: dict[str, str] | None = None) -> dict[str, Any]:
    summary = {"transformers": [{"output_check": "ok"}], "ctranslate2": [{"output_check": "ok"}]}
    return {"runs": runs, "summary_runs": summary, "unavailable": unavailable or {}}


def test_a_run_where_every_system_ran_passes() -> None:
    s = Settings(systems=["b", "c", "d", "e"], repeats=1)
    assert failures(s, _raw({n: [OK] for n in s.systems}), {}) == []


def test_a_system_that_did_not_run_fails_the_run() -> None:
    s = Settings(systems=["a", "b", "d"], repeats=1)
    raw = _raw({"a": [], "b": [OK], "d": []}, {"d": "RuntimeError: planted"})
    skipped = {"a": "skipped with --quick"}  # by design: not a failure
    assert failures(s, raw, skipped) == [
        "d (ringkas + CTranslate2) did not run: RuntimeError: planted"
    ]


def test_fewer_repeats_or_a_failed_check_fail_the_run() -> None:
    s = Settings(systems=["b", "c"], repeats=2, summary=False)
    nothing = {"info": {"length_check": "ok", "output_check": "FAILED: every output is empty"}}
    assert failures(s, _raw({"b": [OK], "c": [OK, nothing]}), {}) == [
        "b (transformers 5 generate loop) ran in 1 of 2 repeat(s)",
        "c (ringkas + transformers): output_check: FAILED: every output is empty",
    ]


def test_summarisation_must_run_with_both_backends() -> None:
    s = Settings(systems=["b"], repeats=1)
    raw = _raw({"b": [OK]}, {"summarisation (ctranslate2)": "ValueError: x"})
    raw["summary_runs"] = {"transformers": [{"output_check": '{"chunk": "FAILED: 0 outputs"}'}]}
    assert failures(s, raw, {}) == [
        'summarisation with transformers: output_check: {"chunk": "FAILED: 0 outputs"}',
        "summarisation with ctranslate2 did not run: ValueError: x",
    ]
    assert failures(Settings(systems=["b"], repeats=1, summary=False), raw, {}) == []


@pytest.mark.parametrize(
    ("outputs", "expected"),
    [
        (["x", ""], "ok"),
        (["", " "], "FAILED: every output is empty"),
        (["x"], "FAILED: 1 outputs for 2 inputs"),
        (None, "FAILED: NoneType outputs for 2 inputs"),
    ],
)
def test_output_check(outputs: object, expected: str) -> None:
    assert output_check(["a", "b"], outputs) == expected


@dataclass(frozen=True)
class _Options:
    num_beams: int = 1
    max_new_tokens: int | None = 64


class _Inner:
    backend, device, dtype, card = "ctranslate2", "cpu", "int8", "a card"

    def __init__(self) -> None:
        self.limits: list[int | None] = []

    def count_tokens(self, texts: list[str], plan: object) -> list[int]:
        return [len(t.split()) for t in texts]

    def generate(
        self, texts: list[str], plan: object, options: _Options, *, encoded: object = None
    ) -> list[str]:
        self.limits.append(options.max_new_tokens)
        self.encoded = encoded
        return [t.upper() for t in texts]


def test_batch_length_engine_gives_each_batch_its_longest_target() -> None:
    inner = _Inner()
    engine = systems.BatchLengthEngine(inner, {"length_ratio": 1.0, "max_new_tokens": 6})
    assert (engine.backend, engine.dtype, engine.card) == ("ctranslate2", "int8", "a card")
    assert engine.generate(["a b c", "d e"], None, _Options()) == ["A B C", "D E"]
    assert engine.generate(["a b c d e f g h"], None, _Options()) == ["A B C D E F G H"]
    assert engine.generate([], None, _Options()) == []
    assert inner.limits == [3, 6]  # the longest source of each batch, at most max_new_tokens
    encoded = [("x",) * 4, ("y",) * 2]  # what ringkas's batching hands over: lengths, no re-count
    assert engine.generate(["a", "b"], None, _Options(), encoded=encoded) == ["A", "B"]
    assert inner.limits[-1] == 4 and inner.encoded is encoded


def test_the_worker_side_imports_only_the_standard_library() -> None:
    """The transformers-4 virtualenv, which has no ringkas, imports these to run system (a)."""
    code = (
        "import sys; import speedbench.worker, speedbench.systems, speedbench.settings; "
        "print(sorted({m.split('.')[0] for m in sys.modules} "
        "& {'ringkas', 'torch', 'transformers', 'ctranslate2', 'numpy'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "benchmarks",
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "[]"


def test_quick_settings_leave_the_defaults_alone() -> None:
    quick, args = cli.parse_args(["--quick", "--systems", "b,d", "--batch-sizes", "2"])
    assert (quick.quick, quick.repeats, quick.threads, quick.systems) == (True, 1, 1, ["b", "d"])
    assert quick.batch_sizes == [2, 8]  # the main batch size is always swept
    assert settings.QUICK.systems == ["a", "b", "c", "d", "e"] and settings.QUICK.batch_sizes == [
        4,
        8,
    ]
    assert args.out == ROOT / "benchmarks" / "results"


def test_c16_needs_cuda(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.parse_args(["--systems", "c16"])
    assert "c16 (fp16 transformers) needs --device cuda" in capsys.readouterr().err
