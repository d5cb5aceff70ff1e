"""Checks at the door, shared by every task: what counts as a text, and when to show progress.

>>> check_texts(["satu", "dua"], caller="translate")
(['satu', 'dua'], False)
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from ringkas.errors import InputError

__all__ = ["check_texts", "show_progress_default"]


def check_texts(text: object, *, caller: str) -> tuple[list[str], bool]:
    """Validate user input: a string, or an iterable of strings. Returns (texts, was_single).

    >>> check_texts("satu", caller="translate")
    (['satu'], True)
    """
    if text is None:
        raise InputError(f"{caller}: text is None. Pass a string, or a list of strings.")
    if isinstance(text, str):
        return [text], True
    if isinstance(text, (bytes, bytearray)):
        raise InputError(
            f"{caller}: got bytes, not a string. Decode it first, e.g. data.decode('utf-8')."
        )
    if not isinstance(text, Iterable):
        raise InputError(
            f"{caller}: text must be a string or a list of strings, got {type(text).__name__}."
        )
    texts = list(text)
    for index, item in enumerate(texts):
        if not isinstance(item, str):
            raise InputError(
                f"{caller}: item {index} is {type(item).__name__} ({item!r:.40}), not a string. "
                f"Every item must be a string; convert or drop it (missing values: use '')."
            )
    return texts, False


def show_progress_default(show_progress: bool | None) -> bool:
    """``None`` means: show progress bars when standard error is a terminal.

    >>> show_progress_default(True), show_progress_default(False)
    (True, False)
    """
    return sys.stderr.isatty() if show_progress is None else bool(show_progress)
