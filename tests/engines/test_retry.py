"""One list of retry decodings and one record per call (ringkas.engines.retry): the engine's
retry of a degenerate sentence and the guard's retry of a flagged one never decode a sentence
twice the same way, and one warning names what both found."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import FIDELITY_TRANSLATE

from ringkas import Translator
from ringkas.engines.base import GenerationOptions, Raw
from ringkas.engines.retry import (
    RETRY_DECODINGS,
    Attempts,
    Generated,
    decoding_key,
    next_variant,
    retry_variants,
)

BAD = "Harga beras naik 30 persen."  # the fidelity model: "Price rice rise salary salary salary."
GOOD = "Menteri datang."  # the fidelity model: "Minister come."


def test_the_variants_are_the_one_list_in_order() -> None:
    beams, strict = retry_variants(GenerationOptions())
    assert (beams.num_beams, beams.no_repeat_ngram_size) == (RETRY_DECODINGS[0]["num_beams"], None)
    assert (strict.num_beams, strict.no_repeat_ngram_size, strict.repetition_penalty) == (4, 3, 1.3)
    # never narrower than the call's own beam, and never the call's own decoding again
    assert [v.num_beams for v in retry_variants(GenerationOptions(num_beams=6))] == [6]
    assert retry_variants(strict) == []
    # hints only change an LLM's prompt: the same decoding
    assert decoding_key(GenerationOptions(hints=("30",))) == decoding_key(GenerationOptions())


def test_the_engine_retries_with_the_strongest_untried_variant() -> None:
    beams, strict = retry_variants(GenerationOptions())
    assert next_variant(GenerationOptions(), []) == strict
    assert next_variant(GenerationOptions(), [decoding_key(strict)]) == beams
    assert next_variant(GenerationOptions(), map(decoding_key, (beams, strict))) is None
    assert next_variant(beams, []) == strict  # inside the guard's beam retry


def test_attempts_keep_the_first_result_and_every_decoding() -> None:
    attempts = Attempts()
    first = decoding_key(GenerationOptions())
    again = decoding_key(retry_variants(GenerationOptions())[1])
    attempts.record(["a"], [Generated("x", ("truncated",), ("truncated",), (first, again))])
    attempts.record(
        ["a"], [Generated("y", (), (), (decoding_key(GenerationOptions(num_beams=4)),))]
    )
    assert len(attempts.tried("a")) == 3 and attempts.still()[0][1].text == "x"
    assert attempts.covers(["a"], retry_variants(GenerationOptions())[1])
    assert not attempts.covers(["a", "b"], GenerationOptions()) and not attempts.covers(
        [], GenerationOptions()
    )
    message = attempts.message("m")
    assert message is not None and "'a' (truncated)" in message and "max_new_tokens" in message
    assert Attempts().message("m") is None


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator(str(FIDELITY_TRANSLATE), backend="transformers", device="cpu")


@pytest.fixture
def backend(translator: Translator, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """The engine's backend calls, scripted: ``answers[(source, num_beams, no_repeat)]`` is the
    raw row to give (default: the real model's text, not cut); every call is recorded."""
    engine: Any = translator.engine
    real = engine._generate_group
    state: dict[str, Any] = {"calls": [], "answers": {}}

    def scripted(texts, encoded, plan, options, caps):  # type: ignore[no-untyped-def]
        state["calls"].append((list(texts), options))
        outs = real(texts, encoded, plan, options, caps)
        key = (options.num_beams, options.no_repeat_ngram_size)
        return [
            state["answers"].get((t, *key), Raw(o.text)) for t, o in zip(texts, outs, strict=True)
        ]

    monkeypatch.setattr(engine, "_generate_group", scripted)
    yield state


def _decodings(state: dict[str, Any]) -> list[tuple[str, int, int | None]]:
    """(text, beams, no-repeat) of every row decoded, in order; each must be new."""
    rows = [(t, o.num_beams, o.no_repeat_ngram_size) for texts, o in state["calls"] for t in texts]
    assert len(set(rows)) == len(rows), f"a text was decoded twice the same way: {rows}"
    return rows


def test_degenerate_only_the_engine_retries_and_the_guard_has_nothing_to_do(
    translator: Translator, backend: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    cut = Raw("Minister come.", cut=True)  # faithful, but it stopped at its cap
    backend["answers"] = {(GOOD, 1, None): cut, (GOOD, 4, 3): cut}
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        result = translator.translate(GOOD, guard="retry", report=True)
    assert _decodings(backend) == [(GOOD, 1, None), (GOOD, 4, 3)]
    assert result.ok and result.text == "Minister come."
    (message,) = [r.getMessage() for r in caplog.records]  # once per call
    assert "still degenerate" in message and "(truncated)" in message
    assert "faithfulness guard" not in message


def test_flagged_only_the_guard_tries_each_variant_once(
    translator: Translator, backend: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        result = translator.translate(BAD, guard="retry", report=True)
    assert _decodings(backend) == [(BAD, 1, None), (BAD, 4, None), (BAD, 4, 3)]
    assert result.sentences[0].attempts == 3
    (message,) = [r.getMessage() for r in caplog.records]
    assert "faithfulness guard" in message and "degenerate" not in message


def test_degenerate_and_flagged_the_guard_skips_what_the_engine_tried(
    translator: Translator, backend: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    cut = Raw("Price rice rise salary salary", cut=True)
    backend["answers"] = {(BAD, 1, None): cut, (BAD, 4, 3): cut}
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        result = translator.translate(BAD, guard="retry", report=True)
    # the engine's retry (beams + no repeat), then the guard's one untried variant (beams)
    assert _decodings(backend) == [(BAD, 1, None), (BAD, 4, 3), (BAD, 4, None)]
    assert result.sentences[0].attempts == 2  # the first and the guard's one decoding
    (message,) = [r.getMessage() for r in caplog.records]  # both findings, one warning
    assert "faithfulness guard" in message and "still degenerate" in message
    assert "(truncated" in message


def test_a_degenerate_guard_retry_is_not_decoded_again_by_the_guard(
    translator: Translator, backend: dict[str, Any]
) -> None:
    # the guard's beam retry comes back cut: the engine retries it with the strict variant,
    # and the guard, finding that variant tried, does not decode it again
    backend["answers"] = {(BAD, 4, None): Raw("Price rice rise", cut=True)}
    result = translator.translate(BAD, guard="retry", report=True)
    assert _decodings(backend) == [(BAD, 1, None), (BAD, 4, None), (BAD, 4, 3)]
    assert result.sentences[0].attempts == 2
