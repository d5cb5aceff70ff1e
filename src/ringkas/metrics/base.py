"""What every metric shares: a :class:`Score` per example, a :class:`Signature` saying how a
number was computed, the :class:`MetricResult` a corpus metric returns, and the checks at the door.

>>> sig = Signature("rouge", {"tok": "lower-punct", "stem": "none"})
>>> str(sig), sig["stem"]
('rouge|tok:lower-punct|stem:none', 'none')
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ringkas.errors import ConfigError, InputError

__all__ = [
    "MetricResult",
    "Score",
    "Signature",
    "check_count",
    "check_pairs",
    "check_seed",
    "count_empty",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one prediction against one reference, each in [0, 1].

    >>> Score(0.5, 1.0, 2 / 3).f1
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


class Signature:
    """How a score was computed, field by field, in sacrebleu's manner: ``str()`` gives the
    compact form ``name|key:value|...`` (a sacrebleu metric's fields are sacrebleu's own).

    >>> sig = Signature("BLEU", {"nrefs": 1, "tok": "13a", "version": "2.6.0"})
    >>> print(sig)
    BLEU|nrefs:1|tok:13a|version:2.6.0
    >>> sig.fields == {"nrefs": "1", "tok": "13a", "version": "2.6.0"}, "tok" in sig
    (True, True)
    """

    def __init__(self, name: str, fields: Mapping[str, object]) -> None:
        self.name = name
        self._fields = tuple(
            (key, ("yes" if value else "no") if isinstance(value, bool) else str(value))
            for key, value in fields.items()
        )

    @property
    def fields(self) -> dict[str, str]:
        """The fields, in order, as strings."""
        return dict(self._fields)

    def __getitem__(self, key: str) -> str:
        return self.fields[key]

    def __contains__(self, key: object) -> bool:
        return key in self.fields

    def __iter__(self) -> Iterator[str]:
        return iter(self.fields)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Signature):
            return NotImplemented
        return (self.name, self._fields) == (other.name, other._fields)

    def __hash__(self) -> int:
        return hash((self.name, self._fields))

    def __str__(self) -> str:
        return "|".join([self.name, *(f"{key}:{value}" for key, value in self._fields)])

    def __repr__(self) -> str:
        return f"Signature({str(self)!r})"


@dataclass(frozen=True)
class MetricResult:
    """A corpus score (0-100), its 95% bootstrap interval and how it was computed.

    ``per_example`` holds each example's F1 x100 (ROUGE only; empty for the corpus-level BLEU and
    chrF), so ``mean(per_example) == score``; feed it to
    :func:`~ringkas.metrics.bootstrap.paired_bootstrap` or a plot. ``ci`` is ``None`` when
    bootstrapping was switched off. ``empty_references`` counts the examples whose reference has
    no words: they are scored (0 for ROUGE, as rouge-score does), never dropped, and a warning
    says how many.

    >>> result = MetricResult("rouge1", 66.67, None, Signature("rouge", {"bootstrap": 0}))
    >>> print(result)
    rouge1 = 66.67 rouge|bootstrap:0
    """

    name: str
    score: float
    ci: tuple[float, float] | None
    signature: Signature
    per_example: tuple[float, ...] = ()
    details: tuple[Score, ...] = ()
    empty_references: int = 0

    def __str__(self) -> str:
        ci = f" (95% CI {self.ci[0]:.2f}-{self.ci[1]:.2f})" if self.ci else ""
        return f"{self.name} = {self.score:.2f}{ci} {self.signature}"


def check_pairs(func: str, predictions: Sequence[str], references: Sequence[str]) -> None:
    """Raise unless predictions and references are equal-length, non-empty lists of strings.

    >>> check_pairs("rouge", ["a"], ["a", "b"])
    Traceback (most recent call last):
    ...
    ringkas.errors.ConfigError: rouge: 1 predictions but 2 references; pass exactly one reference per prediction.
    """
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


def count_empty(
    func: str,
    predictions: Sequence[str],
    references: Sequence[str],
    has_words: Callable[[str], bool],
) -> int:
    """Warn about predictions and references without words; returns how many references.

    >>> count_empty("rouge", ["a", ""], ["...", "b"], lambda text: any(c.isalnum() for c in text))
    1
    """
    empty_refs = sum(1 for r in references if not has_words(r))
    if empty_refs:
        logger.warning(
            "%s: %d of %d references have no words; those examples score 0 (as rouge-score and "
            "sacrebleu do). Fix or drop them to score the rest alone.",
            func, empty_refs, len(references),
        )  # fmt: skip
    empty = sum(1 for p in predictions if not has_words(p))
    if empty:
        logger.warning(
            "%s: %d of %d predictions have no words and score 0; check the system output.",
            func, empty, len(predictions),
        )  # fmt: skip
    return empty_refs


def check_count(func: str, name: str, value: object) -> int:
    """``value`` if it is a non-negative int (0 switches bootstrapping off), else raise.

    >>> check_count("rouge", "bootstrap", -1)
    Traceback (most recent call last):
    ...
    ringkas.errors.ConfigError: rouge: `bootstrap` must be a non-negative integer (0 turns it off), got -1.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(
            f"{func}: `{name}` must be a non-negative integer (0 turns it off), got {value!r}."
        )
    return value


def check_seed(func: str, seed: object) -> int:
    """``seed`` if it is a non-negative int, else raise.

    >>> check_seed("rouge", 3)
    3
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ConfigError(f"{func}: `seed` must be a non-negative integer, got {seed!r}.")
    return seed
