"""GPU paths (CUDA): skipped on machines without one; run on a lent GPU before a release."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIDELITY_SUMMARIZE, FIDELITY_TRANSLATE
from fidelity_data import first_sentence, gloss

from ringkas import Summarizer, Translator
from ringkas.engines.hf import resolve_device

torch = pytest.importorskip("torch")
pytestmark = [
    pytest.mark.gpu,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU"),
]

DOC = (Path(__file__).resolve().parents[2] / "examples" / "fidelity-doc.txt").read_text(
    encoding="utf-8"
)


def test_auto_device_is_cuda() -> None:
    assert resolve_device(None) == "cuda"


@pytest.mark.parametrize("dtype", [None, "float32", "float16", "bfloat16"])
def test_transformers_on_cuda(dtype: str | None) -> None:
    translator = Translator(
        str(FIDELITY_TRANSLATE), backend="transformers", device="cuda", dtype=dtype
    )
    assert translator.device == "cuda"
    if dtype is None:  # T5-family models default to bf16 on GPUs that have it (fp16 overflows)
        assert translator.engine.dtype == "bfloat16"
    assert translator.translate(DOC) == gloss(DOC)


@pytest.mark.parametrize("compute_type", [None, "float16", "int8_float16"])
def test_ctranslate2_on_cuda(compute_type: str | None) -> None:
    pytest.importorskip("ctranslate2")
    translator = Translator(
        str(FIDELITY_TRANSLATE), backend="ctranslate2", device="cuda", dtype=compute_type
    )
    assert translator.device == "cuda"
    assert translator.engine.dtype == (compute_type or "float16")
    assert translator.translate(DOC) == gloss(DOC)


def test_summarize_on_cuda() -> None:
    doc = "Petani datang ke pasar. Harga beras naik. Warga menunggu bantuan."
    summarizer = Summarizer(str(FIDELITY_SUMMARIZE), translation_model=str(FIDELITY_TRANSLATE),
                            backend="transformers", device="cuda")  # fmt: skip
    assert summarizer.summarize(doc, lang="id") == first_sentence(doc)
    assert summarizer.summarize(doc, lang="en") == gloss(first_sentence(doc))
