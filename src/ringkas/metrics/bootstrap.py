"""Bootstrap intervals and paired tests: examples resampled with replacement, seeded, in
bounded memory.

The paired test's p-value is two-sided with the +1 correction, ``p = (c + 1) / (n + 1)``, where
``c`` counts the resamples whose difference lies on the far side of zero from the observed one,
twice (once per side; capped at ``n``): so ``p < 0.05`` exactly when zero is outside the 95%
percentile interval, and ``p`` is never 0.

>>> paired_p_value([1.0, 2.0, 3.0, -1.0], observed=1.5)
0.6
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ringkas.errors import ConfigError, InputError
from ringkas.metrics.base import check_count, check_seed

__all__ = [
    "PairedResult",
    "bootstrap_ci",
    "paired_bootstrap",
    "paired_p_value",
    "percentile_ci",
    "resample_indices",
    "resample_means",
]

_CELLS = 4_000_000  # resampled values held at once


@dataclass(frozen=True)
class PairedResult:
    """System A minus system B on the same examples: difference, 95% CI and two-sided p-value.

    ``mean_a``/``mean_b`` are the two systems' scores (means of per-example scores, or corpus
    scores for :func:`~ringkas.metrics.bleu_chrf.paired_bootstrap_corpus`), ``metric`` what was
    compared.

    >>> result = paired_bootstrap([60.0, 70.0, 80.0], [50.0, 50.0, 50.0], n=200)
    >>> result.mean_a, result.mean_b, result.difference, round(result.p_value, 4)
    (70.0, 50.0, 20.0, 0.005)
    """

    mean_a: float
    mean_b: float
    difference: float
    ci: tuple[float, float]
    p_value: float
    n: int
    seed: int
    metric: str = "mean per-example score"

    def is_significant(self, alpha: float = 0.05) -> bool:
        """True when the difference is significant at level ``alpha`` (two-sided).

        >>> PairedResult(50.0, 40.0, 10.0, (8.0, 12.0), 0.001, 1000, 0).is_significant()
        True
        """
        return self.p_value < alpha


def resample_indices(size: int, n: int, seed: int) -> Callable[[], list[np.ndarray]]:
    """A function giving ``n`` resamples of ``range(size)`` as blocks of index rows (bounded
    memory); the same seed gives the same resamples.

    >>> blocks = resample_indices(3, 4, seed=0)()
    >>> sum(len(b) for b in blocks), blocks[0].shape[1]
    (4, 3)
    """
    block = max(1, _CELLS // max(size, 1))

    def draw() -> list[np.ndarray]:
        rng = np.random.default_rng(seed)
        return [
            rng.integers(0, size, size=(min(block, n - start), size))
            for start in range(0, n, block)
        ]

    return draw


def resample_means(data: np.ndarray, n: int, seed: int) -> np.ndarray:
    """Means of ``n`` resamples (with replacement) of ``data``.

    >>> resample_means(np.array([2.0, 2.0]), 3, seed=0).tolist()
    [2.0, 2.0, 2.0]
    """
    blocks = resample_indices(data.size, n, seed)()
    return np.concatenate([data[idx].mean(axis=1) for idx in blocks])


def percentile_ci(values: np.ndarray | Sequence[float]) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of ``values``.

    >>> percentile_ci(np.arange(101.0))
    (2.5, 97.5)
    """
    low, high = np.percentile(np.asarray(values, dtype=float), [2.5, 97.5])
    return float(low), float(high)


def paired_p_value(differences: np.ndarray | Sequence[float], observed: float) -> float:
    """Two-sided bootstrap p-value of an ``observed`` difference (see the module docstring);
    1.0 when the systems tie.

    >>> paired_p_value([0.5, 0.4, 0.6], observed=0.5)
    0.25
    """
    boot = np.asarray(differences, dtype=float)
    if observed == 0:
        return 1.0
    far_side = int(np.sum(boot <= 0)) if observed > 0 else int(np.sum(boot >= 0))
    c = min(2 * far_side, boot.size)
    return (c + 1) / (boot.size + 1)


def bootstrap_ci(values: Sequence[float], *, n: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% percentile bootstrap interval of the mean of ``values`` (examples resampled).

    >>> bootstrap_ci([1.0, 1.0, 1.0], n=100)
    (1.0, 1.0)
    """
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        raise ConfigError("bootstrap_ci: no values; pass at least one.")
    check_count("bootstrap_ci", "n", n)
    return percentile_ci(resample_means(data, max(n, 1), check_seed("bootstrap_ci", seed)))


def check_paired(func: str, n: object, seed: object) -> tuple[int, int]:
    """Checked ``n`` (at least 1) and ``seed`` for a paired test.

    >>> check_paired("paired_bootstrap", 0, 0)
    Traceback (most recent call last):
    ...
    ringkas.errors.ConfigError: paired_bootstrap: `n` must be at least 1, got 0.
    """
    count = check_count(func, "n", n)
    if count < 1:
        raise ConfigError(f"{func}: `n` must be at least 1, got {count}.")
    return count, check_seed(func, seed)


def paired_bootstrap(
    scores_a: Sequence[float],
    scores_b: Sequence[float],
    *,
    n: int = 1000,
    seed: int = 0,
) -> PairedResult:
    """Compare systems A and B on the same examples (e.g. ``MetricResult.per_example``).

    Resamples examples with replacement; the p-value is two-sided with the +1 correction (see
    the module docstring), 1.0 when the systems tie.

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
    n, seed = check_paired("paired_bootstrap", n, seed)
    try:
        a, b = np.asarray(scores_a, dtype=float), np.asarray(scores_b, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InputError(f"paired_bootstrap: scores must be numbers ({exc}).") from exc
    if not (np.isfinite(a).all() and np.isfinite(b).all()):
        raise InputError("paired_bootstrap: scores contain NaN or infinity; fix those examples.")
    diffs = a - b
    observed = float(diffs.mean())
    boot = resample_means(diffs, n, seed)
    return PairedResult(
        mean_a=float(a.mean()),
        mean_b=float(b.mean()),
        difference=observed,
        ci=percentile_ci(boot),
        p_value=paired_p_value(boot, observed),
        n=n,
        seed=seed,
    )
