"""Degenerate output detection (ringkas.text.degenerate): each kind caught, sound output passed."""

from __future__ import annotations

import pytest

from ringkas.text.degenerate import (
    KINDS,
    is_repetitive,
    is_runaway,
    is_untranslated,
    leaks_prompt,
    problems,
)

SOURCE = "Harga beras di Pasar Kramat naik menjadi Rp 14.000 per kilogram pada Senin."
GOOD = "The price of rice at Kramat Market rose to Rp 14,000 per kilogram on Monday."


def test_a_sound_translation_has_no_problems() -> None:
    assert problems(SOURCE, GOOD) == []


@pytest.mark.parametrize(
    ("output", "kind"),
    [
        ("", "empty"),
        (GOOD + " " + "And then the market was full of people again. " * 6, "runaway"),
        ("The price is 1000000000000000000000000", "repetition"),
        ("The price of rice the price of rice the price of rice", "repetition"),
        ("Harga beras di pasar itu naik pada hari Senin.", "untranslated"),
        ("Prices rose. Indonesian: Harga cabai", "prompt_leak"),
    ],
)
def test_each_kind_is_named(output: str, kind: str) -> None:
    found = problems(SOURCE, output, labels=["Indonesian", "English"])
    assert kind in found and all(k in KINDS for k in found)


def test_what_the_source_repeats_is_not_a_loop() -> None:
    source = "Tim A menang, tim B menang, tim C menang, dan tim D menang."
    assert not is_repetitive("Team A won, team B won, team C won, and team D won.", source=source)
    assert not is_repetitive("Rp 1000000000000000", source="Rp 1000000000000000")


def test_length_is_bounded_by_the_source() -> None:
    assert not is_runaway("Pendek.", "Short.")
    assert is_runaway("Pendek.", "x" * 62)  # 3 * 7 + 40 = 61 characters at most


def test_language_check_only_for_indonesian_to_english() -> None:
    assert is_untranslated("Ini adalah harga yang sudah naik.")
    assert not is_untranslated("Ini adalah harga yang sudah naik.", src="id", tgt="ms")


def test_a_worked_example_in_the_output_is_a_leak() -> None:
    example = "The Sleman Regency government distributed Rp 2.5 billion in aid."
    assert leaks_prompt(f"Rice rose. {example}", examples=[example])
    assert not leaks_prompt("Rice rose.", examples=[example], labels=["Indonesian"])


def test_summaries_skip_the_length_and_language_checks() -> None:
    long_summary = (
        f"{GOOD} Traders at the market said supplies from farmers were late this week, and "
        "officials promised to watch prices closely until the end of the month, while "
        "shoppers queued from early morning and several stalls ran out of stock by noon."
    )
    assert problems(SOURCE, long_summary) == ["runaway"]
    assert problems(SOURCE, long_summary, check_length=False) == []
