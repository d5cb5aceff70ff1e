""":func:`run_job`, the one entry point of a corpus run, and the :class:`JobSummary` it returns.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "in.jsonl").write_text('{"text": "Harga beras naik. Pedagang mengeluh."}\\n')
>>> run_job(folder / "in.jsonl", folder / "out", task="summarize", lang="id",
...         strategy="lead", show_progress=False).ok
1
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from ringkas._version import __version__
from ringkas.inputs import show_progress_default
from ringkas.jobs.local import make_runner, run_local
from ringkas.jobs.manifest import MANIFEST_FORMAT, JobFolder, open_folder
from ringkas.jobs.rows import Row, ShardPlan
from ringkas.jobs.settings import JobSettings, check_run_options, model_key
from ringkas.jobs.sources import Source, open_source
from ringkas.models.languages import normalize

__all__ = ["JobSummary", "run_job"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobSummary:
    """What a run did: all rows in the output, and what this run processed and how fast.

    >>> summary = JobSummary(Path("out"), rows=3, ok=2, failed=1, processed=3, resumed=0,
    ...                      shards=1, seconds=2.0, rows_per_s=1.5, engine="local")
    >>> print(summary)
    3 rows: 2 ok, 1 failed (see out/errors.jsonl); 3 processed in 2.0 s (1.5 rows/s, local); 1 shards in out/shards
    """

    output: Path
    rows: int
    ok: int
    failed: int
    processed: int
    resumed: int
    shards: int
    seconds: float
    rows_per_s: float
    engine: str

    def __str__(self) -> str:
        errors = f" (see {self.output / 'errors.jsonl'})" if self.failed else ""
        resumed = f", {self.resumed} kept from an earlier run" if self.resumed else ""
        return (
            f"{self.rows} rows: {self.ok} ok, {self.failed} failed{errors}; {self.processed} "
            f"processed in {self.seconds:.1f} s ({self.rows_per_s:.1f} rows/s, {self.engine})"
            f"{resumed}; {self.shards} shards in {self.output / 'shards'}"
        )


def run_job(
    input: str | Path,
    output: str | Path,
    *,
    task: str,
    text_field: str = "text",
    id_field: str | None = None,
    lang: str = "en",
    model: str | None = None,
    translation_model: str | None = None,
    strategy: str = "auto",
    resume: bool = False,
    engine: str = "local",
    num_workers: int | None = None,
    shard_size: int = 1000,
    batch_size: int | None = None,
    device: str | None = None,
    backend: str = "auto",
    guard: str | None = "warn",
    show_progress: bool | None = None,
) -> JobSummary:
    """Summarise or translate every row of ``input`` into Parquet shards under ``output``.

    See :mod:`ringkas.jobs` for the input formats, the output layout and what ``resume`` does.
    ``engine="ray"`` runs the shards on Ray (``num_workers`` model copies, one GPU each when
    ``device`` is CUDA); ``batch_size`` caps sentences per model batch. ``guard`` is as in
    :func:`~ringkas.translate` / :func:`~ringkas.summarize`: each result's issues go into the
    shards' ``issues`` column (``"warn"``, the default, and ``"retry"``, which also re-generates
    flagged sentences or summaries); ``"raise"`` makes a flagged row an error row; ``None`` checks
    nothing and leaves the column empty (null). With ``strategy="lead"`` no model is needed:

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "in.jsonl").write_text(
    ...     '{"text": "Harga beras naik. Pedagang mengeluh. Cuaca cerah. Hujan turun."}\\n'
    ...     '{"text": ""}\\n')
    >>> summary = run_job(folder / "in.jsonl", folder / "out", task="summarize", lang="id",
    ...                   strategy="lead")
    >>> summary.rows, summary.ok, summary.failed
    (2, 1, 1)
    >>> sorted(p.name for p in (folder / "out").iterdir())
    ['errors.jsonl', 'manifest.json', 'shards']
    """
    check_run_options(engine=engine, num_workers=num_workers, batch_size=batch_size)
    if engine == "ray":
        from ringkas.jobs.ray import require_ray

        require_ray()
    settings = JobSettings(
        task=task, text_field=text_field, id_field=id_field, lang=normalize(lang),
        model=model_key(model), translation_model=model_key(translation_model),
        strategy=strategy, backend=backend, shard_size=shard_size, guard=guard,
    )  # fmt: skip
    started = time.perf_counter()
    source = open_source(input, text_field=text_field, id_field=id_field)
    run_record: dict[str, Any] = {
        "engine": engine, "device": device, "batch_size": batch_size, "num_workers": num_workers,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
    }  # fmt: skip
    folder = open_folder(
        Path(output).expanduser(), _new_manifest(source, settings, run_record), resume=resume
    )
    plans = source.plan(settings.shard_size)
    pending = folder.keep_finished(plans)
    total, todo = sum(p.rows for p in plans), sum(p.rows for p in pending)
    show = show_progress_default(show_progress)
    with tqdm(total=total, initial=total - todo, desc=task, unit="row", disable=not show) as bar:
        _execute(folder, source, pending, settings, bar, engine=engine, device=device,
                 batch_size=batch_size, num_workers=num_workers)  # fmt: skip
    seconds = time.perf_counter() - started
    run_record.update(seconds=round(seconds, 3), rows_processed=todo)
    ok, failed = folder.finish(plans)
    summary = JobSummary(
        output=folder.out, rows=total, ok=ok, failed=failed, processed=todo,
        resumed=total - todo, shards=len(plans), seconds=seconds,
        rows_per_s=todo / seconds if seconds else 0.0, engine=engine,
    )  # fmt: skip
    logger.info("%s", summary)
    if total and failed > total / 2:
        logger.warning(
            "%d of %d rows failed; check --text-field / --id-field and the first errors in %s.",
            failed, total, folder.out / "errors.jsonl",
        )  # fmt: skip
    return summary


def _new_manifest(
    source: Source, settings: JobSettings, run_record: dict[str, Any]
) -> dict[str, Any]:
    return {
        "format": MANIFEST_FORMAT,
        "ringkas_version": __version__,
        "input": source.fingerprint(),
        "settings": asdict(settings),
        "complete": False,
        "shards": [],
        "totals": None,
        "runs": [run_record],
    }


def _execute(
    folder: JobFolder,
    source: Source,
    pending: list[ShardPlan],
    settings: JobSettings,
    bar: Any,
    *,
    engine: str,
    device: str | None,
    batch_size: int | None,
    num_workers: int | None,
) -> None:
    """Process the pending shards; the model is loaded before anything is written."""
    runner = None
    if pending and engine == "local":
        runner = make_runner(settings, device=device, batch_size=batch_size)
    folder.start()

    def done(plan: ShardPlan, rows: Sequence[Row]) -> None:
        folder.shard_done(plan, rows)
        bar.update(len(rows))

    if runner is not None:
        run_local(source, pending, runner, done, check=settings)
    elif pending:
        from ringkas.jobs.ray import run_on_ray

        run_on_ray(source, pending, settings, done, device=device, batch_size=batch_size,
                   num_workers=num_workers)  # fmt: skip
