"""Evaluation (ringkas.evaluation): scores, caching, reports and comparisons, checked against
answers computed here by hand or with sacrebleu itself, never with ringkas's own metrics."""

from __future__ import annotations

import json
import logging
import random
from pathlib import Path

import pytest
from conftest import FIDELITY_TRANSLATE, fidelity_sentence

from ringkas import evaluation
from ringkas.errors import ConfigError
from ringkas.evaluation import EvalData, compare, evaluate, load_eval_data

# Two articles whose lead-3 summaries are their first three sentences (hand-checked below).
ARTICLES = [
    "Harga beras naik. Pedagang mengeluh. Warga antre. Hujan turun.",
    "Menteri datang. Warga menyambut. Jalan ditutup.",
]
SUMMARIES = ["Harga beras naik.", "Menteri datang ke kota."]


@pytest.fixture
def two_articles(monkeypatch: pytest.MonkeyPatch) -> EvalData:
    data = EvalData("hand", "test", ["a", "b"], ARTICLES, SUMMARIES, "id")
    monkeypatch.setattr(evaluation, "load_eval_data", lambda *args, **kwargs: data)
    return data


def test_lead3_rouge_hand_computed(two_articles: EvalData) -> None:
    result = evaluate("summarize", "hand", model="lead-3", lang="id")
    assert result.predictions == [
        "Harga beras naik. Pedagang mengeluh. Warga antre.",
        "Menteri datang. Warga menyambut. Jalan ditutup.",
    ]
    # a: pred 7 words, ref 3, overlap 3: P 3/7, R 1, F1 0.6. b: pred 6, ref 4, overlap
    # {menteri, datang}: P 1/3, R 1/2, F1 0.4. Corpus rouge1 = mean = 50.
    assert result.per_example["rouge1"] == pytest.approx([60.0, 40.0])
    assert result.scores["rouge1"]["score"] == pytest.approx(50.0)
    # rouge2: a: 6 predicted bigrams, both reference bigrams found: P 1/3, R 1, F1 0.5;
    # b: 5 and 3 bigrams, "menteri datang" shared: P 1/5, R 1/3, F1 0.25 -> 37.5
    assert result.per_example["rouge2"] == pytest.approx([50.0, 25.0])
    assert result.scores["rouge2"]["score"] == pytest.approx(37.5)
    # rougeLsum: each reference is one sentence, matched whole by the first predicted sentence
    assert result.per_example["rougeLsum"] == pytest.approx([60.0, 40.0])
    low, high = result.scores["rouge1"]["ci"]
    assert 40.0 <= low <= 50.0 <= high <= 60.0  # a bootstrap over two examples stays within them
    assert "lsum-split:newlines-else-split_sentences" in result.scores["rougeLsum"]["signature"]
    assert result.signature["examples"] == 2 and result.signature["strategy"] == "lead"


def test_outputs_are_written_and_reused(two_articles: EvalData, tmp_path: Path) -> None:
    first = evaluate("summarize", "hand", model="lead-3", lang="id", out=tmp_path)
    lines = [json.loads(x) for x in (tmp_path / "predictions.jsonl").read_text().splitlines()]
    assert [(r["id"], r["reference"], round(r["rouge1"], 6)) for r in lines] == [
        ("a", "Harga beras naik.", 60.0), ("b", "Menteri datang ke kota.", 40.0),
    ]  # fmt: skip
    saved = json.loads((tmp_path / "scores.json").read_text())
    assert saved["scores"]["rouge1"]["score"] == pytest.approx(50.0) and not saved["cached"]
    report = (tmp_path / "report.md").read_text()
    assert "| rouge1 | 50.00 |" in report
    assert report.index("### b") < report.index("### a")  # worst first: b scored 40
    again = evaluate("summarize", "hand", model="lead-3", lang="id", out=tmp_path)
    assert again.cached and again.predictions == first.predictions
    other = evaluate("summarize", "hand", model="lead-3", lang="id", out=tmp_path, seed=1)
    assert not other.cached  # another seed is another cache key


def test_compare_summaries_tests_per_example_rouge1(two_articles: EvalData) -> None:
    results, table = compare("summarize", "hand", ["lead-3", "lead-3"], lang="id")
    assert [r.scores["rouge1"]["score"] for r in results] == pytest.approx([50.0, 50.0])
    assert "| `lead-3` | 50.00 | 37.50 |" in table
    assert "+0.00 [+0.00, +0.00], p=1.000" in table  # identical systems: no difference, p = 1
    assert table.endswith("Paired bootstrap on per-example rouge1; two-sided p.\n")


def test_compare_translations_tests_the_corpus_chrf_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sacrebleu = pytest.importorskip("sacrebleu")
    refs = ["Rice prices rose.", "The minister came to the city.", "It rained in Bogor."]
    outputs = {
        "good": ["Rice prices rose.", "The minister came to the city.", "It rained in Bogor."],
        "poor": ["Rice rose.", "Minister city.", "Rain."],
    }
    data = EvalData("hand", "test", ["1", "2", "3"], ["-"] * 3, refs, "en")
    monkeypatch.setattr(evaluation, "load_eval_data", lambda *args, **kwargs: data)
    monkeypatch.setattr(
        evaluation, "_predict", lambda task, data, system, settings: (outputs[system], {})
    )
    results, table = compare("translate", "hand", ["good", "poor"])
    chrf = sacrebleu.CHRF(word_order=2)
    good, poor = (chrf.corpus_score(outputs[s], [refs]).score for s in ("good", "poor"))
    assert good == pytest.approx(100.0)
    assert results[1].scores["chrF2++"]["score"] == pytest.approx(poor)
    assert results[1].scores["BLEU"]["score"] == pytest.approx(
        sacrebleu.corpus_bleu(outputs["poor"], [refs]).score
    )
    delta = table.splitlines()[3].split(" | ")[-1]
    assert delta.startswith(f"{poor - good:+.2f} [")  # corpus chrF++ difference, as shown
    assert "corpus chrF2++, resampling sentences (as sacrebleu --paired-bs)" in table


def test_translation_with_the_fidelity_model(monkeypatch: pytest.MonkeyPatch) -> None:
    sacrebleu = pytest.importorskip("sacrebleu")
    from fidelity_data import gloss

    rng = random.Random(3)
    sources = [fidelity_sentence(rng), fidelity_sentence(rng)]
    refs = [gloss(s) for s in sources]
    data = EvalData("hand", "test", ["1", "2"], sources, refs, "en")
    monkeypatch.setattr(evaluation, "load_eval_data", lambda *args, **kwargs: data)
    result = evaluate("translate", "hand", model=str(FIDELITY_TRANSLATE), backend="transformers",
                      device="cpu")  # fmt: skip
    assert result.predictions == refs  # the fidelity model's translation is the word gloss
    assert result.scores["BLEU"]["score"] == pytest.approx(100.0)
    assert result.scores["chrF2++"]["score"] == pytest.approx(100.0)
    assert result.per_example["chrF2++ (sentence)"] == pytest.approx([100.0, 100.0])
    assert "nrefs:1|bs:1000|seed:0" in result.scores["BLEU"]["signature"]
    assert result.signature["backend"] == "transformers"
    assert sacrebleu.corpus_bleu(result.predictions, [refs]).score == pytest.approx(100.0)


def test_rows_without_a_reference_are_counted(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    datasets = pytest.importorskip("datasets")
    rows = datasets.Dataset.from_list(
        [
            {"id": "1", "text": "Harga naik.", "summary": "Naik."},
            {"id": "2", "text": "Warga antre.", "summary": ""},
            {"id": "3", "text": "Hujan turun.", "summary": None},
        ]
    )
    monkeypatch.setattr("ringkas.data.load_dataset", lambda *args, **kwargs: rows)
    with caplog.at_level(logging.WARNING, logger="ringkas.evaluation"):
        data = load_eval_data("summarize", "mine", lang="id")
    assert (data.ids, data.skipped) == (["1"], 2)
    assert "2 of 3 rows have no reference for task 'summarize' and are not scored" in caplog.text


def test_bad_arguments_say_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match=r"task must be one of \('summarize', 'translate'\)"):
        evaluate("classify", "ringkas-news")
    datasets = pytest.importorskip("datasets")
    rows = datasets.Dataset.from_list([{"id": "1", "text": "Harga naik.", "summary": "Naik."}])
    monkeypatch.setattr("ringkas.data.load_dataset", lambda *args, **kwargs: rows)
    with pytest.raises(
        ConfigError,
        match=r"has 'id' reference summaries only; evaluate with lang='id' \(--lang id\)",
    ):
        load_eval_data("summarize", "mine", lang="en")
    with pytest.raises(ConfigError, match=r"compare needs at least two systems \(--model A"):
        compare("summarize", "ringkas-news", ["lead-3"])


def test_the_bundled_set_is_scored_sentence_by_sentence() -> None:
    data = load_eval_data("translate", "ringkas-news", limit=1)
    assert data.ids[:2] == ["rn-a-02#0", "rn-a-02#1"] and data.reference_lang == "en"
    assert len(data.ids) == len(data.sources) == len(data.references) and data.skipped == 0


@pytest.mark.usefixtures("no_network")
def test_the_default_summariser_is_measured_or_named_missing(two_articles: EvalData) -> None:
    """summarize() falls back to TextRank when the default summariser is not here; a score
    labelled with the default system must never be TextRank's."""
    from ringkas.errors import ModelNotAvailableError

    with pytest.raises(ModelNotAvailableError, match="csebuetnlp/mT5_multilingual_XLSum"):
        evaluate("summarize", "hand", lang="id")
