"""Corpus-scale runs that survive crashes: stream rows in, write Parquet shards, resume after a kill.

    ringkas run --task summarize --input liputan6.jsonl --text-field clean_article --id-field id \\
        --output out/ --shard-size 1000
    # killed, out of memory, machine rebooted? the same command with --resume finishes the job

>>> from ringkas.jobs import run_job
>>> summary = run_job("corpus.jsonl", "out", task="summarize", lang="id")  # doctest: +SKIP
>>> summary.ok, summary.failed  # doctest: +SKIP
(9990, 10)

**Input** is streamed, never loaded whole: a JSON Lines file (``.jsonl``, ``.json``, ``.ndjson``)
line by line, a Parquet file (``.parquet``, ``.pq``) batch by batch with pyarrow, or a folder of
``.txt`` files (searched recursively, in name order). Each record is one *row*; its ``row`` number
is 1-based: the line number in a JSONL file (blank lines are skipped, not rows), the row number
in a Parquet file (``df.iloc[row - 1]``), the file's position in name order in a folder. Its
``id`` is the ``id_field`` value as a string, else ``str(row)``; in a folder, the file's path
relative to the folder.

**Output** (``out/``)::

    shards/shard-00000.parquet   rows 1..shard_size in input order; columns row, id, result,
                                 error, issues (the faithfulness check: a JSON list of issues)
    shards/shard-00001.parquet   ...
    manifest.json                input, settings, shard list (row ranges, counts), totals, runs
    errors.jsonl                 one {"row", "id", "error"} line per failed row, in input order

Every input row is in exactly one shard, with either a ``result`` or an ``error``. Read it all
back with ``pandas.read_parquet("out/shards")``.

**The guard** (``guard=`` / ``--guard``, a setting of the job): ``"warn"`` (the default) fills
``issues`` (a translation's issues each carry their ``sentence`` index; a summary is checked
against its whole article); ``"retry"`` also re-generates flagged sentences or summaries with
other decoding; ``"raise"`` turns a flagged row into an error row; ``None`` (``--guard none``)
checks nothing and leaves ``issues`` empty (null).

**Bad rows** (not UTF-8, invalid JSON, not an object, missing field, not a string, empty text)
become error rows and never stop the job. A shard's good rows go to the model in one call; if
that call raises a :class:`~ringkas.errors.RingkasError`, the shard is redone row by row, and a
row whose own call raises :class:`~ringkas.errors.InputError` (an article that is all
boilerplate) becomes an error row. Other errors (a missing model, a wrong language pair) would
fail every row, so they stop the job; fix the setup and ``resume``.

**Crash safety**: a shard is written to a temporary file in ``shards/``, fsynced, then renamed
over its final name (``os.replace``), so a shard file is either complete or absent. The manifest
is replaced the same way, and is written before ``shards/`` exists and before each shard file is
renamed into place, with that shard's SHA-256: so every shard on disk is recorded. ``resume=True``
keeps every shard whose bytes still have their recorded checksum and that holds the expected row
numbers, and redoes the others (missing, truncated, corrupt, or edited since); temporary files
left by a killed run are deleted, and a folder holding only an empty ``shards/`` (a run killed
before its first manifest) counts as empty. ``errors.jsonl`` and the manifest's totals are rebuilt
from the shards at the end, so a run killed at any point and resumed leaves the same files as one
that never stopped (only the manifest's ``runs`` log differs). Without ``resume`` a non-empty
output folder is an error; a ``resume`` with other settings (task, fields, language, models,
strategy, backend, shard size) or a changed input (path, size, SHA-256 of the content: an edit
that keeps the size is caught too) is an error too, naming what changed. Device, batch size and
engine may change between runs. The input's checksum costs one extra read of it per run.

**Engines**: ``engine="local"`` runs in this process; ``engine="ray"`` spreads the shards over a
Ray cluster (``pip install "ringkas[ray]"``, see :mod:`ringkas.jobs.ray`) and writes the very same
files.

**Modules**: :mod:`~ringkas.jobs.settings` (what decides results), :mod:`~ringkas.jobs.sources`
(the :class:`Source` protocol and the three readers), :mod:`~ringkas.jobs.rows` (``Row``,
``ShardPlan``), :mod:`~ringkas.jobs.shards` (atomic shard files and their checks),
:mod:`~ringkas.jobs.manifest` (the folder and the resume rules), :mod:`~ringkas.jobs.local` and
:mod:`~ringkas.jobs.ray` (the two engines), :mod:`~ringkas.jobs.run` (:func:`run_job`).
"""

from __future__ import annotations

from ringkas.jobs.local import Result, make_runner, process_rows
from ringkas.jobs.manifest import MANIFEST_FORMAT
from ringkas.jobs.rows import Row, ShardPlan
from ringkas.jobs.run import JobSummary, run_job
from ringkas.jobs.settings import ENGINES, TASKS, JobSettings
from ringkas.jobs.sources import Source, open_source

__all__ = [
    "ENGINES",
    "MANIFEST_FORMAT",
    "TASKS",
    "JobSettings",
    "JobSummary",
    "Result",
    "Row",
    "ShardPlan",
    "Source",
    "make_runner",
    "open_source",
    "process_rows",
    "run_job",
]
