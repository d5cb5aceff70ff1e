"""Text handling with no model and nothing heavy to import, linear in the input's size.

- :mod:`~ringkas.text.clean`: boilerplate off a scraped article (:func:`clean_article`).
- :mod:`~ringkas.text.segment`: sentences with their spans, and the separators kept, so a
  document can be rebuilt around new sentences (:func:`rebuild`).
- :mod:`~ringkas.text.chunk`: pieces that fit a model's token budget, and batches packed by tokens.
- :mod:`~ringkas.text.degenerate`: signs of a broken output (loops, runaway length, untranslated).

(The function ``segment`` is not re-exported here: ``ringkas.text.segment`` stays the module.)

>>> from ringkas.text import split_sentences
>>> split_sentences("Harga beras naik. Warga resah.")
['Harga beras naik.', 'Warga resah.']
"""

from __future__ import annotations

from ringkas.text.chunk import pack_batches, split_to_budget
from ringkas.text.clean import CleanArticle, clean_article
from ringkas.text.segment import Segment, rebuild, split_sentences

__all__ = [
    "CleanArticle",
    "Segment",
    "clean_article",
    "pack_batches",
    "rebuild",
    "split_sentences",
    "split_to_budget",
]
