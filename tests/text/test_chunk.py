"""Budget splitting and token-budget batch packing (ringkas.text.chunk)."""

from __future__ import annotations

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
    with pytest.raises(ValueError):
        pack_batches([1], max_batch_tokens=0)
    with pytest.raises(ValueError):
        pack_batches([1], max_batch_tokens=5, batch_size=0)
