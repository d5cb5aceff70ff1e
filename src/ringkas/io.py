"""Reading and writing the files ringkas works on: UTF-8 text, and JSON Lines records.

Every problem is an :class:`~ringkas.errors.InputError` that names the file (and line) and says
what to do; nothing is skipped silently.

>>> import json, tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
>>> _ = p.write_text('{"text": "Halo."}\\n', encoding="utf-8")
>>> read_jsonl(p, field="text")
[{'text': 'Halo.'}]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from ringkas.errors import InputError

__all__ = ["parse_jsonl_line", "read_jsonl", "read_text", "write_jsonl"]


def read_text(path: str | Path) -> str:
    """The whole of a UTF-8 text file (``"-"`` reads standard input).

    A leading byte-order mark is dropped. Raises :class:`InputError` when the file is missing or
    is not UTF-8.

    >>> read_text("examples/artikel-umkm.txt").startswith("Liputan6.com")
    True
    >>> read_text("no-such-file.txt")
    Traceback (most recent call last):
    ...
    ringkas.errors.InputError: no-such-file.txt does not exist or is a directory. Check the path.
    """
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        where = "standard input"
    else:
        file = Path(path)
        if not file.exists() or file.is_dir():
            raise InputError(f"{file} does not exist or is a directory. Check the path.")
        data = file.read_bytes()
        where = str(file)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where} is not UTF-8 text (byte {exc.start} is {data[exc.start : exc.start + 1]!r}). "
            f"Convert it first, e.g. `iconv -f latin1 -t utf-8 in.txt > out.txt`."
        ) from exc
    return text.removeprefix("\ufeff")


def parse_jsonl_line(line: str, *, where: str, lineno: int, field: str | None) -> dict[str, Any]:
    """One JSON Lines record, checked to be an object whose ``field`` (if given) is a string.

    >>> parse_jsonl_line('{"text": "Halo."}', where="in.jsonl", lineno=1, field="text")
    {'text': 'Halo.'}
    >>> parse_jsonl_line('{"teks": "Halo."}', where="in.jsonl", lineno=2, field="text")
    Traceback (most recent call last):
    ...
    ringkas.errors.InputError: in.jsonl, line 2: no field 'text' (it has: teks). Choose the text field with --field.
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{where}, line {lineno}: not valid JSON ({exc.msg} at column {exc.colno}). "
            f'Each line must be one JSON object, e.g. {{"text": "..."}}.'
        ) from exc
    if not isinstance(record, dict):
        raise InputError(f"{where}, line {lineno}: a JSON {type(record).__name__}, not an object.")
    if field is not None:
        if field not in record:
            raise InputError(
                f"{where}, line {lineno}: no field {field!r} (it has: {', '.join(record) or 'none'})."
                f" Choose the text field with --field."
            )
        if not isinstance(record[field], str):
            raise InputError(
                f"{where}, line {lineno}: field {field!r} is {type(record[field]).__name__}, "
                f"not a string."
            )
    return record


def read_jsonl(path: str | Path, *, field: str | None = None) -> list[dict[str, Any]]:
    """All records of a JSON Lines file (``"-"`` for stdin); blank lines are allowed.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "in.jsonl"
    >>> _ = path.write_text('{"id": 1, "text": "Satu."}\\n\\n{"id": 2, "text": "Dua."}\\n')
    >>> [r["id"] for r in read_jsonl(path, field="text")]
    [1, 2]
    """
    text = read_text(path)
    where = "standard input" if str(path) == "-" else str(path)
    return [
        parse_jsonl_line(line, where=where, lineno=n, field=field)
        # split on "\n" only: str.splitlines() also breaks on U+2028 and friends, which are
        # legal inside JSON strings
        for n, line in enumerate(text.split("\n"), start=1)
        if line.strip()
    ]


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> None:
    """Write records as JSON Lines, keeping non-ASCII characters readable.

    >>> import sys
    >>> write_jsonl([{"text": "Harga naik 5%.", "translation": "Prices rose 5% — again."}],
    ...             sys.stdout)
    {"text": "Harga naik 5%.", "translation": "Prices rose 5% — again."}
    """
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
