"""Checks at the door, shared by every task: what counts as a text, which options are valid, and
when to show progress.

They run before any model is loaded or any backend chosen, so a bad argument fails at once with a
named error (never a ``TypeError`` from deep inside, never after a backend warning).

>>> check_texts(["satu", "dua"], caller="translate")
(['satu', 'dua'], False)
>>> check_options(device="tpu")
Traceback (most recent call last):
...
ringkas.errors.ConfigError: device must be 'cpu', 'cuda', 'cuda:N', 'mps' or 'auto', got 'tpu'.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Set

from ringkas.engines.base import check_device
from ringkas.errors import ConfigError, InputError

__all__ = ["check_options", "check_texts", "show_progress_default"]


def _table_error(text: object, caller: str) -> InputError | None:
    """The error for a table-shaped or unordered input whose iteration is not its texts: a
    DataFrame iterates its column names, a dict its keys, a 2-D array its rows, a set in no
    particular order. Duck-typed: pandas and numpy are never imported here."""
    kind = type(text).__name__
    if hasattr(text, "columns") and hasattr(text, "iloc"):  # a pandas DataFrame
        columns = ", ".join(repr(c) for c in list(text.columns)[:5])
        return InputError(
            f"{caller}: got a {kind}, whose items are its column names ({columns}). Pass one "
            f'column, e.g. df["text"] (a Series of strings works), or df["text"].tolist().'
        )
    if isinstance(text, Mapping):
        return InputError(
            f"{caller}: got a {kind}, whose items are its keys. Pass the texts themselves, e.g. "
            f"list(d.values()), or one column of it."
        )
    if getattr(text, "ndim", 1) != 1:  # a numpy array (or tensor) of more than one dimension
        shape = getattr(text, "shape", "?")
        return InputError(
            f"{caller}: got a {getattr(text, 'ndim', '?')}-D {kind} of shape {tuple(shape)}, "
            f"whose items are its rows. Pass one column of strings, e.g. arr[:, 0]."
        )
    if isinstance(text, Set):
        return InputError(
            f"{caller}: got a {kind}, which has no order, so results could not be matched to "
            f"inputs. Pass a list, e.g. sorted(texts)."
        )
    return None


def check_texts(text: object, *, caller: str) -> tuple[list[str], bool]:
    """Validate user input: a string, or an iterable of strings (a list, a tuple, a pandas
    Series, a numpy array of strings ...). Returns (texts as plain ``str``, was_single).

    A DataFrame, a dict, a 2-D array or a set is an :class:`InputError` that says what to pass.

    >>> check_texts("satu", caller="translate")
    (['satu'], True)
    >>> check_texts({"a": "satu"}, caller="translate")
    Traceback (most recent call last):
    ...
    ringkas.errors.InputError: translate: got a dict, whose items are its keys. Pass the texts themselves, e.g. list(d.values()), or one column of it.
    """
    if text is None:
        raise InputError(f"{caller}: text is None. Pass a string, or a list of strings.")
    if isinstance(text, str):
        return [str(text)], True
    if isinstance(text, (bytes, bytearray)):
        raise InputError(
            f"{caller}: got bytes, not a string. Decode it first, e.g. data.decode('utf-8')."
        )
    if not isinstance(text, Iterable):
        raise InputError(
            f"{caller}: text must be a string or a list of strings, got {type(text).__name__}."
        )
    error = _table_error(text, caller)
    if error is not None:
        raise error
    labels = list(text.index) if hasattr(text, "index") and hasattr(text, "dtype") else None
    texts = list(text)
    for index, item in enumerate(texts):
        if not isinstance(item, str):
            where = f"item {index}"
            if labels is not None and len(labels) == len(texts) and labels[index] != index:
                where += f" (index {labels[index]!r})"
            raise InputError(
                f"{caller}: {where} is {type(item).__name__} ({item!r:.40}), not a string. "
                f"Every item must be a string; convert or drop it (missing values: use '', "
                f"e.g. series.fillna(''))."
            )
    return [str(t) for t in texts], False  # numpy's str_ -> str


def _positive_int(name: str, value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        digits = isinstance(value, str) and value.strip().isdigit()
        hint = f" (write {name}={str(value).strip()}, without quotes)" if digits else ""
        raise ConfigError(
            f"{name} must be a positive integer or None, got {type(value).__name__} "
            f"{value!r}{hint}."
        )
    if value < 1:
        raise ConfigError(f"{name} must be a positive integer or None, got {value}.")


def check_options(
    *,
    device: object = None,
    batch_size: object = None,
    num_beams: object = None,
    max_batch_tokens: object = None,
    max_new_tokens: object = None,
) -> None:
    """Raise :class:`ConfigError` for an option ringkas cannot use, before anything is loaded:
    ``device`` a device name (:func:`ringkas.engines.base.check_device`; whether it is there is
    the backend's question), the counts positive integers (or ``None``).

    >>> check_options(device="cuda:1", batch_size=8, num_beams=4)
    >>> check_options(batch_size="8")
    Traceback (most recent call last):
    ...
    ringkas.errors.ConfigError: batch_size must be a positive integer or None, got str '8' (write batch_size=8, without quotes).
    """
    check_device(device)  # type: ignore[arg-type]  # anything: checked there
    for name, value in (
        ("batch_size", batch_size),
        ("num_beams", num_beams),
        ("max_batch_tokens", max_batch_tokens),
        ("max_new_tokens", max_new_tokens),
    ):
        _positive_int(name, value)


def show_progress_default(show_progress: bool | None) -> bool:
    """``None`` means: show progress bars when standard error is a terminal.

    >>> show_progress_default(True), show_progress_default(False)
    (True, False)
    """
    return sys.stderr.isatty() if show_progress is None else bool(show_progress)
