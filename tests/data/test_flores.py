"""FLORES-200 loader: the flores200_dataset layout, and the hub when offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.data.flores import load_flores
from ringkas.errors import DatasetNotAvailableError, InputError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_aligned_files_give_dev_and_devtest() -> None:
    data = load_flores(FIXTURES / "flores200_dataset")
    assert {name: data[name].num_rows for name in data} == {"dev": 3, "devtest": 2}
    row = data["devtest"][1]
    assert row == {
        "id": "2",
        "text": "Petani menanam padi pada awal musim hujan.",
        "summary": None,
        "translation": "Farmers plant rice at the start of the rainy season.",
        "lang": "id",
    }


def test_misaligned_files_are_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "ind_Latn.dev").write_text("Satu.\nDua.\n", encoding="utf-8")
    (tmp_path / "dev" / "eng_Latn.dev").write_text("One.\n", encoding="utf-8")
    with pytest.raises(InputError, match="2 lines but eng_Latn.dev has 1"):
        load_flores(tmp_path)


def test_offline_hub_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(DatasetNotAvailableError, match="flores_plus.*data_dir=<folder>"):
        load_flores()
    with pytest.raises(DatasetNotAvailableError, match="no ind_Latn/eng_Latn files"):
        load_flores(tmp_path)
