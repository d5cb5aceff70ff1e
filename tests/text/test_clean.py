"""Boilerplate removal against hand-cleaned articles (ringkas.text.clean)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.text.clean import clean_article, looks_like_headline

DATA = Path(__file__).parent / "data" / "clean"
CASES = sorted(DATA.glob("*.raw.txt"))


def test_there_are_at_least_ten_cases() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("raw", CASES, ids=lambda p: p.name.split(".")[0])
def test_cleaned_text_equals_the_hand_cleaned_text(raw: Path) -> None:
    expected = raw.with_name(raw.name.replace(".raw.", ".clean.")).read_text(encoding="utf-8")
    assert clean_article(raw.read_text(encoding="utf-8")).text == expected.removesuffix("\n")


def test_glued_second_story_is_cut_and_reported() -> None:
    raw = (
        "Liputan6.com, Bandung - Harga gabah di Karawang naik 12 persen pekan ini.\n"
        '"Kami untung sedikit," kata Ujang, petani di Karawang, Senin (3/6/2024).\n'
        "Baca Juga\n"
        "Advertisement\n"
        "Petani berharap harga bertahan sampai panen berikutnya.\n"
        "Gubernur Resmikan Pasar Induk Baru di Cirebon\n"
        "Gubernur Jawa Barat meresmikan pasar induk baru di Cirebon, Selasa.\n"
    )
    article = clean_article(raw)
    assert article.text == (
        "Harga gabah di Karawang naik 12 persen pekan ini.\n"
        '"Kami untung sedikit," kata Ujang, petani di Karawang, Senin (3/6/2024).\n'
        "Petani berharap harga bertahan sampai panen berikutnya."
    )
    assert article.second_story is not None
    assert article.second_story.startswith("Gubernur Resmikan Pasar Induk Baru di Cirebon\n")
    assert [r.kind for r in article.removed] == ["dateline", "marker", "marker", "second_story"]


def test_related_headline_that_titles_the_next_paragraph_is_a_glued_story() -> None:
    raw = (
        "Jakarta - Rapat anggaran selesai malam ini.\n"
        "BACA JUGA\n"
        "Festival Layang-Layang Digelar di Pantai Parangtritis\n"
        "Festival layang-layang digelar di Pantai Parangtritis selama tiga hari.\n"
    )
    article = clean_article(raw)
    assert article.text == "Jakarta - Rapat anggaran selesai malam ini."
    assert article.second_story is not None and "Parangtritis" in article.second_story


def test_quotes_numbers_and_names_are_kept() -> None:
    raw = "Liputan6.com, Medan: “Rp 1.250 per kilo,” ujar Dr. Siti Nurhaliza, Senin (8/10/2019)."
    assert (
        clean_article(raw).text
        == "“Rp 1.250 per kilo,” ujar Dr. Siti Nurhaliza, Senin (8/10/2019)."
    )


def test_all_boilerplate_leaves_nothing() -> None:
    article = clean_article("Baca Juga\nAdvertisement\n\nSimak video pilihan berikut ini:\n")
    assert article.text == ""
    assert len(article.removed) == 3


def test_headline_shape() -> None:
    assert looks_like_headline("Jokowi Resmikan Bendungan Baru di NTT")
    assert not looks_like_headline("Jokowi meresmikan bendungan baru di NTT.")
    assert not looks_like_headline('"Kami Siap Bertanding Besok Malam"')
    assert not looks_like_headline("Banjir")
