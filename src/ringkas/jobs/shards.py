"""Shard files: written atomically, each with a SHA-256 that a resume checks before trusting it.

A shard is serialised in memory, its checksum recorded, then written to a temporary file beside
its final name, fsynced and renamed over it (``os.replace``): a shard file is complete or absent.

>>> import pathlib, tempfile
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> data = shard_bytes([Row(1, "a", result="Rice prices rose.")])
>>> write_bytes(out / "shard.parquet", data)
>>> (out / "shard.parquet").read_bytes() == data
True
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ringkas.jobs.arrow import pyarrow_modules
from ringkas.jobs.rows import Row, ShardPlan

__all__ = [
    "COLUMNS",
    "TMP_SUFFIX",
    "atomic_write",
    "read_shard",
    "remove_temp_files",
    "shard_bytes",
    "shard_entry",
    "verify_shard",
    "write_bytes",
    "write_json",
    "write_shard",
]

logger = logging.getLogger(__name__)

COLUMNS = ("row", "id", "result", "error", "issues")
TMP_SUFFIX = ".tmp"


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, write: Callable[[Any], None]) -> None:
    """Write through ``write(file)`` to a temporary file beside ``path``, fsync, then rename.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "errors.jsonl"
    >>> atomic_write(path, lambda f: f.write(b"{}\\n"))
    >>> path.read_text()
    '{}\\n'
    """
    tmp = path.with_name(f"{path.name}.{os.getpid()}{TMP_SUFFIX}")
    try:
        with open(tmp, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_write`).

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.bin"
    >>> write_bytes(path, b"ab")
    >>> path.read_bytes()
    b'ab'
    """
    atomic_write(path, lambda f: f.write(data))


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` as indented UTF-8 JSON, atomically.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "manifest.json"
    >>> write_json(path, {"complete": True})
    >>> path.read_text()
    '{\\n  "complete": true\\n}\\n'
    """
    write_bytes(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def shard_bytes(rows: Sequence[Row]) -> bytes:
    """A shard's rows as a Parquet file's bytes (columns row, id, result, error, issues).

    >>> shard_bytes([Row(1, "a", result="x")])[:4]
    b'PAR1'
    """
    pa, pq = pyarrow_modules()
    table = pa.table(
        {
            "row": pa.array([r.row for r in rows], pa.int64()),
            "id": pa.array([r.id for r in rows], pa.string()),
            "result": pa.array([r.result for r in rows], pa.string()),
            "error": pa.array([r.error for r in rows], pa.string()),
            "issues": pa.array([r.issues for r in rows], pa.string()),
        }
    )
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return bytes(sink.getvalue().to_pybytes())


def write_shard(path: Path, rows: Sequence[Row]) -> None:
    """Write a shard's rows atomically as Parquet (columns row, id, result, error, issues).

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "shard-00000.parquet"
    >>> write_shard(path, [Row(1, "a", error="line 1: not valid JSON")])
    >>> read_shard(path).column("error").to_pylist()
    ['line 1: not valid JSON']
    """
    write_bytes(path, shard_bytes(rows))


def read_shard(path: Path) -> Any:
    """A shard file as a pyarrow Table with the columns row, id, result, error, issues.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "shard-00000.parquet"
    >>> write_shard(path, [Row(1, "a", result="x")])
    >>> read_shard(path).column("result").to_pylist()
    ['x']
    """
    _, pq = pyarrow_modules()
    present = set(pq.read_schema(path).names)  # shards written before "issues" lack it
    return pq.read_table(path, columns=[c for c in COLUMNS if c in present])


def shard_entry(plan: ShardPlan, failed: int, sha256: str) -> dict[str, Any]:
    """The manifest's record of a finished shard.

    >>> shard_entry(ShardPlan(0, 1, 5, 5, 0), failed=1, sha256="ab12")["ok"]
    4
    """
    return {
        "file": plan.file,
        "first_row": plan.first_row,
        "last_row": plan.last_row,
        "rows": plan.rows,
        "ok": plan.rows - failed,
        "failed": failed,
        "sha256": sha256,
    }


def verify_shard(out: Path, plan: ShardPlan, sha256: str | None) -> dict[str, Any] | None:
    """The manifest entry of a finished shard, or None when it must be redone: missing, not
    recorded (``sha256`` None), changed since it was written, or not holding the plan's rows.

    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> plan = ShardPlan(index=0, first_row=1, last_row=1, rows=1, locator=0)
    >>> (out / "shards").mkdir()
    >>> data = shard_bytes([Row(1, "a", result="x")])
    >>> write_bytes(out / plan.file, data)
    >>> verify_shard(out, plan, hashlib.sha256(data).hexdigest())["ok"]
    1
    >>> verify_shard(out, plan, "0" * 64) is None
    True
    """
    path = out / plan.file
    if not path.is_file():
        return None
    if sha256 is None:
        logger.warning("%s is not recorded in the manifest; redoing it", path)
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        logger.warning("%s is unreadable (%s); redoing it", path, exc.strerror)
        return None
    if hashlib.sha256(data).hexdigest() != sha256:
        logger.warning("%s changed since it was written (checksum differs); redoing it", path)
        return None
    try:
        table = read_shard(path)
        rows = table.column("row").to_pylist()
        errors = table.column("error").null_count
    except Exception as exc:  # a corrupt file: pyarrow raises several kinds
        logger.warning("%s is unreadable (%s); redoing it", path, exc)
        return None
    if len(rows) != plan.rows or rows[0] != plan.first_row or rows[-1] != plan.last_row:
        logger.warning(
            "%s does not hold rows %d..%d; redoing it", path, plan.first_row, plan.last_row
        )
        return None
    return shard_entry(plan, failed=plan.rows - errors, sha256=sha256)


def remove_temp_files(out: Path) -> None:
    """Delete the temporary files an interrupted run left in ``out`` and ``out/shards``.

    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (out / "manifest.json.77.tmp").write_text("{")
    >>> remove_temp_files(out)
    >>> list(out.iterdir())
    []
    """
    for folder in (out, out / "shards"):
        if folder.is_dir():
            for tmp in folder.glob(f"*{TMP_SUFFIX}"):
                logger.info("removing %s, left by an interrupted run", tmp)
                tmp.unlink()
