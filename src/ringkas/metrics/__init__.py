"""Score system output against references: ROUGE for Indonesian, BLEU/chrF++ through sacrebleu,
bootstrap intervals and paired tests, each score with a :class:`Signature`.

One module per metric family, in sacrebleu's manner: :mod:`~ringkas.metrics.base` (``Score``,
``Signature``, ``MetricResult``, the checks), :mod:`~ringkas.metrics.rouge`,
:mod:`~ringkas.metrics.bleu_chrf` and :mod:`~ringkas.metrics.bootstrap`.

>>> result = rouge(["polisi menangkap dua tersangka"], ["polisi menangkap tiga tersangka"])
>>> round(result["rouge1"].score, 1), result["rouge1"].signature["stem"]
(75.0, 'none')

**Reporting numbers comparable to published ones** (docs/reporting.md says more): ROUGE here
never stems by default (``stem:none``), and every signature says how ROUGE-Lsum split sentences
(``lsum-split``). For Liputan6 (ROUGE-1.5.5, whose ROUGE-L is summary-level) compare with
``rougeLsum``, one sentence per line (the loader keeps the gold boundaries), and name the variant
(canonical or xtreme); for XL-Sum (its multilingual rouge-score fork, no stemming for
Indonesian) compare with ``rouge1``/``rouge2``/``rougeL``. Print the signature beside a number.
"""

from __future__ import annotations

from ringkas.metrics.base import MetricResult, Score, Signature
from ringkas.metrics.bleu_chrf import CORPUS_METRICS, bleu, chrf, paired_bootstrap_corpus
from ringkas.metrics.bootstrap import PairedResult, bootstrap_ci, paired_bootstrap
from ringkas.metrics.rouge import (
    LSUM_SPLIT,
    ROUGE_TYPES,
    rouge,
    rouge_example,
    signature,
    tokenize,
)

__all__ = [
    "CORPUS_METRICS",
    "LSUM_SPLIT",
    "ROUGE_TYPES",
    "MetricResult",
    "PairedResult",
    "Score",
    "Signature",
    "bleu",
    "bootstrap_ci",
    "chrf",
    "paired_bootstrap",
    "paired_bootstrap_corpus",
    "rouge",
    "rouge_example",
    "signature",
    "tokenize",
]
