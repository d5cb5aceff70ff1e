"""The transformers engine on tiny random models of every family (ringkas.engines.hf)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from ringkas import Translator
from ringkas.engines import clear_cache
from ringkas.engines.hf import resolve_device, resolve_dtype
from ringkas.errors import (
    ConfigError,
    ModelLoadError,
    TokenizerMissingError,
    UnsupportedLanguageError,
)

DOC = "Menteri itu datang ke Jakarta. Ia bertemu pedagang kecil."


def spy_generate(translator: Translator) -> list[dict[str, Any]]:
    """Record the arguments the engine passes to model.generate."""
    calls: list[dict[str, Any]] = []
    model = translator.engine.model  # type: ignore[attr-defined]
    original = model.generate

    def generate(**kwargs: Any) -> Any:
        calls.append(kwargs)
        return original(**kwargs)

    model.generate = generate
    return calls


# family -> (token expected in every source, forced first target token)
CODES = {
    "nllb": ("ind_Latn", "eng_Latn"),
    "m2m100": ("__id__", "__en__"),
    "mbart50": ("id_ID", "en_XX"),
    "madlad": ("<2en>", None),
    "marian": (None, None),
}


@pytest.mark.parametrize("family", sorted(CODES))
def test_each_family_gets_its_language_codes(family: str, tiny_models: dict[str, Path]) -> None:
    translator = Translator(str(tiny_models[family]), backend="transformers", device="cpu")
    assert translator.card.family == family
    calls = spy_generate(translator)
    out = translator.translate(DOC, max_new_tokens=3)
    assert isinstance(out, str)
    # both sentences in one batch (a row cut at 3 tokens is then retried with beam search)
    assert [c["num_beams"] for c in calls][:1] == [1] and all(
        c["num_beams"] == 4 for c in calls[1:]
    )
    tok = translator.engine.tokenizer  # type: ignore[attr-defined]
    source_token, forced = CODES[family]
    ids = calls[0]["input_ids"]
    assert ids.shape[0] == 2
    if source_token is not None:
        token_id = tok.convert_tokens_to_ids(source_token)
        assert token_id != tok.unk_token_id
        assert all(token_id in row.tolist() for row in ids)
    if forced is None:
        assert "forced_bos_token_id" not in calls[0]
    else:
        assert calls[0]["forced_bos_token_id"] == tok.convert_tokens_to_ids(forced)
    assert calls[0]["num_beams"] >= 1 and calls[0]["do_sample"] is False


def test_nllb_other_target_language(tiny_models: dict[str, Path]) -> None:
    translator = Translator(str(tiny_models["nllb"]), backend="transformers", device="cpu")
    calls = spy_generate(translator)
    translator.translate("Halo.", src="id", tgt="ms", max_new_tokens=2)
    tok = translator.engine.tokenizer  # type: ignore[attr-defined]
    assert calls[0]["forced_bos_token_id"] == tok.convert_tokens_to_ids("zsm_Latn")


def test_marian_refuses_a_pair_it_cannot_do(tiny_models: dict[str, Path]) -> None:
    translator = Translator(str(tiny_models["marian"]), backend="transformers", device="cpu")
    with pytest.raises(UnsupportedLanguageError, match="cannot write French"):
        translator.translate("Halo.", tgt="fr")


def test_models_are_cached_and_reused(tiny_models: dict[str, Path]) -> None:
    clear_cache()
    a = Translator(str(tiny_models["marian"]), backend="transformers", device="cpu")
    b = Translator(str(tiny_models["marian"]), backend="transformers", device="cpu")
    assert a.engine is b.engine
    assert "backend='transformers'" in repr(a) and a.device == "cpu"


def test_summarization_model_is_refused_for_translation(
    tiny_models: dict[str, Path], tmp_path: Path
) -> None:
    """Only a declared task refuses (an mT5 folder without ringkas.toml translates, see
    tests/test_translation.py::test_a_plain_t5_checkpoint_translates_when_asked)."""
    declared = tmp_path / "mt5"
    shutil.copytree(tiny_models["mt5"], declared)
    (declared / "ringkas.toml").write_text('task = "summarization"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Translator(str(declared), backend="transformers", device="cpu")
    assert str(info.value) == (
        f"Model {str(declared)!r} is a summarization model, not a translation model. Use "
        f'Summarizer for it, or add task = "translation" to its ringkas.toml.'
    )


def test_corrupt_weights(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for file in tiny_models["marian"].iterdir():
        (broken / file.name).write_bytes(file.read_bytes())
    (broken / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ModelLoadError, match="incomplete or corrupt"):
        Translator(str(broken), backend="transformers", device="cpu")


def test_a_list_of_end_tokens_in_the_generation_config(
    tiny_models: dict[str, Path], tmp_path: Path
) -> None:
    """Some checkpoints end on any of several ids (``eos_token_id: [2, 7]``): each one ends a
    row, so a row that stops at one of them is not cut at its cap."""
    import json

    model = tmp_path / "two-ends"
    shutil.copytree(tiny_models["marian"], model)
    config_path = model / "generation_config.json"
    config = json.loads(config_path.read_text()) if config_path.exists() else {}
    eos = config.get("eos_token_id", 0)
    config["eos_token_id"] = [eos, 7]
    config_path.write_text(json.dumps(config))
    clear_cache()
    translator = Translator(str(model), backend="transformers", device="cpu")
    assert {eos, 7} <= translator.engine._end_ids  # type: ignore[attr-defined]
    assert translator.translate("Menteri itu datang.", guard=None)


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
@pytest.mark.parametrize("keep", [(), ("tokenizer_config.json", "special_tokens_map.json")])
def test_missing_tokenizer_files_are_a_named_error(
    tiny_models: dict[str, Path], tmp_path: Path, backend: str, keep: tuple[str, ...]
) -> None:
    # With only tokenizer_config.json, transformers 5 builds an empty tokenizer and every
    # translation comes out empty: the load must fail instead, and say what to do.
    if backend == "ctranslate2":
        pytest.importorskip("ctranslate2")
    partial = tmp_path / "partial"
    partial.mkdir()
    for name in ("config.json", "model.safetensors", *keep):
        if (tiny_models["marian"] / name).is_file():
            (partial / name).write_bytes((tiny_models["marian"] / name).read_bytes())
    with pytest.raises(TokenizerMissingError, match="has no tokenizer files") as info:
        Translator(str(partial), backend=backend, device="cpu")
    assert "tokenizer.save_pretrained(" in str(info.value)


def test_device_and_dtype_choices() -> None:
    assert resolve_device("cpu") == "cpu"
    with pytest.raises(ConfigError, match="device must be"):
        resolve_device("tpu")
    assert resolve_dtype(None, "cpu", "marian") == "float32"
    assert resolve_dtype(None, "cuda", "marian") == "float16"
    with pytest.raises(ConfigError, match="dtype must be"):
        resolve_dtype("int4", "cpu", "marian")
