"""What every engine shares (ringkas.engines.base): explicit encoding, per-row length caps,
tokenizer checks, and safety when one engine is shared between threads."""

from __future__ import annotations

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
)
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
