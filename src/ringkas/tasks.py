"""The two task vocabularies, written once here, and how one maps onto the other.

ringkas speaks of tasks in two ways, on purpose:

- :data:`TASKS` (``"summarize"``, ``"translate"``): what a caller asks ringkas to *do*. They are
  the verbs of the command line (``ringkas summarize``, ``ringkas eval --task translate``,
  ``ringkas run --task summarize``) and of ``evaluate(task=...)`` and ``run_job(task=...)``.
- :data:`MODEL_TASKS` (``"translation"``, ``"summarization"``, ``"crosslingual"``): what a model
  *is for*, as its card says (``task = "..."`` in a card or a ``ringkas.toml``), the nouns of the
  Hugging Face pipeline tasks; the engines' ``GenerationOptions.task`` uses them too.
  ``"crosslingual"`` is a summariser that writes English straight from Indonesian.

:data:`MODEL_TASKS_FOR` maps a request to the models that can serve it: ``translate`` needs a
``translation`` model; ``summarize`` a ``summarization`` model (followed by a translation model
when the summary must be in another language) or a ``crosslingual`` one.

>>> MODEL_TASKS_FOR["summarize"]
('summarization', 'crosslingual')
>>> model_task("translate")
'translation'
"""

from __future__ import annotations

from ringkas.errors import ConfigError

__all__ = ["MODEL_TASKS", "MODEL_TASKS_FOR", "TASKS", "check_task", "model_task"]

#: What a caller asks ringkas to do.
TASKS: tuple[str, ...] = ("summarize", "translate")
#: What a model card says a model is for.
MODEL_TASKS: tuple[str, ...] = ("translation", "summarization", "crosslingual")
#: The model tasks that can serve each request, the usual one first.
MODEL_TASKS_FOR: dict[str, tuple[str, ...]] = {
    "summarize": ("summarization", "crosslingual"),
    "translate": ("translation",),
}


def check_task(task: object) -> str:
    """``task`` if it is one of :data:`TASKS`, else a :class:`~ringkas.errors.ConfigError`.

    >>> check_task("summarise")
    Traceback (most recent call last):
    ...
    ringkas.errors.ConfigError: task must be one of ('summarize', 'translate'), got 'summarise'.
    """
    if task not in TASKS:
        raise ConfigError(f"task must be one of {TASKS}, got {task!r}.")
    return str(task)


def model_task(task: str) -> str:
    """The model task a request is usually served by (see :data:`MODEL_TASKS_FOR`).

    >>> model_task("summarize")
    'summarization'
    """
    return MODEL_TASKS_FOR[check_task(task)][0]
