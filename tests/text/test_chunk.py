"""Budget splitting and token-budget batch packing (ringkas.text.chunk)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ringkas.text.chunk import pack_batches, pack_by_sentences, split_to_budget


def words(text: str) -> int:
    return len(text.split())


def test_split_prefers_sentence_then_clause_then_word_boundaries() -> None:
    text = "Ani pergi ke pasar. Budi membeli beras, gula, dan minyak goreng di toko itu"
    split = split_to_budget(text, words, 5)
    assert split.pieces == [
        "Ani pergi ke pasar.",
        "Budi membeli beras, gula,",
        "dan minyak goreng di toko",
        "itu",
    ]
    assert split.join() == text
    assert all(words(p) <= 5 for p in split.pieces)


def test_an_unbreakable_word_is_cut_into_character_windows() -> None:
    text = "a" * 25
    split = split_to_budget(text, len, 10)
    assert split.pieces == ["a" * 10, "a" * 10, "a" * 5]
    assert split.join() == text


def test_join_with_replacements_keeps_separators() -> None:
    split = split_to_budget("satu dua,  tiga empat", words, 2)
    assert split.pieces == ["satu dua,", "tiga empat"]
    assert split.join(["one two,", "three four"]) == "one two,  three four"
    with pytest.raises(ValueError, match="2 pieces but 1"):
        split.join(["x"])


def test_budget_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        split_to_budget("a", words, 0)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["ab", "c,", "d.", "e;", "-", "fgh", "  ", " ", "\n"]), max_size=60),
    st.integers(min_value=1, max_value=8),
)
def test_split_never_loses_text_and_respects_the_budget(parts: list[str], budget: int) -> None:
    text = "".join(parts).strip() or "x"
    split = split_to_budget(text, len, budget)
    assert split.join() == text
    assert all(1 <= len(p) <= budget for p in split.pieces)


def test_pack_by_sentences_groups_whole_sentences() -> None:
    chunks = pack_by_sentences(["A b.", "C d.", "E f.", "G h i j k l."], words, 4)
    assert chunks == ["A b. C d.", "E f.", "G h i j", "k l."]


def test_pack_batches_sorts_and_respects_padded_budget() -> None:
    lengths = [3, 10, 2, 7, 7, 1]
    batches = pack_batches(lengths, max_batch_tokens=14)
    assert sorted(i for b in batches for i in b) == list(range(6))
    for batch in batches:
        assert len(batch) == 1 or max(lengths[i] for i in batch) * len(batch) <= 14
    assert batches[0] == [1]  # longest first
    assert pack_batches(lengths, max_batch_tokens=1000, batch_size=2) == [[1, 3], [4, 0], [2, 5]]


def test_pack_batches_rejects_bad_limits() -> None:
    with pytest.raises(ValueError, match=r"^pack_batches: max_batch_tokens must be >= 1, got 0$"):
        pack_batches([1], max_batch_tokens=0)
    with pytest.raises(ValueError, match=r"^pack_batches: batch_size must be >= 1, got 0$"):
        pack_batches([1], max_batch_tokens=5, batch_size=0)


# --- an unbreakable long "word" costs work proportional to it (issue 14, item 3) -------------
# A 16 KB base64 image used to be cut by binary-searching from the end of the remaining text,
# tokenizing all of it at every probe (5 s with the fidelity model's tokenizer, 0.6 s now; 64 KB
# took minutes). The tests count the characters handed to the token counter instead of timing.


class _Spy:
    """A token counter (about four characters a token, plus an end token) that records its work."""

    def __init__(self) -> None:
        self.calls = 0
        self.chars = 0

    def __call__(self, text: str) -> int:
        self.calls += 1
        self.chars += len(text)
        return -(-len(text) // 4) + 1


def test_cutting_a_long_word_counts_each_character_a_few_times_only() -> None:
    blob = "QUJD" * 4096  # 16 KB, no space anywhere: one "word"
    spy = _Spy()
    split = split_to_budget(blob, spy, 64)
    assert split.join() == blob
    assert split.pieces[:-1] == ["QUJD" * 63] * (len(split.pieces) - 1)  # 252 chars = 63 + 1 tokens
    # the old search counted 40x the text (and more the longer it is); now about 3x: the whole
    # text once (does it fit?), then about two probes per window, each near the window's size
    assert spy.chars <= 6 * len(blob)
    assert spy.calls <= 4 * len(split.pieces)


def test_the_work_on_a_long_word_grows_linearly() -> None:
    def work(size: int) -> int:
        spy = _Spy()
        split_to_budget("x" * size, spy, 50)
        return spy.chars

    assert 3.8 <= work(40_000) / work(10_000) <= 4.2  # quadratic work would give ~16


def _longest_prefixes(text: str, count: Callable[[str], int], budget: int) -> list[str]:
    """The obvious definition: repeatedly take the longest prefix that fits (at least 1 char)."""
    pieces = []
    while text:
        n = max([1, *(n for n in range(1, len(text) + 1) if count(text[:n]) <= budget)])
        pieces.append(text[:n])
        text = text[n:]
    return pieces


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="abcé漢😀", min_size=1, max_size=80),
    st.integers(min_value=1, max_value=20),
    st.integers(min_value=0, max_value=3),
)
def test_long_words_are_cut_into_the_longest_windows_that_fit(
    word: str, budget: int, overhead: int
) -> None:
    # A monotone counter with uneven costs: a byte-level tokenizer, plus special tokens.
    def count(text: str) -> int:
        return len(text.encode("utf-8")) // 2 + overhead

    split = split_to_budget(word, count, budget)
    assert split.join() == word
    expected = [word] if count(word) <= budget else _longest_prefixes(word, count, budget)
    assert split.pieces == expected
