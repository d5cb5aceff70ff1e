"""A user's own JSONL, CSV and Parquet files mapped into the schema, and their errors."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ringkas.data.local import load_file
from ringkas.errors import ConfigError, InputError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_jsonl_fields_and_generated_ids() -> None:
    path = FIXTURES / "user" / "artikel.jsonl"
    test = load_file(
        path, text_field="isi", summary_field="ringkasan", translation_field="inggris"
    )["test"]
    assert test["id"] == ["1", "3"]  # line numbers; line 2 is blank
    assert test[0]["text"] == "Liputan6.com, Solo - Pasar malam kembali dibuka di alun-alun."
    assert test[0]["summary"] == "Pasar malam dibuka lagi."
    assert (
        test[1]["summary"] is None and test[1]["translation"] == "Residents plant a thousand trees."
    )
    assert test[0]["lang"] == "id"


def test_id_field_and_cleaning() -> None:
    test = load_file(
        FIXTURES / "user" / "artikel.jsonl", text_field="isi", id_field="kode", clean=True
    )["test"]
    assert test["id"] == ["a-1", "a-2"]
    assert test[0]["text"] == "Pasar malam kembali dibuka di alun-alun."


def test_csv_with_commas_in_quotes() -> None:
    test = load_file(
        FIXTURES / "user" / "artikel.csv",
        text_field="isi",
        summary_field="ringkasan",
        id_field="judul",
    )["test"]
    assert test["id"] == ["Jalan Baru", "Sekolah"]
    assert (
        test[0]["text"]
        == "Jalan baru sepanjang dua kilometer, yang dibangun desa, dibuka hari ini."
    )


def test_parquet(tmp_path: Path) -> None:
    path = tmp_path / "mine.parquet"
    pq.write_table(pa.table({"nomor": [7, 8], "body": ["Satu berita.", "Dua berita."]}), path)
    test = load_file(path, text_field="body", id_field="nomor")["test"]
    assert test["id"] == ["7", "8"] and test["text"] == ["Satu berita.", "Dua berita."]


def test_bad_jsonl_line_names_the_line() -> None:
    with pytest.raises(InputError, match=r"rusak.jsonl, line 2: not valid JSON"):
        load_file(FIXTURES / "user" / "rusak.jsonl", text_field="isi")


def test_missing_field_lists_the_fields() -> None:
    with pytest.raises(
        InputError, match=r"line 1: no field 'text' \(it has: kode, isi, ringkasan, inggris\)"
    ):
        load_file(FIXTURES / "user" / "artikel.jsonl")
    with pytest.raises(
        InputError, match=r"row 1: no field 'body' \(it has: judul, isi, ringkasan\)"
    ):
        load_file(FIXTURES / "user" / "artikel.csv", text_field="body")


def test_wrong_types_duplicates_and_endings(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": 5}\n', encoding="utf-8")
    with pytest.raises(InputError, match="field 'text' is a int, not text"):
        load_file(path)
    path.write_text('{"text": "A.", "id": 1}\n{"text": "B.", "id": "1"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="id '1' already used at line 1"):
        load_file(path, id_field="id")
    with pytest.raises(ConfigError, match=r"\.jsonl, \.csv, \.parquet"):
        load_file(tmp_path / "x.xlsx")
    with pytest.raises(InputError, match="does not exist"):
        load_file(tmp_path / "missing.jsonl")
