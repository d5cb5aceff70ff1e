"""Faithfulness: check that a translation (or summary) states the facts of its source, no
more and no fewer; glossaries; spans protected through a model.

Text only: no torch, no model, linear in the input.

>>> from ringkas.faithful import check
>>> check("Harga naik 30 persen.", "The price rose 30 percent.").ok
True
"""

from __future__ import annotations

from ringkas.faithful.checker import CHECKED_LANGUAGES, MODES, check
from ringkas.faithful.glossary import Glossary, GlossaryLike, load_glossary
from ringkas.faithful.protect import Protected, kept_spans, protect, restore
from ringkas.faithful.report import KINDS, Issue, Report, Span

__all__ = [
    "CHECKED_LANGUAGES",
    "KINDS",
    "MODES",
    "Glossary",
    "GlossaryLike",
    "Issue",
    "Protected",
    "Report",
    "Span",
    "check",
    "kept_spans",
    "load_glossary",
    "protect",
    "restore",
]
