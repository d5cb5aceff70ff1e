"""rootwords: Sastrawi's Indonesian root-word list, read once from the package data."""

from __future__ import annotations

from importlib import resources

from ringkas.faithful.rootwords import (
    WORD_LIST,
    is_common_word,
    is_place_word,
    is_root_word,
    place_words,
    root_words,
    stems,
)


def test_common_words_are_root_words_and_names_are_not() -> None:
    assert all(is_root_word(w) for w in ("rapat", "Kelas", "SAHAM", "pintar", "survei"))
    assert not any(is_root_word(w) for w in ("Widodo", "BPJS", "Surakarta", ""))


def test_the_list_is_read_once_without_its_header() -> None:
    words = root_words()
    assert root_words() is words and len(words) > 29000
    assert not any(w.startswith("#") or w != w.strip() for w in words)


def test_the_package_data_carries_its_licence_and_source() -> None:
    text = resources.files("ringkas.faithful").joinpath(WORD_LIST).read_text(encoding="utf-8")
    header = [line for line in text.splitlines()[:40] if line.startswith("#")]
    assert any("MIT License" in line for line in header)
    assert any("github.com/har07/PySastrawi" in line for line in header)
    assert any("Copyright (c) 2016 Hanif Amal Robbani" in line for line in header)


def test_derived_words_have_their_root_as_stem() -> None:
    assert stems("Penyelenggaraan") == ["selenggara"]
    assert stems("Kendaraan") == ["kendara"] and stems("Bermotor") == ["motor"]
    assert stems("pembangunan") == ["bangun"] and stems("Tahunan") == ["tahun"]
    assert stems("Permusyawaratan") == ["musyawarat"]
    assert all(is_common_word(w) for w in ("Harapan", "Bundaran", "pengembangan"))


def test_names_have_no_stem() -> None:
    assert not any(is_common_word(w) for w in ("Widodo", "Sukarno", "Jakarta", "BPJS", "", "di"))


def test_place_words_name_regencies_and_cities_but_not_everyday_words() -> None:
    assert all(is_place_word(w) for w in ("Bogor", "malang", "Cianjur", "Indonesia", "Medan"))
    assert not any(is_place_word(w) for w in ("Tanah", "Utara", "Kabupaten", "Pertanian"))
    assert place_words() is place_words() and len(place_words()) > 350


def test_compounds_are_split_only_under_a_circumfix() -> None:
    assert stems("Ketenagakerjaan")[:2] == ["tenaga", "kerja"]
    assert stems("Pertanggungjawaban") == ["tanggung", "jawab"]
    assert stems("Tangerang") == [] and stems("Kalimantan") == []
