"""Bootstrap intervals and the paired test (ringkas.metrics.bootstrap): two-sided p with +1."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from ringkas.errors import ConfigError, InputError
from ringkas.metrics import PairedResult, bootstrap_ci, paired_bootstrap
from ringkas.metrics.bootstrap import paired_p_value, resample_means


def test_p_value_hand_computed() -> None:
    # observed +1.5; resampled differences 1, 2, 3, -1: one on the far side of zero, counted
    # for both sides -> c = 2, p = (2 + 1) / (4 + 1)
    assert paired_p_value([1.0, 2.0, 3.0, -1.0], observed=1.5) == pytest.approx(3 / 5)
    # none on the far side: p = 1 / (n + 1), never 0
    assert paired_p_value([0.5, 0.4, 0.6], observed=0.5) == pytest.approx(1 / 4)
    # a zero difference counts against significance (sacrebleu: "the != is important")
    assert paired_p_value([0.0, 1.0, 1.0, 1.0], observed=1.0) == pytest.approx(3 / 5)
    # observed below zero: the far side is >= 0
    assert paired_p_value([-1.0, -2.0, 0.5], observed=-1.0) == pytest.approx(3 / 4)
    # more than half on the far side: capped at p = 1
    assert paired_p_value([-1.0, -1.0, 1.0], observed=0.1) == 1.0
    assert paired_p_value([1.0, -1.0], observed=0.0) == 1.0


def test_one_example_never_gives_p_zero() -> None:
    result = paired_bootstrap([60.0], [50.0], n=1000)
    assert result.difference == 10.0 and result.ci == (10.0, 10.0)
    assert result.p_value == pytest.approx(1 / 1001)


def test_significance_agrees_with_the_interval() -> None:
    """p < 0.05 exactly when 0 is outside the 95% interval (issue: 'significant' while the
    interval contained 0)."""
    rng = np.random.default_rng(11)
    disagreements = 0
    for case in range(150):
        n_examples = int(rng.integers(3, 40))
        b = rng.uniform(20, 60, size=n_examples)
        a = b + rng.normal(rng.uniform(-3, 3), rng.uniform(0.5, 8), size=n_examples)
        result = paired_bootstrap(list(a), list(b), n=1000, seed=case)
        zero_outside = result.ci[0] > 0 or result.ci[1] < 0
        if result.is_significant():
            assert zero_outside, (case, result)
        disagreements += zero_outside != result.is_significant()
    assert disagreements <= 3  # only where zero sits on the interval's very edge


def test_paired_bootstrap_finds_a_clear_difference() -> None:
    rng = np.random.default_rng(0)
    b = rng.uniform(20, 60, size=50)
    a = b + 5 + rng.normal(0, 2, size=50)
    result = paired_bootstrap(list(a), list(b), seed=1)
    assert result.difference == pytest.approx(float(np.mean(a - b)))
    assert result.ci[0] < result.difference < result.ci[1]
    assert result.ci[0] > 0
    assert result.p_value == pytest.approx(1 / 1001) and result.is_significant()
    flipped = paired_bootstrap(list(b), list(a), seed=1)
    assert flipped.difference < 0 and flipped.p_value == pytest.approx(1 / 1001)
    assert paired_bootstrap(list(a), list(b), seed=1) == result


def test_identical_or_noisy_systems_are_not_significant() -> None:
    scores = [60.0, 75.0, 40.0, 90.0]
    same = paired_bootstrap(scores, scores)
    assert same.difference == 0.0 and same.p_value == 1.0 and not same.is_significant()
    noisy = paired_bootstrap([50.0, 52.0, 48.0, 51.0], [51.0, 49.0, 50.0, 50.0])
    assert noisy.difference == pytest.approx(0.25) and noisy.p_value > 0.5


def test_bootstrap_ci_is_the_percentiles_of_resampled_means() -> None:
    values = [10.0, 20.0, 30.0, 40.0]
    means = resample_means(np.asarray(values), 500, seed=4)
    assert bootstrap_ci(values, n=500, seed=4) == tuple(np.percentile(means, [2.5, 97.5]))
    assert bootstrap_ci([7.0], n=50) == (7.0, 7.0)


def test_is_significant_uses_alpha() -> None:
    result = PairedResult(55.0, 50.0, 5.0, (1.0, 9.0), 0.03, 1000, 0)
    assert result.is_significant() and not result.is_significant(alpha=0.01)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: paired_bootstrap([1.0], [1.0, 2.0]),
            ConfigError,
            "1 scores for A but 2 for B; score both systems on the same examples",
        ),
        (lambda: paired_bootstrap([], []), ConfigError, "no scores; pass at least one example"),
        (
            lambda: paired_bootstrap([float("nan")], [1.0]),
            InputError,
            "scores contain NaN or infinity; fix those examples",
        ),
        (lambda: paired_bootstrap([1.0], [1.0], n=0), ConfigError, "`n` must be at least 1, got 0"),
        (
            lambda: paired_bootstrap("12", "12"),
            ConfigError,
            "`scores_a` must be a list of numbers \\(one per example\\), got str",
        ),
        (lambda: bootstrap_ci([]), ConfigError, "bootstrap_ci: no values; pass at least one"),
    ],
)
def test_bad_inputs_raise_named_errors(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()
