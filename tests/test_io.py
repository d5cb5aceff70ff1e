"""Reading UTF-8 files and JSON Lines with clear errors (ringkas.io)."""

from __future__ import annotations

import io
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


TEXT = "Harga beras naik 5% di Jakarta. Pedagang mengeluh."


@pytest.mark.parametrize(("codec", "name"), [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")])
def test_utf16_without_bom_is_named(tmp_path: Path, codec: str, name: str) -> None:
    """UTF-16 without a byte-order mark decodes as "valid" UTF-8 full of NULs: refused, named."""
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode(codec))
    with pytest.raises(InputError) as info:
        read_text(path)
    message = str(info.value)
    assert message.startswith(f"{path} looks like {name} text without a byte-order mark")
    assert f"iconv -f {name} -t UTF-8" in message


@pytest.mark.parametrize(("codec", "name"), [("utf-16", "UTF-16LE"), ("utf-16-be", "UTF-16BE")])
def test_utf16_with_bom_is_refused_with_the_fix(tmp_path: Path, codec: str, name: str) -> None:
    """Refused, not guessed: bytes that merely start like a byte-order mark would decode to
    garbage (see tests/jobs/test_sources.py's b"\\xff\\xfe bad")."""
    path = tmp_path / "a.txt"
    data = TEXT.encode(codec)
    path.write_bytes(data if codec == "utf-16" else b"\xfe\xff" + data)
    with pytest.raises(InputError) as info:
        read_text(path)
    assert str(info.value) == (
        f"{path} starts with a {name} byte-order mark, so it is UTF-16 text (or not text at "
        f"all), not UTF-8. Convert it first: `iconv -f UTF-16 -t UTF-8 in.txt > out.txt`."
    )


def test_binary_input_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(bytes(range(256)) * 4 + b"\0" * 512)
    with pytest.raises(
        InputError, match=r"is binary data \(516 of its 1536 bytes are NUL\)"
    ) as info:
        read_text(path)
    assert "Pass a UTF-8 text file" in str(info.value)


def test_a_stray_nul_in_utf8_text_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode() + b"\0")
    assert read_text(path) == TEXT + "\0"


def test_closed_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setattr(sys, "stdin", None)  # what Python gives a process started with `0<&-`
    with pytest.raises(InputError, match="standard input is closed") as info:
        read_text("-")
    assert "pass a file name" in str(info.value)
    closed = io.TextIOWrapper(io.BytesIO(b""))
    closed.close()
    monkeypatch.setattr(sys, "stdin", closed)
    with pytest.raises(InputError, match="standard input is closed"):
        read_text("-")


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
