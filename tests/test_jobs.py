"""Corpus runs (ringkas.jobs): exact results, bad rows, kill-and-resume, inputs, memory, Ray."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIDELITY_SUMMARIZE, FIDELITY_TRANSLATE, fidelity_document, fidelity_sentence
from fidelity_data import first_sentence, gloss

from ringkas.cli import main
from ringkas.errors import ConfigError, EngineNotAvailableError, InputError
from ringkas.jobs import JobSummary, Row, open_source, process_rows, run_job

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

SUM, TR = str(FIDELITY_SUMMARIZE), str(FIDELITY_TRANSLATE)
SHARD = 5
BOILERPLATE = "Baca Juga\nAdvertisement\n"


# ----------------------------------------------------------------------------------- helpers


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


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread() -> Iterator[None]:
    """The machines these tests run on may share two cores with other work; there torch's
    default of one thread per core runs the fidelity models up to ten times slower than one."""
    torch = pytest.importorskip("torch")
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


ONE_THREAD = {**os.environ, "OMP_NUM_THREADS": "1"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[int, Any]]:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    return path, write_corpus(path)


@pytest.fixture(scope="module")
def reference(
    corpus: tuple[Path, dict[int, Any]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, JobSummary]:
    """An uninterrupted local run over the corpus: the output every other run must equal."""
    out = tmp_path_factory.mktemp("reference") / "out"
    return out, run_translate(corpus[0], out)


# ---------------------------------------------------------------------------- local results


def test_results_are_the_glosses_and_bad_rows_are_errors(
    corpus: tuple[Path, dict[int, Any]], reference: tuple[Path, JobSummary]
) -> None:
    _, expected = corpus
    out, summary = reference
    rows = all_rows(out)
    assert [r[0] for r in rows] == sorted(expected)  # every row once, in input order
    for row, ident, result, error in rows:
        kind, value = expected[row]
        if kind == "ok":
            assert (ident, result, error) == (f"doc-{row}", value, None)
        else:
            assert result is None and value in error and f"line {row}" in error
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["row"] for e in errors] == [4, 9, 17, 23, 31, 38, 45]
    assert [e["id"] for e in errors] == ["4", "m", "n", "e", "31", "38", "45"]
    assert (summary.rows, summary.ok, summary.failed, summary.processed) == (59, 52, 7, 59)
    assert summary.shards == 12 and summary.rows_per_s > 0
    data = manifest(out)
    assert data["complete"] and data["totals"] == {"rows": 59, "ok": 52, "failed": 7, "shards": 12}
    assert data["settings"]["model"] == str(FIDELITY_TRANSLATE.resolve())
    # line 12 is blank, so the third shard spans lines 11..16
    assert data["shards"][2] == {
        "file": "shards/shard-00002.parquet", "first_row": 11, "last_row": 16, "rows": 5,
        "ok": 5, "failed": 0,
    }  # fmt: skip
    print(f"\nlocal engine, fidelity translate model: {summary}")


def test_a_boilerplate_article_fails_alone_and_summaries_match(tmp_path: Path) -> None:
    rng = random.Random(5)
    docs = [fidelity_document(rng) for _ in range(9)]
    texts = [*docs[:4], BOILERPLATE, *docs[4:]]
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    summary = run_job(
        path, tmp_path / "out", task="summarize", model=SUM, translation_model=TR, lang="en",
        backend="transformers", device="cpu", shard_size=10, show_progress=False,
    )  # fmt: skip
    rows = all_rows(tmp_path / "out")
    assert [r[2] for r in rows if r[0] != 5] == [gloss(first_sentence(d)) for d in docs]
    assert rows[4][:3] == (5, "5", None) and "all boilerplate" in rows[4][3]
    assert (summary.ok, summary.failed) == (9, 1)


def test_a_failing_batch_is_retried_row_by_row() -> None:
    calls: list[int] = []

    def runner(texts: list[str]) -> list[str]:
        calls.append(len(texts))
        if "bad" in texts:
            raise InputError("bad text")
        return [t.upper() for t in texts]

    rows = [Row(1, "a", text="x"), Row(2, "b", error="no field"), Row(3, "c", text="bad")]
    assert process_rows(rows, runner) == [
        Row(1, "a", result="X"), Row(2, "b", error="no field"), Row(3, "c", error="bad text")
    ]  # fmt: skip
    assert calls == [2, 1, 1]

    def broken(texts: list[str]) -> list[str]:
        raise ConfigError("model is broken")

    with pytest.raises(ConfigError):  # a setup problem stops the job instead of failing every row
        process_rows(rows, broken)


# ------------------------------------------------------------------------------ crash safety


@pytest.mark.slow
def test_killed_job_resumes_to_the_same_output(
    corpus: tuple[Path, dict[int, Any]], reference: tuple[Path, JobSummary], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "ringkas", *translate_args(corpus[0], out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ONE_THREAD,
    )  # fmt: skip
    first = out / "shards" / "shard-00000.parquet"
    deadline = time.monotonic() + 60
    while not first.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    done_at_kill = len(list((out / "shards").glob("*.parquet")))
    assert 1 <= done_at_kill < 12, "the job should have been killed part way"
    assert not manifest(out)["complete"]

    summary = run_translate(corpus[0], out, resume=True)
    assert summary.resumed == done_at_kill * SHARD
    assert summary.rows == 59 and summary.processed == 59 - summary.resumed
    assert_same_output(out, reference[0])
    rows = [r[0] for r in all_rows(out)]
    assert len(rows) == len(set(rows)) == 59  # no duplicates, no gaps
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    runs = json.loads((out / "manifest.json").read_text())["runs"]
    killed_run_never_finished = "seconds" not in runs[0]  # a finished run records its duration
    assert len(runs) == 2 and killed_run_never_finished and runs[1]["rows_processed"] > 0
    print(f"\nkill-and-resume: killed with {done_at_kill}/12 shards written; resumed: {summary}")


def test_truncated_and_short_shards_are_redone(
    corpus: tuple[Path, dict[int, Any]], reference: tuple[Path, JobSummary], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference[0], out)
    shards = out / "shards"
    truncated = shards / "shard-00002.parquet"
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    short = pq.read_table(shards / "shard-00007.parquet").slice(0, 3)
    pq.write_table(short, shards / "shard-00007.parquet")
    (shards / "shard-00009.parquet").unlink()
    (shards / "shard-00004.parquet.123.tmp").write_bytes(b"half a shard")
    summary = run_translate(corpus[0], out, resume=True)
    assert summary.processed == 3 * SHARD and summary.resumed == 59 - 3 * SHARD
    assert_same_output(out, reference[0])


def test_resuming_a_finished_job_changes_nothing(
    corpus: tuple[Path, dict[int, Any]], reference: tuple[Path, JobSummary], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference[0], out)
    # nothing is left to do, so no model is loaded and the device (not a result setting) is moot
    summary = run_job(
        corpus[0], out, task="translate", id_field="id", model=TR, backend="transformers",
        shard_size=SHARD, resume=True, device="cuda:7", show_progress=False,
    )  # fmt: skip
    assert summary.processed == 0 and summary.resumed == 59
    assert_same_output(out, reference[0])


def test_output_folder_rules(
    corpus: tuple[Path, dict[int, Any]], reference: tuple[Path, JobSummary],
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    out = reference[0]
    with pytest.raises(ConfigError, match="--resume"):
        run_translate(corpus[0], out)
    with pytest.raises(ConfigError, match=r"shard_size: 5 then, 6 now"):
        run_translate(corpus[0], out, resume=True, shard_size=6)
    with pytest.raises(ConfigError, match=r"lang: 'en' then, 'id' now"):
        run_translate(corpus[0], out, resume=True, lang="id")
    other = tmp_path / "other.jsonl"
    shutil.copy(corpus[0], other)
    with pytest.raises(ConfigError, match="other settings or input"):
        run_translate(other, out, resume=True)
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("mine")
    with pytest.raises(ConfigError, match="no readable manifest.json"):
        run_translate(corpus[0], stranger, resume=True)
    assert main(translate_args(corpus[0], out)) == 2
    assert "already exists and is not empty. Pass --resume" in capsys.readouterr().err
    assert (stranger / "notes.txt").read_text() == "mine"


def test_bad_arguments_are_config_errors(
    corpus: tuple[Path, dict[int, Any]], tmp_path: Path
) -> None:
    path = corpus[0]
    for kwargs, message in [
        ({"task": "classify"}, "task must be one of"),
        ({"task": "translate", "strategy": "lead"}, "summarize settings"),
        ({"task": "summarize", "shard_size": 0}, "shard_size"),
        ({"task": "summarize", "num_workers": 2}, "needs engine='ray'"),
        ({"task": "summarize", "engine": "spark"}, "engine must be one of"),
    ]:
        with pytest.raises(ConfigError, match=message):
            run_job(path, tmp_path / "out", **kwargs)
    csv = tmp_path / "x.csv"
    csv.write_text("a")
    with pytest.raises(InputError, match="unknown input format"):
        run_job(csv, tmp_path / "out", task="summarize")
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------------------------ inputs


def test_parquet_input_with_small_row_groups(tmp_path: Path) -> None:
    rng = random.Random(7)
    texts: list[Any] = [fidelity_sentence(rng) for _ in range(17)]
    texts[6], texts[11] = None, ""
    path = tmp_path / "corpus.parquet"
    table = pa.table({"key": [100 + i for i in range(17)], "body": texts})
    pq.write_table(table, path, row_group_size=3)
    summary = run_job(
        path, tmp_path / "out", task="translate", text_field="body", id_field="key", model=TR,
        backend="transformers", device="cpu", shard_size=4, show_progress=False,
    )  # fmt: skip
    rows = all_rows(tmp_path / "out")
    assert [(r[0], r[1]) for r in rows] == [(i + 1, str(100 + i)) for i in range(17)]
    for (_, _, result, error), text in zip(rows, texts, strict=True):
        if text:
            assert (result, error) == (gloss(text), None)
    assert "row 7: field 'body' is null" in rows[6][3] and "is empty" in rows[11][3]
    assert (summary.ok, summary.failed, summary.shards) == (15, 2, 5)

    source = open_source(path, text_field="body", id_field="key")
    plans = source.plan(4)
    whole = {p.index: rows for p, rows in source.read_shards(plans)}
    some = dict((p.index, rows) for p, rows in source.read_shards([plans[3], plans[1]]))
    assert some == {1: whole[1], 3: whole[3]}
    with pytest.raises(InputError, match="no column 'text'"):
        open_source(path)


def test_folder_input_in_name_order(tmp_path: Path) -> None:
    rng = random.Random(8)
    folder = tmp_path / "articles"
    (folder / "b").mkdir(parents=True)
    texts = {f"a{i:02d}.txt": fidelity_sentence(rng) for i in range(6)}
    texts["b/z.txt"] = fidelity_sentence(rng)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "a03.txt").write_bytes(b"\xff\xfe bad")
    (folder / "a04.txt").write_text("")
    (folder / "skip.md").write_text("not an article")
    summary = run_job(
        folder, tmp_path / "out", task="translate", model=TR, backend="transformers",
        device="cpu", shard_size=3, show_progress=False,
    )  # fmt: skip
    rows = all_rows(tmp_path / "out")
    assert [r[:2] for r in rows] == [(i + 1, name) for i, name in enumerate(sorted(texts))]
    assert rows[6][2] == gloss(texts["b/z.txt"]) and rows[0][2] == gloss(texts["a00.txt"])
    assert "not UTF-8" in rows[3][3] and "is empty" in rows[4][3]
    assert (summary.ok, summary.failed) == (5, 2)
    with pytest.raises(ConfigError, match="file name"):
        run_job(folder, tmp_path / "out2", task="translate", id_field="id")


@pytest.mark.slow
def test_ten_thousand_rows_in_bounded_memory(tmp_path: Path) -> None:
    rng = random.Random(9)
    words = ["harga", "beras", "naik", "pedagang", "pasar", "warga", "kota", "menteri"]
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(10_000):
            sentences = [" ".join(rng.choices(words, k=10)).capitalize() + "." for _ in range(5)]
            f.write(json.dumps({"id": i, "text": " ".join(sentences)}) + "\n")
    out = tmp_path / "out"
    # The job's own peak: VmHWM (Linux) belongs to this process image alone, whereas ru_maxrss
    # after fork + exec also counts the parent's memory at the fork (here, pytest with torch).
    code = textwrap.dedent(r"""
        import re, resource, sys
        from pathlib import Path
        from ringkas.cli import main
        code = main(sys.argv[1:])
        status = Path("/proc/self/status")
        hwm = re.search(r"VmHWM:\s+(\d+) kB", status.read_text()) if status.exists() else None
        print(hwm.group(1) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        sys.exit(code)
    """)
    args = ["run", "--task", "summarize", "--strategy", "lead", "--lang", "id", "--input",
            str(path), "--output", str(out), "--id-field", "id", "--no-progress"]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        env=ONE_THREAD,
    )
    seconds = time.perf_counter() - started
    peak_mb = int(done.stdout.strip().splitlines()[-1]) / 1024
    data = manifest(out)
    assert data["totals"] == {"rows": 10_000, "ok": 10_000, "failed": 0, "shards": 10}
    assert all(s["rows"] == 1000 for s in data["shards"])
    print(f"\n10,000 rows (lead, model-free): peak RSS {peak_mb:.0f} MB, {seconds:.1f} s wall; "
          f"{done.stdout.splitlines()[0]}")  # fmt: skip
    assert peak_mb < 1500


# --------------------------------------------------------------------------------------- ray


def test_ray_missing_is_explained(
    corpus: tuple[Path, dict[int, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(EngineNotAvailableError, match=r'pip install "ringkas\[ray\]"'):
        run_translate(corpus[0], tmp_path / "out", engine="ray")
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def ray_local() -> Iterator[Any]:
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.mark.slow
def test_ray_engine_gives_the_local_output(
    ray_local: Any,
    corpus: tuple[Path, dict[int, Any]],
    reference: tuple[Path, JobSummary],
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    summary = run_translate(corpus[0], out, engine="ray", num_workers=2)
    assert (summary.rows, summary.ok, summary.failed, summary.engine) == (59, 52, 7, "ray")
    assert_same_output(out, reference[0])
    print(f"\nray engine (2 CPU workers), fidelity translate model: {summary}")
