"""ringkas: Indonesian news made readable in English.

Two calls cover the common case; everything else is for measuring and scaling them.

>>> from ringkas import translate, summarize  # doctest: +SKIP
>>> translate("Menteri itu datang ke Jakarta.")  # doctest: +SKIP
'The minister came to Jakarta.'
>>> summarize(article)  # doctest: +SKIP
'...a short English summary...'

Importing ringkas is cheap: torch and transformers load with the first model.

No function here shares a module's name, so ``import ringkas.evaluation`` always gives the
module (``translation``, ``summarization`` and ``evaluation`` hold ``translate``,
``summarize`` and ``evaluate``).
"""

from __future__ import annotations

from ringkas import errors
from ringkas._version import __version__
from ringkas.data import load_dataset
from ringkas.evaluation import evaluate
from ringkas.faithful import check
from ringkas.jobs import JobSummary, run_job
from ringkas.summarization import Summarizer, summarize
from ringkas.text.clean import CleanArticle, clean_article
from ringkas.translation import Translator, translate

__all__ = [
    "CleanArticle",
    "JobSummary",
    "Summarizer",
    "Translator",
    "__version__",
    "check",
    "clean_article",
    "errors",
    "evaluate",
    "load_dataset",
    "run_job",
    "summarize",
    "translate",
]
