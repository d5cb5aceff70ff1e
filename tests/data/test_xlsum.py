"""XL-Sum loader: the official JSONL files, and the hub when offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.data.xlsum import load_xlsum
from ringkas.errors import DatasetNotAvailableError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_jsonl_files_map_to_train_dev_test() -> None:
    data = load_xlsum(FIXTURES / "xlsum")
    assert {name: data[name].num_rows for name in data} == {"train": 1, "dev": 1, "test": 2}
    row = data["test"][1]
    assert row["id"] == "berita-301"
    assert row["summary"] == "Petani muda di Flores mengekspor kopi ke Jepang."
    assert row["text"].startswith("Sekelompok petani muda di Flores")
    assert row["translation"] is None


def test_text_is_cleaned_unless_asked_not_to() -> None:
    cleaned = load_xlsum(FIXTURES / "xlsum", splits=["dev"])["dev"][0]["text"]
    raw = load_xlsum(FIXTURES / "xlsum", splits=["dev"], clean=False)["dev"][0]["text"]
    assert "Baca juga" not in cleaned and "Baca juga" in raw
    assert cleaned == (
        "Museum sejarah di Yogyakarta mulai membuka kunjungan malam setiap Sabtu.\n"
        "Pengelola berharap anak muda lebih tertarik datang."
    )


def test_offline_hub_fails_fast_and_says_how(
    monkeypatch: pytest.MonkeyPatch, no_network: None
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(DatasetNotAvailableError) as info:
        load_xlsum()
    message = str(info.value)
    assert "csebuetnlp/xlsum" in message and "github.com/csebuetnlp/xl-sum" in message
    assert "data_dir" in message


def test_empty_folder_is_not_available(tmp_path: Path) -> None:
    with pytest.raises(DatasetNotAvailableError, match="indonesian_train.jsonl"):
        load_xlsum(tmp_path)
