"""ROUGE for Indonesian, BLEU/chrF++ through sacrebleu, and bootstrap tests (ringkas.metrics)."""

from __future__ import annotations

import logging
import subprocess
import sys
import types
from collections.abc import Callable

import numpy as np
import pytest

from ringkas.errors import ConfigError, InputError
from ringkas.metrics import (
    ROUGE_TYPES,
    MetricResult,
    Score,
    bleu,
    bootstrap_ci,
    chrf,
    paired_bootstrap,
    rouge,
    rouge_example,
    signature,
    tokenize,
)

PRED = "polisi menangkap dua tersangka"
REF = "polisi menangkap tiga tersangka di jakarta"

HYPS = [
    "Polisi menangkap dua tersangka di Jakarta.",
    "Harga beras naik lagi minggu ini.",
    "Presiden meresmikan jalan tol baru.",
    "Banjir merendam ratusan rumah warga di Bekasi.",
]
REFS = [
    "Polisi menangkap tiga tersangka di Jakarta Selatan.",
    "Harga beras kembali naik pekan ini.",
    "Presiden meresmikan tol baru di Jawa Tengah.",
    "Banjir merendam ratusan rumah di Bekasi.",
]


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
    assert rouge(["memakan nasi"], ["makan nasi"])["rouge1"].signature.count("stem:none") == 1


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
    assert "|stem:sastrawi" in result["rouge1"].signature


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
    assert r1.signature.startswith("rouge|tok:lower-punct|stem:none|bootstrap:1000|seed:3|version:")
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


# --- BLEU and chrF++ -------------------------------------------------------------------------


def test_bleu_and_chrf_match_sacrebleu() -> None:
    sacrebleu = pytest.importorskip("sacrebleu")
    ours = bleu(HYPS, REFS)
    theirs = sacrebleu.corpus_bleu(HYPS, [REFS])
    assert ours.score == pytest.approx(theirs.score)
    assert ours.name == "BLEU"
    assert "nrefs:1" in ours.signature and "tok:13a" in ours.signature
    assert "bs:200" in ours.signature and "seed:0" in ours.signature

    ours_chrf = chrf(HYPS, REFS)
    theirs_chrf = sacrebleu.CHRF(word_order=2).corpus_score(HYPS, [REFS])
    assert ours_chrf.score == pytest.approx(theirs_chrf.score)
    assert ours_chrf.name == "chrF2++"
    assert "nrefs:1" in ours_chrf.signature and "nw:2" in ours_chrf.signature
    assert chrf(HYPS, REFS, word_order=0).name == "chrF2"


def test_bleu_bootstrap_equals_rescoring_the_resamples() -> None:
    sacrebleu = pytest.importorskip("sacrebleu")
    n, seed = 30, 5
    result = bleu(HYPS, REFS, n_bootstrap=n, seed=seed)
    idx = np.random.default_rng(seed).integers(0, len(HYPS), size=(n, len(HYPS)))
    rescored = [
        sacrebleu.corpus_bleu([HYPS[k] for k in i], [[REFS[k] for k in i]]).score for i in idx
    ]
    assert result.ci == pytest.approx(tuple(np.percentile(rescored, [2.5, 97.5])))
    assert result.ci is not None and result.ci[0] <= result.score <= result.ci[1]
    assert bleu(HYPS, REFS, n_bootstrap=n, seed=seed).ci == result.ci
    assert bleu(HYPS, REFS, n_bootstrap=0).ci is None


def test_importing_metrics_does_not_need_sacrebleu() -> None:
    code = (
        "import sys; sys.modules['sacrebleu'] = None\n"
        "import ringkas.metrics as m\n"
        "print(round(m.rouge(['a b'], ['a b c'], bootstrap=0)['rouge1'].score, 1))\n"
        "try:\n    m.bleu(['a'], ['a'])\n"
        "except m.ConfigError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[0] == "80.0"
    assert "pip install 'ringkas[eval]'" in out.stdout


# --- paired bootstrap ------------------------------------------------------------------------


def test_paired_bootstrap_finds_a_clear_difference() -> None:
    rng = np.random.default_rng(0)
    b = rng.uniform(20, 60, size=50)
    a = b + 5 + rng.normal(0, 2, size=50)
    result = paired_bootstrap(list(a), list(b), seed=1)
    assert result.difference == pytest.approx(float(np.mean(a - b)))
    assert result.ci[0] < result.difference < result.ci[1]
    assert result.ci[0] > 0
    assert result.p_value < 0.05 and result.is_significant()
    flipped = paired_bootstrap(list(b), list(a), seed=1)
    assert flipped.difference < 0 and flipped.p_value < 0.05
    assert paired_bootstrap(list(a), list(b), seed=1) == result


def test_paired_bootstrap_identical_or_noisy_systems_are_not_significant() -> None:
    scores = rouge(HYPS, REFS, types="rouge1", bootstrap=0)["rouge1"].per_example
    same = paired_bootstrap(scores, scores)
    assert same.difference == 0.0 and same.p_value == 1.0 and not same.is_significant()
    noisy = paired_bootstrap([50.0, 52.0, 48.0, 51.0], [51.0, 49.0, 50.0, 50.0])
    assert noisy.p_value > 0.05


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
        (lambda: rouge(["a"], ["..."]), InputError, "rouge: reference 0 has no words"),
        (lambda: rouge(["a"], ["a"], types=["rouge3"]), ConfigError, "unknown ROUGE type.*rouge3"),
        (lambda: rouge(["a"], ["a"], stemmer="porter"), ConfigError, "unknown stemmer 'porter'"),
        (
            lambda: rouge(["a"], ["a"], bootstrap=-1),
            ConfigError,
            "`bootstrap` must be a non-negative",
        ),
        (lambda: rouge_example("a", 5), InputError, "rouge_example: reference 0 is not a string"),
        (lambda: bleu(["a"], ["a", "b"]), ConfigError, "bleu: 1 predictions but 2 references"),
        (
            lambda: chrf(["a"], [None]),
            InputError,
            "chrf: reference 0 is not a string \\(got NoneType",
        ),
        (lambda: chrf(["a"], ["a"], word_order=3.0), ConfigError, "word_order"),
        (lambda: paired_bootstrap([1.0], [1.0, 2.0]), ConfigError, "1 scores for A but 2 for B"),
        (lambda: paired_bootstrap([], []), ConfigError, "no scores"),
        (lambda: paired_bootstrap([float("nan")], [1.0]), InputError, "NaN"),
        (lambda: paired_bootstrap([1.0], [1.0], n=0), ConfigError, "`n` must be at least 1"),
    ],
)
def test_bad_inputs_raise_named_errors(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()
