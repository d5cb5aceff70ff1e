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

import codecs
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

from ringkas.errors import InputError

__all__ = [
    "decode_utf8",
    "field_value",
    "kind_of",
    "parse_jsonl_line",
    "read_jsonl",
    "read_text",
    "string_field",
    "write_jsonl",
]


def read_text(path: str | Path) -> str:
    """The whole of a UTF-8 text file (``"-"`` reads standard input).

    A leading UTF-8 byte-order mark is dropped. Raises :class:`InputError` when the file is
    missing, when standard input is closed, and when the bytes are not UTF-8 text (UTF-16, with
    or without a byte-order mark, is named as such, with the command that converts it).

    >>> read_text("examples/artikel-umkm.txt").startswith("Liputan6.com")
    True
    >>> read_text("no-such-file.txt")
    Traceback (most recent call last):
    ...
    ringkas.errors.InputError: no-such-file.txt does not exist or is a directory. Check the path.
    """
    if str(path) == "-":
        data = _read_stdin()
        where = "standard input"
    else:
        file = Path(path)
        if not file.exists() or file.is_dir():
            raise InputError(f"{file} does not exist or is a directory. Check the path.")
        data = file.read_bytes()
        where = str(file)
    return decode_utf8(data, where=where)


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    try:
        if stream is None:
            raise ValueError("no standard input")
        data = stream.read()
    except (OSError, ValueError) as exc:  # closed (`0<&-`) or unreadable
        raise InputError(
            "standard input is closed or cannot be read. Pipe text in "
            "(`cat article.txt | ringkas translate -`) or pass a file name."
        ) from exc
    return data.encode("utf-8") if isinstance(data, str) else data


def _utf16_guess(data: bytes) -> str | None:
    """``"UTF-16LE"``/``"UTF-16BE"`` when NUL bytes sit on one side of most byte pairs (the
    shape of UTF-16 text that is mostly ASCII), else ``None``."""
    sample = data[:65536]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    if odd >= 0.3 * pairs and odd > 4 * even:
        return "UTF-16LE"
    if even >= 0.3 * pairs and even > 4 * odd:
        return "UTF-16BE"
    return None


def decode_utf8(data: bytes, *, where: str) -> str:
    """``data`` as UTF-8 text without a leading byte-order mark; ``where`` names it in errors.

    Bytes that start with a UTF-16 byte-order mark, and NUL-heavy bytes, are an
    :class:`InputError` that says what they are: UTF-16 with or without a byte-order mark (with
    the ``iconv`` command that converts it), or binary data. (UTF-16 is refused, not guessed:
    bytes that merely start like a byte-order mark would decode to CJK-looking garbage.)

    >>> decode_utf8("\ufeffHalo.".encode(), where="a.txt")
    'Halo.'
    >>> decode_utf8("Harga naik.".encode("utf-16"), where="a.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ringkas.errors.InputError: a.txt starts with a UTF-16LE byte-order mark, so it is UTF-16 text (or not text at all), not UTF-8. Convert it first: `iconv -f UTF-16 -t UTF-8 in.txt > out.txt`.
    >>> decode_utf8("Harga naik.".encode("utf-16-le"), where="a.txt")
    Traceback (most recent call last):
    ...
    ringkas.errors.InputError: a.txt looks like UTF-16LE text without a byte-order mark (every other byte is NUL), not UTF-8. Convert it first: `iconv -f UTF-16LE -t UTF-8 in.txt > out.txt`.
    >>> decode_utf8("Kafé".encode("latin-1"), where="a.txt")
    Traceback (most recent call last):
    ...
    ringkas.errors.InputError: a.txt is not UTF-8 text (byte 3 is b'\xe9'). Convert it first, e.g. `iconv -f latin1 -t utf-8 in.txt > out.txt`.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        bom = "UTF-16LE" if data.startswith(codecs.BOM_UTF16_LE) else "UTF-16BE"
        raise InputError(
            f"{where} starts with a {bom} byte-order mark, so it is UTF-16 text (or not "
            f"text at all), not UTF-8. Convert it first: `iconv -f UTF-16 -t UTF-8 in.txt > "
            f"out.txt`."
        )
    if data.count(0) * 10 > len(data):  # NUL-heavy: not text ringkas can read as UTF-8
        encoding = _utf16_guess(data)
        if encoding is not None:
            raise InputError(
                f"{where} looks like {encoding} text without a byte-order mark (every other "
                f"byte is NUL), not UTF-8. Convert it first: "
                f"`iconv -f {encoding} -t UTF-8 in.txt > out.txt`."
            )
        raise InputError(
            f"{where} is binary data ({data.count(0)} of its {len(data)} bytes are NUL), not "
            f"text. Pass a UTF-8 text file (extract the text from PDFs or documents first)."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where} is not UTF-8 text (byte {exc.start} is {data[exc.start : exc.start + 1]!r}). "
            f"Convert it first, e.g. `iconv -f latin1 -t utf-8 in.txt > out.txt`."
        ) from exc
    return text.removeprefix("\ufeff")


def kind_of(value: object) -> str:
    """How error messages name a JSON value's type: ``null`` for None, else the Python type.

    >>> kind_of(None), kind_of(42), kind_of(["a"])
    ('null', 'int', 'list')
    """
    return "null" if value is None else type(value).__name__


def field_value(
    record: Mapping[str, Any],
    field: str,
    *,
    where: str,
    kind: str = "text",
    option: str = "--field",
) -> Any:
    """``record[field]``, or an :class:`InputError` listing the fields there are and the option
    (``option``) that chooses the ``kind`` field.

    >>> field_value({"id": 7}, "id", where="in.jsonl, line 1", kind="id", option="--id-field")
    7
    >>> field_value({"teks": "Halo."}, "text", where="in.jsonl, line 2")
    Traceback (most recent call last):
    ...
    ringkas.errors.InputError: in.jsonl, line 2: no field 'text' (it has: teks). Choose the text field with --field.
    """
    if field not in record:
        raise InputError(
            f"{where}: no field {field!r} (it has: {', '.join(record) or 'none'}). "
            f"Choose the {kind} field with {option}."
        )
    return record[field]


def string_field(
    record: Mapping[str, Any], field: str, *, where: str, option: str = "--field"
) -> str:
    """``record[field]`` checked to be there and to be a string (see :func:`field_value`).

    >>> string_field({"text": "Halo."}, "text", where="in.jsonl, line 1")
    'Halo.'
    >>> string_field({"text": None}, "text", where="in.jsonl, line 1")
    Traceback (most recent call last):
    ...
    ringkas.errors.InputError: in.jsonl, line 1: field 'text' is null, not a string.
    """
    value = field_value(record, field, where=where, option=option)
    if not isinstance(value, str):
        raise InputError(f"{where}: field {field!r} is {kind_of(value)}, not a string.")
    return value


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
        string_field(record, field, where=f"{where}, line {lineno}")
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
