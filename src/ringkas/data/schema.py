"""The one record shape every ringkas dataset loader returns, and helpers to build it.

Every loader yields rows with ``id`` (str), ``text`` (the source document, Indonesian),
``summary`` (str or None), ``translation`` (English, str or None) and ``lang`` (``"id"``); a
loader may add extra columns (the bundled set keeps its references). Split names are normalised
to ``train``/``dev``/``test`` (``validation``, ``valid`` and ``val`` become ``dev``); FLORES keeps
its own ``dev``/``devtest``.

``datasets`` is an optional dependency (the ``eval`` extra), so it is imported inside functions.

>>> Example(id="1", text="Harga beras naik.").as_dict()["summary"] is None
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ringkas.errors import ConfigError, DatasetNotAvailableError
from ringkas.models.hub import is_offline as hub_offline

if TYPE_CHECKING:
    from datasets import Dataset, DatasetDict, Features

__all__ = [
    "COLUMNS",
    "Example",
    "is_offline",
    "normalise_split",
    "require_datasets",
    "select_split",
    "to_dataset",
    "to_dataset_dict",
]

#: The columns every loader returns, in this order.
COLUMNS: tuple[str, ...] = ("id", "text", "summary", "translation", "lang")

_SPLIT_ALIASES = {"validation": "dev", "valid": "dev", "val": "dev"}


@dataclass(frozen=True)
class Example:
    """One row of the common schema.

    >>> Example("rn-1", "Harga beras naik.", summary="Beras naik.")
    Example(id='rn-1', text='Harga beras naik.', summary='Beras naik.', translation=None, lang='id')
    """

    id: str
    text: str
    summary: str | None = None
    translation: str | None = None
    lang: str = "id"

    def as_dict(self) -> dict[str, Any]:
        """The row as a plain dict, in :data:`COLUMNS` order.

        >>> Example("a", "Teks.", translation="Text.").as_dict()["translation"]
        'Text.'
        """
        return asdict(self)


def require_datasets() -> ModuleType:
    """The ``datasets`` module, or a :class:`DatasetNotAvailableError` saying how to install it.

    >>> require_datasets().__name__
    'datasets'
    """
    try:
        import datasets
    except ImportError as exc:  # pragma: no cover - installed in the test environment
        raise DatasetNotAvailableError(
            "Loading datasets needs the `datasets` package: pip install 'ringkas[eval]'."
        ) from exc
    return datasets


def is_offline() -> bool:
    """True when the user asked for no network: ``HF_HUB_OFFLINE``/``TRANSFORMERS_OFFLINE`` (as for
    models) or ``HF_DATASETS_OFFLINE``.

    >>> import os
    >>> is_offline() == (os.environ.get("HF_DATASETS_OFFLINE", "0") == "1" or hub_offline())
    True
    """
    flag = os.environ.get("HF_DATASETS_OFFLINE", "").strip().lower()
    return hub_offline() or flag in ("1", "true", "yes", "on")


def normalise_split(name: str) -> str:
    """The ringkas name of a split: ``validation``/``valid``/``val`` -> ``dev``, others as given.

    >>> normalise_split("validation"), normalise_split("test")
    ('dev', 'test')
    """
    return _SPLIT_ALIASES.get(name.lower(), name.lower())


def features(extra: Mapping[str, Any] | None = None) -> Features:
    """The ``datasets.Features`` of the common schema plus ``extra`` columns.

    >>> list(features())
    ['id', 'text', 'summary', 'translation', 'lang']
    """
    datasets = require_datasets()
    string = datasets.Value("string")
    base = {name: string for name in COLUMNS}
    return datasets.Features({**base, **(extra or {})})


def to_dataset(
    rows: Iterable[Mapping[str, Any]], *, extra: Mapping[str, Any] | None = None
) -> Dataset:
    """A ``datasets.Dataset`` with the common schema (plus ``extra``) from dict rows.

    Missing optional columns are filled with None; an empty ``rows`` gives an empty dataset that
    still has every column.

    >>> ds = to_dataset([{"id": "1", "text": "Halo.", "lang": "id"}])
    >>> ds[0]["summary"] is None, ds.num_rows
    (True, 1)
    """
    datasets = require_datasets()
    feats = features(extra)
    columns: dict[str, list[Any]] = {name: [] for name in feats}
    for row in rows:
        for name, values in columns.items():
            values.append(row.get(name, "id" if name == "lang" else None))
    return datasets.Dataset.from_dict(columns, features=feats)


def to_dataset_dict(
    splits: Mapping[str, Iterable[Mapping[str, Any]]], *, extra: Mapping[str, Any] | None = None
) -> DatasetDict:
    """A ``datasets.DatasetDict`` from ``{split name: rows}``, split names normalised.

    >>> dd = to_dataset_dict({"validation": [{"id": "1", "text": "Halo."}]})
    >>> list(dd)
    ['dev']
    """
    datasets = require_datasets()
    return datasets.DatasetDict(
        {normalise_split(name): to_dataset(rows, extra=extra) for name, rows in splits.items()}
    )


def select_split(data: DatasetDict, split: str | None, *, name: str) -> Dataset | DatasetDict:
    """``data`` itself when ``split`` is None, else that split (``validation`` finds ``dev``).

    >>> dd = to_dataset_dict({"test": []})
    >>> select_split(dd, "test", name="demo").num_rows
    0
    >>> select_split(dd, "train", name="demo")
    Traceback (most recent call last):
    ...
    ringkas.errors.ConfigError: demo has no split 'train'; it has: test.
    """
    if split is None:
        return data
    key = normalise_split(split) if normalise_split(split) in data else split
    if key not in data:
        raise ConfigError(f"{name} has no split {split!r}; it has: {', '.join(data) or 'none'}.")
    return data[key]
