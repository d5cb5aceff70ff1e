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

    shards/shard-00000.parquet   rows 1..shard_size in input order; columns row, id, result, error
    shards/shard-00001.parquet   ...
    manifest.json                input, settings, shard list (row ranges, counts), totals, runs
    errors.jsonl                 one {"row", "id", "error"} line per failed row, in input order

Every input row is in exactly one shard, with either a ``result`` or an ``error``. Read it all
back with ``pandas.read_parquet("out/shards")``.

**Bad rows** (not UTF-8, invalid JSON, not an object, missing field, not a string, empty text)
become error rows and never stop the job. A shard's good rows go to the model in one call; if
that call raises a :class:`~ringkas.errors.RingkasError`, the shard is redone row by row, and a
row whose own call raises :class:`~ringkas.errors.InputError` (an article that is all
boilerplate) becomes an error row. Other errors (a missing model, a wrong language pair) would
fail every row, so they stop the job; fix the setup and ``resume``.

**Crash safety**: a shard is written to a temporary file in ``shards/``, fsynced, then renamed
over its final name (``os.replace``), so a shard file is either complete or absent. The manifest
is replaced the same way. ``resume=True`` keeps every shard that reads back with the expected row
numbers and redoes the others (missing, truncated or corrupt); temporary files left by a killed
run are deleted. ``errors.jsonl`` and the manifest's totals are rebuilt from the shards at the end,
so a run killed at any point and resumed leaves the same files as one that never stopped (only
the manifest's ``runs`` log differs). Without ``resume`` a non-empty output folder is an error; a
``resume`` with other settings (task, fields, language, models, strategy, backend, shard size)
or a changed input (path, size) is an error too. Device, batch size and engine may change between runs.

**Engines**: ``engine="local"`` runs in this process; ``engine="ray"`` spreads the shards over a
Ray cluster (``pip install "ringkas[ray]"``, see :mod:`ringkas.jobs_ray`) and writes the very same
files.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from ringkas.errors import ConfigError, EngineNotAvailableError, InputError, RingkasError
from ringkas.io import parse_jsonl_line
from ringkas.summarization import STRATEGIES

__all__ = [
    "ENGINES",
    "TASKS",
    "JobSettings",
    "JobSummary",
    "Row",
    "ShardPlan",
    "open_source",
    "process_rows",
    "run_job",
]

logger = logging.getLogger(__name__)

TASKS = ("summarize", "translate")
ENGINES = ("local", "ray")
MANIFEST_FORMAT = "ringkas-job/1"
_BACKENDS = ("auto", "transformers", "ctranslate2")
_JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
_PARQUET_SUFFIXES = (".parquet", ".pq")
_TMP_SUFFIX = ".tmp"

Runner = Callable[[list[str]], list[str]]


def _arrow() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, imported on first use (``import ringkas`` stays light)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow comes with the eval and ray extras
        raise EngineNotAvailableError(
            'Corpus runs write Parquet and need pyarrow: pip install pyarrow (or "ringkas[eval]").'
        ) from exc
    return pa, pq


# --------------------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class JobSettings:
    """Everything that decides a job's results; a resumed job must have the same.

    >>> JobSettings(task="summarize", lang="id", strategy="lead", shard_size=500).shard_size
    500
    >>> JobSettings(task="classify")
    Traceback (most recent call last):
    ...
    ringkas.errors.ConfigError: task must be one of ('summarize', 'translate'), got 'classify'.
    """

    task: str
    text_field: str = "text"
    id_field: str | None = None
    lang: str = "en"
    model: str | None = None
    translation_model: str | None = None
    strategy: str = "auto"
    backend: str = "auto"
    shard_size: int = 1000

    def __post_init__(self) -> None:
        if self.task not in TASKS:
            raise ConfigError(f"task must be one of {TASKS}, got {self.task!r}.")
        if self.strategy not in STRATEGIES:
            raise ConfigError(f"strategy must be one of {STRATEGIES}, got {self.strategy!r}.")
        if self.backend not in _BACKENDS:
            raise ConfigError(f"backend must be one of {_BACKENDS}, got {self.backend!r}.")
        if self.task == "translate" and (
            self.strategy != "auto" or self.translation_model is not None
        ):
            raise ConfigError(
                "strategy and translation_model are summarize settings; for --task translate "
                "pass the translation model as --model."
            )
        if not isinstance(self.shard_size, int) or self.shard_size < 1:
            raise ConfigError(f"shard_size must be a positive integer, got {self.shard_size!r}.")
        if not isinstance(self.text_field, str) or not self.text_field:
            raise ConfigError(f"text_field must be a field name, got {self.text_field!r}.")


def _model_key(model: str | None) -> str | None:
    """A local model directory as an absolute path (so a resume from elsewhere matches)."""
    if model is None:
        return None
    path = Path(model).expanduser()
    return str(path.resolve()) if path.exists() else model


def make_runner(settings: JobSettings, *, device: str | None, batch_size: int | None) -> Runner:
    """Load the job's model once; the returned function maps a list of texts to its results."""
    if settings.task == "translate":
        from ringkas.translation import Translator

        translator = Translator(settings.model, backend=settings.backend, device=device)

        def translate(texts: list[str]) -> list[str]:
            out = translator.translate(
                texts, src="id", tgt=settings.lang, batch_size=batch_size, show_progress=False
            )
            return list(out)

        return translate

    from ringkas.summarization import Summarizer

    summarizer = Summarizer(
        settings.model,
        translation_model=settings.translation_model,
        strategy=settings.strategy,
        backend=settings.backend,
        device=device,
    )

    def summarize(texts: list[str]) -> list[str]:
        out = summarizer.summarize(
            texts, lang=settings.lang, batch_size=batch_size, show_progress=False
        )
        return list(out)

    return summarize


# ------------------------------------------------------------------------------------------ rows


@dataclass(frozen=True)
class Row:
    """One input row: its text to process, or why it cannot be; then its result or error.

    >>> Row(1, "rn-1", text="Harga beras naik.")
    Row(row=1, id='rn-1', text='Harga beras naik.', result=None, error=None)
    """

    row: int
    id: str
    text: str | None = None
    result: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class ShardPlan:
    """Where shard ``index`` lies in the input: its row numbers and how to get there fast.

    ``locator`` is a byte offset (JSONL), a 0-based row offset (Parquet) or the file names
    (folder).

    >>> plan = ShardPlan(index=1, first_row=1001, last_row=2000, rows=1000, locator=482113)
    >>> plan.file
    'shards/shard-00001.parquet'
    >>> ShardPlan.from_json(plan.to_json()) == plan
    True
    """

    index: int
    first_row: int
    last_row: int
    rows: int
    locator: int | tuple[str, ...]

    @property
    def file(self) -> str:
        return f"shards/shard-{self.index:05d}.parquet"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ShardPlan:
        data = json.loads(text)
        locator = data["locator"]
        data["locator"] = tuple(locator) if isinstance(locator, list) else locator
        return cls(**data)


def _check_record(
    record: Mapping[str, Any], row: int, where: str, text_field: str, id_field: str | None
) -> Row:
    """A parsed record -> a Row with its id and text, or with the reason it cannot be used."""
    ident = str(row)
    if id_field is not None:
        if id_field not in record:
            return Row(
                row,
                ident,
                error=f"{where}: no field {id_field!r} (it has: {', '.join(record) or 'none'}). "
                f"Choose the id field with --id-field.",
            )
        value = record[id_field]
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            kind = "null" if value is None else type(value).__name__
            return Row(
                row,
                ident,
                error=f"{where}: id field {id_field!r} is {kind}; ids must be strings or integers.",
            )
        ident = str(value)
    if text_field not in record:
        return Row(
            row,
            ident,
            error=f"{where}: no field {text_field!r} (it has: {', '.join(record) or 'none'}). "
            f"Choose the text field with --text-field.",
        )
    return _check_text(record[text_field], row, ident, f"{where}: field {text_field!r}")


def _check_text(text: object, row: int, ident: str, what: str) -> Row:
    if not isinstance(text, str):
        kind = "null" if text is None else type(text).__name__
        return Row(row, ident, error=f"{what} is {kind}, not a string.")
    if not text.strip():
        return Row(row, ident, error=f"{what} is empty; there is nothing to process.")
    return Row(row, ident, text=text)


def _decode(data: bytes, row: int, ident: str, where: str) -> Row | str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        return Row(
            row,
            ident,
            error=f"{where}: not UTF-8 text (byte {exc.start} is "
            f"{data[exc.start : exc.start + 1]!r}). Convert it to UTF-8.",
        )


# --------------------------------------------------------------------------------------- sources


class _Source:
    """A streamed input: ``plan`` scans it once, ``read_shards`` yields the checked rows of the
    shards asked for (in one forward pass when they are sorted)."""

    kind = ""

    def __init__(self, path: Path, text_field: str, id_field: str | None) -> None:
        self.path, self.text_field, self.id_field = path, text_field, id_field
        self.where = str(path)  # how error messages name the input

    def fingerprint(self) -> dict[str, Any]:
        return {"path": str(self.path.resolve()), "format": self.kind, "bytes": _size(self.path)}

    def plan(self, shard_size: int) -> list[ShardPlan]:
        raise NotImplementedError

    def read_shards(self, plans: Iterable[ShardPlan]) -> Iterator[tuple[ShardPlan, list[Row]]]:
        raise NotImplementedError


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}. Check the path.") from exc


class _JsonlSource(_Source):
    kind = "jsonl"

    def _lines(self, offset: int = 0, lineno: int = 1) -> Iterator[tuple[int, int, bytes]]:
        """(line number, byte offset, line) of each non-blank line from ``offset`` on."""
        with open(self.path, "rb") as file:
            file.seek(offset)
            for line in file:
                if line.strip():
                    yield lineno, offset, line
                offset += len(line)
                lineno += 1

    def plan(self, shard_size: int) -> list[ShardPlan]:
        plans: list[ShardPlan] = []
        start = first = last = count = 0
        for lineno, offset, _ in self._lines():
            if count == 0:
                start, first = offset, lineno
            last, count = lineno, count + 1
            if count == shard_size:
                plans.append(ShardPlan(len(plans), first, last, count, start))
                count = 0
        if count:
            plans.append(ShardPlan(len(plans), first, last, count, start))
        return plans

    def read_shards(self, plans: Iterable[ShardPlan]) -> Iterator[tuple[ShardPlan, list[Row]]]:
        for plan in plans:
            assert isinstance(plan.locator, int)
            rows = []
            for lineno, _, line in self._lines(plan.locator, plan.first_row):
                rows.append(self._parse(lineno, line))
                if len(rows) == plan.rows:
                    break
            yield plan, rows

    def _parse(self, lineno: int, line: bytes) -> Row:
        where = f"{self.where}, line {lineno}"
        text = _decode(line, lineno, str(lineno), where)
        if isinstance(text, Row):
            return text
        try:
            record = parse_jsonl_line(text, where=self.where, lineno=lineno, field=None)
        except InputError as exc:
            return Row(lineno, str(lineno), error=str(exc))
        return _check_record(record, lineno, where, self.text_field, self.id_field)


class _ParquetSource(_Source):
    kind = "parquet"
    _BATCH = 1024

    def __init__(self, path: Path, text_field: str, id_field: str | None) -> None:
        super().__init__(path, text_field, id_field)
        _, pq = _arrow()
        try:
            self._file = pq.ParquetFile(path)
        except Exception as exc:  # pyarrow raises ArrowInvalid, OSError ... for a bad file
            raise InputError(f"{path} is not a readable Parquet file ({exc}).") from exc
        names = self._file.schema_arrow.names
        self.columns = [text_field] + ([id_field] if id_field and id_field != text_field else [])
        missing = [c for c in self.columns if c not in names]
        if missing:
            raise InputError(
                f"{path} has no column {missing[0]!r} (it has: {', '.join(names)}). "
                f"Choose the columns with --text-field / --id-field."
            )

    def fingerprint(self) -> dict[str, Any]:
        return {**super().fingerprint(), "rows": self._file.metadata.num_rows}

    def plan(self, shard_size: int) -> list[ShardPlan]:
        total = self._file.metadata.num_rows
        return [
            ShardPlan(i, start + 1, min(start + shard_size, total), min(shard_size, total - start), start)
            for i, start in enumerate(range(0, total, shard_size))
        ]  # fmt: skip

    def read_shards(self, plans: Iterable[ShardPlan]) -> Iterator[tuple[ShardPlan, list[Row]]]:
        pending = sorted(plans, key=lambda p: p.index)
        records = self._records(pending[0].first_row - 1 if pending else 0)
        for plan in pending:
            rows = []
            for row, record in records:
                if row >= plan.first_row:
                    rows.append(self._check(record, row))
                    if len(rows) == plan.rows:
                        break
            yield plan, rows

    def _records(self, start: int) -> Iterator[tuple[int, dict[str, Any]]]:
        """(row, record) from 0-based row ``start`` on, in one forward pass; the row groups
        before it are not read and the rows before it are not converted."""
        meta = self._file.metadata
        group = position = 0
        while group < meta.num_row_groups and position + meta.row_group(group).num_rows <= start:
            position += meta.row_group(group).num_rows
            group += 1
        batches = self._file.iter_batches(
            batch_size=self._BATCH,
            columns=self.columns,
            row_groups=list(range(group, meta.num_row_groups)),
            use_threads=False,
        )
        for batch in batches:
            skip = max(start - position, 0)
            for offset, record in enumerate(batch.slice(skip).to_pylist()):
                yield position + skip + offset + 1, record
            position += batch.num_rows

    def _check(self, record: dict[str, Any], row: int) -> Row:
        return _check_record(
            record, row, f"{self.where}, row {row}", self.text_field, self.id_field
        )


class _FolderSource(_Source):
    kind = "folder"

    def __init__(self, path: Path, text_field: str, id_field: str | None) -> None:
        super().__init__(path, text_field, id_field)
        if id_field is not None:
            raise ConfigError(
                "id_field applies to JSONL and Parquet input; in a folder each row's id is its "
                "file name. Drop --id-field."
            )
        self._files: list[str] | None = None

    @property
    def files(self) -> list[str]:
        if self._files is None:
            self._files = sorted(
                p.relative_to(self.path).as_posix() for p in self.path.rglob("*.txt") if p.is_file()
            )
            if not self._files:
                raise InputError(f"{self.path} holds no .txt files. Check the folder.")
        return self._files

    def fingerprint(self) -> dict[str, Any]:
        total = sum(_size(self.path / name) for name in self.files)
        return {**super().fingerprint(), "bytes": total, "files": len(self.files)}

    def plan(self, shard_size: int) -> list[ShardPlan]:
        files = self.files
        return [
            ShardPlan(i, start + 1, min(start + shard_size, len(files)),
                      len(files[start : start + shard_size]),
                      tuple(files[start : start + shard_size]))
            for i, start in enumerate(range(0, len(files), shard_size))
        ]  # fmt: skip

    def read_shards(self, plans: Iterable[ShardPlan]) -> Iterator[tuple[ShardPlan, list[Row]]]:
        for plan in plans:
            assert isinstance(plan.locator, tuple)
            yield plan, [self._read(plan.first_row + i, n) for i, n in enumerate(plan.locator)]

    def _read(self, row: int, name: str) -> Row:
        where = f"{self.where}/{name}"
        try:
            data = (self.path / name).read_bytes()
        except OSError as exc:
            return Row(row, name, error=f"{where}: cannot be read ({exc.strerror}).")
        text = _decode(data, row, name, where)
        return text if isinstance(text, Row) else _check_text(text, row, name, where)


def open_source(
    path: str | Path,
    *,
    text_field: str = "text",
    id_field: str | None = None,
    where: str | None = None,
) -> _Source:
    """The streamed reader for a JSONL file, a Parquet file or a folder of ``.txt`` files.

    ``where`` names the input in error messages (default: ``path`` as given). A bad record
    becomes a row with an ``error``, never an exception:

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "in.jsonl"
    >>> _ = path.write_text('{"text": "Harga beras naik."}\\nnot json\\n')
    >>> source = open_source(path, where="in.jsonl")
    >>> plans = source.plan(shard_size=1000)
    >>> [(p.first_row, p.last_row) for p in plans]
    [(1, 2)]
    >>> for plan, rows in source.read_shards(plans):
    ...     print([(r.row, r.text, (r.error or "")[:27]) for r in rows])
    [(1, 'Harga beras naik.', ''), (2, None, 'in.jsonl, line 2: not valid')]
    """
    source = Path(path).expanduser()
    reader: type[_Source]
    if source.is_dir():
        reader = _FolderSource
    elif not source.exists():
        raise InputError(f"{source} does not exist. Check the path.")
    elif source.suffix.lower() in _PARQUET_SUFFIXES:
        reader = _ParquetSource
    elif source.suffix.lower() in _JSONL_SUFFIXES:
        reader = _JsonlSource
    else:
        raise InputError(
            f"{source}: unknown input format {source.suffix or '(no suffix)'!r}. Pass a JSON Lines "
            f"file ({', '.join(_JSONL_SUFFIXES)}), a Parquet file "
            f"({', '.join(_PARQUET_SUFFIXES)}) or a folder of .txt files."
        )
    opened = reader(source, text_field, id_field)
    if where is not None:
        opened.where = where
    return opened


# ----------------------------------------------------------------------------------- processing


def process_rows(rows: Sequence[Row], runner: Runner) -> list[Row]:
    """Run the good rows through ``runner`` in one call (row by row if that call fails).

    >>> rows = [Row(1, "a", text="satu"), Row(2, "b", error="line 2: not valid JSON")]
    >>> process_rows(rows, lambda texts: [t.upper() for t in texts])  # doctest: +NORMALIZE_WHITESPACE
    [Row(row=1, id='a', text=None, result='SATU', error=None),
     Row(row=2, id='b', text=None, result=None, error='line 2: not valid JSON')]
    """
    good = [r for r in rows if r.error is None]
    texts = [r.text or "" for r in good]
    done: dict[int, Row] = {}
    try:
        outputs = runner(texts) if good else []
        done = {r.row: Row(r.row, r.id, result=o) for r, o in zip(good, outputs, strict=True)}
    except RingkasError as exc:
        logger.info("a batch of %d rows failed (%s); retrying row by row", len(good), exc)
        for r, text in zip(good, texts, strict=True):
            try:
                done[r.row] = Row(r.row, r.id, result=runner([text])[0])
            except InputError as row_exc:
                done[r.row] = Row(r.row, r.id, error=str(row_exc))
    return [done.get(r.row, r) for r in rows]


# ---------------------------------------------------------------------------------------- output


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _atomic_write(path: Path, write: Callable[[Any], None]) -> None:
    """Write through ``write(file)`` to a temporary file beside ``path``, fsync, then rename."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}{_TMP_SUFFIX}")
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


def _write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    _atomic_write(path, lambda f: f.write(text.encode("utf-8")))


def write_shard(path: Path, rows: Sequence[Row]) -> None:
    """Write a shard's rows atomically as Parquet (columns row, id, result, error)."""
    pa, pq = _arrow()
    table = pa.table(
        {
            "row": pa.array([r.row for r in rows], pa.int64()),
            "id": pa.array([r.id for r in rows], pa.string()),
            "result": pa.array([r.result for r in rows], pa.string()),
            "error": pa.array([r.error for r in rows], pa.string()),
        }
    )
    _atomic_write(path, lambda f: pq.write_table(table, f))


def _read_shard(path: Path) -> Any:
    _, pq = _arrow()
    return pq.read_table(path, columns=["row", "id", "result", "error"])


def _shard_entry(plan: ShardPlan, failed: int) -> dict[str, Any]:
    return {
        "file": plan.file,
        "first_row": plan.first_row,
        "last_row": plan.last_row,
        "rows": plan.rows,
        "ok": plan.rows - failed,
        "failed": failed,
    }


def _verify_shard(out: Path, plan: ShardPlan) -> dict[str, Any] | None:
    """The manifest entry of a finished shard, or None when it is missing, partial or corrupt."""
    path = out / plan.file
    if not path.is_file():
        return None
    try:
        table = _read_shard(path)
        rows = table.column("row").to_pylist()
        results = table.column("result").null_count
        errors = table.column("error").null_count
    except Exception as exc:  # a truncated or corrupt file: pyarrow raises several kinds
        logger.warning("%s is unreadable (%s); redoing it", path, exc)
        return None
    if len(rows) != plan.rows or rows[0] != plan.first_row or rows[-1] != plan.last_row:
        logger.warning(
            "%s does not hold rows %d..%d; redoing it", path, plan.first_row, plan.last_row
        )
        return None
    if results + errors != plan.rows:  # each row has exactly one of result and error
        logger.warning("%s has rows with both or neither result and error; redoing it", path)
        return None
    return _shard_entry(plan, failed=plan.rows - errors)


def _remove_temp_files(out: Path) -> None:
    for folder in (out, out / "shards"):
        if folder.is_dir():
            for tmp in folder.glob(f"*{_TMP_SUFFIX}"):
                logger.info("removing %s, left by an interrupted run", tmp)
                tmp.unlink()


# -------------------------------------------------------------------------------------- manifest


def _check_output(out: Path, manifest: dict[str, Any], resume: bool) -> list[dict[str, Any]]:
    """Refuse to overwrite, or to resume with other settings; returns the earlier runs."""
    if out.exists() and not out.is_dir():
        raise ConfigError(f"Output {out} is a file; pass a folder.")
    existing = (
        [p for p in out.iterdir() if not p.name.endswith(_TMP_SUFFIX)] if out.is_dir() else []
    )
    if not existing:
        return []
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
        raise ConfigError(f"{path} is not a {MANIFEST_FORMAT} manifest; choose another folder.")
    changes = [
        f"{key}: {old_value!r} then, {manifest[part].get(key)!r} now"
        for part in ("settings", "input")
        for key, old_value in old.get(part, {}).items()
        if manifest[part].get(key) != old_value
    ]
    if changes:
        raise ConfigError(
            f"Cannot resume the job in {out} with other settings or input ("
            + "; ".join(changes)
            + "). Resume with the same settings, or choose another output folder."
        )
    runs = old.get("runs", [])
    return runs if isinstance(runs, list) else []


@dataclass
class _Job:
    """The output folder of one job: shards, manifest and errors, kept consistent."""

    out: Path
    manifest: dict[str, Any]
    entries: dict[int, dict[str, Any]] = field(default_factory=dict)

    def save_manifest(self) -> None:
        self.manifest["shards"] = [self.entries[i] for i in sorted(self.entries)]
        _write_json(self.out / "manifest.json", self.manifest)

    def shard_done(self, plan: ShardPlan, rows: Sequence[Row]) -> None:
        if [r.row for r in rows][:1] != [plan.first_row] or len(rows) != plan.rows:
            raise InputError(
                f"{self.manifest['input']['path']} changed while the job ran (shard {plan.index} "
                f"should hold rows {plan.first_row}..{plan.last_row}). Start again in a new folder."
            )
        write_shard(self.out / plan.file, rows)
        self.entries[plan.index] = _shard_entry(plan, sum(r.error is not None for r in rows))
        self.save_manifest()

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
                table = _read_shard(self.out / plan.file)
                for row, ident, error in zip(
                    *(table.column(c).to_pylist() for c in ("row", "id", "error")), strict=True
                ):
                    if error is not None:
                        record = {"row": row, "id": ident, "error": error}
                        file.write((json.dumps(record, ensure_ascii=False) + "\n").encode())

        _atomic_write(self.out / "errors.jsonl", write)
        failed = sum(e["failed"] for e in self.entries.values())
        rows = sum(e["rows"] for e in self.entries.values())
        self.manifest["totals"] = {
            "rows": rows, "ok": rows - failed, "failed": failed, "shards": len(plans)
        }  # fmt: skip
        self.manifest["complete"] = True
        self.save_manifest()
        return rows - failed, failed


# -------------------------------------------------------------------------------------- the job


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
    show_progress: bool | None = None,
) -> JobSummary:
    """Summarise or translate every row of ``input`` into Parquet shards under ``output``.

    See the module docstring for the input formats, the output layout and what ``resume`` does.
    ``engine="ray"`` runs the shards on Ray (``num_workers`` model copies, one GPU each when
    ``device`` is CUDA); ``batch_size`` caps sentences per model batch. With ``strategy="lead"``
    no model is needed:

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
    from ringkas._version import __version__
    from ringkas.inputs import show_progress_default
    from ringkas.models.languages import normalize

    if engine not in ENGINES:
        raise ConfigError(f"engine must be one of {ENGINES}, got {engine!r}.")
    if engine == "ray":
        from ringkas.jobs_ray import require_ray

        require_ray()
    if num_workers is not None and (not isinstance(num_workers, int) or num_workers < 1):
        raise ConfigError(f"num_workers must be a positive integer, got {num_workers!r}.")
    if engine == "local" and num_workers not in (None, 1):
        raise ConfigError("num_workers > 1 needs engine='ray' (--engine ray); local runs use one.")
    if batch_size is not None and (not isinstance(batch_size, int) or batch_size < 1):
        raise ConfigError(f"batch_size must be a positive integer, got {batch_size!r}.")
    settings = JobSettings(
        task=task, text_field=text_field, id_field=id_field, lang=normalize(lang),
        model=_model_key(model), translation_model=_model_key(translation_model),
        strategy=strategy, backend=backend, shard_size=shard_size,
    )  # fmt: skip
    started = time.perf_counter()
    source = open_source(input, text_field=text_field, id_field=id_field)
    out = Path(output).expanduser()
    run_record: dict[str, Any] = {
        "engine": engine, "device": device, "batch_size": batch_size, "num_workers": num_workers,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
    }  # fmt: skip
    manifest: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "ringkas_version": __version__,
        "input": source.fingerprint(),
        "settings": asdict(settings),
        "complete": False,
        "shards": [],
        "totals": None,
        "runs": [],
    }
    manifest["runs"] = [*_check_output(out, manifest, resume), run_record]
    plans = source.plan(settings.shard_size)
    job = _Job(out, manifest)
    if out.is_dir():
        _remove_temp_files(out)
        job.entries = {p.index: e for p in plans if (e := _verify_shard(out, p)) is not None}
    pending = [p for p in plans if p.index not in job.entries]
    resumed = sum(p.rows for p in plans if p.index in job.entries)
    if job.entries:
        logger.info("resuming: %d of %d shards are done", len(job.entries), len(plans))
    total = sum(p.rows for p in plans)
    show = show_progress_default(show_progress)
    with tqdm(total=total, initial=resumed, desc=task, unit="row", disable=not show) as bar:

        def done(plan: ShardPlan, rows: Sequence[Row]) -> None:
            job.shard_done(plan, rows)
            bar.update(len(rows))

        _execute(job, source, pending, settings, done, engine=engine, device=device,
                 batch_size=batch_size, num_workers=num_workers)  # fmt: skip
    seconds = time.perf_counter() - started
    processed = total - resumed
    run_record.update(seconds=round(seconds, 3), rows_processed=processed)
    ok, failed = job.finish(plans)
    summary = JobSummary(
        output=out, rows=total, ok=ok, failed=failed, processed=processed, resumed=resumed,
        shards=len(plans), seconds=seconds, rows_per_s=processed / seconds if seconds else 0.0,
        engine=engine,
    )  # fmt: skip
    logger.info("%s", summary)
    if total and failed > total / 2:
        logger.warning(
            "%d of %d rows failed; check --text-field / --id-field and the first errors in %s.",
            failed, total, out / "errors.jsonl",
        )  # fmt: skip
    return summary


def _execute(
    job: _Job,
    source: _Source,
    pending: list[ShardPlan],
    settings: JobSettings,
    done: Callable[[ShardPlan, Sequence[Row]], None],
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
    (job.out / "shards").mkdir(parents=True, exist_ok=True)
    job.save_manifest()
    if not pending:
        return
    if runner is not None:
        for plan, rows in source.read_shards(pending):
            done(plan, process_rows(rows, runner))
        return
    from ringkas.jobs_ray import run_on_ray

    run_on_ray(source, pending, settings, done, device=device, batch_size=batch_size,
               num_workers=num_workers)  # fmt: skip
