"""Streamed job inputs: JSON Lines, Parquet or a folder of ``.txt`` files, behind one
:class:`Source` protocol. A bad record becomes a :class:`~ringkas.jobs.rows.Row` with an error,
never an exception.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Harga beras naik.")
>>> source = open_source(folder)
>>> source.kind, [p.locator for p in source.plan(shard_size=10)]
('folder', [('a.txt',)])
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ringkas.errors import ConfigError, InputError
from ringkas.io import decode_utf8, field_value, kind_of, parse_jsonl_line, string_field
from ringkas.jobs.arrow import pyarrow_modules
from ringkas.jobs.rows import Row, ShardPlan

__all__ = ["JSONL_SUFFIXES", "PARQUET_SUFFIXES", "Source", "open_source"]

JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
_BLOCK = 1 << 20  # bytes hashed at a time


@runtime_checkable
class Source(Protocol):
    """A streamed input: :meth:`plan` scans it once, :meth:`read_shards` yields the checked rows
    of the shards asked for (in one forward pass when they are sorted).

    ``path``, ``text_field``, ``id_field`` and ``where`` (how error messages name the input)
    reopen it elsewhere with :func:`open_source` (as a Ray worker does).

    >>> isinstance(open_source("examples"), Source)
    True
    """

    kind: str
    path: Path
    text_field: str
    id_field: str | None
    where: str

    def fingerprint(self) -> dict[str, Any]:
        """What identifies the input's content (path, format, size, SHA-256): a resume checks
        that it has not changed."""
        ...

    def plan(self, shard_size: int) -> list[ShardPlan]:
        """The shards of ``shard_size`` rows, in input order."""
        ...

    def read_shards(self, plans: Iterable[ShardPlan]) -> Iterator[tuple[ShardPlan, list[Row]]]:
        """Each plan with its rows, checked."""
        ...


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}. Check the path.") from exc


def _hash_file(path: Path, digest: Any) -> None:
    """Feed ``path``'s bytes to ``digest``, a block at a time."""
    try:
        with open(path, "rb") as file:
            while block := file.read(_BLOCK):
                digest.update(block)
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}. Check the path.") from exc


def _checked_text(text: str, row: int, ident: str, what: str) -> Row:
    if not text.strip():
        return Row(row, ident, error=f"{what} is empty; there is nothing to process.")
    return Row(row, ident, text=text)


def _check_record(
    record: Mapping[str, Any], row: int, where: str, text_field: str, id_field: str | None
) -> Row:
    """A parsed record -> a Row with its id and text, or with the reason it cannot be used."""
    ident = str(row)
    try:
        if id_field is not None:
            value = field_value(record, id_field, where=where, kind="id", option="--id-field")
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                raise InputError(
                    f"{where}: id field {id_field!r} is {kind_of(value)}; ids must be strings "
                    f"or integers."
                )
            ident = str(value)
        text = string_field(record, text_field, where=where, option="--text-field")
    except InputError as exc:
        return Row(row, ident, error=str(exc))
    return _checked_text(text, row, ident, f"{where}: field {text_field!r}")


class _FileSource:
    """What the three formats share: where the input is and which fields to read."""

    kind = ""

    def __init__(self, path: Path, text_field: str, id_field: str | None) -> None:
        self.path, self.text_field, self.id_field = path, text_field, id_field
        self.where = str(path)

    def fingerprint(self) -> dict[str, Any]:
        return {
            "path": str(self.path.resolve()),
            "format": self.kind,
            "bytes": _size(self.path),
            "sha256": self._sha256(),
        }

    def _sha256(self) -> str:
        """The file's SHA-256 (what ``sha256sum`` prints)."""
        digest = hashlib.sha256()
        _hash_file(self.path, digest)
        return digest.hexdigest()


class _JsonlSource(_FileSource):
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
        try:
            text = decode_utf8(line, where=where)
            record = parse_jsonl_line(text, where=self.where, lineno=lineno, field=None)
        except InputError as exc:
            return Row(lineno, str(lineno), error=str(exc))
        return _check_record(record, lineno, where, self.text_field, self.id_field)


class _ParquetSource(_FileSource):
    kind = "parquet"
    _BATCH = 1024

    def __init__(self, path: Path, text_field: str, id_field: str | None) -> None:
        super().__init__(path, text_field, id_field)
        _, pq = pyarrow_modules()
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
                    where = f"{self.where}, row {row}"
                    rows.append(_check_record(record, row, where, self.text_field, self.id_field))
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


class _FolderSource(_FileSource):
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
        return {
            "path": str(self.path.resolve()),
            "format": self.kind,
            "bytes": sum(_size(self.path / name) for name in self.files),
            "files": len(self.files),
            "sha256": self._sha256(),
        }

    def _sha256(self) -> str:
        """One SHA-256 over every file's name and content, in name order."""
        digest = hashlib.sha256()
        for name in self.files:
            digest.update(f"{name}\0{_size(self.path / name)}\0".encode())
            _hash_file(self.path / name, digest)
        return digest.hexdigest()

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
        try:
            text = decode_utf8(data, where=where)
        except InputError as exc:
            return Row(row, name, error=str(exc))
        return _checked_text(text, row, name, where)


def open_source(
    path: str | Path,
    *,
    text_field: str = "text",
    id_field: str | None = None,
    where: str | None = None,
) -> Source:
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
    reader: type[_FileSource]
    if source.is_dir():
        reader = _FolderSource
    elif not source.exists():
        raise InputError(f"{source} does not exist. Check the path.")
    elif source.suffix.lower() in PARQUET_SUFFIXES:
        reader = _ParquetSource
    elif source.suffix.lower() in JSONL_SUFFIXES:
        reader = _JsonlSource
    else:
        raise InputError(
            f"{source}: unknown input format {source.suffix or '(no suffix)'!r}. Pass a JSON Lines "
            f"file ({', '.join(JSONL_SUFFIXES)}), a Parquet file "
            f"({', '.join(PARQUET_SUFFIXES)}) or a folder of .txt files."
        )
    opened = reader(source, text_field, id_field)
    if where is not None:
        opened.where = where
    return opened
