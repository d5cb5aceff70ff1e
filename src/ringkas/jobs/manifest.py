"""A job's output folder: the manifest (input, settings, shards, totals, runs), kept consistent
with the shards, and the rules for starting or resuming a job in a folder.

Order of writes, so that a kill at any point leaves a folder ``resume`` can finish: the manifest
first, then ``shards/``; for each shard its entry (with its checksum) goes into the manifest
before the shard file is renamed into place, so every shard file on disk is recorded;
``errors.jsonl`` and the totals are rebuilt from the shards at the end.

>>> import pathlib, tempfile
>>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
>>> folder = open_folder(out, {"format": MANIFEST_FORMAT, "input": {}, "settings": {}, "runs": []},
...                      resume=False)
>>> folder.start()
>>> sorted(p.name for p in out.iterdir())
['manifest.json', 'shards']
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ringkas.errors import ConfigError, InputError
from ringkas.jobs.rows import Row, ShardPlan
from ringkas.jobs.settings import SETTING_DEFAULTS
from ringkas.jobs.shards import (
    TMP_SUFFIX,
    atomic_write,
    read_shard,
    remove_temp_files,
    shard_bytes,
    shard_entry,
    verify_shard,
    write_bytes,
    write_json,
)

__all__ = ["MANIFEST_FORMAT", "JobFolder", "open_folder"]

logger = logging.getLogger(__name__)


def _since(part: str, key: str) -> Any:
    """What an older manifest that lacks ``key`` ran with (a setting added since: its default)."""
    return SETTING_DEFAULTS.get(key) if part == "settings" else None


MANIFEST_FORMAT = "ringkas-job/2"


def _is_leftover(path: Path) -> bool:
    """A temporary file, or a ``shards/`` folder holding nothing else: what a run killed before
    its first manifest leaves; nothing of value."""
    if path.name.endswith(TMP_SUFFIX):
        return True
    return (
        path.name == "shards"
        and path.is_dir()
        and all(p.name.endswith(TMP_SUFFIX) for p in path.iterdir())
    )


def _earlier_manifest(out: Path, manifest: dict[str, Any], resume: bool) -> dict[str, Any]:
    """The manifest of the job already in ``out`` ({} when there is none); refuses to overwrite,
    or to resume with other settings or input."""
    if out.exists() and not out.is_dir():
        raise ConfigError(f"Output {out} is a file; pass a folder.")
    existing = [p for p in out.iterdir() if not _is_leftover(p)] if out.is_dir() else []
    if not existing:
        return {}
    if not resume:
        raise ConfigError(
            f"Output folder {out} already exists and is not empty. Pass --resume "
            f"(resume=True) to continue the job in it, or choose another output folder."
        )
    path = out / "manifest.json"
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"{out} is not empty but has no readable manifest.json, so it is not a ringkas job "
            f"to resume. Choose another output folder."
        ) from exc
    if not isinstance(old, dict) or old.get("format") != MANIFEST_FORMAT:
        found = old.get("format") if isinstance(old, dict) else None
        raise ConfigError(
            f"{path} is not a {MANIFEST_FORMAT} manifest (it says {found!r}); finish that job "
            f"with the ringkas version that started it, or choose another folder."
        )
    changes = [
        f"{key}: {then!r} then, {now!r} now"
        for part in ("settings", "input")
        for key in sorted({*old.get(part, {}), *manifest[part]})
        if (then := old.get(part, {}).get(key, _since(part, key)))
        != (now := manifest[part].get(key))
    ]
    if changes:
        raise ConfigError(
            f"Cannot resume the job in {out} with other settings or input ("
            + "; ".join(changes)
            + "). Resume with the same settings, or choose another output folder."
        )
    return old


@dataclass
class JobFolder:
    """The output folder of one job: shards, manifest and errors, kept consistent.

    ``entries`` are the finished shards' manifest entries by shard index; ``recorded`` the
    SHA-256 of each shard file an earlier run wrote, by file name.

    >>> JobFolder(Path("out"), {"runs": []}).entries
    {}

    A job of two shards: :meth:`start`, the first shard done, then a killed run resumed, which
    keeps that shard and does the other (:meth:`save_manifest` runs at each step):

    >>> import tempfile
    >>> from ringkas.jobs.rows import Row, ShardPlan
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> def job(): return {"format": MANIFEST_FORMAT, "input": {"path": "in.jsonl"},
    ...                    "settings": {}, "runs": []}
    >>> plans = [ShardPlan(0, 1, 2, 2, 0), ShardPlan(1, 3, 3, 1, 40)]
    >>> folder = JobFolder(out, job())
    >>> folder.start()
    >>> folder.shard_done(plans[0], [Row(1, "a", result="Up."), Row(2, "b", error="empty")])
    >>> [(s["file"], s["ok"], s["failed"]) for s in folder.manifest["shards"]]
    [('shards/shard-00000.parquet', 1, 1)]
    >>> again = open_folder(out, job(), resume=True)
    >>> [p.index for p in again.keep_finished(plans)]
    [1]
    >>> again.shard_done(plans[1], [Row(3, "c", result="Ok.")])
    >>> again.finish(plans), (out / "errors.jsonl").read_text().splitlines()
    ((2, 1), ['{"row": 2, "id": "b", "error": "empty"}'])
    >>> folder.save_manifest()  # rewrites manifest.json from ``entries``
    >>> sorted(p.name for p in out.iterdir())
    ['errors.jsonl', 'manifest.json', 'shards']
    """

    out: Path
    manifest: dict[str, Any]
    entries: dict[int, dict[str, Any]] = field(default_factory=dict)
    recorded: dict[str, str] = field(default_factory=dict)

    def keep_finished(self, plans: Sequence[ShardPlan]) -> list[ShardPlan]:
        """Keep the earlier run's shards that check out; returns the plans still to do."""
        if self.out.is_dir():
            remove_temp_files(self.out)
            for plan in plans:
                entry = verify_shard(self.out, plan, self.recorded.get(plan.file))
                if entry is not None:
                    self.entries[plan.index] = entry
        if self.entries:
            logger.info("resuming: %d of %d shards are done", len(self.entries), len(plans))
        return [p for p in plans if p.index not in self.entries]

    def start(self) -> None:
        """Write the manifest, then make ``shards/``."""
        self.out.mkdir(parents=True, exist_ok=True)
        self.save_manifest()
        (self.out / "shards").mkdir(exist_ok=True)

    def save_manifest(self) -> None:
        """Write the manifest with the shards finished so far."""
        self.manifest["shards"] = [self.entries[i] for i in sorted(self.entries)]
        write_json(self.out / "manifest.json", self.manifest)

    def shard_done(self, plan: ShardPlan, rows: Sequence[Row]) -> None:
        """Record the shard (with its checksum) in the manifest, then write it."""
        if [r.row for r in rows][:1] != [plan.first_row] or len(rows) != plan.rows:
            raise InputError(
                f"{self.manifest['input']['path']} changed while the job ran (shard {plan.index} "
                f"should hold rows {plan.first_row}..{plan.last_row}). Start again in a new folder."
            )
        data = shard_bytes(rows)
        failed = sum(r.error is not None for r in rows)
        self.entries[plan.index] = shard_entry(plan, failed, hashlib.sha256(data).hexdigest())
        self.save_manifest()
        write_bytes(self.out / plan.file, data)

    def finish(self, plans: Sequence[ShardPlan]) -> tuple[int, int]:
        """Write errors.jsonl from the shards and the manifest's totals; returns (ok, failed)."""
        missing = [p.index for p in plans if p.index not in self.entries]
        if missing:
            raise InputError(
                f"{self.manifest['input']['path']} changed while the job ran (shards {missing} "
                f"came back short). Start again in a new folder."
            )

        def write(file: Any) -> None:
            for plan in plans:
                if not self.entries[plan.index]["failed"]:
                    continue
                table = read_shard(self.out / plan.file)
                for row, ident, error in zip(
                    *(table.column(c).to_pylist() for c in ("row", "id", "error")), strict=True
                ):
                    if error is not None:
                        record = {"row": row, "id": ident, "error": error}
                        file.write((json.dumps(record, ensure_ascii=False) + "\n").encode())

        atomic_write(self.out / "errors.jsonl", write)
        failed = sum(e["failed"] for e in self.entries.values())
        rows = sum(e["rows"] for e in self.entries.values())
        self.manifest["totals"] = {
            "rows": rows, "ok": rows - failed, "failed": failed, "shards": len(plans)
        }  # fmt: skip
        self.manifest["complete"] = True
        self.save_manifest()
        return rows - failed, failed


def open_folder(out: Path, manifest: dict[str, Any], *, resume: bool) -> JobFolder:
    """The job folder ``out`` for a job with ``manifest`` (its ``runs`` hold this run alone):
    empty, or (with ``resume``) holding the same job, whose earlier runs and shard checksums are
    carried over. Nothing is written yet.

    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (out / "notes.txt").write_text("mine")
    >>> open_folder(out, {"input": {}, "settings": {}, "runs": []}, resume=False)
    Traceback (most recent call last):
    ...
    ringkas.errors.ConfigError: Output folder ... already exists and is not empty. Pass --resume (resume=True) to continue the job in it, or choose another output folder.
    """
    old = _earlier_manifest(out, manifest, resume)
    runs = old.get("runs", [])
    manifest["runs"] = [*(runs if isinstance(runs, list) else []), *manifest["runs"]]
    recorded = {
        entry["file"]: entry["sha256"]
        for entry in old.get("shards", [])
        if isinstance(entry, dict) and isinstance(entry.get("sha256"), str) and "file" in entry
    }
    return JobFolder(out, manifest, recorded=recorded)
