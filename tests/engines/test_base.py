"""What every engine shares (ringkas.engines.base): explicit encoding, per-row length caps,
tokenizer checks, and safety when one engine is shared between threads."""

from __future__ import annotations

import json
import logging
import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from ringkas import Translator
from ringkas.engines.base import (
    Encoded,
    GenerationOptions,
    auto_max_new_tokens,
    check_device,
    decoding_kwargs,
    group_by_cap,
    max_positions,
)
from ringkas.engines.retry import decoding_key, retry_variants
from ringkas.errors import ConfigError
from ringkas.testing import ID_SENTENCES

FIDELITY = "tests/fixtures/fidelity-translate"


def test_caps_depend_on_each_row_alone() -> None:
    assert auto_max_new_tokens(4, 512) == 16  # 1.5 * 4 + 10 = 16
    assert auto_max_new_tokens(5, 512) == 32  # 17.5 -> the next multiple of 16
    assert auto_max_new_tokens(10_000, 300) == 300
    assert group_by_cap([16, 32, 16, 48]) == [(16, [0, 2]), (32, [1]), (48, [3])]


@pytest.mark.parametrize("device", ["cpu", "cuda", "cuda:0", "cuda:12", "mps"])
def test_known_devices_pass(device: str) -> None:
    assert check_device(device) == device


@pytest.mark.parametrize(
    "device", ["cuda:x", "cuda:", "cuda:-1", "cuda:1.5", "cpu:0", "mps:0", "cuda:0:1", " cuda"]
)
def test_a_bad_device_index_is_refused(device: str) -> None:
    with pytest.raises(ConfigError) as info:
        check_device(device)
    assert str(info.value) == (
        f"device must be 'cpu', 'cuda', 'cuda:N', 'mps' or 'auto', got {device!r}."
    )


def test_decoding_kwargs_map_only_what_is_set() -> None:
    options = GenerationOptions(no_repeat_ngram_size=3, min_new_tokens=None)
    names = {"no_repeat_ngram_size": "no_repeat_ngram_size", "min_new_tokens": "min_length"}
    assert decoding_kwargs(options, names) == {"no_repeat_ngram_size": 3}


def test_hints_and_glossary_default_empty() -> None:
    options = GenerationOptions(hints=("Rp 2,5 miliar",), glossary=(("UMKM", "MSMEs"),))
    assert options.hints == ("Rp 2,5 miliar",) and dict(options.glossary) == {"UMKM": "MSMEs"}
    assert GenerationOptions().hints == () and GenerationOptions().glossary == ()


def test_generate_checks_the_encodings_match() -> None:
    translator = Translator(FIDELITY, backend="transformers", device="cpu")
    engine = translator.engine
    encoded = engine.encode(["Menteri datang."], None)
    assert isinstance(encoded[0], Encoded) and len(encoded[0]) == 4
    with pytest.raises(ConfigError, match="pass the list that encode\\(\\) returned"):
        engine.generate(["a", "b"], None, GenerationOptions(), encoded=encoded)


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_batch_size_never_changes_a_capped_result(
    tiny_models: dict[str, Path], backend: str
) -> None:
    # A random model rarely ends a sentence: outputs run to their length cap. The cap must come
    # from each sentence's own length, or a short sentence batched with a long one would get
    # the long one's room and come out longer than when translated alone.
    if backend == "ctranslate2":
        pytest.importorskip("ctranslate2")
    translator = Translator(str(tiny_models["marian"]), backend=backend, device="cpu")
    sentences = [ID_SENTENCES[0].split()[0] + ".", *ID_SENTENCES[:6]]
    alone = translator.translate(sentences, batch_size=1, num_beams=1)
    together = translator.translate(sentences, batch_size=32, num_beams=1)
    assert alone == together
    lengths = translator.engine.count_tokens(sentences, translator.language_plan("id", "en"))
    assert lengths[0] < lengths[-1]  # a short and a long one did share a batch


@pytest.mark.slow
def test_one_translator_from_four_threads_gives_the_one_thread_results() -> None:
    # Two pairs of threads translate the same documents at once, one sentence per batch, so
    # their encode and generate calls interleave on the same sentences. The old per-engine
    # encodings memo raised a bare KeyError here (issue 14, item 10) in 3 runs of 3.
    translator = Translator(FIDELITY, backend="transformers", device="cpu")
    rng = random.Random(3)
    words = "menteri petani pasar harga beras datang ke naik".split()
    docs = [
        " ".join(
            " ".join(rng.choice(words) for _ in range(rng.randint(2, 5))).capitalize() + "."
            for _ in range(rng.randint(1, 4))
        )
        for _ in range(24)
    ]
    jobs = [docs[i::2] for i in (0, 1, 0, 1)]
    expected = [translator.translate(job, batch_size=1) for job in jobs]

    def run(job: list[str]) -> Any:
        return [translator.translate(job, batch_size=1) for _ in range(12)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(run, jobs))
    for job_results, want in zip(results, expected, strict=True):
        assert all(r == want for r in job_results)


@pytest.mark.parametrize("kind", ["marian", "gemma3"])
@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
@pytest.mark.parametrize("num_beams", [1, 2])
def test_one_call_per_batch_cut_to_each_cap_equals_each_row_alone(
    tiny_models: dict[str, Path],
    causal: dict[str, Path],
    backend: str,
    kind: str,
    num_beams: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Random models run to their caps, and these sentences have three different caps. Greedy
    # decoding runs them in one backend call (to the longest cap) and cuts each row at its own;
    # beam search runs one call per cap. Either way every row is what it is when run alone.
    if backend == "ctranslate2":
        pytest.importorskip("ctranslate2")
    from ringkas.engines.base import EngineBase

    path = tiny_models["marian"] if kind == "marian" else causal["gemma3"]
    engine = Translator(str(path), backend=backend, device="cpu").engine
    assert isinstance(engine, EngineBase)
    plan = Translator(engine).language_plan("id", "en")
    words = " ".join(ID_SENTENCES).split()
    options = GenerationOptions(num_beams=num_beams)

    def cap(n: int) -> int:
        return engine.caps(engine.encode([" ".join(words[:n])], plan), options)[0]

    # the shortest texts with caps 16, 32 and 48 (the tiny models have 64 positions)
    texts = [" ".join(words[: min(n for n in range(1, 40) if cap(n) >= c)]) for c in (16, 32, 48)]
    caps = engine.caps(engine.encode(texts, plan), options)
    assert caps == [16, 32, 48]
    alone = [engine.generate([t], plan, options)[0] for t in texts]
    calls: list[tuple[GenerationOptions, list[int]]] = []
    real = engine._generate_group

    def spy(texts, encoded, plan, opts, caps):  # type: ignore[no-untyped-def]
        calls.append((opts, list(caps)))
        return real(texts, encoded, plan, opts, caps)

    monkeypatch.setattr(engine, "_generate_group", spy)
    assert engine.generate(texts, plan, options) == alone
    first = [c for opts, c in calls if opts == options]
    assert first == ([caps] if num_beams == 1 else [[c] for c in caps])
    # the rows cut at their caps are retried with beam search: one call per cap
    assert all(len(c) == 1 and opts.num_beams >= 4 for opts, c in calls if opts != options)


def _spy_groups(engine: Any, monkeypatch: pytest.MonkeyPatch) -> list[GenerationOptions]:
    """Record the options of every backend call the engine makes."""
    seen: list[GenerationOptions] = []
    real = engine._generate_group

    def spy(texts, encoded, plan, options, caps):  # type: ignore[no-untyped-def]
        seen.append(options)
        return real(texts, encoded, plan, options, caps)

    monkeypatch.setattr(engine, "_generate_group", spy)
    return seen


@pytest.mark.parametrize("kind", ["marian", "gemma3"])
@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_an_output_cut_at_its_cap_is_retried_once_and_named(
    tiny_models: dict[str, Path],
    causal: dict[str, Path],
    backend: str,
    kind: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Random weights never reach EOS or a line break within 4 tokens: every row is cut there,
    # like an LLM sentence that stops at "... in the first quarter of 202".
    if backend == "ctranslate2":
        pytest.importorskip("ctranslate2")
    path = tiny_models["marian"] if kind == "marian" else causal["gemma3"]
    translator = Translator(str(path), backend=backend, device="cpu")
    engine: Any = translator.engine
    plan = translator.language_plan("id", "en")
    options = GenerationOptions(max_new_tokens=4)
    (row,) = engine.generate_rows([ID_SENTENCES[0]], plan, options)
    assert "truncated" in row.found and "truncated" in row.kinds and len(row.tried) == 2
    seen = _spy_groups(engine, monkeypatch)
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        out = translator.translate(ID_SENTENCES[0], max_new_tokens=4, guard=None)
    assert out == row.text  # returned as it is ...
    (message,) = [r.getMessage() for r in caplog.records if "degenerate" in r.getMessage()]
    assert "still degenerate" in message and "truncated" in message
    assert ID_SENTENCES[0][:40] in message
    # one first pass, one retry with the strongest other decoding
    strict = retry_variants(options)[-1]
    assert [decoding_key(o) for o in seen] == [decoding_key(options), decoding_key(strict)]


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_an_output_that_ends_is_not_retried(
    backend: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    if backend == "ctranslate2":
        pytest.importorskip("ctranslate2")
    translator = Translator(FIDELITY, backend=backend, device="cpu")
    seen = _spy_groups(translator.engine, monkeypatch)
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        assert translator.translate("Menteri datang ke pasar.") == "Minister come to market."
    assert len(seen) == 1 and caplog.records == []


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_the_cap_never_runs_past_the_models_positions(
    tiny_models: dict[str, Path], backend: str, caplog: pytest.LogCaptureFixture
) -> None:
    # The tiny Marian has 64 positions: CTranslate2 raised "No position encodings are defined
    # for positions >= 64" on a cap of 100. Now the cap is 64, and the cut output is named.
    if backend == "ctranslate2":
        pytest.importorskip("ctranslate2")
    translator = Translator(str(tiny_models["marian"]), backend=backend, device="cpu")
    engine: Any = translator.engine
    assert engine.positions == 64
    plan = translator.language_plan("id", "en")
    options = GenerationOptions(max_new_tokens=100)
    assert engine.caps(engine.encode(["Harga naik."], plan), options, plan) == [64]
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        out = translator.translate("Harga naik.", max_new_tokens=100, guard=None)
    assert isinstance(out, str) and out
    (message,) = [r.getMessage() for r in caplog.records if "degenerate" in r.getMessage()]
    assert "'Harga naik.' (truncated" in message


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_a_causal_prompt_and_its_output_fit_the_models_positions(
    causal: dict[str, Path], backend: str
) -> None:
    if backend == "ctranslate2":
        pytest.importorskip("ctranslate2")
    translator = Translator(str(causal["gemma3"]), backend=backend, device="cpu")
    engine: Any = translator.engine
    plan = translator.language_plan("id", "en")
    options = GenerationOptions(max_new_tokens=5000)
    texts = ["Harga naik.", ID_SENTENCES[0]]
    encoded = engine.encode(texts, plan)
    prefix, suffix = engine.prompt_ids(engine.parts(plan, options))
    prompts = [len(prefix) + len(e) + len(suffix) for e in encoded]
    assert engine.positions == 1024
    assert [p + c for p, c in zip(prompts, engine.caps(encoded, options, plan), strict=True)] == [
        1024,
        1024,
    ]
    chat: Any = Translator(str(causal["llama-chat"]), backend=backend, device="cpu").engine
    summary = GenerationOptions(task="summarization", max_new_tokens=5000)
    prefix, suffix = chat.prompt_ids(chat.parts(None, summary))
    (row,) = chat.encode([ID_SENTENCES[0]], None)
    assert chat.caps([row], summary) == [1024 - len(prefix) - len(row) - len(suffix)]


def test_positions_come_from_the_checkpoint_config(tmp_path: Path) -> None:
    def positions(config: dict[str, Any], causal: bool = False) -> int | None:
        (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
        return max_positions(tmp_path, causal=causal)

    assert positions({"max_position_embeddings": 512}) == 512
    assert positions({"max_target_positions": 256, "max_position_embeddings": 1024}) == 256
    assert positions({"n_positions": 512, "relative_attention_num_buckets": 32}) is None  # T5
    assert positions({"text_config": {"max_position_embeddings": 32768}}, causal=True) == 32768
    assert positions({"n_positions": 1024}, causal=True) == 1024
    assert positions({}) is None
