"""IndoSum loader on a tiny fold in the release's JSONL format."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.data.indosum import load_indosum
from ringkas.errors import ConfigError, DatasetNotAvailableError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_fold_one_paragraphs_and_summary() -> None:
    data = load_indosum(FIXTURES / "indosum", fold=1)
    assert {name: data[name].num_rows for name in data} == {"train": 2, "dev": 1, "test": 1}
    row = data["train"][0]
    assert row["id"] == "1501-a"
    assert row["text"] == (
        "Tim bulu tangkis junior meraih tiga gelar di turnamen Asia .\n"
        "Pelatih menyebut hasil itu buah latihan disiplin selama setahun ."
    )
    assert row["summary"] == "Tim bulu tangkis junior meraih tiga gelar di turnamen Asia ."


def test_clean_drops_the_baca_juga_paragraph() -> None:
    cleaned = load_indosum(FIXTURES / "indosum", splits=["test"])["test"][0]["text"]
    raw = load_indosum(FIXTURES / "indosum", splits=["test"], clean=False)["test"][0]["text"]
    assert raw.endswith("\nBaca juga :") and not cleaned.endswith("Baca juga :")


def test_other_fold_and_bad_fold() -> None:
    with pytest.raises(DatasetNotAvailableError, match="no fold 2 files"):
        load_indosum(FIXTURES / "indosum", fold=2)
    with pytest.raises(ConfigError, match="fold"):
        load_indosum(FIXTURES / "indosum", fold=6)
