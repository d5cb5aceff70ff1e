"""The ringkas command: files, stdin, JSONL, and one-line errors with exit code 2 (ringkas.cli)."""

from __future__ import annotations

import argparse
import errno
import io
import json
import re
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


# TextRank, by hand: the second sentence shares "Bogor" with the first and "tarif angkutan kota"
# with the third, which share no content word with each other: it is the centre, and the only
# sentence that fits in 10 words. Lead-1 would give the first sentence instead.
CENTRED = (
    "Cuaca di Bogor cerah berawan sepanjang hari.\n"
    "Pemerintah Kota Bogor menaikkan tarif angkutan kota mulai pekan depan.\n"
    "Kenaikan tarif angkutan kota itu mencapai Rp 1.000 untuk setiap penumpang.\n"
)


def test_stdin_and_output_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CENTRED.encode())))
    out_path = tmp_path / "out" / "summary.txt"
    code, out, err = run(
        ["summarize", "-", "--strategy", "extractive", "--lang", "id", "--max-words", "10",
         "-o", str(out_path)],
        capsys,
    )  # fmt: skip
    assert (code, out, err) == (0, "", "")
    assert out_path.read_text(encoding="utf-8") == (
        "Pemerintah Kota Bogor menaikkan tarif angkutan kota mulai pekan depan.\n"
    )
    assert sorted(p.name for p in out_path.parent.iterdir()) == ["summary.txt"]  # no .tmp left


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


# --- messages in the command line's words (issue 14, items 11-16 and 22) -----------------------

PYTHON_ARGUMENT = re.compile(r"(?<![-\w])[a-z]+(?:_[a-z]+)*=")  # model=..., data_dir=<...>


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        (["summarize", "A", "--model", "./nowhere"], "use --strategy extractive."),
        (["summarize", "A", "--strategy", "lead", "--lang", "id", "--max-words", "0"],
         "ringkas: error: --max-words must be a positive integer, got 0.\n"),
        (["translate", "A", "--device", "tpu"],
         "ringkas: error: --device must be 'cpu', 'cuda', 'cuda:N', 'mps' or 'auto', got 'tpu'.\n"),
        (["translate", "A", "--model", "lead-3"], "(--strategy lead), not a translation model"),
        (["translate", "A", "--model", "ringkas-tests/absent"],
         "or pass --model <local directory saved with save_pretrained()>."),
        (["eval", "--task", "summarize", "--dataset", "liputan6", "--model", "lead-3"],
         "ringkas: error: liputan6 needs a folder: --dataset liputan6:DIR."),
        (["eval", "--task", "translate", "--dataset", "tatoeba", "--model", "x/y"],
         "pass --dataset tatoeba:<file> or --dataset tatoeba:<folder holding test.txt>."),
        (["summarize", "A", "--strategy", "extractive", "--translation-model", "./nowhere"],
         "It would translate the id summary into en; --lang id needs no translation model."),
    ],
)  # fmt: skip
def test_errors_name_flags_not_python_arguments(
    argv: list[str], wanted: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run([str(article) if a == "A" else a for a in argv], capsys)
    assert (code, out) == (2, "")
    assert err.startswith("ringkas: error: ") and err.count("\n") == 1
    assert wanted in err
    assert not PYTHON_ARGUMENT.search(err), err


def test_a_missing_folder_shaped_model_says_the_directory_does_not_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, _, err = run(["translate", "a.txt", "--model", "models-local/opus-mt-id-en"], capsys)
    assert code == 2
    assert err.startswith(
        "ringkas: error: Model 'models-local/opus-mt-id-en' is not available: there is no such "
        f"directory ({tmp_path / 'models-local' / 'opus-mt-id-en'} does not exist)"
    )


def test_eval_writes_under_runs_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = ["eval", "--task", "summarize", "--model", "lead-3", "--lang", "id", "--limit", "2"]
    code, out, _ = run([*argv, "--no-progress"], capsys)
    assert code == 0
    folder = Path("runs") / "summarize-ringkas-news-lead-3"
    assert out.endswith(f"written to {folder}\n")
    assert sorted(p.name for p in folder.iterdir()) == [
        "predictions.jsonl", "report.md", "scores.json"
    ]  # fmt: skip


def test_output_to_a_directory_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article, folder = tmp_path / "a.txt", tmp_path / "outdir"
    article.write_text(ARTICLE, encoding="utf-8")
    folder.mkdir()
    code, out, err = run(
        ["summarize", str(article), "--strategy", "lead", "--lang", "id", "-o", str(folder)], capsys
    )
    assert (code, out) == (2, "")
    assert err == (
        f"ringkas: error: -o {folder} is a directory. Give a file name, e.g. -o "
        f"{folder / 'out.txt'}.\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "outdir"]  # no outdir.tmp


@pytest.mark.parametrize(
    ("number", "reason", "advice"),
    [
        (errno.ENOSPC, "No space left on device",
         "the disk is full: free some space, or write elsewhere"),
        (errno.EROFS, "Read-only file system", "choose a folder you can write to"),
    ],
)  # fmt: skip
def test_an_output_that_cannot_be_written_names_the_file_and_why(
    number: int,
    reason: str,
    advice: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    article, target = tmp_path / "a.txt", tmp_path / "summary.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    target.write_text("precious", encoding="utf-8")
    real_write = Path.write_text

    def failing_write(self: Path, *args: object, **kwargs: object) -> int:
        if self.name.endswith(".tmp"):
            real_write(self, "half")  # a partial write, then the failure
            raise OSError(number, reason, str(self))
        return real_write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", failing_write)
    argv = ["summarize", str(article), "--strategy", "lead", "--lang", "id", "-o", str(target)]
    code, out, err = run(argv, capsys)
    assert (code, out) == (2, "")
    assert err == f"ringkas: error: cannot write {target}: {reason} ({advice}).\n"
    assert target.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "summary.txt"]


def test_a_folder_that_cannot_be_written_in_eval_is_a_user_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    out_dir = tmp_path / "ro" / "run"
    argv = ["eval", "--task", "summarize", "--model", "lead-3", "--lang", "id", "--limit", "1"]
    code, _, err = run([*argv, "--out", str(out_dir), "--no-progress"], capsys)
    assert code == 2
    assert err.startswith(f"ringkas: error: cannot write {out_dir}") and err.count("\n") == 1
    assert "Read-only file system (choose a folder you can write to)." in err


def test_closed_stdin_is_a_user_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    code, _, err = run(["translate", "-", "--model", "tests/fixtures/fidelity-translate"], capsys)
    assert code == 2 and err.startswith("ringkas: error: standard input is closed")


def test_every_option_has_help() -> None:
    from ringkas.cli import build_parser

    missing = []
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in [("ringkas", parser), *subparsers.choices.items()]:
        for action in sub._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            if not action.help or action.help == argparse.SUPPRESS:
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    assert missing == []


def test_models_has_a_header_and_languages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["models"], capsys)
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["MODEL", "FAMILY", "TASK", "LANGUAGES", "LICENSE"]
    opus = next(line for line in lines if line.startswith("Helsinki-NLP/opus-mt-id-en "))
    assert opus.split() == [
        "Helsinki-NLP/opus-mt-id-en", "marian", "translation", "id", "->", "en", "Apache-2.0",
        "(default", "for", "translation)",
    ]  # fmt: skip
    nllb = next(line for line in lines if line.startswith("facebook/nllb-200-distilled-600M "))
    assert " any -> any " in nllb


def test_models_shows_every_task_a_card_can_do(capsys: pytest.CaptureFixture[str]) -> None:
    # an instruct LLM card with a summary prompt can also summarise; a base LLM card cannot
    code, out, _ = run(["models"], capsys)
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert code == 0
    assert " qwen2    translation, summarization  " in rows["Qwen/Qwen2.5-7B-Instruct"]
    assert " llama    translation, summarization  " in rows["aisingapore/Llama-SEA-LION-v3-8B-IT"]
    assert " gemma3   translation   " in rows["google/gemma-3-270m"]
    assert " mt5      summarization   " in rows["csebuetnlp/mT5_multilingual_XLSum"]


def test_no_loading_weights_bar_on_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """transformers 5 draws a "Loading weights" bar on every load; it must not leak."""
    import shutil

    from conftest import FIDELITY_TRANSLATE

    model = tmp_path / "fresh"  # not loaded before in this session: a real load
    shutil.copytree(FIDELITY_TRANSLATE, model)
    article = tmp_path / "a.txt"
    article.write_text("Menteri datang ke pasar.\n", encoding="utf-8")
    code = main(["translate", str(article), "--model", str(model), "--backend", "transformers"])
    captured = capfd.readouterr()
    assert code == 0 and captured.out == "Minister come to market.\n"
    assert "Loading weights" not in captured.err


def test_a_report_path_that_cannot_be_written_is_refused_before_translating(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import FIDELITY_TRANSLATE

    import ringkas.translation

    article = tmp_path / "a.txt"
    article.write_text("Menteri datang ke pasar.", encoding="utf-8")
    a_file = tmp_path / "afile"
    a_file.write_text("not a folder", encoding="utf-8")
    calls: list[object] = []
    monkeypatch.setattr(
        ringkas.translation.Translator, "translate", lambda *a, **k: calls.append(a)
    )
    for report, why in (
        (a_file / "r.jsonl", f"{a_file} is a file, not a folder. Choose another path."),
        (tmp_path, "it is a directory. Name a file in it instead."),
    ):
        code, out, err = run(
            [
                "translate",
                str(article),
                "--model",
                str(FIDELITY_TRANSLATE),
                "--report",
                str(report),
            ],
            capsys,
        )
        assert code == 2 and out == ""
        assert err.strip() == f"ringkas: error: cannot write {report}: {why}"
    assert calls == []  # refused before any translation ran
    assert a_file.read_text(encoding="utf-8") == "not a folder"


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


# ----------------------------------------------- the guard in flag words (issue 13, item 3)


def test_guard_warnings_name_flags_not_python_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import FIDELITY_TRANSLATE

    article = tmp_path / "a.txt"
    article.write_text("Harga beras naik 30 persen.", encoding="utf-8")
    code, out, err = run(
        ["translate", str(article), "--model", str(FIDELITY_TRANSLATE), "--no-progress"], capsys
    )
    assert code == 0 and out
    (line,) = [line for line in err.splitlines() if "faithfulness guard" in line]
    assert "--guard retry re-translates them; --report FILE.jsonl lists them." in line
    assert not PYTHON_ARGUMENT.search(err) and "report=True" not in err, err


def test_summarize_guard_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import FIDELITY_TRANSLATE

    article = tmp_path / "a.txt"
    article.write_text("Harga beras naik 30 persen. Petani datang ke pasar.", encoding="utf-8")
    report = tmp_path / "out" / "report.jsonl"
    argv = ["summarize", str(article), "--strategy", "lead", "--max-words", "5",
            "--translation-model", str(FIDELITY_TRANSLATE), "--no-progress"]  # fmt: skip
    code, out, err = run([*argv, "--report", str(report)], capsys)
    assert code == 0 and out.strip()
    (line,) = report.read_text(encoding="utf-8").splitlines()
    data = json.loads(line)
    assert (data["document"], data["summary"], data["checked"], data["ok"]) == (
        0, out.strip(), True, False
    )  # fmt: skip
    assert data["issues"] and "--report FILE.jsonl lists them." in err
    assert not PYTHON_ARGUMENT.search(err), err
    code, _, err = run([*argv, "--guard", "raise"], capsys)
    assert code == 2 and "failed the faithfulness check" in err and "--guard retry" in err
    assert not PYTHON_ARGUMENT.search(err), err
    code, out, err = run([*argv, "--guard", "none"], capsys)
    assert (code, err) == (0, "") and out.strip()


@pytest.mark.usefixtures("no_network")
def test_summarize_offline_without_the_default_summariser_says_so_in_flag_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import FIDELITY_TRANSLATE

    article = tmp_path / "a.txt"
    article.write_text("Petani datang ke pasar. Harga beras naik di Jakarta.", encoding="utf-8")
    code, out, err = run(
        ["summarize", str(article), "--translation-model", str(FIDELITY_TRANSLATE),
         "--no-progress", "--guard", "none"],
        capsys,
    )  # fmt: skip
    assert code == 0 and out.startswith("Farmer come to market.")
    (line,) = err.splitlines()
    assert "csebuetnlp/mT5_multilingual_XLSum cannot be loaded here" in line
    assert "or pass --model <summariser>." in line
    assert not PYTHON_ARGUMENT.search(err), err


def _issues_column(out_dir: Path) -> list[object]:
    import pyarrow.parquet as pq

    return pq.read_table(out_dir / "shards").column("issues").to_pylist()


def test_run_guard_fills_the_issues_column_and_none_leaves_it_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import FIDELITY_TRANSLATE

    corpus = tmp_path / "in.jsonl"
    rows = ["Harga beras naik 30 persen.", "Menteri datang ke pasar."]
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in rows), encoding="utf-8")
    base = ["run", "--task", "translate", "--input", str(corpus), "--model",
            str(FIDELITY_TRANSLATE), "--no-progress"]  # fmt: skip
    code, _, err = run([*base, "--output", str(tmp_path / "warn")], capsys)
    assert code == 0
    flagged, clean = (json.loads(str(v)) for v in _issues_column(tmp_path / "warn"))
    assert "percent" in [i["kind"] for i in flagged] and flagged[0]["sentence"] == 0
    assert clean == []
    assert "the issues column of the shards shows them" in err
    assert not PYTHON_ARGUMENT.search(err), err
    code, _, err = run([*base, "--output", str(tmp_path / "none"), "--guard", "none"], capsys)
    assert code == 0 and err == ""
    assert _issues_column(tmp_path / "none") == [None, None]
    code, _, _ = run([*base, "--output", str(tmp_path / "raise"), "--guard", "raise"], capsys)
    errors = (tmp_path / "raise" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert code == 0 and [json.loads(e)["row"] for e in errors] == [1]  # the flagged row only
    assert "failed the faithfulness check" in json.loads(errors[0])["error"]
    code, _, err = run([*base, "--output", str(tmp_path / "warn"), "--resume", "--guard", "retry"],
                       capsys)  # fmt: skip
    assert code == 2 and "guard: 'warn' then, 'retry' now" in err  # retry changes results
