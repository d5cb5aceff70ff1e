"""Synthetic data for the ringkas "fidelity" test models.

The fidelity models are tiny T5 models trained on text whose correct output is known
exactly, so tests can check that ringkas feeds a model and reassembles its output
without losing or garbling anything:

* ``translate``: the source is a sequence of words from ``lexicon.tsv``; the right
  translation is :func:`gloss` (the word-for-word English).
* ``summarize``: the source is a document of short sentences; the right summary is
  its first sentence (:func:`first_sentence`).

Only the standard library is imported here (no torch), and all randomness goes through
a caller-provided, seeded :class:`random.Random`, so the same seed gives the same data.
"""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

__all__ = [
    "END_PUNCT",
    "LEXICON_PATH",
    "PUNCT",
    "english_words",
    "first_sentence",
    "gloss",
    "indonesian_words",
    "load_lexicon",
    "names",
    "random_document",
    "random_sentence",
    "summarize_example",
    "translate_example",
]

LEXICON_PATH = Path(__file__).with_name("lexicon.tsv")

#: Punctuation that may be attached to a word (before or after it).
PUNCT = ",.!?"
#: Sentence-final punctuation.
END_PUNCT = ".!?"

_TOKEN_RE = re.compile(r"^([,.!?]*)(.*?)([,.!?]*)$", re.DOTALL)
_SPLIT_RE = re.compile(r"(\s+)")


@cache
def _lexicon(path: str) -> tuple[tuple[str, str], ...]:
    rows: list[tuple[str, str]] = []
    seen_id: set[str] = set()
    seen_en: set[str] = set()
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 2 or not parts[0] or not parts[1]:
                raise ValueError(f"{path}:{lineno}: expected 'indonesian<TAB>english'")
            src, tgt = parts
            if src.lower() in seen_id or tgt.lower() in seen_en:
                raise ValueError(f"{path}:{lineno}: duplicate entry {line!r}")
            seen_id.add(src.lower())
            seen_en.add(tgt.lower())
            rows.append((src, tgt))
    return tuple(rows)


def load_lexicon(path: str | Path | None = None) -> dict[str, str]:
    """Indonesian -> English word pairs, in file order.

    Ordinary words are lowercase; proper names are capitalised and map to themselves
    (``{"Jakarta": "Jakarta"}``).
    """
    return dict(_lexicon(str(path or LEXICON_PATH)))


def names(lexicon: dict[str, str] | None = None) -> list[str]:
    """The proper names of the lexicon (entries written capitalised)."""
    lex = load_lexicon() if lexicon is None else lexicon
    return [w for w in lex if w[:1].isupper()]


def indonesian_words(lexicon: dict[str, str] | None = None) -> list[str]:
    lex = load_lexicon() if lexicon is None else lexicon
    return list(lex)


def english_words(lexicon: dict[str, str] | None = None) -> list[str]:
    lex = load_lexicon() if lexicon is None else lexicon
    return list(lex.values())


@cache
def _lookup(path: str) -> dict[str, str]:
    # case-insensitive lookup: lowercase Indonesian -> English as written in the file
    return {src.lower(): tgt for src, tgt in _lexicon(path)}


def _gloss_word(word: str, table: dict[str, str], strict: bool) -> str:
    m = _TOKEN_RE.match(word)
    assert m is not None
    lead, core, trail = m.groups()
    if not core:
        return word
    tgt = table.get(core.lower())
    if tgt is None:
        if strict:
            raise KeyError(f"word {core!r} is not in the fidelity lexicon")
        return word
    if core[0].isupper():
        tgt = tgt[0].upper() + tgt[1:]
    return lead + tgt + trail


def gloss(text: str, *, strict: bool = True, lexicon_path: str | Path | None = None) -> str:
    """The word-for-word English of ``text``.

    Each whitespace-separated word is replaced by its English; an upper-case first
    letter is carried over; punctuation from ``, . ! ?`` attached to a word stays where it
    was; all whitespace (spaces, newlines, blank lines) is kept exactly. With
    ``strict=True`` (the default) a word missing from the lexicon raises ``KeyError``,
    otherwise it is copied unchanged.

    >>> gloss("Harga beras naik di Jakarta.")
    'Price rice rise in Jakarta.'
    """
    table = _lookup(str(lexicon_path or LEXICON_PATH))
    parts = _SPLIT_RE.split(text)
    out = []
    for i, part in enumerate(parts):
        # odd indices are the whitespace separators captured by the split
        out.append(part if i % 2 else _gloss_word(part, table, strict) if part else part)
    return "".join(out)


def _capitalize(word: str) -> str:
    return word[0].upper() + word[1:]


def random_sentence(
    rng: random.Random,
    min_words: int = 1,
    max_words: int = 16,
    *,
    capitalize_prob: float = 0.5,
    comma_prob: float = 0.1,
    end_probs: dict[str, float] | None = None,
    lexicon: dict[str, str] | None = None,
    vocab: list[str] | None = None,
) -> str:
    """A random sequence of lexicon words separated by single spaces.

    * the number of words is uniform in ``[min_words, max_words]``;
    * the first word is capitalised with probability ``capitalize_prob``; proper names
      are always capitalised;
    * each word but the last is followed by a comma with probability ``comma_prob``
      (the last word too when the sequence gets no final punctuation, so fragments such
      as ``"harga naik,"`` occur);
    * the sequence ends with one of ``end_probs``'s keys (``""`` = nothing) chosen with
      those probabilities; the default is ``{".": 0.5, "?": 0.05, "!": 0.05, "": 0.4}``;
    * words are drawn uniformly from ``vocab`` (default: every lexicon entry).
    """
    if vocab is None:
        vocab = list(load_lexicon() if lexicon is None else lexicon)
    if end_probs is None:
        end_probs = {".": 0.5, "?": 0.05, "!": 0.05, "": 0.4}
    n = rng.randint(min_words, max_words)
    words = [rng.choice(vocab) for _ in range(n)]
    if rng.random() < capitalize_prob:
        words[0] = _capitalize(words[0])
    ends = list(end_probs)
    end = rng.choices(ends, weights=[end_probs[e] for e in ends])[0]
    out = []
    for i, w in enumerate(words):
        last = i == n - 1
        if (not last or not end) and rng.random() < comma_prob:
            w += ","
        out.append(w)
    return " ".join(out) + end


def random_document(
    rng: random.Random,
    min_sentences: int = 1,
    max_sentences: int = 6,
    min_words: int = 2,
    max_words: int = 8,
    *,
    comma_prob: float = 0.0,
    lexicon: dict[str, str] | None = None,
    vocab: list[str] | None = None,
) -> str:
    """A "document": 1-6 capitalised sentences of 2-8 lexicon words ending in ``.``,
    joined by single spaces."""
    n = rng.randint(min_sentences, max_sentences)
    return " ".join(
        random_sentence(
            rng,
            min_words,
            max_words,
            capitalize_prob=1.0,
            comma_prob=comma_prob,
            end_probs={".": 1.0},
            lexicon=lexicon,
            vocab=vocab,
        )
        for _ in range(n)
    )


def first_sentence(document: str) -> str:
    """The first sentence of a :func:`random_document` (up to and including the first
    ``.``, ``!`` or ``?`` that ends a word)."""
    words = document.split()
    for i, w in enumerate(words):
        if w[-1:] in END_PUNCT:
            return " ".join(words[: i + 1])
    return " ".join(words)


def _small_vocab(rng: random.Random, repeat_prob: float) -> list[str] | None:
    """With probability ``repeat_prob``, a random 2-6 word subset of the lexicon, so that
    text drawn from it repeats words (the model then cannot line source and output up by
    content alone and has to learn positions); otherwise ``None`` (the whole lexicon)."""
    if repeat_prob <= 0 or rng.random() >= repeat_prob:
        return None
    return rng.sample(list(load_lexicon()), rng.randint(2, 6))


def translate_example(rng: random.Random, repeat_prob: float = 0.0) -> tuple[str, str]:
    """One (source, target) pair of the translate task. ``repeat_prob > 0`` (training)
    mixes in sentences drawn from a few words only; 0 gives the plain test distribution."""
    src = random_sentence(rng, 1, 16, vocab=_small_vocab(rng, repeat_prob))
    return src, gloss(src)


def summarize_example(rng: random.Random, repeat_prob: float = 0.0) -> tuple[str, str]:
    """One (source, target) pair of the summarize task (``repeat_prob`` as above)."""
    doc = random_document(rng, vocab=_small_vocab(rng, repeat_prob))
    return doc, first_sentence(doc)
