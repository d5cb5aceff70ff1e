"""What ringkas knows about models, without loading any: cards, languages, the hub, GGUF files.

- :mod:`~ringkas.models.cards`: :class:`ModelCard` (family, task, languages, budget, generation
  defaults, prompt), the shipped cards in ``ringkas/cards/*.toml`` and :func:`resolve`, which
  turns a name, a directory or a ``.gguf`` file into a card.
- :mod:`~ringkas.models.languages`: language codes and each family's way of writing them.
- :mod:`~ringkas.models.hub`: the one place that touches the Hugging Face hub.
- :mod:`~ringkas.models.gguf` and :mod:`~ringkas.models.embedded`: GGUF files and the bundled
  Gemma 3 270M.

>>> from ringkas.models import resolve
>>> card = resolve(None, task="translation")
>>> card.id, card.task in MODEL_TASKS
('Helsinki-NLP/opus-mt-id-en', True)
"""

from __future__ import annotations

from ringkas.models.cards import ModelCard, PublishedScore, known_cards, resolve
from ringkas.models.languages import LanguagePlan, normalize
from ringkas.tasks import MODEL_TASKS

__all__ = [
    "MODEL_TASKS",
    "LanguagePlan",
    "ModelCard",
    "PublishedScore",
    "known_cards",
    "normalize",
    "resolve",
]
