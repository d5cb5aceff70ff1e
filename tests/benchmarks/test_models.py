"""Tests for benchmarks/speedbench/models.py: real-shape models that never stop by themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from speedbench import models
from speedbench.models import fix_marian_weights
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

pytestmark = pytest.mark.filterwarnings("ignore:Recommended. pip install sacremoses")

SENTENCE = "Menteri itu datang ke Jakarta."
TEXTS = [
    "Menteri itu datang ke Jakarta pada hari Senin.",
    "Harga beras naik tajam menjelang bulan puasa.",
    "Banjir merendam ratusan rumah warga di Bekasi.",
] * 30


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, object]]]:
    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("bench-models")
    return {m.family: models.build(m, TEXTS, root) for m in (models.TINY_MARIAN, models.TINY_MT5)}


def _load(path: Path) -> tuple[object, object]:
    return AutoTokenizer.from_pretrained(path), AutoModelForSeq2SeqLM.from_pretrained(path)


@pytest.mark.parametrize("family", ["marian", "mt5"])
def test_models_write_max_new_tokens_and_never_stop(family: str, built: dict) -> None:
    path, info = built[family]
    tok, model = _load(path)
    assert model.config.vocab_size == 1024 and info["shape"]["name"] == f"tiny-{family}"
    batch = tok([SENTENCE, "Harga naik."], return_tensors="pt", padding=True)
    with torch.no_grad():
        out = model.generate(**batch, max_new_tokens=12, num_beams=1, do_sample=False)
    generated = out[:, 1:]
    assert generated.shape == (2, 12)  # the whole length for both rows: nothing ends early
    if family == "marian":  # its generation config forces EOS at the limit, as OPUS-MT's does
        assert generated[:, -1].tolist() == [tok.eos_token_id] * 2
        generated = generated[:, :-1]
    never = {tok.eos_token_id, tok.unk_token_id, tok.pad_token_id}
    assert never.isdisjoint(generated.flatten().tolist())
    assert int(generated.max()) < info["tokenizer_pieces"]


def test_models_are_cached_by_what_they_are_built_from(built: dict, tmp_path: Path) -> None:
    path, info = built["marian"]
    root = path.parent
    again, same = models.build(models.TINY_MARIAN, TEXTS, root)
    assert (again, same) == (path, info)
    assert json.loads((path / "bench-model.json").read_text(encoding="utf-8")) == info
    other, _ = models.build(models.TINY_MARIAN, TEXTS, root, seed=1)
    assert other != path


def _pair(built: dict) -> tuple[object, object]:
    return _load(built["marian"][0])


def test_fix_marian_weights_restores_constants(built: dict) -> None:
    tok, model = _pair(built)
    pad = model.config.pad_token_id
    positions = model.model.decoder.embed_positions
    expected = positions.create_weight()
    with torch.no_grad():
        positions.weight.add_(0.1)
        model.model.shared.weight[pad].fill_(0.5)
    changes = fix_marian_weights(model, for_training=True)
    assert any(c.startswith("decoder position table recomputed") for c in changes)
    assert any("<pad> embedding row zeroed" in c for c in changes)
    assert torch.equal(positions.weight, expected) and not positions.weight.requires_grad
    # one training step must leave the decoder-start (<pad>) row at zero
    batch = tok([SENTENCE], text_target=["The minister came."], return_tensors="pt")
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-2)
    model.train()
    model(**batch).loss.backward()
    optimizer.step()
    assert float(model.model.shared.weight[pad].detach().abs().max()) == 0.0
    assert torch.equal(positions.weight, expected)


def test_fix_marian_weights_on_a_loaded_model_only_freezes_the_position_tables(
    built: dict,
) -> None:
    _, model = _pair(built)  # transformers 5 makes them trainable after from_pretrained
    assert fix_marian_weights(model) == [
        "encoder position table frozen",
        "decoder position table frozen",
    ]
