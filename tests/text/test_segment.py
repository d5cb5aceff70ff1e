"""Sentence splitting and exact reassembly (ringkas.text.segment)."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ringkas.text.segment as segment_module
from ringkas.text.segment import (
    ABBREVIATIONS,
    LINE_BREAKS,
    join_quotes,
    rebuild,
    segment,
    split_sentences,
)


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


# --- linear work on one long line (issue 14, item 2) -----------------------------------------
# Scraped JSONL often holds a whole article on one line. The abbreviation check used to search
# the whole line prefix at every ".", so 4,000 sentences on one line took 19 s (0.02 s now).
# Rather than time it, these tests count the characters the checks are handed.


def _one_line_article(sentences: int) -> str:
    return " ".join(
        f"Dr. Ani ke-{i} membayar Rp. {i}.000 di Jl. Merdeka No. {i}. Warga datang."
        for i in range(sentences)
    )


def test_abbreviation_checks_read_each_character_of_a_long_line_at_most_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[int] = []
    real = segment_module._is_abbreviation

    def spy(word: str) -> bool:
        seen.append(len(word))
        return real(word)

    monkeypatch.setattr(segment_module, "_is_abbreviation", spy)
    line = _one_line_article(4000)
    sentences = split_sentences(line)
    assert len(sentences) == 8000
    assert sentences[:2] == [
        "Dr. Ani ke-0 membayar Rp. 0.000 di Jl. Merdeka No. 0.",
        "Warga datang.",
    ]
    assert len(seen) >= 4 * 4000  # every "Dr." "Rp." "Jl." "No." and sentence end was checked
    assert sum(seen) <= len(line)  # ... by looking at its own word only, never the prefix


def test_work_grows_linearly_with_the_line() -> None:
    # Count the characters the word look-back scans for 1x and 4x the input: linear work gives
    # 4x, the old prefix search gave 16x.
    def scanned(sentences: int) -> int:
        line = _one_line_article(sentences)
        total = 0
        real = segment_module._word_ending_at

        def spy(text: str, end: int) -> str:
            nonlocal total
            word = real(text, end)
            total += len(word) + 1  # the characters read, and the whitespace that stopped it
            return word

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(segment_module, "_word_ending_at", spy)
            split_sentences(line)
        return total

    small, large = scanned(500), scanned(2000)
    assert 3.9 <= large / small <= 4.1


def test_a_long_run_of_marks_is_one_candidate() -> None:
    text = "Apa " + "?" * 5000 + "!" * 5000 + " Ya. " + "." * 10_000 + "x selesai."
    assert split_sentences(text) == [
        "Apa " + "?" * 5000 + "!" * 5000,
        "Ya. " + "." * 10_000 + "x selesai.",  # "." does not start a sentence
    ]


def _reference_spans(line: str) -> list[tuple[int, int]]:
    """The splitter's rule written the obvious (quadratic) way, to check the linear one against."""
    end_mark = re.compile(r"(?:\.{3}|…|[.!?]+)[" + re.escape("\"”’')]»") + r"]*(?=\s)")
    spans = []
    start = len(line) - len(line.lstrip())
    for match in end_mark.finditer(line):
        end = match.end()
        rest = line[end:].lstrip()
        if not rest or not (rest[0] in "\"“‘'([«-–—•*" or rest[0].isupper() or rest[0].isdigit()):
            continue
        mark = match.group(0)
        word_match = re.search(r"(\S+)$", line[: match.start() + 1])
        if mark.startswith(".") and not mark.startswith("..") and word_match:
            word = word_match.group(1).lstrip("\"“‘'([«")
            stem = word[:-1]
            if word.endswith(".") and (
                (len(stem) == 1 and stem.isalpha()) or stem.lower() in ABBREVIATIONS
            ):
                continue
        if line[start:end].strip():
            spans.append((start, end))
            start = end + (len(line[end:]) - len(rest))
    if line[start:].strip():
        spans.append((start, len(line.rstrip())))
    return spans


_MARKS = st.sampled_from([*list("aZ9 .!?…\"“”'()«»-\t\u00a0"), "Dr.", "No. ", "...", "M. ", "?!"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_MARKS, max_size=60).map("".join))
def test_linear_splitter_agrees_with_the_obvious_rule(line: str) -> None:
    got = [(s.start, s.end) for s in segment(line) if s.is_text]
    assert got == _reference_spans(line)


# --- every line break str.splitlines() knows is a line break (issue 14, item 8) --------------


@pytest.mark.parametrize(
    "brk", ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e"]
)
def test_unicode_line_breaks_end_a_sentence_and_are_kept_verbatim(brk: str) -> None:
    text = f"Judul tanpa titik{brk}Harga naik.  {brk}{brk}Pedagang mengeluh{brk}"
    segments = segment(text)
    assert [(s.text, s.is_text) for s in segments] == [
        ("Judul tanpa titik", True),
        (brk, False),
        ("Harga naik.", True),
        (f"  {brk}{brk}", False),
        ("Pedagang mengeluh", True),
        (brk, False),
    ]
    assert rebuild(segments, ["A", "B.", "C"]) == f"A{brk}B.  {brk}{brk}C{brk}"


def test_line_breaks_are_exactly_those_of_splitlines() -> None:
    breaks = {chr(i) for i in range(0x3000) if len(f"a{chr(i)}b".splitlines()) == 2}
    assert breaks == set(LINE_BREAKS)


_LINES = st.sampled_from(
    ["Ani datang.", "Dr. Budi", "harga", " ", "  ", "\t", "\u00a0", *LINE_BREAKS, "\r\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=40).map("".join))
def test_no_sentence_holds_a_line_break_and_all_of_them_survive_a_rebuild(text: str) -> None:
    segments = segment(text)
    sentences = [s.text for s in segments if s.is_text]
    assert not any(len(s.splitlines()) > 1 or s != s.strip() for s in sentences)
    replaced = rebuild(segments, ["X"] * len(sentences))
    assert [c for c in replaced if c in LINE_BREAKS] == [c for c in text if c in LINE_BREAKS]
    assert rebuild(segments, sentences) == text
