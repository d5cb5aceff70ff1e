"""The Indonesian corpus every system translates: the bundled ``ringkas-news`` articles.

Sentences are the articles' ``sentences_id``, deduplicated, keeping only those that ringkas's
segmenter also sees as one sentence (a quoted pair of sentences would otherwise cost ringkas twice
the output tokens of the other systems, and the systems must all do the same work).
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE = "ringkas-news (ringkas.data.bundled.read_records)"


@dataclass
class Article:
    """One bundled article: its cleaned text and its sentences (as ringkas segments them)."""

    id: str
    text: str
    sentences: list[str]


def load_articles() -> tuple[list[Article], list[str]]:
    """The bundled articles, and their ``sentences_id`` that ringkas also sees as one sentence."""
    from ringkas.data.bundled import read_records
    from ringkas.text.segment import split_sentences

    articles: list[Article] = []
    sentences: list[str] = []
    for record in read_records():
        text = record["clean"]
        if not text.strip():
            continue
        split = split_sentences(text)
        articles.append(Article(str(record["id"]), text, split))
        reference = record.get("sentences_id") or split
        sentences.extend(s for s in reference if split_sentences(s) == [s])
    return articles, list(dict.fromkeys(s.strip() for s in sentences if s.strip()))
