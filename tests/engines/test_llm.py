"""Decoder-only LLMs behind the Engine protocol (ringkas.engines.llm), on tiny random causal LMs:
prompts from the card, both backends, the shared prefix, per-row caps and retries."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from ringkas import Translator
from ringkas.engines import load_engine
from ringkas.engines.base import GenerationOptions
from ringkas.engines.retry import retry_variants
from ringkas.errors import PromptError
from ringkas.models.cards import default_shots, resolve
from ringkas.testing import ID_SENTENCES

BACKENDS = ["transformers", "ctranslate2"]


def _backend(backend: str) -> None:
    if backend == "ctranslate2":
        pytest.importorskip("ctranslate2")


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_base_model_gets_the_few_shot_prompt(causal: dict[str, Path], backend: str) -> None:
    _backend(backend)
    translator = Translator(str(causal["gemma3"]), backend=backend, device="cpu")
    engine: Any = translator.engine
    assert (engine.backend, translator.card.family, translator.card.architecture) == (
        backend, "gemma3", "causal",
    )  # fmt: skip
    parts = engine.parts(translator.language_plan("id", "en"), GenerationOptions())
    assert all(
        shot.source in parts.prefix and shot.target in parts.prefix for shot in default_shots()
    )
    assert parts.prefix.endswith("\n\nIndonesian:") and parts.lead == " "
    assert parts.suffix == "\nEnglish:" and parts.one_line
    out = translator.translate(["Harga beras naik.", ID_SENTENCES[0]])
    assert len(out) == 2 and all(isinstance(o, str) and "\n" not in o for o in out)


def test_an_instruct_model_gets_its_chat_template(causal: dict[str, Path]) -> None:
    translator = Translator(str(causal["llama-chat"]), backend="transformers", device="cpu")
    engine: Any = translator.engine
    parts = engine.parts(translator.language_plan("id", "en"), GenerationOptions())
    assert parts.prefix.startswith("<s><|user|>\nTranslate this Indonesian news sentence")
    assert parts.suffix == "\n<|assistant|>\n" and not parts.one_line
    summary = engine.parts(None, GenerationOptions(task="summarization", max_words=40))
    assert "in at most 40 words" in summary.prefix


def test_hints_and_glossary_are_said_in_the_prompt(causal: dict[str, Path]) -> None:
    translator = Translator(str(causal["gemma3"]), backend="transformers", device="cpu")
    engine: Any = translator.engine
    options = GenerationOptions(hints=("Rp 2,5 miliar", "Senin"), glossary=(("UMKM", "MSMEs"),))
    parts = engine.parts(translator.language_plan("id", "en"), options)
    assert (
        "Translate into English and keep these exactly as in the source: Rp 2,5 miliar; Senin."
        in (parts.prefix)
    )
    assert "Translate these terms as given: UMKM = MSMEs." in parts.prefix
    assert parts.prefix.endswith("Indonesian:")  # the sentence still comes last


def test_ctranslate2_gets_the_shared_prefix_once_as_static_prompt(causal: dict[str, Path]) -> None:
    pytest.importorskip("ctranslate2")
    translator = Translator(str(causal["gemma3"]), backend="ctranslate2", device="cpu")
    engine: Any = translator.engine
    calls: list[dict[str, Any]] = []
    real = engine.generator

    class Spy:
        def generate_batch(self, rows: Any, **kwargs: Any) -> Any:
            calls.append({"rows": rows, **kwargs})
            return real.generate_batch(rows, **kwargs)

    engine.generator = Spy()
    try:
        translator.translate(["Harga beras naik.", "Harga cabai turun."], batch_size=8)
    finally:
        engine.generator = real
    first = calls[0]
    parts = engine.parts(translator.language_plan("id", "en"), GenerationOptions())
    prefix_ids, _ = engine.prompt_ids(parts)
    assert first["static_prompt"] == engine.tokenizer.convert_ids_to_tokens(prefix_ids)
    assert first["include_prompt_in_result"] is False
    # each row holds only its own sentence and the suffix, not the few-shot examples again
    assert all(len(row) < 40 for row in first["rows"]) and len(first["static_prompt"]) > 100


@pytest.mark.parametrize("backend", BACKENDS)
def test_batch_size_never_changes_an_llm_result(causal: dict[str, Path], backend: str) -> None:
    _backend(backend)
    translator = Translator(str(causal["gemma3"]), backend=backend, device="cpu")
    sentences = ["Harga naik.", ID_SENTENCES[1], ID_SENTENCES[2]]
    assert translator.translate(sentences, batch_size=1) == translator.translate(
        sentences, batch_size=32
    )


def _answer(
    engine: Any,
    monkeypatch: pytest.MonkeyPatch,
    answers: list[list[str]],
    seen: list[GenerationOptions] | None = None,
) -> None:
    """The backend's calls answer ``answers`` in turn (as decoded text, before cleaning); each
    row ends at a stop token, so none reaches its cap."""
    queue, pending = iter(answers), []

    def run(batch: Any) -> Any:
        if seen is not None:
            seen.append(batch.options)
        pending[:] = next(queue)
        return [[5, 6, batch.stop[0]] for _ in batch.rows]

    monkeypatch.setattr(engine, "_run", run)
    monkeypatch.setattr(engine, "_decode", lambda rows: list(pending))


def test_degenerate_output_is_retried_and_then_named(
    causal: dict[str, Path], caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    translator = Translator(str(causal["gemma3"]), backend="transformers", device="cpu")
    seen: list[GenerationOptions] = []
    answers = [["harga harga harga harga harga harga"], ["still harga harga harga harga harga"]]
    _answer(translator.engine, monkeypatch, answers, seen)
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        out = translator.translate("Harga beras naik.", guard=None)
    strongest = retry_variants(GenerationOptions())[-1]
    assert seen[0].num_beams == 1 and seen[1].num_beams == strongest.num_beams == 4
    assert seen[1].no_repeat_ngram_size == 3 and seen[1].repetition_penalty == 1.3
    assert len(seen) == 2
    assert out == "still harga harga harga harga harga"  # returned, never silently
    assert "still degenerate" in caplog.text and "'Harga beras naik.' (repetition" in caplog.text


def test_a_leaked_prompt_is_never_returned(
    causal: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    translator = Translator(str(causal["gemma3"]), backend="transformers", device="cpu")
    leak = default_shots()[0].target
    _answer(translator.engine, monkeypatch, [[f" {leak}"], [f" {leak}"]])
    assert translator.translate("Harga beras naik.", guard=None) == ""


def test_a_good_retry_replaces_the_bad_answer(
    causal: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    translator = Translator(str(causal["gemma3"]), backend="transformers", device="cpu")
    answers = [[" Harga beras di pasar itu naik."], [" Rice prices rose.\nIndonesian: x"]]
    _answer(translator.engine, monkeypatch, answers)
    assert translator.translate("Harga beras naik.", guard=None) == "Rice prices rose."


def test_no_prompt_and_no_chat_template_is_a_named_error(causal: dict[str, Path]) -> None:
    with pytest.raises(PromptError, match="no prompt in its card and no chat template") as info:
        Translator(str(causal["bare"]), backend="transformers", device="cpu")
    assert "Add a [prompt] table to its ringkas.toml" in str(info.value)


def test_auto_prefers_ctranslate2_for_a_causal_lm(causal: dict[str, Path]) -> None:
    pytest.importorskip("ctranslate2")
    engine = load_engine(resolve(str(causal["gemma3"])), backend="auto", device="cpu")
    assert (engine.backend, engine.dtype) == ("ctranslate2", "int8")
