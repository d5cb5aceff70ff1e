"""Liputan6 loader on a tiny copy of the official release layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.data.liputan6 import load_liputan6, strip_tokenized_dateline
from ringkas.errors import ConfigError, DatasetNotAvailableError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_canonical_splits_text_and_summary() -> None:
    data = load_liputan6(FIXTURES / "liputan6")
    assert {name: data[name].num_rows for name in data} == {"train": 1, "dev": 1, "test": 2}
    test = data["test"]
    assert test["id"] == ["9", "10"]  # numeric id order, not string order
    assert test[0]["text"] == (
        "Kapal penumpang yang tertahan akibat gelombang tinggi akhirnya berangkat dari Pelabuhan "
        "Yos Sudarso . Sebanyak 450 penumpang diberangkatkan dengan pengawalan petugas . "
        "Syahbandar meminta nakhoda terus memantau cuaca ."
    )
    assert test[0]["summary"] == (
        "Kapal penumpang yang tertahan gelombang tinggi akhirnya berangkat dari Ambon membawa 450 penumpang ."
    )
    assert test[0]["translation"] is None and test[0]["lang"] == "id"


def test_xtreme_variant_and_unclean_text() -> None:
    data = load_liputan6(FIXTURES / "liputan6", variant="xtreme", clean=False)
    assert sorted(data) == ["dev", "test"]
    assert data["test"][0]["text"].startswith("Liputan6 . com , Jakarta : Pemerintah provinsi")


def test_tokenized_dateline_with_a_two_word_city() -> None:
    assert (
        strip_tokenized_dateline("Liputan6 . com , Banda Aceh : Hujan turun .") == "Hujan turun ."
    )
    assert (
        strip_tokenized_dateline("Hujan turun di Liputan6 . com .")
        == "Hujan turun di Liputan6 . com ."
    )


def test_missing_folder_says_how_to_get_the_data(tmp_path: Path) -> None:
    with pytest.raises(
        DatasetNotAvailableError, match=r"sum_liputan6.*canonical/\{train,dev,test\}"
    ):
        load_liputan6(tmp_path / "nowhere")
    with pytest.raises(DatasetNotAvailableError, match="needs data_dir"):
        load_liputan6(None)
    with pytest.raises(ConfigError, match="variant"):
        load_liputan6(tmp_path, variant="extreme")


def test_gold_summary_sentences_stay_on_their_own_lines() -> None:
    """ROUGE-Lsum scores sentence by sentence: the release's sentence boundaries must survive."""
    from ringkas.metrics import rouge_example

    train = load_liputan6(FIXTURES / "liputan6")["train"]
    summary = train[0]["summary"]
    assert summary == (
        "Hujan deras membuat sejumlah ruas jalan di Kota Bogor tergenang .\n"
        "Arus kendaraan dialihkan ke jalur alternatif ."
    )
    # a prediction with the two sentences swapped loses nothing under rougeLsum (each gold line
    # is matched on its own), while whole-text rougeL finds only the longer sentence in order
    swapped = (
        "Arus kendaraan dialihkan ke jalur alternatif . Hujan deras membuat sejumlah ruas "
        "jalan di Kota Bogor tergenang ."
    )
    scores = rouge_example(swapped, summary, types=["rougeL", "rougeLsum"])
    assert scores["rougeLsum"].f1 == 1.0
    assert scores["rougeL"].recall == 10 / 16  # the LCS is the 10-word first gold sentence
