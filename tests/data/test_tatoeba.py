"""Tatoeba Challenge loader: 4-column test files in either direction, and 2-column files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.data.tatoeba import load_tatoeba
from ringkas.errors import DatasetNotAvailableError, InputError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_four_columns_either_direction() -> None:
    test = load_tatoeba(FIXTURES / "tatoeba")["test"]  # finds test.txt
    assert test["text"] == [
        "Saya sedang membaca buku.",
        "Di mana stasiunnya?",
        "Dia minum teh setiap pagi.",
    ]
    assert test["translation"] == [
        "I am reading a book.",
        "Where is the station?",
        "She drinks tea every morning.",
    ]
    assert test["id"] == ["1", "2", "3"] and test[0]["summary"] is None


def test_two_columns_by_path() -> None:
    test = load_tatoeba(path=FIXTURES / "tatoeba" / "pairs.tsv")["test"]
    assert (
        test[1]["text"] == "Hujan turun lagi." and test[1]["translation"] == "It is raining again."
    )


def test_bad_lines_and_missing_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("eng\tind\tHello.\tHalo.\nfra\tind\tBonjour.\tHalo.\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2: language codes 'fra'"):
        load_tatoeba(path=bad)
    bad.write_text("satu\tdua\ttiga\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1: 3 tab-separated columns"):
        load_tatoeba(path=bad)
    with pytest.raises(DatasetNotAvailableError, match="Tatoeba-Challenge"):
        load_tatoeba(tmp_path / "empty")
