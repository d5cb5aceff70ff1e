"""Extractive summaries that need no model: lead-k, and TextRank over sentence word overlap.

TextRank (Mihalcea & Tarau, 2004) links sentences by the words they share, Indonesian stop words
excluded, weighted ``|common| / (log|Si| + log|Sj|)``, and ranks them with PageRank. Picked
sentences are always returned in document order.

>>> doc = ["Harga beras naik di pasar.", "Cuaca cerah.", "Pedagang beras mengeluh harga naik."]
>>> lead(doc, 1)
['Harga beras naik di pasar.']
>>> textrank(doc, 2)
['Harga beras naik di pasar.', 'Pedagang beras mengeluh harga naik.']
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ringkas.errors import ConfigError

__all__ = ["EXTRACTIVE_SYSTEMS", "STOP_WORDS", "lead", "rank_sentences", "textrank"]

#: The model-free systems that stand where a model name goes (``ringkas eval --model lead-3``),
#: and the summarisation strategy each one means.
EXTRACTIVE_SYSTEMS = {"lead-3": "lead", "textrank": "extractive"}

#: Common Indonesian function words, ignored when comparing sentences.
STOP_WORDS = frozenset(
    [
        "ada",
        "adalah",
        "agar",
        "akan",
        "aku",
        "anda",
        "antara",
        "apa",
        "apabila",
        "atas",
        "atau",
        "bagi",
        "bahwa",
        "baik",
        "banyak",
        "baru",
        "beberapa",
        "belum",
        "berbagai",
        "bersama",
        "biasa",
        "bisa",
        "boleh",
        "bukan",
        "cukup",
        "dalam",
        "dan",
        "dapat",
        "dari",
        "daripada",
        "demikian",
        "dengan",
        "di",
        "dia",
        "dirinya",
        "dua",
        "hal",
        "hampir",
        "hanya",
        "harus",
        "hari",
        "hingga",
        "ia",
        "ialah",
        "ini",
        "itu",
        "jadi",
        "jika",
        "juga",
        "jumlah",
        "juga",
        "kali",
        "kami",
        "kamu",
        "karena",
        "kata",
        "ke",
        "kecil",
        "kemudian",
        "kepada",
        "ketika",
        "kita",
        "lagi",
        "lain",
        "lalu",
        "lebih",
        "maka",
        "mampu",
        "masih",
        "melalui",
        "memang",
        "mereka",
        "meski",
        "milik",
        "mulai",
        "namun",
        "nya",
        "oleh",
        "pada",
        "para",
        "per",
        "pernah",
        "pula",
        "pun",
        "saat",
        "saja",
        "salah",
        "sama",
        "sampai",
        "sangat",
        "satu",
        "saya",
        "seandainya",
        "sebagai",
        "sebelum",
        "sebuah",
        "secara",
        "sedang",
        "sehingga",
        "sejak",
        "sekitar",
        "selain",
        "selama",
        "seluruh",
        "semua",
        "sementara",
        "sendiri",
        "seperti",
        "serta",
        "setelah",
        "siapa",
        "sudah",
        "supaya",
        "tahun",
        "tak",
        "tanpa",
        "tapi",
        "telah",
        "tempat",
        "tentang",
        "tersebut",
        "tetapi",
        "tidak",
        "tiga",
        "turut",
        "untuk",
        "waktu",
        "yaitu",
        "yang",
    ]
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _words(sentence: str) -> set[str]:
    return {w for w in (m.lower() for m in _WORD.findall(sentence)) if w not in STOP_WORDS}


def _check_k(k: int) -> None:
    if not isinstance(k, int) or k < 1:
        raise ConfigError(f"The number of sentences k must be a positive integer, got {k!r}.")


def _pick(
    sentences: Sequence[str], order: Sequence[int], k: int, max_words: int | None
) -> list[str]:
    """Take sentences in ``order`` until ``k`` are taken or ``max_words`` would be exceeded
    (the first one is always taken); return them in document order."""
    _check_k(k)
    if max_words is not None and max_words < 1:
        raise ConfigError(f"max_words must be a positive integer, got {max_words!r}.")
    chosen: list[int] = []
    words = 0
    for index in order[:k]:
        n = len(sentences[index].split())
        if chosen and max_words is not None and words + n > max_words:
            break
        chosen.append(index)
        words += n
    return [sentences[i] for i in sorted(chosen)]


def lead(sentences: Sequence[str], k: int = 3, *, max_words: int | None = None) -> list[str]:
    """The first ``k`` sentences (the classic, strong baseline for news), within ``max_words``.

    >>> lead(["Satu dua tiga.", "Empat lima.", "Enam."], 3, max_words=5)
    ['Satu dua tiga.', 'Empat lima.']
    """
    return _pick(sentences, range(len(sentences)), k, max_words)


def rank_sentences(
    sentences: Sequence[str], *, damping: float = 0.85, iterations: int = 100
) -> list[float]:
    """TextRank score of each sentence (they sum to 1; ties keep document order downstream).

    >>> scores = rank_sentences(["Harga beras naik di pasar.", "Cuaca cerah.",
    ...                          "Pedagang beras mengeluh harga naik."])
    >>> [round(s, 2) for s in scores], round(sum(scores), 6)
    ([0.47, 0.07, 0.47], 1.0)
    """
    n = len(sentences)
    if n == 0:
        return []
    words = [_words(s) for s in sentences]
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            common = len(words[i] & words[j])
            if common and len(words[i]) > 1 and len(words[j]) > 1:
                w = common / (math.log(len(words[i])) + math.log(len(words[j])))
                weights[i][j] = weights[j][i] = w
    totals = [sum(row) for row in weights]
    scores = [1.0 / n] * n
    for _ in range(iterations):
        new = [
            (1 - damping) / n
            + damping * sum(weights[j][i] / totals[j] * scores[j] for j in range(n) if totals[j])
            for i in range(n)
        ]
        # Sentences linked to nothing hand their rank out evenly, so scores still sum to 1.
        dangling = damping * sum(scores[j] for j in range(n) if not totals[j]) / n
        new = [s + dangling for s in new]
        if max(abs(a - b) for a, b in zip(new, scores, strict=True)) < 1e-10:
            scores = new
            break
        scores = new
    return scores


def textrank(sentences: Sequence[str], k: int = 3, *, max_words: int | None = None) -> list[str]:
    """The ``k`` highest-ranked sentences (fewer if ``max_words`` is reached), in document order.

    >>> doc = ["Cuaca cerah.", "Harga beras naik di pasar.", "Pedagang beras mengeluh harga naik."]
    >>> textrank(doc, 2)
    ['Harga beras naik di pasar.', 'Pedagang beras mengeluh harga naik.']
    >>> textrank(doc, 2, max_words=8)
    ['Harga beras naik di pasar.']
    """
    scores = rank_sentences(sentences)
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    return _pick(sentences, order, k, max_words)
