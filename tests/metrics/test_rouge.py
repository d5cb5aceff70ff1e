"""ROUGE for Indonesian (ringkas.metrics.rouge): hand-computed scores, signature, bad inputs."""

from __future__ import annotations

import logging
import sys
import types
from collections.abc import Callable

import numpy as np
import pytest

from ringkas.errors import ConfigError, InputError
from ringkas.metrics import (
    LSUM_SPLIT,
    ROUGE_TYPES,
    MetricResult,
    Score,
    bootstrap_ci,
    rouge,
    rouge_example,
    signature,
    tokenize,
)

PRED = "polisi menangkap dua tersangka"
REF = "polisi menangkap tiga tersangka di jakarta"


def assert_score(score: Score, precision: float, recall: float, f1: float) -> None:
    assert (score.precision, score.recall, score.f1) == pytest.approx((precision, recall, f1))


# --- hand-computed ROUGE ---------------------------------------------------------------------


def test_rouge1_hand_computed() -> None:
    # pred: polisi menangkap dua tersangka (4); ref: polisi menangkap tiga tersangka di jakarta (6)
    # overlap {polisi, menangkap, tersangka} = 3 -> P = 3/4, R = 3/6, F = 2*.75*.5/1.25 = 0.6
    assert_score(rouge_example(PRED, REF, types="rouge1")["rouge1"], 3 / 4, 3 / 6, 0.6)


def test_rouge1_clips_repeated_words() -> None:
    # pred counts: sangat x3, baik x1; ref: sangat x1, baik x1 -> clipped hits = 1 + 1 = 2
    # P = 2/4, R = 2/2, F = 2*.5*1/1.5 = 2/3
    got = rouge_example("Sangat, sangat, sangat baik!", "sangat baik", types="rouge1")
    assert_score(got["rouge1"], 2 / 4, 2 / 2, 2 / 3)


def test_rouge2_hand_computed() -> None:
    # pred bigrams: polisi menangkap | menangkap dua | dua tersangka                  (3)
    # ref bigrams:  polisi menangkap | menangkap tiga | tiga tersangka | tersangka di | di jakarta (5)
    # overlap 1 -> P = 1/3, R = 1/5, F = 2*(1/15)/(8/15) = 1/4
    assert_score(rouge_example(PRED, REF, types="rouge2")["rouge2"], 1 / 3, 1 / 5, 1 / 4)


def test_rougeL_hand_computed() -> None:
    # pred: menteri keuangan bertemu gubernur bank                            (5 tokens)
    # ref:  gubernur bank sentral bertemu menteri keuangan hari ini           (8 tokens)
    # unigram overlap is 5, but order differs: the LCS is "menteri keuangan" (or "gubernur bank")
    # -> LCS = 2, P = 2/5, R = 2/8, F = 2*.4*.25/.65 = 4/13
    got = rouge_example(
        "Menteri Keuangan bertemu Gubernur Bank.",
        "Gubernur Bank Sentral bertemu Menteri Keuangan hari ini.",
        types=["rouge1", "rougeL"],
    )
    assert_score(got["rouge1"], 5 / 5, 5 / 8, 2 * (5 / 8) / (13 / 8))
    assert_score(got["rougeL"], 2 / 5, 2 / 8, 4 / 13)


def test_rougeLsum_union_lcs_as_in_lin_2004() -> None:
    # Lin (2004) section 3.2, rouge-score's testSummaryLevelLcs, with Indonesian words:
    # ref r = w1 w2 w3 w4 w5 = polisi menangkap tersangka di jakarta (5 tokens, one sentence)
    # c1 = polisi menangkap kemarin pagi dua  -> LCS with r: polisi menangkap       (w1 w2)
    # c2 = polisi tersangka dua orang jakarta -> LCS with r: polisi tersangka jakarta (w1 w3 w5)
    # union = polisi menangkap tersangka jakarta = 4 hits; P = 4/10, R = 4/5, F = 0.5333
    pred = "polisi menangkap kemarin pagi dua\npolisi tersangka dua orang jakarta"
    got = rouge_example(pred, "polisi menangkap tersangka di jakarta", types="rougeLsum")
    assert_score(got["rougeLsum"], 4 / 10, 4 / 5, 2 * 0.4 * 0.8 / 1.2)


def test_rougeLsum_two_reference_sentences_forgives_reordering() -> None:
    # ref sentences: [harga beras naik] [warga mengeluh]                          (5 tokens)
    # pred (one sentence): warga mengeluh karena harga beras naik                (6 tokens)
    # Lsum: LCS(ref1, pred) = 3, LCS(ref2, pred) = 2 -> 5 hits; P = 5/6, R = 5/5, F = 10/11
    # rougeL over the whole text: LCS = "harga beras naik" = 3; P = 3/6, R = 3/5, F = 6/11
    pred = "Warga mengeluh karena harga beras naik."
    for ref in ("Harga beras naik.\nWarga mengeluh.", "Harga beras naik. Warga mengeluh."):
        got = rouge_example(pred, ref, types=["rougeL", "rougeLsum"])  # newline or split_sentences
        assert_score(got["rougeLsum"], 5 / 6, 5 / 5, 10 / 11)
        assert_score(got["rougeL"], 3 / 6, 3 / 5, 6 / 11)


def test_tokenizer_is_lowercase_and_splits_on_punctuation() -> None:
    assert tokenize("Rp1.000, KPK-nya (Jakarta)_x Ibu-ibu") == [
        "rp1",
        "000",
        "kpk",
        "nya",
        "jakarta",
        "x",
        "ibu",
        "ibu",
    ]


def test_indonesian_words_are_not_stemmed() -> None:
    assert tokenize("Memakan dimakan makanan") == ["memakan", "dimakan", "makanan"]
    # "memakan" and "makan" share a root but must not match without a stemmer: only "nasi" does
    got = rouge_example("memakan nasi", "makan nasi", types="rouge1")
    assert_score(got["rouge1"], 1 / 2, 1 / 2, 1 / 2)
    assert str(rouge(["memakan nasi"], ["makan nasi"])["rouge1"].signature).count("stem:none") == 1


def _fake_sastrawi(monkeypatch: pytest.MonkeyPatch) -> None:
    """Install a stand-in Sastrawi whose stemmer drops a leading 'me'."""

    class Stemmer:
        def stem(self, word: str) -> str:
            return word[2:] if word.startswith("me") else word

    class StemmerFactory:
        def create_stemmer(self) -> Stemmer:
            return Stemmer()

    factory = types.ModuleType("Sastrawi.Stemmer.StemmerFactory")
    factory.StemmerFactory = StemmerFactory  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "Sastrawi", types.ModuleType("Sastrawi"))
    monkeypatch.setitem(sys.modules, "Sastrawi.Stemmer", types.ModuleType("Sastrawi.Stemmer"))
    monkeypatch.setitem(sys.modules, "Sastrawi.Stemmer.StemmerFactory", factory)


def test_sastrawi_stemmer_is_used_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_sastrawi(monkeypatch)
    result = rouge(["memakan nasi"], ["makan nasi"], types="rouge1", stemmer="sastrawi")
    assert result["rouge1"].score == pytest.approx(100.0)
    assert result["rouge1"].signature["stem"].startswith("sastrawi")


def test_sastrawi_missing_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "Sastrawi", None)  # makes the import fail
    with pytest.raises(ConfigError, match="pip install PySastrawi"):
        rouge(["a"], ["a"], stemmer="sastrawi")


def test_empty_prediction_scores_zero_and_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="ringkas.metrics"):
        result = rouge(["", PRED], [REF, REF], types="rouge1", bootstrap=0)
    assert result["rouge1"].per_example == pytest.approx((0.0, 60.0))
    assert "1 of 2 predictions have no words" in caplog.text


# --- corpus ROUGE and bootstrap --------------------------------------------------------------


def test_rouge_corpus_is_mean_of_per_example_f1() -> None:
    result = rouge([PRED, REF], [REF, REF], seed=3)
    assert set(result) == set(ROUGE_TYPES)
    r1 = result["rouge1"]
    assert isinstance(r1, MetricResult)
    assert r1.per_example == pytest.approx((60.0, 100.0))
    assert r1.score == pytest.approx(80.0)
    assert r1.details[0] == rouge_example(PRED, REF)["rouge1"]
    assert r1.signature == signature(bootstrap=1000, seed=3)
    assert str(r1.signature).startswith(
        "rouge|tok:lower-punct|stem:none|lsum-split:newlines-else-split_sentences|bootstrap:1000|"
        "seed:3|version:"
    )
    assert rouge([PRED], [REF], bootstrap=0)["rouge2"].ci is None


def test_rouge_bootstrap_ci_contains_score_and_is_deterministic() -> None:
    rng = np.random.default_rng(1)
    words = [
        "polisi",
        "menangkap",
        "dua",
        "tiga",
        "tersangka",
        "di",
        "jakarta",
        "bogor",
        "kemarin",
        "pagi",
    ]
    preds = [" ".join(rng.choice(words, 6)) for _ in range(40)]
    refs = [" ".join(rng.choice(words, 8)) for _ in range(40)]
    first = rouge(preds, refs, types="rouge1", seed=7)["rouge1"]
    again = rouge(preds, refs, types="rouge1", seed=7)["rouge1"]
    other = rouge(preds, refs, types="rouge1", seed=8)["rouge1"]
    assert first.ci is not None
    low, high = first.ci
    assert low < first.score < high
    assert first.ci == again.ci
    assert first.ci != other.ci
    assert first.ci == bootstrap_ci(first.per_example, n=1000, seed=7)


def test_rougeLsum_counts_each_predicted_token_once() -> None:
    # ref sentences [a b] [a b] (4 tokens); pred one sentence [a b] (2 tokens). Each reference
    # sentence's LCS with the prediction is "a b", but the prediction holds one "a" and one "b":
    # hits = 2 (not 4), P = 2/2, R = 2/4, F = 2/3 (rouge-score's token-count limit)
    got = rouge_example("harga naik", "harga naik\nharga naik", types="rougeLsum")
    assert_score(got["rougeLsum"], 1.0, 0.5, 2 / 3)


def test_every_rouge_score_is_a_fraction() -> None:
    rng = np.random.default_rng(4)
    words = ["harga", "beras", "naik", "warga", "pasar"]
    for _ in range(60):
        pred, ref = (
            "\n".join(" ".join(rng.choice(words, rng.integers(1, 5))) for _ in range(sentences))
            for sentences in rng.integers(1, 5, size=2)
        )
        for score in rouge_example(pred, ref).values():
            assert 0 <= score.precision <= 1 and 0 <= score.recall <= 1 and 0 <= score.f1 <= 1


def test_an_empty_reference_scores_zero_and_is_counted(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="ringkas.metrics"):
        result = rouge([PRED, PRED, "..."], [REF, "", "..."], types="rouge1", bootstrap=0)
    # hand-computed: example 0 is 60.0 (see test_rouge1_hand_computed); 1 and 2 have no reference
    assert result["rouge1"].per_example == pytest.approx((60.0, 0.0, 0.0))
    assert result["rouge1"].score == pytest.approx(20.0)
    assert result["rouge1"].empty_references == 2
    assert "2 of 3 references have no words; those examples score 0" in caplog.text
    assert "Fix or drop them" in caplog.text


def test_signature_is_an_object_with_fields() -> None:
    sig = signature(stemmer=None, bootstrap=0, seed=2)
    assert sig.name == "rouge"
    assert list(sig.fields) == ["tok", "stem", "lsum-split", "bootstrap", "seed", "version"]
    assert sig["lsum-split"] == LSUM_SPLIT == "newlines-else-split_sentences"
    assert (sig["bootstrap"], sig["seed"]) == ("0", "2")
    assert str(sig).startswith("rouge|tok:lower-punct|stem:none|lsum-split:")
    assert sig == signature(bootstrap=0, seed=2) and sig != signature(bootstrap=0, seed=3)


# --- bad inputs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: rouge(["a", "b", "c"], ["a", "b", "c", "d"]),
            ConfigError,
            "rouge: 3 predictions but 4 references",
        ),
        (lambda: rouge([], []), ConfigError, "rouge: no examples"),
        (lambda: rouge("a b", "a b"), ConfigError, "must be a list of strings.*\\[text\\]"),
        (
            lambda: rouge(["a", 3], ["a", "b"]),
            InputError,
            "rouge: prediction 1 is not a string \\(got int\\)",
        ),
        (lambda: rouge(["a"], ["a"], types=["rouge3"]), ConfigError, "unknown ROUGE type.*rouge3"),
        (lambda: rouge(["a"], ["a"], stemmer="porter"), ConfigError, "unknown stemmer 'porter'"),
        (
            lambda: rouge(["a"], ["a"], bootstrap=-1),
            ConfigError,
            "`bootstrap` must be a non-negative",
        ),
        (lambda: rouge_example("a", 5), InputError, "rouge_example: reference 0 is not a string"),
    ],
)
def test_bad_inputs_raise_named_errors(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()
