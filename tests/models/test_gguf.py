"""GGUF files as model= (ringkas.models.gguf): read, dequantized once, atomically; bad files named."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from ringkas import Translator
from ringkas.engines import clear_cache
from ringkas.errors import GGUFError, ModelNotAvailableError, PromptError
from ringkas.models.cards import resolve
from ringkas.models.gguf import cache_root, dequantize
from ringkas.testing import build_tiny_gguf

CHAT = "{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}\n{% endfor %}<|assistant|>\n"


@pytest.fixture(autouse=True)
def _private_gguf_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RINGKAS_GGUF_CACHE", str(tmp_path / "gguf-cache"))


@pytest.fixture(scope="module")
def tiny_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_gguf(tmp_path_factory.mktemp("gguf") / "tiny-llama.gguf")


def test_a_gguf_path_gets_a_causal_card_from_its_metadata(tiny_gguf: Path) -> None:
    card = resolve(str(tiny_gguf))
    assert (card.family, card.architecture, card.gguf_file) == ("llama", "causal", tiny_gguf.name)
    assert card.prompt is None  # unknown base model, no chat template in the file


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_a_gguf_translates_after_one_dequantization(
    tiny_gguf: Path, tmp_path: Path, backend: str, caplog: pytest.LogCaptureFixture
) -> None:
    if backend == "ctranslate2":
        pytest.importorskip("ctranslate2")
    model = tmp_path / tiny_gguf.name
    model.write_bytes(tiny_gguf.read_bytes())
    model.with_name(model.name + ".ringkas.toml").write_text('[prompt]\nstyle = "completion"\n')
    with caplog.at_level(logging.INFO, logger="ringkas.models.gguf"):
        first = Translator(str(model), backend=backend, device="cpu").translate("Harga naik.")
        clear_cache()
        second = Translator(str(model), backend=backend, device="cpu").translate("Harga naik.")
    assert first == second and isinstance(first, str)
    assert caplog.text.count("Dequantizing") == 1  # the second load reused the cache
    entries = [p for p in cache_root().iterdir() if not p.name.startswith(".")]  # .meta-*
    assert len(entries) == 1 and (entries[0] / "ringkas-gguf.json").is_file()
    assert (entries[0] / "tokenizer.json").is_file() and (entries[0] / "config.json").is_file()


def test_an_incomplete_cache_entry_is_rebuilt(tiny_gguf: Path) -> None:
    folder = dequantize(tiny_gguf)
    (folder / "ringkas-gguf.json").unlink()  # as if a crash had happened before the stamp
    again = dequantize(tiny_gguf)
    assert again == folder and (again / "ringkas-gguf.json").is_file()
    assert not [p for p in cache_root().iterdir() if p.name.startswith(".tmp")]


def test_a_gguf_without_prompt_or_chat_template_is_a_named_error(tiny_gguf: Path) -> None:
    with pytest.raises(PromptError, match="no prompt in its card and no chat template") as info:
        Translator(str(tiny_gguf), backend="transformers", device="cpu")
    assert "Add a [prompt] table" in str(info.value)


def test_a_gguf_with_a_chat_template_gets_a_chat_prompt(tmp_path: Path) -> None:
    card = resolve(str(build_tiny_gguf(tmp_path / "chat.gguf", chat_template=CHAT)))
    assert card.prompt is not None and card.prompt.style == "chat"


def test_a_file_that_is_not_gguf(tmp_path: Path) -> None:
    bad = tmp_path / "notes.gguf"
    bad.write_text("just some notes")
    with pytest.raises(GGUFError, match="is not a GGUF model file") as info:
        Translator(str(bad))
    assert "Pass the .gguf file of a decoder-only LLM" in str(info.value)


def test_a_truncated_gguf(tiny_gguf: Path, tmp_path: Path) -> None:
    bad = tmp_path / "cut.gguf"
    bad.write_bytes(tiny_gguf.read_bytes()[:2000])
    with pytest.raises(GGUFError, match="is corrupt or truncated") as info:
        Translator(str(bad))
    assert "Download it again" in str(info.value)


def test_a_gguf_that_is_not_a_causal_lm(tmp_path: Path) -> None:
    bert = build_tiny_gguf(tmp_path / "bert.gguf", architecture="bert")
    with pytest.raises(GGUFError, match="holds a 'bert' model, not a causal LM") as info:
        Translator(str(bert))
    assert "Pass a decoder-only LLM's .gguf" in str(info.value)


def test_a_hub_repo_with_a_gguf_file(no_network: None) -> None:
    card = resolve("someone/some-model-GGUF/model-q4_k_m.gguf")
    assert (card.id, card.gguf_file, card.architecture) == (
        "someone/some-model-GGUF", "model-q4_k_m.gguf", "causal",
    )  # fmt: skip
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    with pytest.raises(ModelNotAvailableError, match="model-q4_k_m.gguf could not be fetched"):
        Translator("someone/some-model-GGUF/model-q4_k_m.gguf", backend="transformers")


def test_metadata_is_parsed_once_per_file(tiny_gguf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The header parse reads the whole vocabulary (slow for real models): later reads of the
    same file use the remembered result."""
    from ringkas.models.gguf import read_metadata

    first = read_metadata(tiny_gguf)

    def parse_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("the header was parsed again")

    monkeypatch.setattr("gguf.GGUFReader", parse_again)
    assert read_metadata(tiny_gguf) == first
    assert first["general.architecture"] == "llama"
