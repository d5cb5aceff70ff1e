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
