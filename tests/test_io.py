"""Reading UTF-8 files and JSON Lines with clear errors (ringkas.io)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.errors import InputError
from ringkas.io import read_jsonl, read_text


def test_read_text_drops_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffHalo dunia.".encode())
    assert read_text(path) == "Halo dunia."


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Kafé enak.".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8") as info:
        read_text(path)
    assert "iconv" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_text(tmp_path / "nope.txt")


def test_jsonl_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "a"}\n\n{"text": \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 3: not valid JSON") as info:
        read_jsonl(path, field="text")
    assert "one JSON object" in str(info.value)
    path.write_text('{"body": "a"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1: no field 'text' \(it has: body\)"):
        read_jsonl(path, field="text")
    path.write_text('{"text": 5}\n', encoding="utf-8")
    with pytest.raises(InputError, match="is int, not a string"):
        read_jsonl(path, field="text")
    path.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(InputError, match="not an object"):
        read_jsonl(path)


def test_jsonl_line_separator_inside_a_string_is_not_a_line_break(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "satu\u2028dua"}\n', encoding="utf-8")
    assert read_jsonl(path, field="text") == [{"text": "satu\u2028dua"}]


def test_field_checks_shared_with_jobs_name_the_option() -> None:
    from ringkas.io import field_value, kind_of, string_field

    record = {"id": None, "body": 7}
    assert field_value(record, "body", where="x") == 7
    with pytest.raises(InputError) as info:
        field_value(record, "key", where="in.jsonl, line 4", kind="id", option="--id-field")
    assert str(info.value) == (
        "in.jsonl, line 4: no field 'key' (it has: id, body). Choose the id field with --id-field."
    )
    with pytest.raises(InputError) as info:
        string_field(record, "id", where="in.jsonl, line 4", option="--text-field")
    assert str(info.value) == "in.jsonl, line 4: field 'id' is null, not a string."
    assert [kind_of(v) for v in (None, True, 1.5, {})] == ["null", "bool", "float", "dict"]


def test_decode_utf8_names_the_byte_and_the_fix() -> None:
    from ringkas.io import decode_utf8

    assert decode_utf8(b"\xef\xbb\xbfSatu.", where="a") == "Satu."
    with pytest.raises(InputError) as info:
        decode_utf8(b"ok \xff", where="in.jsonl, line 2")
    assert str(info.value).startswith("in.jsonl, line 2 is not UTF-8 text (byte 3 is b'\\xff').")
    assert "iconv" in str(info.value)
