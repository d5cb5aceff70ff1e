"""BLEU and chrF++ (ringkas.metrics.bleu_chrf): sacrebleu's numbers, bootstrap, paired corpus test."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Callable

import numpy as np
import pytest

from ringkas.errors import ConfigError, InputError
from ringkas.metrics import bleu, chrf, paired_bootstrap_corpus
from ringkas.metrics.bootstrap import paired_p_value

sacrebleu = pytest.importorskip("sacrebleu")

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


def random_corpus(seed: int, n: int = 25) -> tuple[list[str], list[str]]:
    rng = np.random.default_rng(seed)
    words = ["polisi", "harga", "beras", "naik", "(Jakarta)", "warga,", "Rp1.000", "tol", "baru."]
    hyps = [" ".join(rng.choice(words, rng.integers(1, 9))) for _ in range(n)]
    refs = [" ".join(rng.choice(words, rng.integers(1, 9))) for _ in range(n)]
    return hyps, refs


def test_bleu_and_chrf_match_sacrebleu() -> None:
    ours = bleu(HYPS, REFS)
    theirs = sacrebleu.corpus_bleu(HYPS, [REFS])
    assert ours.score == pytest.approx(theirs.score)
    assert ours.name == "BLEU"
    assert ours.signature["nrefs"] == "1" and ours.signature["tok"] == "13a"
    assert (ours.signature["bs"], ours.signature["seed"]) == ("1000", "0")  # 1000 by default
    assert str(ours.signature).startswith("BLEU|nrefs:1|bs:1000|seed:0|")

    ours_chrf = chrf(HYPS, REFS)
    theirs_chrf = sacrebleu.CHRF(word_order=2).corpus_score(HYPS, [REFS])
    assert ours_chrf.score == pytest.approx(theirs_chrf.score)
    assert ours_chrf.name == "chrF2++"
    assert ours_chrf.signature["nrefs"] == "1" and ours_chrf.signature["nw"] == "2"
    assert chrf(HYPS, REFS, word_order=0).name == "chrF2"


@pytest.mark.parametrize("metric", ["bleu", "chrf"])
def test_bootstrap_equals_rescoring_the_resamples_with_sacrebleu(metric: str) -> None:
    """The interval re-aggregates sentence statistics; it must equal rescoring every resample
    with sacrebleu's own corpus_score (which is what the statistics stand in for)."""
    hyps, refs = random_corpus(3)
    score = {"bleu": bleu, "chrf": chrf}[metric]
    scorer = sacrebleu.BLEU() if metric == "bleu" else sacrebleu.CHRF(word_order=2)
    n, seed = 40, 5
    result = score(hyps, refs, n_bootstrap=n, seed=seed)
    idx = np.random.default_rng(seed).integers(0, len(hyps), size=(n, len(hyps)))
    rescored = [
        scorer.corpus_score([hyps[k] for k in i], [[refs[k] for k in i]]).score for i in idx
    ]
    assert result.ci == pytest.approx(tuple(np.percentile(rescored, [2.5, 97.5])))
    assert score(hyps, refs, n_bootstrap=n, seed=seed).ci == result.ci
    assert score(hyps, refs, n_bootstrap=0).ci is None


def test_an_empty_reference_is_scored_and_counted(caplog: pytest.LogCaptureFixture) -> None:
    refs = [*REFS[:3], ""]
    with caplog.at_level(logging.WARNING, logger="ringkas.metrics"):
        ours = chrf(HYPS, refs, n_bootstrap=0)
    assert ours.score == pytest.approx(
        sacrebleu.CHRF(word_order=2).corpus_score(HYPS, [refs]).score
    )
    assert ours.empty_references == 1
    assert "1 of 4 references have no words" in caplog.text
    assert bleu(HYPS, refs, n_bootstrap=0).empty_references == 1


def test_paired_corpus_test_is_on_the_corpus_score() -> None:
    hyps_b, refs = random_corpus(7, n=30)
    hyps_a = [r if i % 3 else h for i, (h, r) in enumerate(zip(hyps_b, refs, strict=True))]
    result = paired_bootstrap_corpus(hyps_a, hyps_b, refs, n=300, seed=2)
    scorer = sacrebleu.CHRF(word_order=2)
    a = scorer.corpus_score(hyps_a, [refs]).score
    b = scorer.corpus_score(hyps_b, [refs]).score
    assert (result.mean_a, result.mean_b) == pytest.approx((a, b))
    assert result.difference == pytest.approx(a - b) and result.metric == "chrF2++"
    # the resampled differences, rescored independently with sacrebleu
    idx = np.random.default_rng(2).integers(0, len(refs), size=(300, len(refs)))
    diffs = [
        scorer.corpus_score([hyps_a[k] for k in i], [[refs[k] for k in i]]).score
        - scorer.corpus_score([hyps_b[k] for k in i], [[refs[k] for k in i]]).score
        for i in idx
    ]
    assert result.ci == pytest.approx(tuple(np.percentile(diffs, [2.5, 97.5])))
    assert result.p_value == pytest.approx(paired_p_value(diffs, a - b))
    assert result.is_significant() == (result.ci[0] > 0)
    same = paired_bootstrap_corpus(hyps_a, hyps_a, refs, metric="bleu", n=50)
    assert (same.difference, same.p_value, same.metric) == (0.0, 1.0, "BLEU")


def test_importing_metrics_does_not_need_sacrebleu() -> None:
    code = (
        "import sys; sys.modules['sacrebleu'] = None\n"
        "import ringkas.metrics as m\n"
        "from ringkas.errors import ConfigError\n"
        "print(round(m.rouge(['a b'], ['a b c'], bootstrap=0)['rouge1'].score, 1))\n"
        "try:\n    m.bleu(['a'], ['a'])\n"
        "except ConfigError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[0] == "80.0"
    assert "pip install 'ringkas[eval]'" in out.stdout


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: bleu(["a"], ["a", "b"]),
            ConfigError,
            "bleu: 1 predictions but 2 references; pass exactly one reference per prediction",
        ),
        (
            lambda: chrf(["a"], [None]),
            InputError,
            r"chrf: reference 0 is not a string \(got NoneType\); pass plain texts",
        ),
        (
            lambda: chrf(["a"], ["a"], word_order=3.0),
            ConfigError,
            r"`word_order` must be 0, 1 or 2 \(2 = chrF\+\+\), got 3.0",
        ),
        (
            lambda: bleu(["a"], ["a"], n_bootstrap=-5),
            ConfigError,
            r"bleu: `n_bootstrap` must be a non-negative integer \(0 turns it off\)",
        ),
        (
            lambda: paired_bootstrap_corpus(["a"], ["a"], ["a"], metric="ter"),
            ConfigError,
            r"unknown metric 'ter'; choose one of \('bleu', 'chrf'\)",
        ),
        (
            lambda: paired_bootstrap_corpus(["a"], ["a", "b"], ["a"]),
            ConfigError,
            "paired_bootstrap_corpus: 2 predictions but 1 references",
        ),
    ],
)
def test_bad_inputs_raise_named_errors(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()
