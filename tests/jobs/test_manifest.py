"""The job folder and the resume rules (ringkas.jobs.manifest): what a resume trusts and refuses.

These runs use ``strategy="lead"`` (no model): each row's result is its first three sentences,
so expected outputs are written here by hand.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from jobs_corpus import all_rows

from ringkas.errors import ConfigError
from ringkas.jobs import MANIFEST_FORMAT, JobSummary, run_job

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

ROWS = [
    "Harga beras naik. Pedagang mengeluh. Warga antre. Hujan turun.",
    "Menteri datang. Warga menyambut. Jalan ditutup.",
    "Pasar ramai. Cuaca cerah. Polisi berjaga. Toko buka.",
]
LEAD = [
    "Harga beras naik. Pedagang mengeluh. Warga antre.",
    "Menteri datang. Warga menyambut. Jalan ditutup.",
    "Pasar ramai. Cuaca cerah. Polisi berjaga.",
]


def write_rows(path: Path, texts: list[str]) -> None:
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")


def lead(path: Path, out: Path, **kwargs: object) -> JobSummary:
    return run_job(
        path, out, task="summarize", lang="id", strategy="lead", shard_size=1,
        show_progress=False, **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


def results(out: Path) -> list[str | None]:
    return [row[2] for row in all_rows(out)]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    write_rows(path, ROWS)
    return path


def test_a_run_killed_before_its_first_manifest_resumes(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "shards").mkdir(parents=True)  # what a kill right after creating shards/ leaves
    (out / "manifest.json.123.tmp").write_text("{")
    summary = lead(corpus, out, resume=True)
    assert (summary.rows, summary.processed, summary.resumed) == (3, 3, 0)
    assert results(out) == LEAD
    again = tmp_path / "again"
    (again / "shards").mkdir(parents=True)  # nothing of value: no --resume needed either
    assert lead(corpus, again).ok == 3


def test_a_shard_edited_after_it_was_written_is_redone(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    lead(corpus, out)
    shard = out / "shards" / "shard-00001.parquet"
    table = pq.read_table(shard)
    edited = table.to_pylist()
    edited[0]["result"] = "Someone else's summary."
    pq.write_table(pa.Table.from_pylist(edited, schema=table.schema), shard)
    assert results(out)[1] == "Someone else's summary."  # it parses, with the right rows
    summary = lead(corpus, out, resume=True)
    assert (summary.processed, summary.resumed) == (1, 2)
    assert results(out) == LEAD
    recorded = json.loads((out / "manifest.json").read_text())["shards"][1]["sha256"]
    assert recorded == hashlib.sha256(shard.read_bytes()).hexdigest()


def test_a_shard_the_manifest_does_not_record_is_redone(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    lead(corpus, out)
    data = json.loads((out / "manifest.json").read_text())
    data["shards"] = data["shards"][:1]
    (out / "manifest.json").write_text(json.dumps(data))
    summary = lead(corpus, out, resume=True)
    assert (summary.processed, summary.resumed) == (2, 1)
    assert results(out) == LEAD


def test_an_input_edited_to_the_same_size_is_refused(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    lead(corpus, out)
    before = corpus.stat().st_size
    write_rows(corpus, [ROWS[0].replace("naik", "NAIK"), *ROWS[1:]])
    assert corpus.stat().st_size == before
    with pytest.raises(
        ConfigError, match=r"sha256: '[0-9a-f]{64}' then, '[0-9a-f]{64}' now"
    ) as info:
        lead(corpus, out, resume=True)
    assert "choose another output folder" in str(info.value)
    assert "bytes" not in str(info.value)  # the size did not change; only the content
    assert results(out) == LEAD  # the stale results are left alone, not mixed with new ones


def test_an_input_that_grew_is_refused_naming_its_size(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    lead(corpus, out)
    before = corpus.stat().st_size
    write_rows(corpus, [ROWS[0] + " Angin kencang.", *ROWS[1:]])
    after = corpus.stat().st_size
    with pytest.raises(ConfigError, match=rf"bytes: {before} then, {after} now") as info:
        lead(corpus, out, resume=True)
    assert "Resume with the same settings, or choose another output folder" in str(info.value)


def test_a_folder_input_edited_in_place_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i, text in enumerate(ROWS):
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    lead(folder, out)
    (folder / "a1.txt").write_text(ROWS[1].replace("datang", "DATANG"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"sha256: .* then, .* now"):
        lead(folder, out, resume=True)


def test_a_manifest_of_another_format_is_refused_with_advice(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    lead(corpus, out)
    data = json.loads((out / "manifest.json").read_text())
    data["format"] = "ringkas-job/1"
    (out / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(ConfigError, match=rf"not a {MANIFEST_FORMAT} manifest") as info:
        lead(corpus, out, resume=True)
    assert "'ringkas-job/1'" in str(info.value) and "choose another folder" in str(info.value)


def test_the_manifest_records_each_shard_before_it_is_renamed_into_place(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill between writing a shard and recording it would leave a shard no resume can trust;
    so the entry is written first. Here the shard write fails: the manifest already has it."""
    from ringkas.jobs import manifest

    out = tmp_path / "out"
    calls: list[str] = []

    def failing_write(path: Path, data: bytes) -> None:
        entries = json.loads((out / "manifest.json").read_text())["shards"]
        calls.append(entries[-1]["sha256"] if entries else "")
        raise KeyboardInterrupt  # a kill, as far as the job can tell

    monkeypatch.setattr(manifest, "write_bytes", failing_write)
    with pytest.raises(KeyboardInterrupt):
        lead(corpus, out)
    assert len(calls) == 1 and len(calls[0]) == 64
    monkeypatch.undo()
    summary = lead(corpus, out, resume=True)  # the recorded shard is missing: it is redone
    assert (summary.processed, summary.resumed) == (3, 0)
    assert results(out) == LEAD
