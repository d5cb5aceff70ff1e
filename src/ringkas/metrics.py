"""Score system output against references: ROUGE for Indonesian, BLEU/chrF++, bootstrap CIs.

ROUGE is implemented here rather than taken from ``rouge-score``, whose common setting stems with
the English Porter stemmer: on Indonesian it cuts English endings off unrelated words ("penting"
-> "pent", "bisnis" -> "bisni") yet leaves Indonesian affixes (me-, di-, -kan) alone, so it adds
noise without conflating real variants. Here text is lower-cased and split into runs of letters and
digits (``[^\\W_]+``, Unicode-aware), and nothing is stemmed unless ``stemmer="sastrawi"`` asks
for the Indonesian Sastrawi stemmer. ROUGE-1/2 count clipped n-gram overlap; ROUGE-L takes the
longest common subsequence (LCS) of the whole texts; ROUGE-Lsum (Lin, 2004; rouge-score's
``rougeLsum``) splits both texts into sentences (on newlines, else with
:func:`ringkas.text.segment.split_sentences`) and, for each reference sentence, unions its LCS
with every predicted sentence, so a summary whose sentences come in another order is not punished.

Corpus scores are the mean per-example F1 (x100) with a seeded 95% bootstrap interval, and every
result carries a signature in sacrebleu's spirit, so a number can always be reproduced.

>>> result = rouge(["polisi menangkap dua tersangka"], ["polisi menangkap tiga tersangka"])
>>> round(result["rouge1"].score, 1), result["rouge1"].per_example
(75.0, (75.0,))
>>> result["rouge1"].signature  # doctest: +ELLIPSIS
'rouge|tok:lower-punct|stem:none|bootstrap:1000|seed:0|version:...'
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ringkas.errors import ConfigError, InputError

__all__ = [
    "ROUGE_TYPES",
    "MetricResult",
    "PairedResult",
    "Score",
    "bleu",
    "bootstrap_ci",
    "chrf",
    "paired_bootstrap",
    "rouge",
    "rouge_example",
    "signature",
    "tokenize",
]

logger = logging.getLogger(__name__)

#: The ROUGE variants :func:`rouge` knows, in the order they are reported.
ROUGE_TYPES: tuple[str, ...] = ("rouge1", "rouge2", "rougeL", "rougeLsum")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STEMMERS = ("none", "sastrawi")

Stem = Callable[[str], str]


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one prediction against one reference, each in [0, 1].

    >>> rouge_example("harga beras naik", "harga beras turun", types="rouge1")["rouge1"].f1
    0.6666666666666666
    """

    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, hits: int, n_pred: int, n_ref: int) -> Score:
        """The score for ``hits`` matches out of ``n_pred`` predicted and ``n_ref`` reference units.

        >>> Score.from_counts(3, 4, 6)
        Score(precision=0.75, recall=0.5, f1=0.6)
        """
        precision = hits / n_pred if n_pred else 0.0
        recall = hits / n_ref if n_ref else 0.0
        total = precision + recall
        return cls(precision, recall, 2 * precision * recall / total if total else 0.0)


@dataclass(frozen=True)
class MetricResult:
    """A corpus score (0-100), its 95% bootstrap interval and how it was computed.

    ``per_example`` holds each example's F1 x100 (ROUGE only; empty for the corpus-level BLEU and
    chrF), so ``mean(per_example) == score``; feed it to :func:`paired_bootstrap` or a plot.
    ``ci`` is ``None`` when bootstrapping was switched off.

    >>> result = rouge(["harga beras naik"], ["harga beras turun"], types="rouge1",
    ...                bootstrap=0)["rouge1"]
    >>> print(result)  # doctest: +ELLIPSIS
    rouge1 = 66.67 rouge|tok:lower-punct|stem:none|bootstrap:0|seed:0|version:...
    >>> result.per_example, result.ci
    ((66.66666666666666,), None)
    """

    name: str
    score: float
    ci: tuple[float, float] | None
    signature: str
    per_example: tuple[float, ...] = ()
    details: tuple[Score, ...] = ()

    def __str__(self) -> str:
        ci = f" (95% CI {self.ci[0]:.2f}-{self.ci[1]:.2f})" if self.ci else ""
        return f"{self.name} = {self.score:.2f}{ci} {self.signature}"


@dataclass(frozen=True)
class PairedResult:
    """System A minus system B on the same examples: mean difference, 95% CI and p-value.

    ``p_value`` is the fraction of bootstrap resamples in which the difference has the opposite
    sign to the observed one (or is zero); 0.0 means no resample flipped, i.e. ``p < 1/n``.

    >>> result = paired_bootstrap([60.0, 70.0, 80.0], [50.0, 50.0, 50.0], n=200)
    >>> result.mean_a, result.mean_b, result.difference, result.p_value
    (70.0, 50.0, 20.0, 0.0)
    """

    mean_a: float
    mean_b: float
    difference: float
    ci: tuple[float, float]
    p_value: float
    n: int
    seed: int

    def is_significant(self, alpha: float = 0.05) -> bool:
        """True when the difference is significant at level ``alpha``.

        >>> PairedResult(50.0, 40.0, 10.0, (8.0, 12.0), 0.0, 1000, 0).is_significant()
        True
        """
        return self.p_value < alpha


# --- checks at the door ----------------------------------------------------------------------


def _check_pairs(func: str, predictions: Sequence[str], references: Sequence[str]) -> None:
    """Raise unless predictions and references are equal-length, non-empty lists of strings."""
    for name, items in (("predictions", predictions), ("references", references)):
        if isinstance(items, str) or not isinstance(items, Sequence):
            raise ConfigError(
                f"{func}: `{name}` must be a list of strings, got {type(items).__name__}; "
                f"wrap a single text as [text]."
            )
    if len(predictions) != len(references):
        raise ConfigError(
            f"{func}: {len(predictions)} predictions but {len(references)} references; "
            "pass exactly one reference per prediction."
        )
    if not predictions:
        raise ConfigError(f"{func}: no examples; pass at least one prediction and reference.")
    for name, items in (("prediction", predictions), ("reference", references)):
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise InputError(
                    f"{func}: {name} {i} is not a string (got {type(item).__name__}); "
                    "pass plain texts (decode or join them first)."
                )
    for i, ref in enumerate(references):
        if not _WORD.search(ref):
            raise InputError(
                f"{func}: reference {i} has no words ({ref!r}); fix or drop that example."
            )
    empty = sum(1 for p in predictions if not _WORD.search(p))
    if empty:
        logger.warning(
            "%s: %d of %d predictions have no words and score 0; check the system output.",
            func,
            empty,
            len(predictions),
        )


def _check_bootstrap(func: str, name: str, value: object) -> int:
    """Return ``value`` if it is a non-negative int (0 switches bootstrapping off), else raise."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(
            f"{func}: `{name}` must be a non-negative integer (0 turns it off), got {value!r}."
        )
    return value


def _check_seed(func: str, seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ConfigError(f"{func}: `seed` must be a non-negative integer, got {seed!r}.")
    return seed


def _check_types(types: str | Sequence[str]) -> tuple[str, ...]:
    wanted = (types,) if isinstance(types, str) else tuple(types)
    unknown = [t for t in wanted if t not in ROUGE_TYPES]
    if unknown or not wanted:
        raise ConfigError(
            f"rouge: unknown ROUGE type(s) {unknown or list(wanted)}; choose from {list(ROUGE_TYPES)}."
        )
    return wanted


# --- tokenising and stemming -----------------------------------------------------------------


def _stemmer_name(stemmer: str | None) -> str:
    name = "none" if stemmer is None else stemmer
    if name not in _STEMMERS:
        raise ConfigError(
            f"rouge: unknown stemmer {stemmer!r}; use None (no stemming) or 'sastrawi' "
            "(Indonesian). English stemmers are not offered: they mangle Indonesian."
        )
    return name


def _make_stem(stemmer: str | None) -> Stem | None:
    """A word -> stem function (memoised per call) for ``stemmer``, or None for no stemming."""
    if _stemmer_name(stemmer) == "none":
        return None
    try:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    except ImportError as exc:
        raise ConfigError(
            "rouge: stemmer='sastrawi' needs the Sastrawi stemmer: pip install PySastrawi"
        ) from exc
    sastrawi = StemmerFactory().create_stemmer()
    memo: dict[str, str] = {}

    def stem(word: str) -> str:
        if word not in memo:
            memo[word] = sastrawi.stem(word) or word
        return memo[word]

    return stem


def tokenize(text: str, stem: Stem | None = None) -> list[str]:
    """Lower-case ``text`` and split it into runs of letters/digits, stemming each if asked.

    >>> tokenize("Polisi menangkap 2 tersangka di Jl. Sudirman, Jakarta-Pusat.")
    ['polisi', 'menangkap', '2', 'tersangka', 'di', 'jl', 'sudirman', 'jakarta', 'pusat']
    """
    words = _WORD.findall(text.lower())
    return [stem(w) for w in words] if stem else words


def _sentences(text: str) -> list[str]:
    """Sentences for ROUGE-Lsum: the non-blank lines, or split_sentences when there is one line."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > 1:
        return lines
    from ringkas.text.segment import split_sentences

    return split_sentences(text)


# --- ROUGE for one pair ----------------------------------------------------------------------


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _rouge_n(pred: Sequence[str], ref: Sequence[str], n: int) -> Score:
    pred_grams, ref_grams = _ngrams(pred, n), _ngrams(ref, n)
    hits = sum((pred_grams & ref_grams).values())  # clipped counts
    return Score.from_counts(hits, sum(pred_grams.values()), sum(ref_grams.values()))


def _lcs_table(ref: Sequence[str], pred: Sequence[str]) -> list[list[int]]:
    table = [[0] * (len(pred) + 1) for _ in range(len(ref) + 1)]
    for i, r in enumerate(ref, 1):
        row, above = table[i], table[i - 1]
        for j, p in enumerate(pred, 1):
            row[j] = above[j - 1] + 1 if r == p else max(above[j], row[j - 1])
    return table


def _lcs_indices(ref: Sequence[str], pred: Sequence[str]) -> list[int]:
    """Positions in ``ref`` of one LCS with ``pred`` (rouge-score's tie-breaking)."""
    table = _lcs_table(ref, pred)
    i, j, out = len(ref), len(pred), []
    while i > 0 and j > 0:
        if ref[i - 1] == pred[j - 1]:
            out.append(i - 1)
            i, j = i - 1, j - 1
        elif table[i][j - 1] > table[i - 1][j]:
            j -= 1
        else:
            i -= 1
    return out[::-1]


def _rouge_l(pred: Sequence[str], ref: Sequence[str]) -> Score:
    hits = _lcs_table(ref, pred)[-1][-1] if pred and ref else 0
    return Score.from_counts(hits, len(pred), len(ref))


def _rouge_lsum(pred_sents: Sequence[Sequence[str]], ref_sents: Sequence[Sequence[str]]) -> Score:
    """Summary-level LCS: per reference sentence, the union of its LCS with each predicted one."""
    n_pred, n_ref = sum(map(len, pred_sents)), sum(map(len, ref_sents))
    if not n_pred or not n_ref:
        return Score(0.0, 0.0, 0.0)
    pred_left = Counter(t for s in pred_sents for t in s)
    ref_left = Counter(t for s in ref_sents for t in s)
    hits = 0
    for ref in ref_sents:
        union = sorted({i for pred in pred_sents for i in _lcs_indices(ref, pred)})
        for token in (ref[i] for i in union):
            if pred_left[token] > 0 and ref_left[token] > 0:  # each token counts once
                hits += 1
                pred_left[token] -= 1
                ref_left[token] -= 1
    return Score.from_counts(hits, n_pred, n_ref)


def _score_pair(
    prediction: str, reference: str, types: Sequence[str], stem: Stem | None
) -> dict[str, Score]:
    pred, ref = tokenize(prediction, stem), tokenize(reference, stem)
    out: dict[str, Score] = {}
    for t in types:
        if t == "rouge1":
            out[t] = _rouge_n(pred, ref, 1)
        elif t == "rouge2":
            out[t] = _rouge_n(pred, ref, 2)
        elif t == "rougeL":
            out[t] = _rouge_l(pred, ref)
        else:
            pred_sents = [tokenize(s, stem) for s in _sentences(prediction)]
            ref_sents = [tokenize(s, stem) for s in _sentences(reference)]
            out[t] = _rouge_lsum([s for s in pred_sents if s], [s for s in ref_sents if s])
    return out


def rouge_example(
    prediction: str,
    reference: str,
    *,
    types: str | Sequence[str] = ROUGE_TYPES,
    stemmer: str | None = None,
) -> dict[str, Score]:
    """ROUGE precision/recall/F1 (0-1) of one prediction against one reference, per type.

    >>> rouge_example("polisi menangkap dua tersangka", "polisi menangkap tiga tersangka",
    ...               types="rouge2")
    {'rouge2': Score(precision=0.3333333333333333, recall=0.3333333333333333, f1=0.3333333333333333)}
    """
    _check_pairs("rouge_example", [prediction], [reference])
    return _score_pair(prediction, reference, _check_types(types), _make_stem(stemmer))


# --- corpus scores ---------------------------------------------------------------------------


def bootstrap_ci(values: Sequence[float], *, n: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% percentile bootstrap interval of the mean of ``values`` (examples resampled).

    >>> bootstrap_ci([1.0, 1.0, 1.0], n=100)
    (1.0, 1.0)
    """
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        raise ConfigError("bootstrap_ci: no values; pass at least one.")
    _check_bootstrap("bootstrap_ci", "n", n)
    means = _resample_means(data, max(n, 1), _check_seed("bootstrap_ci", seed))
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def _resample_means(data: np.ndarray, n: int, seed: int) -> np.ndarray:
    """Means of ``n`` resamples (with replacement) of ``data``, drawn in bounded-memory blocks."""
    rng = np.random.default_rng(seed)
    block = max(1, 4_000_000 // data.size)
    means = [
        data[rng.integers(0, data.size, size=(min(block, n - start), data.size))].mean(axis=1)
        for start in range(0, n, block)
    ]
    return np.concatenate(means)


def _version() -> str:
    from ringkas._version import __version__

    return __version__


def signature(*, stemmer: str | None = None, bootstrap: int = 1000, seed: int = 0) -> str:
    """The reproducibility signature of a :func:`rouge` call with these settings.

    >>> signature()  # doctest: +ELLIPSIS
    'rouge|tok:lower-punct|stem:none|bootstrap:1000|seed:0|version:...'
    """
    stem = _stemmer_name(stemmer)
    if stem == "sastrawi":
        from importlib.metadata import PackageNotFoundError, version

        with contextlib.suppress(PackageNotFoundError):
            stem = f"sastrawi-{version('PySastrawi')}"
    return (
        f"rouge|tok:lower-punct|stem:{stem}|bootstrap:{bootstrap}|seed:{seed}|version:{_version()}"
    )


def rouge(
    predictions: Sequence[str],
    references: Sequence[str],
    *,
    types: str | Sequence[str] = ROUGE_TYPES,
    stemmer: str | None = None,
    bootstrap: int = 1000,
    seed: int = 0,
) -> dict[str, MetricResult]:
    """Corpus ROUGE: mean per-example F1 x100 per type, with a seeded 95% bootstrap interval.

    ``stemmer`` is None (no stemming, the default) or ``"sastrawi"`` (Indonesian; needs
    ``pip install PySastrawi``). ``bootstrap=0`` skips the interval.

    >>> r = rouge(["polisi menangkap dua tersangka"], ["polisi menangkap tiga tersangka"],
    ...           types=["rouge1", "rougeL"], bootstrap=0)
    >>> {name: round(res.score, 2) for name, res in r.items()}
    {'rouge1': 75.0, 'rougeL': 75.0}
    """
    _check_pairs("rouge", predictions, references)
    wanted = _check_types(types)
    bootstrap = _check_bootstrap("rouge", "bootstrap", bootstrap)
    seed = _check_seed("rouge", seed)
    stem = _make_stem(stemmer)
    sig = signature(stemmer=stemmer, bootstrap=bootstrap, seed=seed)

    per_pair = [
        _score_pair(p, r, wanted, stem) for p, r in zip(predictions, references, strict=True)
    ]
    results: dict[str, MetricResult] = {}
    for t in wanted:
        details = tuple(scores[t] for scores in per_pair)
        f1 = tuple(100 * s.f1 for s in details)
        results[t] = MetricResult(
            name=t,
            score=float(np.mean(f1)),
            ci=bootstrap_ci(f1, n=bootstrap, seed=seed) if bootstrap else None,
            signature=sig,
            per_example=f1,
            details=details,
        )
    return results


def _sacrebleu_score(
    func: str,
    metric: Any,
    predictions: Sequence[str],
    references: Sequence[str],
    n_bootstrap: int,
    seed: int,
) -> MetricResult:
    """Score with a sacrebleu metric, bootstrapping its per-sentence statistics if asked."""
    hyps, refs = list(predictions), [list(references)]
    result = metric.corpus_score(hyps, refs)
    ci: tuple[float, float] | None = None
    if n_bootstrap:
        rng = np.random.default_rng(seed)
        idx = rng.integers(0, len(hyps), size=(n_bootstrap, len(hyps)))
        try:  # fast path: re-aggregate sentence statistics, as sacrebleu's own bootstrap does
            stats = np.asarray(metric._extract_corpus_statistics(hyps, refs), dtype=float)
            scores = [metric._compute_score_from_stats(stats[i].sum(axis=0)).score for i in idx]
        except (AttributeError, TypeError):  # private API changed: re-score each resample
            logger.debug("%s: sacrebleu internals changed; bootstrapping by re-scoring", func)
            scores = [
                metric.corpus_score([hyps[k] for k in i], [[refs[0][k] for k in i]]).score
                for i in idx
            ]
        low, high = np.percentile(scores, [2.5, 97.5])
        ci = (float(low), float(high))
        metric.n_bootstrap, metric.seed = n_bootstrap, seed  # shown in sacrebleu's signature
    return MetricResult(
        name=result.name,
        score=float(result.score),
        ci=ci,
        signature=str(metric.get_signature()),
    )


def _sacrebleu_metrics() -> Any:
    try:
        import sacrebleu.metrics
    except ImportError as exc:
        raise ConfigError(
            "BLEU and chrF need sacrebleu: pip install 'ringkas[eval]' (or pip install sacrebleu)."
        ) from exc
    return sacrebleu.metrics


def bleu(
    predictions: Sequence[str],
    references: Sequence[str],
    *,
    n_bootstrap: int = 200,
    seed: int = 0,
) -> MetricResult:
    """Corpus BLEU from sacrebleu (default settings, one reference each) with a 95% interval.

    The interval is a percentile bootstrap over sentences, drawn with ``default_rng(seed)`` (not
    sacrebleu's ``SACREBLEU_SEED``); sacrebleu's signature then shows ``bs:<n>|seed:<seed>``.

    >>> result = bleu(["Polisi menangkap dua tersangka ."], ["Polisi menangkap dua tersangka ."])
    >>> round(result.score, 1), "nrefs:1" in result.signature
    (100.0, True)
    """
    _check_pairs("bleu", predictions, references)
    n_bootstrap = _check_bootstrap("bleu", "n_bootstrap", n_bootstrap)
    metric = _sacrebleu_metrics().BLEU()
    return _sacrebleu_score(
        "bleu", metric, predictions, references, n_bootstrap, _check_seed("bleu", seed)
    )


def chrf(
    predictions: Sequence[str],
    references: Sequence[str],
    *,
    word_order: int = 2,
    n_bootstrap: int = 200,
    seed: int = 0,
) -> MetricResult:
    """Corpus chrF++ (``word_order=2``; 0 gives plain chrF) from sacrebleu, with a 95% interval.

    >>> result = chrf(["Polisi menangkap dua tersangka."], ["Polisi menangkap dua tersangka."])
    >>> result.name, round(result.score, 1)
    ('chrF2++', 100.0)
    """
    _check_pairs("chrf", predictions, references)
    n_bootstrap = _check_bootstrap("chrf", "n_bootstrap", n_bootstrap)
    if isinstance(word_order, bool) or word_order not in (0, 1, 2):
        raise ConfigError(f"chrf: `word_order` must be 0, 1 or 2 (2 = chrF++), got {word_order!r}.")
    metric = _sacrebleu_metrics().CHRF(word_order=word_order)
    return _sacrebleu_score(
        "chrf", metric, predictions, references, n_bootstrap, _check_seed("chrf", seed)
    )


def paired_bootstrap(
    scores_a: Sequence[float],
    scores_b: Sequence[float],
    *,
    n: int = 1000,
    seed: int = 0,
) -> PairedResult:
    """Compare systems A and B on the same examples (e.g. ``MetricResult.per_example``).

    Resamples examples with replacement; the p-value is the fraction of resamples whose mean
    difference does not have the observed sign (1.0 when the systems tie).

    >>> result = paired_bootstrap([60.0, 70.0, 80.0, 75.0], [40.0, 50.0, 55.0, 52.0])
    >>> result.difference, result.is_significant()
    (22.0, True)
    """
    for name, values in (("scores_a", scores_a), ("scores_b", scores_b)):
        if isinstance(values, str) or not isinstance(values, Sequence | np.ndarray):
            raise ConfigError(
                f"paired_bootstrap: `{name}` must be a list of numbers (one per example), "
                f"got {type(values).__name__}."
            )
    if len(scores_a) != len(scores_b):
        raise ConfigError(
            f"paired_bootstrap: {len(scores_a)} scores for A but {len(scores_b)} for B; "
            "score both systems on the same examples."
        )
    if len(scores_a) == 0:
        raise ConfigError("paired_bootstrap: no scores; pass at least one example per system.")
    n = _check_bootstrap("paired_bootstrap", "n", n)
    if n < 1:
        raise ConfigError(f"paired_bootstrap: `n` must be at least 1, got {n}.")
    seed = _check_seed("paired_bootstrap", seed)
    try:
        a, b = np.asarray(scores_a, dtype=float), np.asarray(scores_b, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InputError(f"paired_bootstrap: scores must be numbers ({exc}).") from exc
    if not (np.isfinite(a).all() and np.isfinite(b).all()):
        raise InputError("paired_bootstrap: scores contain NaN or infinity; fix those examples.")

    diffs = a - b
    observed = float(diffs.mean())
    boot = _resample_means(diffs, n, seed)
    low, high = np.percentile(boot, [2.5, 97.5])
    if observed > 0:
        p_value = float(np.mean(boot <= 0))
    elif observed < 0:
        p_value = float(np.mean(boot >= 0))
    else:
        p_value = 1.0
    return PairedResult(
        mean_a=float(a.mean()),
        mean_b=float(b.mean()),
        difference=observed,
        ci=(float(low), float(high)),
        p_value=p_value,
        n=n,
        seed=seed,
    )
