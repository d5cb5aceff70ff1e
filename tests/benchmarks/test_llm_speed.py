"""Tests for benchmarks/llm_speed.py's parent side: ratios, targets, what fails a run, the report.

The workers themselves run the real model; CI runs them through ``llm_speed.py --quick``.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import llm_speed
import pytest


def _run(rate: float, *, tokens: int = 100, subset_rate: float | None = None) -> dict[str, Any]:
    """One successful worker result writing ``tokens`` tokens at ``rate`` tokens/s."""
    sub = subset_rate or rate
    return {
        "ok": True,
        "info": {},
        "load_s": 1.0,
        "peak_rss_mb": 900.0,
        "torch_imported": False,
        "timings": {
            "subset": {
                "seconds": 20 / sub,
                "sentences": 2,
                "output_tokens": 20,
                "empty_outputs": 0,
            },
            "full": {
                "seconds": tokens / rate,
                "sentences": 8,
                "output_tokens": tokens,
                "empty_outputs": 0,
            },
        },
        "outputs": {"subset": ["a", "b"], "full": ["a", "b", "c", "d"]},
    }


def _raw(runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {"prepare": {"ok": True}, "sentences": ["x"] * 8, "runs": runs}


def _report(raw: dict[str, Any], settings: llm_speed.Settings) -> dict[str, Any]:
    result = llm_speed.aggregate(raw)
    return {"raw": raw, "results": result, "settings": asdict(settings)}


def test_targets_are_ratios_of_tokens_per_second() -> None:
    raw = _raw({
        "ringkas": [_run(48.0), _run(60.0)],
        "ringkas-noprefix": [_run(30.0)],
        "ct2": [_run(50.0)],
        "ct2-noprefix": [_run(25.0)],
        "transformers": [{**_run(1.0, subset_rate=10.0), "timings": {
            "subset": {"seconds": 2.0, "sentences": 2, "output_tokens": 20, "empty_outputs": 0}}}],
    })  # fmt: skip
    result = llm_speed.aggregate(raw)
    assert result["ringkas"]["full"]["tokens_per_s"] == pytest.approx(54.0)  # median of 48, 60
    assert result["ringkas"]["full"]["tokens_per_s_best"] == pytest.approx(60.0)
    rows = {r["target"]: r for r in llm_speed.targets(result)}
    vs_ct2 = rows["ringkas >= 0.95x raw CTranslate2 (shared prefix, all sentences)"]
    assert vs_ct2["ratio"] == pytest.approx(54.0 / 50.0) and vs_ct2["met"] is True
    vs_hf = rows["ringkas >= 3x the transformers loop (subset)"]
    assert vs_hf["ratio"] == pytest.approx(54.0 / 10.0) and vs_hf["met"] is True
    gain = rows["shared prefix gain, raw CTranslate2"]
    assert gain["ratio"] == pytest.approx(2.0) and gain["met"] is None  # measured, no goal


def test_a_slow_ringkas_misses_its_target() -> None:
    result = llm_speed.aggregate(_raw({"ringkas": [_run(40.0)], "ct2": [_run(50.0)]}))
    row = next(r for r in llm_speed.targets(result) if r["target"].startswith("ringkas >= 0.95x"))
    assert row["ratio"] == pytest.approx(0.8) and row["met"] is False


def test_a_failed_or_silent_system_fails_the_run() -> None:
    settings = llm_speed.Settings(systems=["ringkas", "ct2", "transformers"])
    silent = _run(50.0)
    silent["timings"]["full"]["output_tokens"] = 0
    raw = _raw({
        "ringkas": [_run(50.0)],
        "ct2": [silent],
        "transformers": [{"ok": False, "error": "RuntimeError: planted"}],
    })  # fmt: skip
    assert llm_speed.failures(_report(raw, settings)) == {
        "ct2": "wrote no tokens",
        "transformers": "RuntimeError: planted",
    }


def test_every_system_running_passes_and_a_failed_prepare_fails() -> None:
    settings = llm_speed.Settings(systems=["ringkas", "ct2"])
    raw = _raw({"ringkas": [_run(50.0)], "ct2": [_run(50.0)]})
    assert llm_speed.failures(_report(raw, settings)) == {}
    raw["prepare"] = {"ok": False, "error": "GGUFError: corrupt"}
    assert llm_speed.failures(_report(raw, settings))["prepare"] == "GGUFError: corrupt"


def test_report_files_are_written(tmp_path: Path) -> None:
    settings = llm_speed.Settings(systems=["ringkas", "ct2"], repeats=1)
    raw = _raw({"ringkas": [_run(50.0)], "ct2": [{"ok": False, "error": "boom"}]})
    report = {
        "name": "llm-speed-test",
        "signature": {"versions": {"ringkas": "0"}, "cpu": "cpu", "platform": "p", "date": "d"},
        "settings": asdict(settings),
        "gguf": "/x/model.gguf",
        "model": {"model_id": "/x/model.gguf", "compute_type": "int8"},
        "raw": raw,
        "wall_s": 1.0,
    }
    llm_speed.write(report, tmp_path)
    text = (tmp_path / "llm-speed-test.md").read_text(encoding="utf-8")
    assert "| raw CTranslate2 Generator (static_prompt) | not measured: boom" in text
    assert (tmp_path / "llm-speed-test.json").is_file()
    assert (tmp_path / "llm-speed-test.png").stat().st_size > 0


def test_quick_is_small_and_single_threaded() -> None:
    settings, _ = llm_speed.parse_args(["--quick"])
    assert settings.quick and settings.threads == 1 and settings.sentences <= 4
    full, _ = llm_speed.parse_args([])
    assert full.threads == 2 and full.systems == list(llm_speed.SYSTEMS)
    with pytest.raises(SystemExit):
        llm_speed.parse_args(["--systems", "ringkas,nope"])
