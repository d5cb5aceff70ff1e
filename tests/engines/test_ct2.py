"""The CTranslate2 engine: same output as transformers, conversion cache, language codes."""

from __future__ import annotations

import json
import logging
import random
from pathlib import Path
from typing import Any

import pytest
from conftest import FIDELITY_SUMMARIZE, FIDELITY_TRANSLATE, fidelity_document, fidelity_sentence
from fidelity_data import gloss

from ringkas import Summarizer, Translator
from ringkas.engines import clear_cache, load_engine
from ringkas.engines.ct2 import CT2Engine, cache_root
from ringkas.errors import ConfigError, EngineNotAvailableError, ModelLoadError
from ringkas.models.cards import resolve

pytest.importorskip("ctranslate2")


def documents() -> list[str]:
    rng = random.Random(21)
    return [
        "\n\n".join(
            " ".join(fidelity_sentence(rng, 2, 12, end_probs={".": 1.0}) for _ in range(3))
            for _ in range(2)
        )
        for _ in range(6)
    ]


@pytest.mark.parametrize("compute_type", ["int8", "float32"])
def test_same_output_as_transformers(compute_type: str) -> None:
    docs = documents()
    hf = Translator(str(FIDELITY_TRANSLATE), backend="transformers", device="cpu")
    ct2 = Translator(
        str(FIDELITY_TRANSLATE), backend="ctranslate2", device="cpu", dtype=compute_type
    )
    assert ct2.backend == "ctranslate2" and ct2.engine.dtype == compute_type
    expected = [gloss(d) for d in docs]
    assert hf.translate(docs) == expected
    assert ct2.translate(docs) == expected


def test_summaries_match_too() -> None:
    rng = random.Random(22)
    docs = [fidelity_document(rng, 2, 6) for _ in range(10)]
    hf = Summarizer(str(FIDELITY_SUMMARIZE), backend="transformers")
    ct2 = Summarizer(str(FIDELITY_SUMMARIZE), backend="ctranslate2")
    assert ct2.summarize(docs, lang="id") == hf.summarize(docs, lang="id")


def test_auto_backend_prefers_ctranslate2_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    clear_cache()
    with caplog.at_level(logging.INFO, logger="ringkas"):
        translator = Translator(str(FIDELITY_TRANSLATE), backend="auto", device="cpu")
    assert translator.backend == "ctranslate2"
    assert "backend=ctranslate2 chosen" in caplog.text
    assert "backend='ctranslate2'" in repr(translator)


def test_conversion_is_cached_and_a_corrupt_entry_is_rebuilt() -> None:
    card = resolve(str(FIDELITY_TRANSLATE))
    first = CT2Engine(card, compute_type="int8")
    entry = first.model_dir
    assert entry.parent == cache_root() and (entry / "ringkas-ct2.json").is_file()
    stamp = json.loads((entry / "ringkas-ct2.json").read_text())
    assert "model.bin" in stamp["files"]
    mtime = (entry / "model.bin").stat().st_mtime_ns
    second = CT2Engine(card, compute_type="int8")
    assert second.model_dir == entry and (entry / "model.bin").stat().st_mtime_ns == mtime  # reused
    # A crash mid-write leaves a truncated file: detected by the stamp, rebuilt, and it works.
    with (entry / "model.bin").open("r+b") as fh:
        fh.truncate(100)
    third = CT2Engine(card, compute_type="int8")
    assert (entry / "model.bin").stat().st_size == stamp["files"]["model.bin"]
    assert third.generate(["Petani datang."], None, _greedy()) == ["Farmer come."]
    # An entry without its stamp (conversion never finished) is not trusted either.
    (entry / "ringkas-ct2.json").unlink()
    CT2Engine(card, compute_type="int8")
    assert (entry / "ringkas-ct2.json").is_file()
    assert not [p for p in cache_root().iterdir() if p.name.startswith(".tmp-")]


def _greedy() -> Any:
    from ringkas.engines import GenerationOptions

    return GenerationOptions(num_beams=1)


def test_bad_compute_type() -> None:
    with pytest.raises(ConfigError, match="compute_type must be one of"):
        load_engine(resolve(str(FIDELITY_TRANSLATE)), backend="ctranslate2", dtype="int3")


CODES = {
    "nllb": ("ind_Latn", ["eng_Latn"]),
    "m2m100": ("__id__", ["__en__"]),
    "mbart50": ("id_ID", ["en_XX"]),
    "madlad": ("<2en>", None),
    "marian": (None, None),
}


@pytest.mark.parametrize("family", sorted(CODES))
def test_each_family_runs_with_its_language_codes(
    family: str, tiny_models: dict[str, Path]
) -> None:
    translator = Translator(str(tiny_models[family]), backend="ctranslate2", device="cpu")
    engine = translator.engine
    calls: list[tuple[list[list[str]], dict[str, Any]]] = []
    original = engine.translator.translate_batch  # type: ignore[attr-defined]

    def spy(source: list[list[str]], **kwargs: Any) -> Any:
        calls.append((source, kwargs))
        return original(source, **kwargs)

    engine.translator = _Proxy(engine.translator, spy)  # type: ignore[attr-defined]
    out = translator.translate(
        "Menteri itu datang ke Jakarta. Ia bertemu pedagang.", max_new_tokens=3
    )
    assert isinstance(out, str)
    source, kwargs = calls[0]
    token, prefix = CODES[family]
    if token is not None:
        assert all(token in tokens for tokens in source)
    assert kwargs.get("target_prefix") == (None if prefix is None else [prefix] * len(source))
    assert kwargs["max_input_length"] == 0  # CTranslate2 never truncates behind our back


class _Proxy:
    def __init__(self, inner: Any, translate_batch: Any) -> None:
        self._inner = inner
        self.translate_batch = translate_batch

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@pytest.mark.parametrize("family", ["mt5", "bart"])
def test_summariser_families_run(family: str, tiny_models: dict[str, Path]) -> None:
    """Random weights, so the words mean nothing; what must hold: an article that fits is one
    generate of one text, capped at ``max_words=3`` -> int(3 * 1.7) + 4 = 9 tokens, never
    truncated on input (and retried once when its output is), and the summary is exactly the
    decoded hypothesis of the last call."""
    summarizer = Summarizer(str(tiny_models[family]), backend="ctranslate2")
    engine: Any = summarizer.engine
    calls: list[tuple[list[list[str]], dict[str, Any], Any]] = []
    original = engine.translator.translate_batch

    def spy(source: list[list[str]], **kwargs: Any) -> Any:
        results = original(source, **kwargs)
        calls.append((source, kwargs, results))
        return results

    engine.translator = _Proxy(engine.translator, spy)
    try:
        out = summarizer.summarize("Menteri datang. Warga senang.", lang="id", max_words=3)
    finally:
        engine.translator = engine.translator._inner
    source, kwargs, results = calls[0]
    assert len(source) == 1 and (kwargs["max_decoding_length"], kwargs["max_input_length"]) == (
        9,
        0,
    )
    hypothesis = results[0].hypotheses[0]
    assert len(hypothesis) <= 9
    # a summary that reached its cap is truncated: generated once more, with beam search
    cut = len(hypothesis) == 9
    assert [c[1]["beam_size"] for c in calls] == ([1, 4] if cut else [1])
    hypothesis = calls[-1][2][0].hypotheses[0]
    ids = engine.tokenizer.convert_tokens_to_ids(hypothesis)
    assert out == engine.tokenizer.decode(ids, skip_special_tokens=True).strip()


def test_auto_falls_back_to_transformers_when_ctranslate2_cannot_load(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import ringkas.engines.ct2 as ct2_module

    attempts: list[str] = []

    def broken(*args: Any, **kwargs: Any) -> None:
        attempts.append("ct2")
        raise ModelLoadError("CTranslate2 cannot load its conversion of 'x' (bad file).")

    clear_cache()
    monkeypatch.setattr(ct2_module.CT2Engine, "__init__", broken)
    try:
        with caplog.at_level(logging.WARNING, logger="ringkas"):
            translator = Translator(str(FIDELITY_TRANSLATE), backend="auto", device="cpu")
            again = Translator(str(FIDELITY_TRANSLATE), backend="auto", device="cpu")
        assert translator.backend == again.backend == "transformers"
        assert translator.translate("Menteri datang.") == "Minister come."
        assert attempts == ["ct2"]  # not tried (and warned about) again
        assert "using transformers instead" in caplog.text
        assert "backend='transformers'" in caplog.text
        with pytest.raises(ModelLoadError, match="cannot load"):  # asked for by name: no fallback
            Translator(str(FIDELITY_TRANSLATE), backend="ctranslate2", device="cpu")
    finally:
        clear_cache()


def test_a_missing_cuda_library_is_found_at_load_and_auto_falls_back(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """As on a CUDA 13 machine with CTranslate2's CUDA 12 wheel: loading works, generating
    fails, so a GPU engine generates one token at load. (Simulated on the CPU: the engine claims
    a GPU and its translator raises.)"""

    class NoCublas:
        def translate_batch(self, *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("Library libcublas.so.12 is not found or cannot be loaded")

    real_init = CT2Engine.__init__

    def on_a_gpu(self: CT2Engine, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        self.device, self.translator = "cuda", NoCublas()

    clear_cache()
    monkeypatch.setattr(CT2Engine, "__init__", on_a_gpu)
    try:
        with caplog.at_level(logging.WARNING, logger="ringkas"):
            translator = Translator(str(FIDELITY_TRANSLATE), backend="auto", device="cpu")
        assert translator.backend == "transformers"
        assert "libcublas.so.12" in caplog.text
        with pytest.raises(EngineNotAvailableError, match="backend='transformers'"):  # at load
            Translator(str(FIDELITY_TRANSLATE), backend="ctranslate2", device="cpu")
    finally:
        clear_cache()
