"""Load ``ringkas-news``, the evaluation set shipped inside the package, and compute its statistics.

40 original Indonesian news articles written for ringkas in the style of Liputan6, with the
boilerplate a scraper sees (datelines, "Baca Juga" lists, "Advertisement", glued second stories),
the cleaned text, sentence-aligned English translations and hand-written summaries in Indonesian
and English. The card is ``ringkas/data/ringkas_news/README.md``.

Columns: the common schema (``text`` = the cleaned article, ``summary`` = the Indonesian summary,
``translation`` = the English sentences joined with spaces) plus ``topic``, ``raw``,
``sentences_id``, ``translation_en`` and ``summary_en``. Splits: ``test`` (32) and ``dev`` (8).

>>> news = load_ringkas_news()
>>> {name: news[name].num_rows for name in news}
{'test': 32, 'dev': 8}
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ringkas.data.schema import require_datasets, to_dataset_dict
from ringkas.io import read_jsonl
from ringkas.text.clean import clean_article

if TYPE_CHECKING:
    from datasets import DatasetDict

__all__ = ["NEWS_FILE", "card_statistics", "load_ringkas_news", "read_records"]

#: The bundled JSONL file (one article per line, sorted by id).
NEWS_FILE = Path(__file__).resolve().parent / "ringkas_news" / "ringkas-news.jsonl"

_SPLITS = ("test", "dev")


def read_records(path: str | Path = NEWS_FILE) -> list[dict[str, Any]]:
    """The raw records of the bundled file, as stored (with their ``split`` field).

    >>> len(read_records())
    40
    """
    return read_jsonl(path)


def _row(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": record["id"],
        "text": record["clean"],
        "summary": record["summary_id"],
        "translation": " ".join(record["translation_en"]),
        "lang": "id",
        "topic": record["topic"],
        "raw": record["raw"],
        "sentences_id": record["sentences_id"],
        "translation_en": record["translation_en"],
        "summary_en": record["summary_en"],
    }


def load_ringkas_news(*, splits: Sequence[str] | None = None) -> DatasetDict:
    """The bundled set as a ``DatasetDict`` with splits ``test`` and ``dev`` (or only ``splits``).

    >>> load_ringkas_news(splits=["dev"])["dev"][0]["lang"]
    'id'
    """
    datasets = require_datasets()
    string = datasets.Value("string")
    extra = {
        "topic": string,
        "raw": string,
        "sentences_id": datasets.List(string),
        "translation_en": datasets.List(string),
        "summary_en": string,
    }
    records = read_records()
    wanted = [s for s in _SPLITS if splits is None or s in splits]
    return to_dataset_dict(
        {name: [_row(r) for r in records if r["split"] == name] for name in wanted}, extra=extra
    )


def _spread(values: list[int]) -> str:
    return f"{min(values)} / {statistics.median(values):g} / {max(values)}"


def card_statistics(path: str | Path = NEWS_FILE) -> str:
    """The statistics section of the dataset card, as Markdown, computed from the file.

    The card's numbers are this function's output (a test keeps them in step).

    >>> card_statistics().splitlines()[0]
    '| topic | test | dev | all |'
    """
    records = read_records(path)
    per_topic: Counter[tuple[str, str]] = Counter((r["topic"], r["split"]) for r in records)
    lines = ["| topic | test | dev | all |", "|---|---:|---:|---:|"]
    for topic in sorted({r["topic"] for r in records}):
        test, dev = per_topic[(topic, "test")], per_topic[(topic, "dev")]
        lines.append(f"| {topic} | {test} | {dev} | {test + dev} |")
    n_test = sum(r["split"] == "test" for r in records)
    lines.append(f"| **all** | {n_test} | {len(records) - n_test} | {len(records)} |")

    def words(field: str) -> list[int]:
        return [len(r[field].split()) for r in records]

    sentences = [len(r["sentences_id"]) for r in records]
    removed = [clean_article(r["raw"]).removed for r in records]
    having: Counter[str] = Counter(kind for items in removed for kind in {x.kind for x in items})
    lines += [
        "",
        "| measure | min / median / max | total |",
        "|---|---|---:|",
        f"| words per article, raw | {_spread(words('raw'))} | {sum(words('raw'))} |",
        f"| words per article, clean | {_spread(words('clean'))} | {sum(words('clean'))} |",
        f"| sentences per article (`sentences_id`) | {_spread(sentences)} | {sum(sentences)} |",
        f"| words per Indonesian summary | {_spread(words('summary_id'))} | "
        f"{sum(words('summary_id'))} |",
        f"| words per English summary | {_spread(words('summary_en'))} | "
        f"{sum(words('summary_en'))} |",
        "",
        f"Articles with a glued second story in `raw`: {having['second_story']} of {len(records)}. "
        f"Articles with each kind of boilerplate that `clean_article` removes: dateline "
        f"{having['dateline']}, marker line (Advertisement, Baca Juga, video prompt) "
        f"{having['marker']}, related-article headlines {having['related']}, second story "
        f"{having['second_story']}, HTML {having['html']}.",
    ]
    return "\n".join(lines)
