"""Datasets for measuring ringkas: the bundled ``ringkas-news`` set, public benchmarks, your files.

:func:`load_dataset` returns every dataset in one schema: ``id``, ``text`` (the Indonesian
source), ``summary`` and/or ``translation`` (references, None when a dataset has none) and
``lang``. :func:`build_dataset` turns a pile of scraped articles into a clean, deduplicated,
split dataset. Each format lives in its own module (``bundled``, ``liputan6``, ``xlsum``,
``flores``, ``indosum``, ``tatoeba``, ``nusax``, ``local``); ``datasets`` (the ``eval`` extra) is
imported only when a dataset is loaded.

=============== ============================ =========================================
name            splits                       where the data comes from
=============== ============================ =========================================
ringkas-news    test, dev                    inside the package
liputan6        train, dev, test             ``data_dir`` (request form), ``variant=``
xlsum           train, dev, test             the hub, or ``data_dir`` with the JSONL files
flores          dev, devtest                 ``data_dir`` (flores200_dataset), or the hub
indosum         train, dev, test             ``data_dir`` (release JSONL), ``fold=``
tatoeba         test                         ``path=`` or ``data_dir`` (Tatoeba Challenge)
nusax           train, dev, test             ``data_dir`` (NusaX-MT CSV files)
a file path     test                         .jsonl, .csv or .parquet; ``text_field=`` ...
=============== ============================ =========================================

>>> news = load_dataset("ringkas-news", split="test")
>>> news.num_rows, news[0]["lang"]
(32, 'id')
>>> load_dataset("cnn")
Traceback (most recent call last):
...
ringkas.errors.ConfigError: Unknown dataset 'cnn'. Known: ringkas-news, liputan6, xlsum, flores, indosum, tatoeba, nusax; or a path to a .jsonl, .csv or .parquet file.
"""

from __future__ import annotations

import importlib
import inspect
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ringkas.data.build import BuildStats, build_dataset, format_stats
from ringkas.data.schema import COLUMNS, normalise_split, select_split
from ringkas.errors import ConfigError

if TYPE_CHECKING:
    from datasets import Dataset, DatasetDict

__all__ = [
    "COLUMNS",
    "DATASETS",
    "BuildStats",
    "build_dataset",
    "format_stats",
    "load_dataset",
]

#: name -> (module, loader function, the splits it can have).
DATASETS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "ringkas-news": ("bundled", "load_ringkas_news", ("test", "dev")),
    "liputan6": ("liputan6", "load_liputan6", ("train", "dev", "test")),
    "xlsum": ("xlsum", "load_xlsum", ("train", "dev", "test")),
    "flores": ("flores", "load_flores", ("dev", "devtest")),
    "indosum": ("indosum", "load_indosum", ("train", "dev", "test")),
    "tatoeba": ("tatoeba", "load_tatoeba", ("test",)),
    "nusax": ("nusax", "load_nusax", ("train", "dev", "test")),
}
_FILE_SUFFIXES = (".jsonl", ".csv", ".parquet")


def _loader(module: str, function: str) -> Callable[..., DatasetDict]:
    loader: Callable[..., DatasetDict] = getattr(
        importlib.import_module(f"ringkas.data.{module}"), function
    )
    return loader


def _options(
    loader: Callable[..., Any], name: str, kwargs: dict[str, Any], *, internal: tuple[str, ...]
) -> set[str]:
    """The loader's parameter names, after checking that ``kwargs`` are all options of it."""
    params = inspect.signature(loader).parameters
    allowed = {p for p in params if p not in internal}
    unknown = sorted(set(kwargs) - allowed)
    if unknown:
        raise ConfigError(
            f"{name} does not take {', '.join(unknown)}; its options are: "
            f"{', '.join(sorted(allowed)) or 'none'}."
        )
    return set(params)


def _is_file_name(name: str) -> bool:
    return name.lower().endswith(_FILE_SUFFIXES) or Path(name).is_file()


def load_dataset(
    name: str | os.PathLike[str],
    *,
    split: str | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    **kwargs: Any,
) -> DatasetDict | Dataset:
    """The dataset ``name`` (see the table above) as a ``DatasetDict``, or one ``Dataset`` when
    ``split`` is given (``validation`` finds ``dev``).

    ``kwargs`` are the dataset's own options: ``variant`` (liputan6), ``fold`` (indosum),
    ``clean`` (liputan6, xlsum, indosum, files), ``path`` (tatoeba), and for a file
    ``text_field``, ``summary_field``, ``translation_field``, ``id_field``, ``lang``.
    Raises :class:`~ringkas.errors.ConfigError` for an unknown name, split or option,
    :class:`~ringkas.errors.DatasetNotAvailableError` when the data is not on disk and cannot
    be downloaded (the message says how to get it), and :class:`~ringkas.errors.InputError`
    for a file that cannot be read.

    >>> dev = load_dataset("ringkas-news", split="validation")
    >>> dev.num_rows, dev[0]["id"], dev.column_names[:5]
    (8, 'rn-a-01', ['id', 'text', 'summary', 'translation', 'lang'])
    >>> list(load_dataset("ringkas-news"))
    ['test', 'dev']
    """
    key = os.fspath(name)
    if key in DATASETS:
        module, function, known = DATASETS[key]
        if split is not None and normalise_split(split) not in known:
            raise ConfigError(f"{key} has no split {split!r}; its splits are: {', '.join(known)}.")
        loader = _loader(module, function)
        params = _options(loader, key, kwargs, internal=("data_dir", "splits"))
        if "data_dir" in params:
            kwargs["data_dir"] = data_dir
        elif data_dir is not None:
            raise ConfigError(f"{key} is bundled with ringkas and takes no data_dir.")
        if split is not None and "splits" in params:
            kwargs["splits"] = [normalise_split(split)]
        data = loader(**kwargs)
    elif _is_file_name(key):
        if data_dir is not None:
            raise ConfigError(f"{key} is a file; data_dir is only for named datasets.")
        loader = _loader("local", "load_file")
        _options(loader, "a file", kwargs, internal=("path",))
        data = loader(key, **kwargs)
    else:
        raise ConfigError(
            f"Unknown dataset {key!r}. Known: {', '.join(DATASETS)}; or a path to a .jsonl, "
            ".csv or .parquet file."
        )
    return select_split(data, split, name=key)
