"""Streamed job inputs (ringkas.jobs.sources): Parquet, folders, JSONL; bad records become rows."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from conftest import fidelity_sentence
from fidelity_data import gloss
from jobs_corpus import TR, all_rows, one_torch_thread

from ringkas.errors import ConfigError, InputError
from ringkas.jobs import open_source, run_job

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


one_thread = pytest.fixture(scope="module", autouse=True)(one_torch_thread)


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
    for (_, _, result, error, _), text in zip(rows, texts, strict=True):
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
