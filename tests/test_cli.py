"""The ringkas command: files, stdin, JSONL, and one-line errors with exit code 2 (ringkas.cli)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ringkas.cli import main

ARTICLE = (
    "Liputan6.com, Bogor - Pemerintah Kota Bogor menaikkan tarif angkutan kota mulai pekan depan.\n"
    "Baca Juga\n"
    "Advertisement\n"
    "Kenaikan tarif angkutan kota itu mencapai Rp 1.000 untuk setiap penumpang.\n"
    "Cuaca di Bogor cerah berawan sepanjang hari.\n"
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_summarize_a_file_extractively(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(
        ["summarize", str(path), "--strategy", "lead", "--lang", "id", "--max-words", "14"], capsys
    )
    assert code == 0
    assert out == "Pemerintah Kota Bogor menaikkan tarif angkutan kota mulai pekan depan.\n"


def test_stdin_and_output_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    out_path = tmp_path / "out" / "summary.txt"
    code, out, _ = run(
        ["summarize", "-", "--strategy", "extractive", "--lang", "id", "-o", str(out_path)], capsys
    )
    assert code == 0 and out == ""
    assert "Bogor" in out_path.read_text(encoding="utf-8")


def test_jsonl_adds_a_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": 1, "body": ARTICLE})
        + "\n"
        + json.dumps({"id": 2, "body": "Harga naik. Warga mengeluh."})
        + "\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        [
            "summarize",
            str(path),
            "--jsonl",
            "--field",
            "body",
            "--strategy",
            "lead",
            "--lang",
            "id",
            "--max-words",
            "3",
        ],
        capsys,
    )
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == [1, 2]
    assert records[1]["summary"] == "Harga naik."
    assert records[0]["body"] == ARTICLE


def test_user_errors_print_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\nnot json\n', encoding="utf-8")
    code, out, err = run(["summarize", str(bad), "--jsonl", "--strategy", "lead"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("ringkas: error: ") and "line 2: not valid JSON" in err
    assert err.count("\n") == 1

    latin = tmp_path / "latin.txt"
    latin.write_bytes("Kafé.".encode("latin-1"))
    code, _, err = run(["translate", str(latin)], capsys)
    assert code == 2 and "not UTF-8" in err

    code, _, err = run(["translate", str(tmp_path / "a.txt"), "--model", "./nowhere"], capsys)
    assert code == 2 and "does not exist" in err


def test_failed_run_keeps_an_existing_output_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "keep.txt"
    out_path.write_text("precious", encoding="utf-8")
    code, _, _ = run(["summarize", str(tmp_path / "missing.txt"), "-o", str(out_path)], capsys)
    assert code == 2
    assert out_path.read_text(encoding="utf-8") == "precious"


def test_models_lists_cards(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["models"], capsys)
    assert code == 0 and "Helsinki-NLP/opus-mt-id-en" in out and "default for translation" in out


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ringkas", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("ringkas ")


README_EXAMPLES = [
    (
        ["translate", "examples/fidelity-doc.txt", "--model", "tests/fixtures/fidelity-translate"],
        None,  # checked against the gloss below
    ),
    (
        ["summarize", "examples/fidelity-article.txt", "--model", "tests/fixtures/fidelity-summarize",
         "--translation-model", "tests/fixtures/fidelity-translate"],
        "Farmer come to market in Jakarta yesterday.\n",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "expected"), README_EXAMPLES)
def test_readme_offline_commands(
    argv: list[str],
    expected: str | None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from conftest import ROOT
    from fidelity_data import gloss

    monkeypatch.chdir(ROOT)
    code, out, _ = run([*argv, "--backend", "transformers", "--no-progress"], capsys)
    assert code == 0
    if expected is None:
        expected = gloss((ROOT / argv[1]).read_text(encoding="utf-8"))
    assert out == expected


def test_translate_guard_glossary_and_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import FIDELITY_TRANSLATE

    article = tmp_path / "a.txt"
    article.write_text("Menteri datang ke QRIS. Harga beras naik 30 persen.", encoding="utf-8")
    terms = tmp_path / "terms.tsv"
    terms.write_text("QRIS\tQRIS\n", encoding="utf-8")
    report = tmp_path / "report.jsonl"
    code, out, err = run(
        ["translate", str(article), "--model", str(FIDELITY_TRANSLATE), "--guard", "retry",
         "--glossary", str(terms), "--report", str(report), "--no-progress"],
        capsys,
    )  # fmt: skip
    assert code == 0
    assert out.startswith("Minister come to QRIS. Price rice rise")
    lines = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [(r["sentence"], r["ok"], r["attempts"]) for r in lines] == [(0, True, 1), (1, False, 3)]
    assert lines[1]["issues"][0]["kind"] == "percent"
    code, _, err = run(
        ["translate", str(article), "--model", str(FIDELITY_TRANSLATE), "--guard", "raise"], capsys
    )
    assert code == 2 and "failed the faithfulness check" in err
    terms.write_text("QRIS\n", encoding="utf-8")
    code, _, err = run(["translate", str(article), "--glossary", str(terms)], capsys)
    assert code == 2 and "expected 2 columns" in err
