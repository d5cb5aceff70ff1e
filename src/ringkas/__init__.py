"""ringkas: Indonesian news made readable in English.

Two calls cover the common case; everything else is for measuring and scaling them.

>>> from ringkas import translate, summarize  # doctest: +SKIP
>>> translate("Menteri itu datang ke Jakarta.")  # doctest: +SKIP
'The minister came to Jakarta.'
>>> summarize(article)  # doctest: +SKIP
'...a short English summary...'

Importing ringkas is cheap: torch and transformers load with the first model.
"""

from __future__ import annotations

from ringkas import errors
from ringkas.data import load_dataset
from ringkas.evaluate import evaluate
from ringkas.jobs import JobSummary, run_job
from ringkas.summarize import Summarizer, summarize
from ringkas.text.clean import CleanArticle, clean_article
from ringkas.translate import Translator, translate

__version__ = "0.1.0"

__all__ = [
    "CleanArticle",
    "JobSummary",
    "Summarizer",
    "Translator",
    "__version__",
    "clean_article",
    "errors",
    "evaluate",
    "load_dataset",
    "run_job",
    "summarize",
    "translate",
]
