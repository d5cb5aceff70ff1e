"""Sentence splitting and exact reassembly (ringkas.text.segment)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from ringkas.text.segment import join_quotes, rebuild, segment, split_sentences


def test_abbreviations_numbers_and_dates_do_not_split() -> None:
    text = (
        "Dr. Ani dan Prof. Budi hadir di Jl. Merdeka No. 5 pada Selasa (8/10/2019). "
        "Nilainya Rp 5,5 triliun atau naik 1.000 persen dll. menurut data. "
        "Rapat dimulai pukul 10.30 WIB. Selesai."
    )
    assert split_sentences(text) == [
        "Dr. Ani dan Prof. Budi hadir di Jl. Merdeka No. 5 pada Selasa (8/10/2019).",
        "Nilainya Rp 5,5 triliun atau naik 1.000 persen dll. menurut data.",
        "Rapat dimulai pukul 10.30 WIB.",
        "Selesai.",
    ]


def test_quoted_speech_keeps_attribution_with_its_quote() -> None:
    text = '"Apa kabar?" tanya dia. "Baik. Terima kasih," jawab Sari. Ia pergi.'
    assert split_sentences(text) == [
        '"Apa kabar?" tanya dia.',
        '"Baik.',
        'Terima kasih," jawab Sari.',
        "Ia pergi.",
    ]


def test_curly_quotes_initials_and_ellipsis() -> None:
    text = "“Kami siap.” Kata M. Yusuf, itu benar... tapi belum pasti. Lalu? Ya!"
    assert split_sentences(text) == [
        "“Kami siap.”",
        "Kata M. Yusuf, itu benar... tapi belum pasti.",
        "Lalu?",
        "Ya!",
    ]


def test_layout_is_kept_as_separators() -> None:
    text = "  Satu.  Dua.\n\n\tTiga\r\nEmpat. \n"
    segments = segment(text)
    assert [s.text for s in segments if s.is_text] == ["Satu.", "Dua.", "Tiga", "Empat."]
    assert [s.text for s in segments if not s.is_text] == ["  ", "  ", "\n\n\t", "\r\n", " \n"]
    assert rebuild(segments, ["1.", "2.", "3", "4."]) == "  1.  2.\n\n\t3\r\n4. \n"


def test_spans_point_into_the_original() -> None:
    text = "Ani datang. Budi pulang.\nSelesai."
    for seg in segment(text):
        assert text[seg.start : seg.end] == seg.text


def test_empty_and_whitespace_only() -> None:
    assert segment("") == []
    assert [s.is_text for s in segment(" \n ")] == [False]


_ALPHABET = st.sampled_from([*list("abc ABC.,!?\"“”'()-\n\t 0123456789"), "Dr.", " No. ", "1.000"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_rebuilding_from_segments_gives_back_the_exact_document(text: str) -> None:
    segments = segment(text)
    assert "".join(s.text for s in segments) == text
    sentences = [s.text for s in segments if s.is_text]
    assert all(s == s.strip() and s for s in sentences)
    assert rebuild(segments, sentences) == text
    # separators and sentences alternate: no two whitespace segments in a row
    assert all(a.is_text or b.is_text for a, b in itertools.pairwise(segments))


def test_ordinary_words_and_closing_abbreviations_end_sentences_before_a_capital() -> None:
    # "kota" (city) is a word, not an abbreviation; "dll." before a capital ends the sentence.
    text = "Ia pulang ke kota. Menunggu gaji. Ada beras, gula, dll. Pemerintah datang."
    assert split_sentences(text) == [
        "Ia pulang ke kota.",
        "Menunggu gaji.",
        "Ada beras, gula, dll.",
        "Pemerintah datang.",
    ]


def test_join_quotes_keeps_quotations_whole() -> None:
    sentences = split_sentences('"Kami siap. Semua sudah dicek," kata dia. “Bagus.” Rapat selesai.')
    assert len(sentences) == 4
    assert join_quotes(sentences) == [
        '"Kami siap. Semua sudah dicek," kata dia.',
        "“Bagus.”",
        "Rapat selesai.",
    ]
    assert join_quotes(['"a.', "b.", "c.", "d."], max_join=2) == ['"a. b.', "c.", "d."]
