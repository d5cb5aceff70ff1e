"""Every bad input a user can give gets a named error that says what to do (ringkas.errors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas import Summarizer, Translator, summarize, translate
from ringkas.errors import (
    ConfigError,
    InputError,
    ModelLoadError,
    ModelNotAvailableError,
    NotSeq2SeqModelError,
    RingkasError,
    UnsupportedLanguageError,
)


def test_all_errors_share_a_base() -> None:
    for cls in (ConfigError, InputError, ModelLoadError, ModelNotAvailableError,
                NotSeq2SeqModelError, UnsupportedLanguageError):  # fmt: skip
        assert issubclass(cls, RingkasError)


def test_empty_input_returns_empty_without_loading_a_model() -> None:
    # model points nowhere: it would fail if anything were loaded
    assert translate("", model="./no/such/dir") == ""
    assert translate("  \n\t ", model="./no/such/dir") == ""
    assert translate(["", " "], model="./no/such/dir") == ["", ""]


def test_none_and_non_strings() -> None:
    with pytest.raises(InputError, match="text is None. Pass a string"):
        translate(None)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"item 1 is int \(5\), not a string") as info:
        translate(["ok", 5])  # type: ignore[list-item]
    assert "convert or drop it" in str(info.value)
    with pytest.raises(InputError, match="got bytes"):
        translate(b"Halo")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="got int"):
        summarize(3)  # type: ignore[arg-type]


def test_unknown_language_even_for_empty_input() -> None:
    with pytest.raises(UnsupportedLanguageError, match="Unknown language code 'xx'"):
        translate("", src="xx")
    with pytest.raises(UnsupportedLanguageError, match="Unknown language code 'zz'"):
        summarize("Harga beras naik.", lang="zz", strategy="lead")


def test_missing_model_offline_is_fast_and_explains_what_to_do(no_network: None) -> None:
    with pytest.raises(ModelNotAvailableError) as info:
        Translator("Helsinki-NLP/opus-mt-id-en")
    message = str(info.value)
    assert "Helsinki-NLP/opus-mt-id-en" in message
    assert "Cache directory:" in message and "hf download" in message
    assert "HF_HUB_OFFLINE" in message


def test_missing_summarizer_suggests_extractive() -> None:
    """Asked for explicitly (a strategy or a model named), a missing summariser is an error;
    with neither, strategy="auto" falls back instead (tests/test_summarization.py)."""
    with pytest.raises(ModelNotAvailableError, match="strategy='extractive'"):
        summarize("Harga beras naik. Pedagang mengeluh.", lang="id", strategy="abstractive")
    with pytest.raises(ModelNotAvailableError, match="strategy='extractive'"):
        summarize("Harga beras naik. Pedagang mengeluh.", lang="id", model="ringkas-tests/absent")


def test_missing_directory() -> None:
    with pytest.raises(ModelNotAvailableError, match="does not exist"):
        translate("Halo.", model="./models/not-here")


def test_not_a_model_directory(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="no config.json"):
        translate("Halo.", model=str(tmp_path))


def test_summarize_errors() -> None:
    with pytest.raises(InputError, match="article 0 is empty"):
        summarize("", strategy="lead", lang="id")
    with pytest.raises(InputError, match="all boilerplate") as info:
        summarize("Baca Juga\nAdvertisement\n", strategy="lead", lang="id")
    assert "clean=False" in str(info.value)
    with pytest.raises(ConfigError, match="max_words must be a positive integer"):
        summarize("Harga beras naik.", strategy="lead", lang="id", max_words=0)
    with pytest.raises(ConfigError, match="min_words \\(9\\) is larger than max_words \\(3\\)"):
        summarize("Harga beras naik.", strategy="lead", lang="id", max_words=3, min_words=9)
    with pytest.raises(ConfigError, match="strategy must be one of"):
        Summarizer(strategy="magic")
    with pytest.raises(ConfigError, match="long_input must be one of"):
        summarize("Harga beras naik.", strategy="lead", lang="id", long_input="drop")
