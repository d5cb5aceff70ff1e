"""Load a user's own JSONL, CSV or Parquet file into the ringkas dataset schema.

Name the columns that hold the source text and, when there are any, the reference summary and
translation; the rest are dropped. Without ``id_field`` the ids are line numbers (JSONL: the
line in the file; CSV and Parquet: the 1-based row). Every problem is an
:class:`~ringkas.errors.InputError` that names the file and the line or row: a line that is not
JSON, a missing field (listing the fields it has), a value that is not text, a repeated id.
The one split is ``test``. The text is used as it is unless ``clean=True``.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "mine.jsonl"
>>> _ = p.write_text('{"body": "Harga naik.", "ringkasan": "Naik."}\\n', encoding="utf-8")
>>> ds = load_file(p, text_field="body", summary_field="ringkasan")["test"]
>>> ds[0]["id"], ds[0]["summary"]
('1', 'Naik.')
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ringkas.data.schema import to_dataset_dict
from ringkas.errors import ConfigError, InputError
from ringkas.io import parse_jsonl_line, read_text
from ringkas.text.clean import clean_article

if TYPE_CHECKING:
    from datasets import DatasetDict

__all__ = ["SUFFIXES", "load_file"]

#: File name endings this module reads.
SUFFIXES = (".jsonl", ".csv", ".parquet")


def _jsonl(path: Path) -> Iterator[tuple[str, int, dict[str, Any]]]:
    for lineno, line in enumerate(read_text(path).split("\n"), start=1):
        if line.strip():
            yield "line", lineno, parse_jsonl_line(line, where=str(path), lineno=lineno, field=None)


def _csv(path: Path) -> Iterator[tuple[str, int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    for row, record in enumerate(reader, start=1):
        yield "row", row, dict(record)


def _parquet(path: Path) -> Iterator[tuple[str, int, dict[str, Any]]]:
    import pyarrow.parquet as pq

    if not path.is_file():
        raise InputError(f"{path} does not exist or is a directory. Check the path.")
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError ... for a bad file
        raise InputError(f"{path}: not a readable Parquet file ({exc}).") from exc
    for row, record in enumerate(table.to_pylist(), start=1):
        yield "row", row, record


def _field(record: dict[str, Any], field: str, *, where: str) -> Any:
    if field not in record:
        raise InputError(
            f"{where}: no field {field!r} (it has: {', '.join(map(str, record)) or 'none'}). "
            f"Name the right one with text_field=/summary_field=/translation_field=/id_field=."
        )
    return record[field]


def _text(record: dict[str, Any], field: str, *, where: str) -> str:
    value = _field(record, field, where=where)
    if not isinstance(value, str) or not value.strip():
        what = "empty" if isinstance(value, str) else f"a {type(value).__name__}"
        raise InputError(f"{where}: field {field!r} is {what}, not text.")
    return value


def _optional_text(record: dict[str, Any], field: str | None, *, where: str) -> str | None:
    if field is None:
        return None
    value = _field(record, field, where=where)
    if value is not None and not isinstance(value, str):
        raise InputError(f"{where}: field {field!r} is a {type(value).__name__}, not text.")
    return value


def _ident(record: dict[str, Any], field: str, *, where: str) -> str:
    value = _field(record, field, where=where)
    if value is None or str(value) == "":
        raise InputError(f"{where}: field {field!r} (the id) is empty.")
    return str(value)


def load_file(
    path: str | Path,
    *,
    text_field: str = "text",
    summary_field: str | None = None,
    translation_field: str | None = None,
    id_field: str | None = None,
    lang: str = "id",
    clean: bool = False,
) -> DatasetDict:
    """The records of ``path`` (.jsonl, .csv or .parquet) mapped into the schema; split ``test``.

    >>> load_file("articles.csv", text_field="body", id_field="url")["test"]  # doctest: +SKIP
    Dataset({features: ['id', 'text', 'summary', 'translation', 'lang'], num_rows: 120})
    """
    file = Path(path)
    readers = {".jsonl": _jsonl, ".csv": _csv, ".parquet": _parquet}
    suffix = file.suffix.lower()
    if suffix not in readers:
        raise ConfigError(
            f"{file}: ringkas reads {', '.join(SUFFIXES)} files, not {suffix or 'files without an ending'}."
        )
    rows: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for unit, number, record in readers[suffix](file):
        where = f"{file}, {unit} {number}"
        text = _text(record, text_field, where=where)
        ident = str(number) if id_field is None else _ident(record, id_field, where=where)
        if ident in seen:
            raise InputError(
                f"{where}: id {ident!r} already used at {seen[ident]}; ids must be unique."
            )
        seen[ident] = f"{unit} {number}"
        rows.append(
            {
                "id": ident,
                "text": clean_article(text).text if clean else text,
                "summary": _optional_text(record, summary_field, where=where),
                "translation": _optional_text(record, translation_field, where=where),
                "lang": lang,
            }
        )
    if not rows:
        raise InputError(f"{file} holds no records.")
    return to_dataset_dict({"test": rows})
