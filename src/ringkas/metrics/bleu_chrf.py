"""BLEU and chrF(++) through sacrebleu's public API, with bootstrap intervals and the paired
corpus-level test that ``sacrebleu --paired-bs`` runs.

Both metrics are corpus-level: a resample's score is computed from the sum of its sentences'
sufficient statistics, not averaged over sentences. The statistics come from public pieces of
sacrebleu (BLEU: ``BLEU.sentence_score``'s counts and ``BLEU.compute_bleu``; chrF: the n-gram
helpers of ``sacrebleu.metrics.helpers`` with chrF's matching and F-score restated here), and a
test checks that they give sacrebleu's own corpus scores. The score reported is always sacrebleu's
``corpus_score``. Resamples are drawn with ``numpy.random.default_rng(seed)`` (not sacrebleu's
``SACREBLEU_SEED``); the signature shows ``bs`` and ``seed``.

>>> result = chrf(["Polisi menangkap dua tersangka."], ["Polisi menangkap dua tersangka."],
...               n_bootstrap=0)
>>> result.name, round(result.score, 1), result.signature["nrefs"]
('chrF2++', 100.0, '1')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ringkas.errors import ConfigError
from ringkas.metrics.base import (
    MetricResult,
    Signature,
    check_count,
    check_pairs,
    check_seed,
    count_empty,
)
from ringkas.metrics.bootstrap import (
    PairedResult,
    check_paired,
    paired_p_value,
    percentile_ci,
    resample_indices,
)

__all__ = ["CORPUS_METRICS", "bleu", "chrf", "paired_bootstrap_corpus"]

#: The corpus metrics :func:`paired_bootstrap_corpus` can test.
CORPUS_METRICS = ("bleu", "chrf")
_PUNCTS = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")  # what chrF++ splits off word edges


def _sacrebleu() -> Any:
    try:
        import sacrebleu.metrics
        import sacrebleu.metrics.helpers
    except ImportError as exc:
        raise ConfigError(
            "BLEU and chrF need sacrebleu: pip install 'ringkas[eval]' (or pip install sacrebleu)."
        ) from exc
    return sacrebleu.metrics


@dataclass
class _CorpusMetric:
    """A sacrebleu metric with its sentence statistics and score-from-statistics."""

    metric: Any  # sacrebleu.metrics.BLEU() or CHRF(word_order=...): default settings otherwise

    def stats(self, hyps: Sequence[str], refs: Sequence[str]) -> np.ndarray:
        raise NotImplementedError

    def score(self, totals: np.ndarray) -> float:
        raise NotImplementedError


class _Bleu(_CorpusMetric):
    def stats(self, hyps: Sequence[str], refs: Sequence[str]) -> np.ndarray:
        # effective_order only changes sentence scores, not counts; it silences sacrebleu's
        # advice to use it for sentence-level BLEU
        sentence = type(self.metric)(effective_order=True)
        rows = []
        for hyp, ref in zip(hyps, refs, strict=True):
            s = sentence.sentence_score(hyp, [ref])
            rows.append([s.sys_len, s.ref_len, *s.counts, *s.totals])
        return np.asarray(rows, dtype=float)

    def score(self, totals: np.ndarray) -> float:
        m, order = self.metric, self.metric.max_ngram_order
        return float(
            m.compute_bleu(
                correct=[int(x) for x in totals[2 : 2 + order]],
                total=[int(x) for x in totals[2 + order :]],
                sys_len=int(totals[0]),
                ref_len=int(totals[1]),
                smooth_method=m.smooth_method,
                smooth_value=m.smooth_value,
                effective_order=m.effective_order,
                max_ngram_order=order,
            ).score
        )


class _Chrf(_CorpusMetric):
    def _ngrams(self, text: str) -> list[Counter[str]]:
        helpers = _sacrebleu().helpers
        m = self.metric
        grams: list[Counter[str]] = helpers.extract_all_char_ngrams(
            text, m.char_order, m.whitespace
        )
        words = _split_punctuation(text)
        grams += [helpers.extract_word_ngrams(words, n) for n in range(1, m.word_order + 1)]
        return grams

    def stats(self, hyps: Sequence[str], refs: Sequence[str]) -> np.ndarray:
        rows = []
        for hyp, ref in zip(hyps, refs, strict=True):
            row: list[int] = []
            for h, r in zip(self._ngrams(hyp), self._ngrams(ref), strict=True):
                matches = sum(min(count, r[gram]) for gram, count in h.items() if gram in r)
                row += [sum(h.values()) if r else 0, sum(r.values()), matches]
            rows.append(row)
        return np.asarray(rows, dtype=float)

    def score(self, totals: np.ndarray) -> float:
        """chrF's F-beta from summed [hyp, ref, match] counts per order (sacrebleu 2's
        effective-order averaging, its default)."""
        factor = self.metric.beta**2
        precisions, recalls = [], []
        for i in range(self.metric.char_order + self.metric.word_order):
            n_hyp, n_ref, n_match = totals[3 * i : 3 * i + 3]
            if n_hyp > 0 and n_ref > 0:
                precisions.append(n_match / n_hyp)
                recalls.append(n_match / n_ref)
        if not precisions:
            return 0.0
        p, r = float(np.mean(precisions)), float(np.mean(recalls))
        return 100 * (1 + factor) * p * r / (factor * p + r) if p + r else 0.0


def _split_punctuation(text: str) -> list[str]:
    """chrF++'s words: split on whitespace, one punctuation mark split off a word's end (else
    its start), as in sacrebleu and the reference chrF++.py."""
    words: list[str] = []
    for w in text.split():
        if len(w) > 1 and w[-1] in _PUNCTS:
            words += [w[:-1], w[-1]]
        elif len(w) > 1 and w[0] in _PUNCTS:
            words += [w[0], w[1:]]
        else:
            words.append(w)
    return words


def _corpus_metric(name: str, word_order: int = 2) -> _CorpusMetric:
    metrics = _sacrebleu()
    if name == "bleu":
        return _Bleu(metrics.BLEU())
    if isinstance(word_order, bool) or word_order not in (0, 1, 2):
        raise ConfigError(f"chrf: `word_order` must be 0, 1 or 2 (2 = chrF++), got {word_order!r}.")
    return _Chrf(metrics.CHRF(word_order=word_order))


def _resampled_scores(corpus: _CorpusMetric, stats: np.ndarray, n: int, seed: int) -> np.ndarray:
    blocks = resample_indices(len(stats), n, seed)()
    return np.asarray([corpus.score(stats[row].sum(axis=0)) for idx in blocks for row in idx])


def _signature(name: str, metric: Any, n_bootstrap: int, seed: int) -> Signature:
    """sacrebleu's own signature fields (``info``), in its order, with our bootstrap settings."""
    info = {k: v for k, v in metric.get_signature().info.items() if v is not None}
    version = info.pop("version")
    fields: dict[str, object] = {"nrefs": info.pop("nrefs")}
    if n_bootstrap:
        fields.update(bs=n_bootstrap, seed=seed)
    return Signature(name, {**fields, **info, "version": version})


def _score(
    func: str,
    name: str,
    predictions: Sequence[str],
    references: Sequence[str],
    *,
    word_order: int = 2,
    n_bootstrap: int,
    seed: int,
) -> MetricResult:
    """The one body of :func:`bleu` and :func:`chrf`."""
    check_pairs(func, predictions, references)
    n_bootstrap = check_count(func, "n_bootstrap", n_bootstrap)
    seed = check_seed(func, seed)
    corpus = _corpus_metric(name, word_order)
    empty = count_empty(func, predictions, references, lambda text: bool(text.strip()))
    result = corpus.metric.corpus_score(list(predictions), [list(references)])
    ci = None
    if n_bootstrap:
        stats = corpus.stats(predictions, references)
        ci = percentile_ci(_resampled_scores(corpus, stats, n_bootstrap, seed))
    return MetricResult(
        name=result.name,
        score=float(result.score),
        ci=ci,
        signature=_signature(result.name, corpus.metric, n_bootstrap, seed),
        empty_references=empty,
    )


def bleu(
    predictions: Sequence[str],
    references: Sequence[str],
    *,
    n_bootstrap: int = 1000,
    seed: int = 0,
) -> MetricResult:
    """Corpus BLEU from sacrebleu (default settings, one reference each) with a 95% interval.

    The interval is a percentile bootstrap over sentences (``n_bootstrap`` resamples, 0 for
    none), drawn with ``default_rng(seed)``; the signature then shows ``bs:<n>|seed:<seed>``.

    >>> result = bleu(["Polisi menangkap dua tersangka ."], ["Polisi menangkap dua tersangka ."])
    >>> round(result.score, 1), result.signature["nrefs"], result.signature["bs"]
    (100.0, '1', '1000')
    """
    return _score("bleu", "bleu", predictions, references, n_bootstrap=n_bootstrap, seed=seed)


def chrf(
    predictions: Sequence[str],
    references: Sequence[str],
    *,
    word_order: int = 2,
    n_bootstrap: int = 1000,
    seed: int = 0,
) -> MetricResult:
    """Corpus chrF++ (``word_order=2``; 0 gives plain chrF) from sacrebleu, with a 95% interval.

    >>> result = chrf(["Polisi menangkap dua tersangka."], ["Polisi menangkap dua tersangka."])
    >>> result.name, round(result.score, 1)
    ('chrF2++', 100.0)
    """
    return _score(
        "chrf", "chrf", predictions, references, word_order=word_order, n_bootstrap=n_bootstrap,
        seed=seed,
    )  # fmt: skip


def paired_bootstrap_corpus(
    predictions_a: Sequence[str],
    predictions_b: Sequence[str],
    references: Sequence[str],
    *,
    metric: str = "chrf",
    word_order: int = 2,
    n: int = 1000,
    seed: int = 0,
) -> PairedResult:
    """System A minus system B on a corpus metric (``"chrf"``: chrF++ by default, or
    ``"bleu"``), as ``sacrebleu --paired-bs`` tests it: both systems are scored on the same
    resampled sentence sets. The interval and the two-sided p-value are those of
    :func:`~ringkas.metrics.bootstrap.paired_bootstrap`.

    >>> refs = ["Harga beras naik.", "Polisi menangkap dua tersangka.", "Hujan turun."]
    >>> good = ["Harga beras naik.", "Polisi menangkap dua tersangka.", "Hujan turun."]
    >>> poor = ["Harga naik.", "Polisi menangkap.", "Turun hujan deras."]
    >>> result = paired_bootstrap_corpus(good, poor, refs, n=200)
    >>> result.metric, round(result.mean_a, 1), result.difference > 0
    ('chrF2++', 100.0, True)
    """
    if metric not in CORPUS_METRICS:
        raise ConfigError(
            f"paired_bootstrap_corpus: unknown metric {metric!r}; choose one of {CORPUS_METRICS}."
        )
    check_pairs("paired_bootstrap_corpus", predictions_a, references)
    check_pairs("paired_bootstrap_corpus", predictions_b, references)
    n, seed = check_paired("paired_bootstrap_corpus", n, seed)
    corpus = _corpus_metric(metric, word_order)
    score_a = corpus.metric.corpus_score(list(predictions_a), [list(references)])
    score_b = corpus.metric.corpus_score(list(predictions_b), [list(references)])
    stats_a, stats_b = (
        corpus.stats(predictions_a, references),
        corpus.stats(predictions_b, references),
    )
    boot = _resampled_scores(corpus, stats_a, n, seed) - _resampled_scores(corpus, stats_b, n, seed)
    observed = float(score_a.score - score_b.score)
    return PairedResult(
        mean_a=float(score_a.score),
        mean_b=float(score_b.score),
        difference=observed,
        ci=percentile_ci(boot),
        p_value=paired_p_value(boot, observed),
        n=n,
        seed=seed,
        metric=score_a.name,
    )
