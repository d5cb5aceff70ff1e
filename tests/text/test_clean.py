"""Boilerplate removal against hand-cleaned articles (ringkas.text.clean)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ringkas.text.clean as clean_module
from ringkas.errors import InputError
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
        "Pasar induk itu menampung 1.200 pedagang sayur dan buah dari seluruh Jawa Barat.\n"
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


def test_a_related_headline_over_its_own_paragraph_is_kept_and_named_in_a_warning() -> None:
    # A line of a "BACA JUGA" list that titles the paragraph under it is a subheading or the
    # headline of a glued story; a one-sentence article gives no topic to tell them apart, so
    # the text stays and the doubt is reported (it used to cut everything after it).
    raw = (
        "Jakarta - Rapat anggaran selesai malam ini.\n"
        "BACA JUGA\n"
        "Festival Layang-Layang Digelar di Pantai Parangtritis\n"
        "Festival layang-layang digelar di Pantai Parangtritis selama tiga hari.\n"
    )
    article = clean_article(raw)
    assert article.text == (
        "Rapat anggaran selesai malam ini.\n"
        "Festival Layang-Layang Digelar di Pantai Parangtritis\n"
        "Festival layang-layang digelar di Pantai Parangtritis selama tiga hari."
    )
    assert article.second_story is None
    assert len(article.warnings) == 1
    assert article.warnings[0].startswith(
        "kept 'Festival Layang-Layang Digelar di Pantai Parangtritis', which may be the headline"
    )
    assert "2 of the 3 points" in article.warnings[0]
    # With evidence (its own dateline) the same lines are a glued story.
    glued = clean_article(raw.replace("Festival layang", "Bantul (ANTARA) - Festival layang"))
    assert glued.text == "Rapat anggaran selesai malam ini."
    assert glued.second_story is not None and glued.second_story.startswith("Festival Layang")
    assert glued.warnings == ()


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


# --- subheadings stay; glued stories go only on evidence (issue 14, item 4) ------------------

_LEAD = (
    "Liputan6.com, Kupang - Harga jagung pipil di tingkat petani Kupang turun menjadi Rp 4.200 "
    "per kilogram, Senin (4/3/2024).\n"
    "Petani jagung mengeluhkan harga jagung yang terus turun sejak awal panen raya.\n"
)
_SUBHEADED = (
    "Petani Jagung Minta Harga Dasar Dinaikkan\n"
    "Kelompok petani jagung meminta pemerintah menetapkan harga dasar jagung yang lebih tinggi.\n"
    "Mereka menyebut biaya pupuk dan harga benih jagung naik dua kali lipat.\n"
)
_OTHER = (
    "Kapal Feri Baru Layani Rute Kupang-Rote Mulai Pekan Depan\n"
    "Sebuah kapal feri cepat akan melayani penyeberangan penumpang ke Pulau Rote.\n"
)


def test_a_title_case_subheading_and_the_text_after_it_stay() -> None:
    article = clean_article(_LEAD + _SUBHEADED)
    assert article.text == (_LEAD.split(" - ", 1)[1] + _SUBHEADED).strip()
    assert article.second_story is None
    assert article.warnings == ()


@pytest.mark.parametrize(
    ("before", "lead", "why"),
    [
        ("(ant)\n", "", "closing credit"),
        ("(mdk/rhm)\n", "", "closing credit"),
        ("Editor: Budi Santoso\n", "", "closing credit"),
        (
            "Artikel ini telah tayang di Tribunnews.com dengan judul Harga Jagung Anjlok\n",
            "",
            "credit",
        ),
        ("", "Kupang (ANTARA) - ", "dateline"),
        ("", "TRIBUNNEWS.COM, KUPANG - ", "dateline"),
    ],
)
def test_a_glued_story_on_the_same_topic_needs_and_finds_evidence(
    before: str, lead: str, why: str
) -> None:
    # The glued story is about maize prices too: only the marker shows it is another article.
    headline = "Harga Jagung di Flores Timur Ikut Anjlok Saat Panen"
    rest = "Harga jagung pipil di Flores Timur ikut turun karena panen raya serentak.\n"
    article = clean_article(_LEAD + _SUBHEADED + before + headline + "\n" + lead + rest)
    assert article.text == (_LEAD.split(" - ", 1)[1] + _SUBHEADED).strip()
    assert article.second_story == f"{headline}\n{lead}{rest}".strip()
    # ... and without the marker it is kept (same topic, no evidence)
    kept = clean_article(_LEAD + _SUBHEADED + headline + "\n" + rest)
    assert kept.second_story is None and headline in kept.text


def test_a_glued_story_dated_a_year_before_the_article_is_cut() -> None:
    old = (
        "Harga Jagung Kupang Sempat Melonjak Saat Kemarau\n"
        "Harga jagung di Kupang sempat melonjak pada Kamis (9/3/2023) karena kemarau panjang.\n"
    )
    article = clean_article(_LEAD + _SUBHEADED + old)
    assert article.second_story == old.strip()
    recent = old.replace("(9/3/2023)", "(29/2/2024)")  # a few days before: part of the story
    assert clean_article(_LEAD + _SUBHEADED + recent).second_story is None


def test_a_glued_story_on_another_topic_is_cut_without_any_marker() -> None:
    article = clean_article(_LEAD + _SUBHEADED + _OTHER)
    assert article.second_story == _OTHER.strip()
    assert article.text.endswith("naik dua kali lipat.")


def test_boilerplate_of_the_outlets_is_recognised_line_by_line() -> None:
    raw = (
        "Laporan Wartawan Tribunnews.com, Rina Lestari\n"
        "Jakarta, CNN Indonesia -- Harga jagung turun.\n"
        "SCROLL TO CONTINUE WITH CONTENT\n"
        "[Gambas:Video CNN]\n"
        "Petugas menimbang jagung di Kupang, Senin (4/3/2024). ANTARA FOTO/Kornelis Kaha\n"
        "Petani mengeluh, kata Ani. (Baca juga: Harga Beras Naik Lagi)\n"
        "Pilihan Editor: Harga Cabai Turun di Pasar Induk\n"
        "Dapatkan update berita pilihan setiap hari. Gabung di grup Telegram kami, klik tautan ini.\n"
        "Penulis: Rina Lestari | Editor: Budi Santoso\n"
    )
    article = clean_article(raw)
    assert article.text == "Harga jagung turun.\nPetani mengeluh, kata Ani."
    assert [(r.kind, r.text) for r in article.removed] == [
        ("credit", "Laporan Wartawan Tribunnews.com, Rina Lestari"),
        ("dateline", "Jakarta, CNN Indonesia --"),
        ("marker", "SCROLL TO CONTINUE WITH CONTENT"),
        ("marker", "[Gambas:Video CNN]"),
        (
            "caption",
            "Petugas menimbang jagung di Kupang, Senin (4/3/2024). ANTARA FOTO/Kornelis Kaha",
        ),
        ("related", "Baca juga: Harga Beras Naik Lagi"),
        ("marker", "Pilihan Editor: Harga Cabai Turun di Pasar Induk"),
        (
            "marker",
            "Dapatkan update berita pilihan setiap hari. Gabung di grup Telegram kami, klik tautan ini.",
        ),
        ("credit", "Penulis: Rina Lestari | Editor: Budi Santoso"),
    ]


def test_a_closing_code_at_the_end_of_a_paragraph_is_a_credit() -> None:
    article = clean_article("Merdeka.com - Harga jagung turun. (mdk/rhm)")
    assert article.text == "Harga jagung turun."
    assert [(r.kind, r.text) for r in article.removed] == [
        ("dateline", "Merdeka.com -"),
        ("credit", "(mdk/rhm)"),
    ]


def test_an_article_that_is_not_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"must be a str, got bytes\. Pass its text"):
        clean_article(b"Harga naik.")  # type: ignore[arg-type]


def test_topic_evidence_is_computed_for_a_bounded_number_of_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = 0
    real = clean_module._Topic.evidence

    def spy(self: Any) -> tuple[int, list[str]]:
        nonlocal calls
        calls += 1
        return real(self)

    monkeypatch.setattr(clean_module._Topic, "evidence", spy)
    raw = _LEAD + "".join(f"Petani Jagung Minta Harga Dasar Nomor {i}\n" for i in range(500))
    article = clean_article(raw)
    assert article.second_story is None and article.text.count("\n") == 501
    assert calls == 50  # not one per line: the work stays linear in the article


# Property: an article on one topic, with Title Case subheadings anywhere, loses nothing.
_TOPIC_PARAGRAPHS = [
    "Harga jagung pipil di tingkat petani turun menjadi Rp 4.200 per kilogram.",
    "Petani jagung di Kupang menunda penjualan sambil menunggu harga jagung naik.",
    '"Harga jagung tahun ini paling rendah," kata Yohanes, petani jagung di Kupang.',
    "Pedagang pengumpul membeli jagung petani dengan harga di bawah biaya produksi.",
    "Dinas Pertanian mendata luas panen jagung di setiap kecamatan.",
]
_TOPIC_SUBHEADINGS = [
    "Petani Jagung Minta Harga Dasar Dinaikkan",
    "Gudang Penyimpanan Jagung Masih Terbatas",
    "Harapan Petani pada Musim Tanam Berikutnya",
    "Pedagang Pengumpul Menahan Pembelian Jagung",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_TOPIC_PARAGRAPHS), min_size=2, max_size=8),
    st.lists(st.tuples(st.integers(1, 8), st.sampled_from(_TOPIC_SUBHEADINGS)), max_size=4),
    st.sampled_from(["\n", "\n\n"]),
)
def test_subheadings_without_evidence_are_never_cut(
    paragraphs: list[str], subheadings: list[tuple[int, str]], gap: str
) -> None:
    lines = list(paragraphs)
    for position, heading in subheadings:
        lines.insert(min(position, len(lines)), heading)
    raw = gap.join(lines)
    article = clean_article(raw)
    assert article.text == raw
    assert article.second_story is None
    assert [r.kind for r in article.removed] == []


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(_TOPIC_PARAGRAPHS), min_size=2, max_size=6),
    st.sampled_from(["(ant)", "(mdk/rhm)", "Editor: Budi Santoso", "Copyright © ANTARA 2024"]),
    st.sampled_from([_OTHER.strip(), _SUBHEADED.strip()]),
)
def test_after_a_closing_credit_a_headline_starts_another_story(
    paragraphs: list[str], credit: str, glued: str
) -> None:
    article = clean_article("\n".join([*paragraphs, credit, glued]))
    assert article.text == "\n".join(paragraphs)
    assert article.second_story == glued
    assert [r.kind for r in article.removed] == ["credit", "second_story"]


def test_lines_that_only_look_like_credits_do_not_end_the_story() -> None:
    raw = (
        _LEAD
        + "Produksi jagung naik 8 persen dan harga jagung turun. (BPS/BPN)\n"
        + "Sumber: Badan Pusat Statistik\n"
        + _SUBHEADED
    )
    article = clean_article(raw)
    assert article.second_story is None
    assert article.text == (raw.split(" - ", 1)[1]).strip()
    assert [r.kind for r in article.removed] == ["dateline"]
