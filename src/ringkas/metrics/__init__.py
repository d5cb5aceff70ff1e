"""Score system output against references: ROUGE for Indonesian, BLEU/chrF++ through sacrebleu,
bootstrap intervals and paired tests, each score with a :class:`Signature`.

One module per metric family, in sacrebleu's manner: :mod:`~ringkas.metrics.base` (``Score``,
``Signature``, ``MetricResult``, the checks), :mod:`~ringkas.metrics.rouge`,
:mod:`~ringkas.metrics.bleu_chrf` and :mod:`~ringkas.metrics.bootstrap`.

>>> result = rouge(["polisi menangkap dua tersangka"], ["polisi menangkap tiga tersangka"])
>>> round(result["rouge1"].score, 1), result["rouge1"].signature["stem"]
(75.0, 'none')

**Reporting numbers comparable to published ones.** ROUGE here tokenizes as rouge-score does for
non-English text once its English-only tokenizer is set aside (lower-case, runs of letters and
digits) and never stems by default.

- *Liputan6* (Koto et al., 2020) reports ROUGE-1/2/L F1 computed with the ROUGE-1.5.5 toolkit
  defaults, on the canonical and the "xtreme" test splits (report which: xtreme's articles are
  those whose summaries are the least extractive, and its scores are several points lower). Their
  ROUGE-L is the summary-level one: compare with ``rougeLsum``, with gold and predicted sentences
  on separate lines (``ringkas.data`` keeps the gold sentence boundaries as newlines). ROUGE-1.5.5
  also stems with the English Porter stemmer by default, which ringkas will not do (it mangles
  Indonesian): say so beside the numbers, and expect ROUGE-1.5.5's to differ slightly.
- *XL-Sum* (Hasan et al., 2021) scores with its multilingual rouge-score fork, with no stemming for
  Indonesian and its own tokenization: ringkas's ``stemmer=None`` ROUGE-1/2/L matches that
  setting; report ``rougeL`` (whole-text LCS) against their "ROUGE-L".

Always print the signature beside a number; it says the tokenizer, the stemmer, how ROUGE-Lsum
split sentences (``lsum-split``), the bootstrap and the version.
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
