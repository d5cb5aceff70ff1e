"""Load the Liputan6 summarisation corpus (Koto et al., 2020) from its official release on disk.

The corpus cannot be downloaded automatically: request it with the form linked from
https://github.com/fajri91/sum_liputan6 (or rebuild it with that repository's scripts), unpack
it, and pass the folder as ``data_dir``. The layout read is the release's::

    {data_dir}/canonical/train/{id}.json   dev/   test/
    {data_dir}/xtreme/dev/{id}.json        test/  (xtreme shares canonical's train set)

Each JSON file holds ``id``, ``url``, ``clean_article`` and ``clean_summary`` (lists of sentences,
each a list of tokens) and ``extractive_summary`` (indices of the article's sentences). Tokens
are joined with spaces into sentences, as the ``datasets`` loader for this corpus did, so
references stay tokenised as in the published ROUGE scores. The article's sentences are joined
with spaces into one text; the summary's with newlines, so that the gold sentence boundaries
survive for ROUGE-Lsum (:mod:`ringkas.metrics.rouge` splits a multi-line text at its lines). The text then goes through :func:`~ringkas.text.clean.clean_article`; the tokenised
dateline (``Liputan6 . com , Jakarta :``) is removed first, since the cleaner expects it written
normally. ``clean=False`` keeps the joined text untouched.

>>> load_liputan6("/data/liputan6", variant="xtreme")  # doctest: +SKIP
DatasetDict({dev: Dataset(...), test: Dataset(...)})
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ringkas.data.schema import to_dataset_dict
from ringkas.errors import ConfigError, DatasetNotAvailableError, InputError
from ringkas.text.clean import clean_article

if TYPE_CHECKING:
    from datasets import DatasetDict

__all__ = ["VARIANTS", "join_tokens", "load_liputan6", "strip_tokenized_dateline"]

logger = logging.getLogger(__name__)

VARIANTS = ("canonical", "xtreme")
_SPLITS = ("train", "dev", "test")
_TOKENIZED_DATELINE = re.compile(
    r"^Liputan6\s*\.\s*com\s*,\s*(?:[A-Z][\w'.]*\s+){0,3}[A-Z][\w'.]*\s*(?::|-+|–|—)\s*"
)

HOW_TO_GET = (
    "Liputan6 is not redistributed: request it with the form linked from "
    "https://github.com/fajri91/sum_liputan6 (or rebuild it with that repository's scripts), "
    "unpack it and pass data_dir=<folder> holding canonical/{train,dev,test}/<id>.json and "
    "xtreme/{dev,test}/<id>.json."
)


def join_tokens(sentences: Sequence[Sequence[str]], *, sep: str = " ") -> str:
    """Tokens joined with spaces into sentences, sentences joined with ``sep``.

    >>> join_tokens([["Harga", "naik", "."], ["Warga", "resah", "."]])
    'Harga naik . Warga resah .'
    >>> join_tokens([["Harga", "naik", "."], ["Warga", "resah", "."]], sep="\\n")
    'Harga naik .\\nWarga resah .'
    """
    return sep.join(" ".join(tokens) for tokens in sentences)


def strip_tokenized_dateline(text: str) -> str:
    """``text`` without a leading tokenised Liputan6 dateline.

    >>> strip_tokenized_dateline("Liputan6 . com , Banda Aceh : Hujan turun .")
    'Hujan turun .'
    """
    return _TOKENIZED_DATELINE.sub("", text, count=1)


def _read_article(path: Path, *, clean: bool) -> dict[str, Any]:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        article, summary = record["clean_article"], record["clean_summary"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a readable Liputan6 JSON file ({exc}).") from exc
    except (KeyError, TypeError) as exc:
        raise InputError(
            f"{path}: expected the fields id, clean_article and clean_summary of the Liputan6 "
            f"release; it has: {', '.join(record) if isinstance(record, dict) else 'no object'}."
        ) from exc
    text = join_tokens(article)
    if clean:
        text = clean_article(strip_tokenized_dateline(text)).text
    return {
        "id": str(record.get("id", path.stem)),
        "text": text,
        "summary": join_tokens(summary, sep="\n"),  # gold sentence boundaries, for ROUGE-Lsum
        "lang": "id",
    }


def _sort_key(path: Path) -> tuple[int, str]:
    return (int(path.stem), "") if path.stem.isdigit() else (1 << 62, path.stem)


def load_liputan6(
    data_dir: str | Path | None,
    *,
    variant: str = "canonical",
    clean: bool = True,
    splits: Sequence[str] | None = None,
) -> DatasetDict:
    """The ``variant`` ("canonical" or "xtreme") splits found under ``data_dir``, as a DatasetDict.

    Files are read in numeric id order. Raises :class:`DatasetNotAvailableError` when the folder
    or the variant is missing, and :class:`InputError` for a file that is not a release record.

    >>> load_liputan6("liputan6_data", splits=["test"])["test"].num_rows  # doctest: +SKIP
    10972
    """
    if variant not in VARIANTS:
        raise ConfigError(
            f"liputan6: variant must be one of {', '.join(VARIANTS)}, not {variant!r}."
        )
    if data_dir is None:
        raise DatasetNotAvailableError(f"liputan6 needs data_dir. {HOW_TO_GET}")
    root = Path(data_dir) / variant
    found = [s for s in _SPLITS if (root / s).is_dir() and (splits is None or s in splits)]
    if not found:
        raise DatasetNotAvailableError(
            f"liputan6: no {variant} split folders under {root} "
            f"(looked for {', '.join(_SPLITS)}). {HOW_TO_GET}"
        )
    data: dict[str, list[dict[str, Any]]] = {}
    for split in found:
        files = sorted((root / split).rglob("*.json"), key=_sort_key)
        data[split] = [_read_article(f, clean=clean) for f in files]
        logger.info("liputan6 %s/%s: %d articles", variant, split, len(files))
    return to_dataset_dict(data)
