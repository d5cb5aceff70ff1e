"""The guard in translate(): warn, raise, retry, reports, glossaries and placeholders, on the
fidelity model (a word-for-word translator that copies the names of its lexicon)."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIDELITY_TRANSLATE

from ringkas import Translator, translate
from ringkas.errors import ConfigError, FaithfulnessError, GlossaryError
from ringkas.guard import Guard, Translation

MODEL = str(FIDELITY_TRANSLATE)
BAD = "Harga beras naik 30 persen."  # the model answers "Price rice rise salary salary salary."


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator(MODEL, backend="transformers", device="cpu")


@pytest.fixture
def calls(translator: Translator) -> Iterator[list[Any]]:
    """Record the options of every generate call."""
    seen: list[Any] = []
    original = translator.engine.generate

    def recording(texts: Any, plan: Any, options: Any, **kwargs: Any) -> Any:
        seen.append((list(texts), options))
        return original(texts, plan, options, **kwargs)

    translator.engine.generate = recording  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        del translator.engine.generate  # type: ignore[method-assign]


def test_warn_is_the_default_and_warns_once_with_counts(
    translator: Translator, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        out = translator.translate([BAD, "Menteri datang ke pasar.", BAD])
    assert out[1] == "Minister come to market."
    (message,) = [r.getMessage() for r in caplog.records]
    assert "2 of 3 sentence(s) flagged (percent 2, repetition 2)" in message
    assert "guard='retry' re-translates them" in message


def test_no_guard_no_check(translator: Translator, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        result = translator.translate(BAD, guard=None, report=True)
    assert caplog.records == [] and result.sentences == []


def test_raise_carries_the_reports(translator: Translator) -> None:
    with pytest.raises(FaithfulnessError, match='guard="retry"') as info:
        translator.translate(["Menteri datang.", BAD], guard="raise")
    (report,) = info.value.reports
    assert report.source == BAD and {i.kind for i in report.issues} == {"percent", "repetition"}


def test_report_true_returns_translations(translator: Translator) -> None:
    result = translator.translate("Menteri datang. Harga beras naik 30 persen.", report=True)
    assert isinstance(result, Translation)
    assert str(result) == result.text == "Minister come. Price rice rise salary salary salary."
    assert [s.ok for s in result.sentences] == [True, False]
    assert result.flagged[0].sentence == 1 and result.counts() == {"percent": 1, "repetition": 1}
    assert "<mark" in result._repr_html_()
    many = translator.translate(["Menteri datang.", ""], report=True)
    assert [type(t) for t in many] == [Translation, Translation] and many[1].text == ""


def test_retry_uses_other_decoding_and_keeps_the_best(
    translator: Translator, calls: list[Any]
) -> None:
    result = translator.translate(BAD, guard="retry", report=True)
    (sentence,) = result.sentences
    assert sentence.attempts == 3 and not sentence.ok
    assert [o.num_beams for _, o in calls] == [1, 4, 4]
    assert calls[2][1].no_repeat_ngram_size == 3
    # the plain wider beam and the hinted greedy an LLM also tries are skipped for this
    # seq2seq model (it reads no hints: decoded so already), and it is not told them
    assert [o.hints for _, o in calls] == [(), (), ()]
    assert sentence.first is not None and sentence.first.output.endswith("salary salary salary.")


def test_retry_translates_the_flagged_sentences_of_a_call_in_one_batch_per_decoding(
    translator: Translator, calls: list[Any]
) -> None:
    bad = "Harga gula naik 30 persen."  # "Price sugar rise salary salary salary."
    results = translator.translate([BAD, "Menteri datang.", bad], guard="retry", report=True)
    # the first translation and two variants for each flagged sentence
    assert [s.attempts for r in results for s in r.sentences] == [3, 1, 3]
    # the first pass, then one call per variant for both flagged sentences
    assert [len(texts) for texts, _ in calls] == [3, 2, 2]
    assert [o.num_beams for _, o in calls] == [1, 4, 4]


def test_retry_keeps_the_first_clean_result(translator: Translator) -> None:
    def flaky(texts: Any, plan: Any, options: Any, **kwargs: Any) -> list[str]:
        return ["Price rise 30 percent." if options.num_beams > 1 else "Price rise." for _ in texts]

    translator.engine.generate = flaky  # type: ignore[method-assign]
    try:
        result = translator.translate("Harga naik 30 persen.", guard="retry", report=True)
    finally:
        del translator.engine.generate  # type: ignore[method-assign]
    (sentence,) = result.sentences
    assert result.text == "Price rise 30 percent."
    assert sentence.ok and sentence.fixed and sentence.attempts == 2
    assert sentence.to_dict()["first_issues"][0]["kind"] == "percent"


def test_retry_never_trades_english_for_a_copy_of_the_source(translator: Translator) -> None:
    # Gemma 3 270M did this on examples/artikel-umkm.txt: its retry copied the Indonesian
    # sentence, which has fewer fact issues (its numbers are all there) than an English one with
    # a wrong number and day, and the copy replaced the translation.
    source = "Harga naik 30 persen menjadi Rp10.900, Senin."  # three pieces for this model
    first = {
        "Harga naik 30 persen": "Prices rose 13 percent",
        "menjadi Rp10.900,": "to Rp10,500",
        "Senin.": "on Sunday.",
    }
    english = "Prices rose 13 percent to Rp10,500 on Sunday."

    def copying(texts: Any, plan: Any, options: Any, **kwargs: Any) -> list[str]:
        return [first[t] if options.num_beams == 1 else t for t in texts]

    translator.engine.generate = copying  # type: ignore[method-assign]
    try:
        result = translator.translate(source, guard="retry", report=True)
    finally:
        del translator.engine.generate  # type: ignore[method-assign]
    (sentence,) = result.sentences
    assert result.text == english and sentence.attempts == 5
    assert {i.kind for i in sentence.issues} == {"percent", "money", "date"}


def test_glossary_terms_travel_as_placeholders(translator: Translator, calls: list[Any]) -> None:
    glossary = {"QRIS": "QRIS", "UMKM": "MSMEs"}
    out = translator.translate("Menteri datang ke QRIS dan UMKM.", glossary=glossary)
    assert out == "Minister come to QRIS and MSMEs."
    assert calls[0][0] == ["Menteri datang ke Papua dan Bali."]  # what the model saw
    # without the glossary the model garbles the unknown word, and the guard has nothing to ask
    assert translator.translate("Menteri datang ke QRIS.", guard=None) == "Minister come to to."


def test_urls_and_handles_are_kept(translator: Translator) -> None:
    out = translator.translate("Menteri datang ke www.pasar.id dan @menteri.", report=True)
    assert out.text == "Minister come to www.pasar.id and @menteri." and out.ok


def test_a_missed_name_is_retried_with_a_placeholder(translator: Translator) -> None:
    # "Rizal" is not in the model's lexicon: the first translation drops it, the retry
    # carries it through as a placeholder
    result = translator.translate("Menteri Rizal datang ke pasar.", guard="retry", report=True)
    (sentence,) = result.sentences
    assert sentence.first is not None and not sentence.first.ok
    assert sentence.ok and "Rizal" in result.text


def test_glossary_file_and_bad_glossaries(translator: Translator, tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_text("id\ten\nQRIS\tQRIS\n", encoding="utf-8")
    assert (
        translator.translate("Menteri datang ke QRIS.", glossary=path) == "Minister come to QRIS."
    )
    path.write_text("en\tid\nQRIS\tQRIS\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="does not translate .* Use a glossary for the pair"):
        translator.translate("Menteri datang.", glossary=path)
    path.write_text("QRIS\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="expected 2 columns"):
        translate("", glossary=path)  # checked even when there is nothing to translate


def test_unknown_guard(translator: Translator) -> None:
    with pytest.raises(
        ConfigError, match="guard must be None, 'warn', 'retry' or 'raise'.*guard=None"
    ):
        translator.translate("Menteri datang.", guard="strict")
    with pytest.raises(ConfigError, match="guard must be"):
        translate("", guard="always")


def test_pairs_the_checker_cannot_read_skip_the_guard(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        assert not Guard("retry", None, "id", "fr").active
    assert "guard='retry' is skipped" in caplog.records[0].getMessage()


def test_retry_never_prefers_an_untranslated_copy(translator: Translator) -> None:
    source = "Harga beras naik 30 persen di Jakarta."

    def echo_on_retry(texts: Any, plan: Any, options: Any, **kwargs: Any) -> list[str]:
        return [source if options.num_beams > 1 else "Rice rose in Jakarta." for _ in texts]

    translator.engine.generate = echo_on_retry  # type: ignore[method-assign]
    try:
        result = translator.translate(source, guard="retry", report=True)
    finally:
        del translator.engine.generate  # type: ignore[method-assign]
    assert result.text == "Rice rose in Jakarta." and result.sentences[0].attempts == 5


@pytest.fixture
def plain(translator: Translator) -> Iterator[Translator]:
    """The fidelity model as a card without placeholders (as an LLM's), its generate a fake
    that copies what it does not know."""
    original = translator.card
    translator.card = dataclasses.replace(original, placeholders=())
    try:
        yield translator
    finally:
        translator.card = original
        translator.engine.__dict__.pop("generate", None)


def test_without_placeholders_the_glossary_english_goes_into_the_source(
    plain: Translator,
) -> None:
    seen: list[tuple[list[str], Any]] = []

    def copying(texts: Any, plan: Any, options: Any, **kwargs: Any) -> list[str]:
        seen.append((list(texts), options))
        words = {"Pelaku": "Owners of", "datang": "came", "ke": "to", "pasar.": "market."}
        return [" ".join(words.get(w, w) for w in t.split()) for t in texts]

    plain.engine.generate = copying  # type: ignore[method-assign]
    result = plain.translate(
        "Pelaku UMKM datang ke pasar.", glossary={"UMKM": "MSMEs"}, report=True
    )
    assert " ".join(seen[0][0]) == "Pelaku MSMEs datang ke pasar."  # what the model saw
    assert seen[0][1].glossary == ()  # the English is in the text, one prompt for the call
    assert result.text == "Owners of MSMEs came to market." and result.ok
    assert result.sentences[0].source == "Pelaku UMKM datang ke pasar."  # checked on the original


def test_a_term_left_verbatim_is_repaired_and_recorded(plain: Translator) -> None:
    def stubborn(texts: Any, plan: Any, options: Any, **kwargs: Any) -> list[str]:
        words = {"Pelaku": "owners", "MSMEs": "UMKM", "datang": "came", "ke": "to"}
        return [" ".join(words.get(w, w) for w in t.split()) for t in texts]

    plain.engine.generate = stubborn  # type: ignore[method-assign]
    for guard in ("warn", "retry"):
        result = plain.translate(
            "Pelaku UMKM datang ke pasar.", glossary={"UMKM": "MSMEs"}, guard=guard, report=True
        )
        (sentence,) = result.sentences
        assert result.text == "owners MSMEs came to pasar." and sentence.ok
        assert sentence.repaired == ("UMKM",) and sentence.to_dict()["repaired"] == ["UMKM"]
        assert sentence.first is not None and sentence.first.issues[0].kind == "glossary"
    # a miss with nothing verbatim to repair stays flagged
    plain.engine.generate = lambda texts, *a, **k: ["Small firms came." for _ in texts]  # type: ignore[method-assign]
    result = plain.translate("Pelaku UMKM datang.", glossary={"UMKM": "MSMEs"}, report=True)
    assert [i.kind for i in result.sentences[0].issues] == ["glossary"]
    assert result.sentences[0].repaired == ()


def test_retry_hints_leave_glossary_terms_to_the_glossary() -> None:
    """An LLM's retry is told the names to keep and the glossary's English, not its terms."""
    from ringkas.engines.base import GenerationOptions
    from ringkas.faithful import load_glossary
    from ringkas.text.chunk import Split

    seen: list[Any] = []

    def forgetful(texts: Any, options: Any) -> list[str]:
        seen.append(options)
        return ["Owners came." for _ in texts]

    glossary = load_glossary({"UMKM": "MSMEs"}, src="id", tgt="en")
    guard = Guard("retry", glossary, "id", "en", prompted=True)
    source = "Pelaku UMKM Sleman datang."
    guard.review([Split([source], [])], ["Owners came."], [(0, 0)], GenerationOptions(), forgetful)
    hinted = seen[0]
    assert "Sleman" in hinted.hints and "UMKM" not in hinted.hints and "MSMEs" in hinted.hints
    assert hinted.glossary == (("UMKM", "MSMEs"),)  # a retry also says it in the prompt


def test_an_llm_retry_tries_hinted_and_plain_decodings_the_engine_record_holds() -> None:
    from ringkas.engines.base import GenerationOptions
    from ringkas.engines.retry import Attempts, Generated, decoding_key, retry_variants
    from ringkas.text.chunk import Split

    source, wrong = "Lima orang datang.", "Six people came."
    every = [GenerationOptions(), *retry_variants(GenerationOptions())]
    tried = Attempts()  # the engine (or an earlier try) decoded it every way already
    tried.record([source], [Generated(wrong, tried=tuple(decoding_key(v) for v in every))])
    seen: list[bool] = []

    def retranslate(texts: Any, options: Any) -> list[str]:
        seen.append("Lima" in options.hints)
        return [wrong for _ in texts]

    for prompted, hinted in ((False, []), (True, [True, True, False, True])):
        seen.clear()

        guard = Guard("retry", None, "id", "en", prompted=prompted)
        (report,) = guard.review(
            [Split([source], [])], [wrong], [(0, 0)], GenerationOptions(), retranslate, tried
        )
        # a seq2seq model reads no prompt: nothing new to try; an LLM: the hinted variants,
        # the plain wider beam, then its own decoding with the hints
        assert seen == hinted and report.attempts == 1 + len(hinted)


def test_a_retry_from_the_strongest_decoding_tries_the_hints_with_it() -> None:
    """A call that already decodes as the strongest retry variant has no other variant left:
    the retry still tells an LLM the values to keep, with the call's own decoding."""
    from ringkas.engines.base import GenerationOptions
    from ringkas.engines.retry import retry_variants
    from ringkas.text.chunk import Split

    strongest = retry_variants(GenerationOptions())[-1]
    assert retry_variants(strongest) == []
    seen: list[tuple[bool, int]] = []

    def retranslate(texts: Any, options: Any) -> list[str]:
        seen.append(("Lima" in options.hints, options.num_beams))
        return ["Five people came." for _ in texts]

    guard = Guard("retry", None, "id", "en", prompted=True)
    (report,) = guard.review(
        [Split(["Lima orang datang."], [])], ["Six people came."], [(0, 0)], strongest, retranslate
    )
    assert seen == [(True, 4)] and report.fixed and report.attempts == 2
