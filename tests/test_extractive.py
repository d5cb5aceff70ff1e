"""Lead-k and TextRank (ringkas.extractive)."""

from __future__ import annotations

import pytest

from ringkas.errors import ConfigError
from ringkas.extractive import lead, rank_sentences, textrank

ARTICLE = [
    "Pemerintah Kota Bogor menaikkan tarif angkutan kota mulai pekan depan.",
    "Cuaca di Bogor cerah berawan sepanjang hari.",
    "Kenaikan tarif angkutan kota itu mencapai Rp 1.000 untuk setiap penumpang.",
    "Sopir angkutan kota menyambut kenaikan tarif tersebut.",
    "Seorang warga menanam pohon mangga di halaman rumahnya.",
]


def test_lead_k_is_exact() -> None:
    assert lead(ARTICLE, 2) == ARTICLE[:2]
    assert lead(ARTICLE, 10) == ARTICLE
    assert lead(ARTICLE, 3, max_words=20) == ARTICLE[:2]


def test_textrank_prefers_central_sentences_over_off_topic_ones() -> None:
    picked = textrank(ARTICLE, 2)
    assert ARTICLE[4] not in picked and ARTICLE[1] not in picked
    assert picked == [s for s in ARTICLE if s in picked]  # document order
    scores = rank_sentences(ARTICLE)
    assert abs(sum(scores) - 1) < 1e-6
    assert min(scores[0], scores[2], scores[3]) > max(scores[1], scores[4])


def test_max_words_keeps_at_least_one_sentence() -> None:
    assert len(textrank(ARTICLE, 3, max_words=1)) == 1


@pytest.mark.parametrize("k", [0, -1])
def test_bad_k(k: int) -> None:
    with pytest.raises(ConfigError, match="positive integer"):
        lead(ARTICLE, k)
