"""run_job (ringkas.jobs.run): exact results, bad rows, kill-and-resume, output rules, memory."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import FIDELITY_TRANSLATE, fidelity_document
from fidelity_data import first_sentence, gloss
from jobs_corpus import (
    BOILERPLATE,
    ONE_THREAD,
    SHARD,
    SUM,
    TR,
    all_rows,
    assert_same_output,
    corpus_fixture,
    manifest,
    one_torch_thread,
    reference_fixture,
    run_translate,
    translate_args,
)

from ringkas.cli import main
from ringkas.errors import ConfigError, InputError
from ringkas.jobs import JobSummary, run_job

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


one_thread = pytest.fixture(scope="module", autouse=True)(one_torch_thread)


corpus = pytest.fixture(scope="module")(corpus_fixture)
reference = pytest.fixture(scope="module")(reference_fixture)


# ---------------------------------------------------------------------------- local results


def test_results_are_the_glosses_and_bad_rows_are_errors(
    corpus: tuple[Path, dict[int, Any]], reference: tuple[Path, JobSummary]
) -> None:
    _, expected = corpus
    out, summary = reference
    rows = all_rows(out)
    assert [r[0] for r in rows] == sorted(expected)  # every row once, in input order
    for row, ident, result, error, issues in rows:
        kind, value = expected[row]
        if kind == "ok":
            assert (ident, result, error) == (f"doc-{row}", value, None)
            assert isinstance(json.loads(issues), list)  # the faithfulness check of the result
        else:
            assert result is None and value in error and f"line {row}" in error
            assert issues is None
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["row"] for e in errors] == [4, 9, 17, 23, 31, 38, 45]
    assert [e["id"] for e in errors] == ["4", "m", "n", "e", "31", "38", "45"]
    assert (summary.rows, summary.ok, summary.failed, summary.processed) == (59, 52, 7, 59)
    assert summary.shards == 12 and summary.rows_per_s > 0
    data = manifest(out)
    assert data["complete"] and data["totals"] == {"rows": 59, "ok": 52, "failed": 7, "shards": 12}
    assert data["settings"]["model"] == str(FIDELITY_TRANSLATE.resolve())
    # line 12 is blank, so the third shard spans lines 11..16
    third = out / "shards" / "shard-00002.parquet"
    assert data["shards"][2] == {
        "file": "shards/shard-00002.parquet", "first_row": 11, "last_row": 16, "rows": 5,
        "ok": 5, "failed": 0, "sha256": hashlib.sha256(third.read_bytes()).hexdigest(),
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


def test_a_job_started_before_the_guard_setting_resumes_with_the_default(
    corpus: tuple[Path, dict[int, Any]], reference: tuple[Path, JobSummary], tmp_path: Path
) -> None:
    """A manifest written before ``guard`` was a setting ran with its default ("warn"): the
    same job resumes; another guard is a change of settings."""
    out = tmp_path / "out"
    shutil.copytree(reference[0], out)
    manifest_path = out / "manifest.json"
    data = json.loads(manifest_path.read_text(encoding="utf-8"))
    del data["settings"]["guard"]
    manifest_path.write_text(json.dumps(data), encoding="utf-8")
    kwargs: dict[str, Any] = dict(
        task="translate", id_field="id", model=TR, backend="transformers", shard_size=SHARD,
        resume=True, show_progress=False,
    )  # fmt: skip
    assert run_job(corpus[0], out, **kwargs).resumed == 59
    with pytest.raises(ConfigError, match="guard: 'warn' then, None now"):
        run_job(corpus[0], out, guard=None, **kwargs)


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
