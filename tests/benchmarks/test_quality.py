"""Tests for benchmarks/quality.py: CI's quick run fails when a system that must run did not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import quality

from ringkas.errors import ModelNotAvailableError
from ringkas.translation import Translator


def _record(name: str, status: str, *, always: bool) -> dict[str, object]:
    return {"name": name, "status": status, "always": always, "reason": "why"}


def test_missing_data_fails_only_rows_that_must_run() -> None:
    results = [
        _record("published row", "missing", always=False),
        _record("bundled row", "missing", always=True),
        _record("fine", "ok", always=True),
    ]
    assert quality.failures(results) == ["bundled row: missing (why)"]


@pytest.mark.parametrize("status", ["error", "empty"])
def test_an_error_or_nothing_produced_fails_any_row(status: str) -> None:
    assert quality.failures([_record("published row", status, always=False)]) == [
        f"published row: {status} (why)"
    ]


def test_quick_runs_a_translation_row() -> None:
    quick = [row for row in quality.ROWS if row.always]
    assert {row.task for row in quick} == {"summarize", "translate"}
    for row in quick:
        assert row.dataset == "ringkas-news"


def _quick(tmp_path: Path) -> tuple[int, dict[str, dict[str, object]]]:
    code = quality.main(["--quick", "--no-real", "--limit", "2", "--out", str(tmp_path)])
    (report,) = tmp_path.glob("quality-*.json")
    return code, {r["name"]: r for r in json.loads(report.read_text(encoding="utf-8"))}


def _translation_row(rows: dict[str, dict[str, object]]) -> dict[str, object]:
    (row,) = [r for r in rows.values() if r["task"] == "translate"]
    return row


def test_quick_run_passes(tmp_path: Path) -> None:
    code, rows = _quick(tmp_path)
    assert code == 0
    assert {r["status"] for r in rows.values()} == {"ok"}
    assert _translation_row(rows)["empty_predictions"] == 0


def test_translate_raising_fails_the_quick_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Translator, text: object, **kwargs: object) -> object:
        raise RuntimeError("planted")

    monkeypatch.setattr(Translator, "translate", broken)
    code, rows = _quick(tmp_path)
    assert code == 1
    row = _translation_row(rows)
    assert (row["status"], row["reason"]) == ("error", "RuntimeError: planted")
    (markdown,) = tmp_path.glob("quality-*.md")
    assert "| error: RuntimeError: planted |" in markdown.read_text(encoding="utf-8")


def test_missing_model_of_an_always_row_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(self: Translator, text: object, **kwargs: object) -> object:
        raise ModelNotAvailableError("no model here; download it first")

    monkeypatch.setattr(Translator, "translate", missing)
    code, rows = _quick(tmp_path)
    assert code == 1 and _translation_row(rows)["status"] == "missing"


def test_empty_output_fails_the_quick_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def silent(self: Translator, text: list[str], **kwargs: object) -> list[str]:
        return [""] * len(text)

    monkeypatch.setattr(Translator, "translate", silent)
    code, rows = _quick(tmp_path)
    row = _translation_row(rows)
    assert code == 1
    assert (row["status"], row["reason"]) == (
        "empty",
        f"all {row['examples']} predictions are empty",
    )
