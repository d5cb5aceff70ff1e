"""NusaX-MT loader on both CSV layouts of the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.data.nusax import load_nusax
from ringkas.errors import DatasetNotAvailableError, InputError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_english_folder_layout() -> None:
    data = load_nusax(FIXTURES / "nusax")
    assert {name: data[name].num_rows for name in data} == {"train": 2, "dev": 1, "test": 2}
    row = data["test"][1]
    assert row["id"] == "32"
    assert row["text"] == 'Harga tiketnya "murah", tapi kursinya sempit.'
    assert row["translation"] == 'The ticket is "cheap", but the seats are cramped.'


def test_combined_layout(tmp_path: Path) -> None:
    (tmp_path / "test.csv").write_text(
        ",indonesian,acehnese,english\n0,Saya suka kopi.,x,I like coffee.\n", encoding="utf-8"
    )
    row = load_nusax(tmp_path)["test"][0]
    assert (row["id"], row["text"], row["translation"]) == (
        "0",
        "Saya suka kopi.",
        "I like coffee.",
    )


def test_wrong_columns_and_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "train.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="it has: a, b"):
        load_nusax(tmp_path)
    with pytest.raises(DatasetNotAvailableError, match="IndoNLP/nusax"):
        load_nusax(tmp_path / "nowhere")
