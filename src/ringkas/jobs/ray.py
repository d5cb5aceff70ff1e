"""Run a :mod:`ringkas.jobs` job on Ray Data: the same shards, manifest and errors, many workers.

    pip install "ringkas[ray]"
    ringkas run --engine ray --num-workers 4 --device cuda --task summarize \\
        --input corpus.jsonl --output out/

**Pipeline.** The driver scans the input once (byte offsets for JSONL, row offsets for Parquet,
file names for a folder; see :class:`~ringkas.jobs.rows.ShardPlan`) and makes a dataset with one item
per unfinished shard, ``ray.data.from_items(plans)``. Then ``map_batches(_ShardWorker,
batch_size=1, compute=ActorPoolStrategy(size=num_workers), num_gpus=1 if CUDA)``: the callable
class loads the Translator or Summarizer once per worker in ``__init__``; each call reads its
shard's rows straight from the input with ringkas's own readers (an invalid JSON line becomes an
error row, exactly as in a local run), processes them with the same row-by-row fallback
(:func:`~ringkas.jobs.local.process_rows`) and returns an Arrow table. The driver streams the results
(``iter_batches``) and writes each shard atomically the moment it is complete, then
``errors.jsonl`` and ``manifest.json``. So the output folder is the one a local run writes, file
for file and row for row, and a Ray job that is killed resumes like a local one (with either
engine).

**Why not** ``ray.data.read_json`` / ``read_text`` / ``read_parquet`` and ``write_parquet``:
``read_json`` fails the whole dataset at the first invalid line; Ray Data rows carry no line or
row number and blocks arrive in no fixed order, so an error could not name its line and shards
could not be rebuilt in input order; and ``write_parquet`` names and cuts files after Ray's blocks,
so a killed run could not tell which rows are finished. Reading by shard keeps all three.

**Clusters.** ``ray.init()`` is called only when Ray is not initialised yet, and it honours
``RAY_ADDRESS`` (``RAY_ADDRESS=auto ringkas run --engine ray ...`` on a cluster node, or
``RAY_ADDRESS=ray://head:10001``). From Python, call ``ray.init(address="auto")`` (or any
``ray.init``) yourself before ``run_job(..., engine="ray")``; ringkas then leaves Ray running. A
Ray instance that ringkas started is shut down at the end. Every node needs ringkas and the
model installed, and must see the input at the same path (a shared filesystem); results come back
to the driver, which alone writes the output folder.

**Workers.** ``num_workers`` model copies run at once (default: one per GPU in the cluster with
``device="cuda"``, else one per CPU); each holds its own model in memory, so cap it for large
models. A CUDA worker gets ``num_gpus=1`` and sees its GPU as ``cuda``.

>>> from ringkas.jobs import run_job
>>> run_job("corpus.jsonl", "out", task="summarize", engine="ray", num_workers=4)  # doctest: +SKIP
JobSummary(output=PosixPath('out'), rows=..., engine='ray')
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from ringkas.errors import ConfigError, EngineNotAvailableError
from ringkas.jobs.arrow import pyarrow_modules
from ringkas.jobs.local import Done, make_runner, process_rows
from ringkas.jobs.rows import Row, ShardPlan
from ringkas.jobs.settings import JobSettings
from ringkas.jobs.sources import Source, open_source

__all__ = ["require_ray", "run_on_ray"]

_COLUMNS = ("shard", "row", "id", "result", "error", "issues")


def require_ray() -> Any:
    """The ``ray`` module with Ray Data, or :class:`EngineNotAvailableError` saying what to install.

    >>> try:
    ...     ray = require_ray()
    ... except EngineNotAvailableError as exc:  # no ray here: the message says what to install
    ...     ray, why = None, str(exc)
    >>> ray is None or ray.__name__ == "ray"
    True
    """
    try:
        ray = importlib.import_module("ray")
        importlib.import_module("ray.data")
    except ImportError as exc:
        raise EngineNotAvailableError(
            f'engine="ray" needs Ray Data, which is not installed ({exc}). Install it with '
            f'pip install "ringkas[ray]", or use the local engine.'
        ) from exc
    return ray


class _ShardWorker:
    """One Ray worker: loads the model once, then turns shard plans into result rows."""

    def __init__(
        self,
        source: dict[str, Any],
        settings: dict[str, Any],
        device: str | None,
        batch_size: int | None,
    ) -> None:
        self.source = open_source(**source)
        self.settings = JobSettings(**settings)
        self.runner = make_runner(self.settings, device=device, batch_size=batch_size)

    def __call__(self, batch: dict[str, Any]) -> Any:
        pa, _ = pyarrow_modules()
        plans = [ShardPlan.from_json(str(text)) for text in batch["plan"]]
        columns: dict[str, list[Any]] = {name: [] for name in _COLUMNS}
        for plan, rows in self.source.read_shards(plans):
            for row in process_rows(rows, self.runner, check=self.settings):
                values = (plan.index, row.row, row.id, row.result, row.error, row.issues)
                for name, value in zip(_COLUMNS, values, strict=True):
                    columns[name].append(value)
        types = (pa.int64(), pa.int64(), pa.string(), pa.string(), pa.string(), pa.string())
        return pa.table(
            {name: pa.array(columns[name], t) for name, t in zip(_COLUMNS, types, strict=True)}
        )


def _default_workers(ray: Any, gpus: int) -> int:
    resources = ray.cluster_resources()
    if gpus:
        count = int(resources.get("GPU", 0))
        if count < 1:
            raise ConfigError(
                "device='cuda' but the Ray cluster has no GPUs. Use --device cpu, or connect to a "
                "cluster with GPUs (RAY_ADDRESS)."
            )
        return count
    return max(1, int(resources.get("CPU", 1)))


def run_on_ray(
    source: Source,
    plans: Sequence[ShardPlan],
    settings: JobSettings,
    done: Done,
    *,
    device: str | None,
    batch_size: int | None,
    num_workers: int | None,
) -> None:
    """Process ``plans`` on Ray; ``done(plan, rows)`` is called on the driver for each shard.

    :func:`ringkas.jobs.run_job` with ``engine="ray"`` calls it; needs Ray, so not run here:

    >>> from ringkas.jobs.sources import open_source
    >>> source = open_source("corpus.jsonl")  # doctest: +SKIP
    >>> run_on_ray(source, source.plan(1000), JobSettings(task="translate"),
    ...            lambda plan, rows: print(plan.file, len(rows)),
    ...            device=None, batch_size=None, num_workers=2)  # doctest: +SKIP
    shards/shard-00000.parquet 1000
    """
    ray = require_ray()
    started_here = not ray.is_initialized()
    if started_here:
        ray.init()  # honours RAY_ADDRESS; without it, a local instance
    try:
        gpus = 1 if device is not None and device.startswith("cuda") else 0
        workers = num_workers or _default_workers(ray, gpus)
        items = [{"plan": plan.to_json()} for plan in plans]
        dataset = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            _ShardWorker,
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=min(workers, len(items))),
            num_gpus=gpus or None,
            fn_constructor_kwargs={
                "source": {
                    "path": str(source.path.resolve()),
                    "text_field": source.text_field,
                    "id_field": source.id_field,
                    "where": source.where,
                },
                "settings": {
                    name: getattr(settings, name) for name in JobSettings.__dataclass_fields__
                },
                "device": "cuda" if gpus else device,
                "batch_size": batch_size,
            },
        )
        _collect(dataset, {plan.index: plan for plan in plans}, done)
    finally:
        if started_here:
            ray.shutdown()


def _collect(dataset: Any, plans: dict[int, ShardPlan], done: Done) -> None:
    """Gather result rows per shard as Ray streams them back; hand over each complete shard."""
    partial: dict[int, list[Row]] = {}
    for table in dataset.iter_batches(batch_format="pyarrow", batch_size=None):
        values = (table.column(name).to_pylist() for name in _COLUMNS)
        for shard, row, ident, result, error, issues in zip(*values, strict=True):
            rows = partial.setdefault(shard, [])
            rows.append(Row(row, ident, result=result, error=error, issues=issues))
            if len(rows) == plans[shard].rows:
                done(plans[shard], sorted(partial.pop(shard), key=lambda r: r.row))
