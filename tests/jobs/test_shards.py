"""Shard files (ringkas.jobs.shards): what verify_shard accepts and what it sends back to redo."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest

from ringkas.jobs.rows import Row, ShardPlan
from ringkas.jobs.shards import read_shard, shard_bytes, verify_shard, write_bytes, write_shard

pytest.importorskip("pyarrow")

PLAN = ShardPlan(index=0, first_row=1, last_row=2, rows=2, locator=0)
ROWS = [Row(1, "a", result="Rice prices rose."), Row(2, "b", error="line 2: not valid JSON")]


def written(tmp_path: Path, rows: list[Row]) -> str:
    (tmp_path / "shards").mkdir(exist_ok=True)
    data = shard_bytes(rows)
    write_bytes(tmp_path / PLAN.file, data)
    return hashlib.sha256(data).hexdigest()


def test_a_recorded_shard_is_kept_with_its_counts(tmp_path: Path) -> None:
    sha = written(tmp_path, ROWS)
    assert verify_shard(tmp_path, PLAN, sha) == {
        "file": "shards/shard-00000.parquet", "first_row": 1, "last_row": 2, "rows": 2,
        "ok": 1, "failed": 1, "sha256": sha,
    }  # fmt: skip


def test_redo_when_missing_unrecorded_changed_or_short(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert verify_shard(tmp_path, PLAN, "0" * 64) is None  # no file
    sha = written(tmp_path, ROWS)
    with caplog.at_level(logging.WARNING, logger="ringkas.jobs.shards"):
        assert verify_shard(tmp_path, PLAN, None) is None
        assert verify_shard(tmp_path, PLAN, "0" * 64) is None
        short = written(tmp_path, ROWS[:1])
        assert verify_shard(tmp_path, PLAN, short) is None
    assert [r.getMessage().split("; ")[0].split(" ", 1)[1] for r in caplog.records] == [
        "is not recorded in the manifest",
        "changed since it was written (checksum differs)",
        "does not hold rows 1..2",
    ]
    assert sha != short


def test_write_shard_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "s.parquet"
    write_shard(path, ROWS)
    table = read_shard(path)
    assert table.column("result").to_pylist() == ["Rice prices rose.", None]
    assert table.column("error").to_pylist() == [None, "line 2: not valid JSON"]
    assert not list(tmp_path.glob("*.tmp"))
