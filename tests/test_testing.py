"""Tests for ringkas.testing: every tiny family loads, generates and keeps its language codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from ringkas.testing import FAMILIES, Shape, build_tiny_model

transformers = pytest.importorskip("transformers")
AutoModelForSeq2SeqLM = transformers.AutoModelForSeq2SeqLM
AutoTokenizer = transformers.AutoTokenizer

# MarianTokenizer asks for the optional sacremoses package; irrelevant here
pytestmark = pytest.mark.filterwarnings("ignore:Recommended. pip install sacremoses")

SENTENCE = "Menteri itu datang ke Jakarta."
MAX_LEN = 48  # not the default, so the test sees the argument reach the files

MODEL_TYPES = {
    "marian": ("marian", "MarianMTModel"),
    # the real facebook/nllb-200-* checkpoints are M2M100 models: model_type "m2m_100"
    "nllb": ("m2m_100", "M2M100ForConditionalGeneration"),
    "m2m100": ("m2m_100", "M2M100ForConditionalGeneration"),
    "mbart50": ("mbart", "MBartForConditionalGeneration"),
    "madlad": ("t5", "T5ForConditionalGeneration"),
    "mt5": ("mt5", "MT5ForConditionalGeneration"),
    "bart": ("bart", "BartForConditionalGeneration"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("tiny")
    return {f: build_tiny_model(f, root / f, model_max_length=MAX_LEN) for f in FAMILIES}


def _load(path: Path) -> tuple[object, object]:
    return AutoTokenizer.from_pretrained(path), AutoModelForSeq2SeqLM.from_pretrained(path)


def _generate(model: object, batch: dict, **kwargs: object) -> torch.Tensor:
    with torch.no_grad():
        return model.generate(**batch, max_new_tokens=5, num_beams=1, **kwargs)  # type: ignore[attr-defined]


def test_unknown_family_lists_the_families(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="marian, nllb, m2m100, mbart50, madlad, mt5, bart"):
        build_tiny_model("gpt2", tmp_path)


@pytest.mark.parametrize("family", FAMILIES)
def test_family_loads_and_generates(family: str, built: dict[str, Path]) -> None:
    path = built[family]
    for name in ("config.json", "model.safetensors", "generation_config.json"):
        assert (path / name).is_file()
    tok, model = _load(path)
    model_type, architecture = MODEL_TYPES[family]
    assert model.config.model_type == model_type
    assert model.config.architectures == [architecture]
    assert model.config.d_model <= 32
    assert tok.model_max_length == MAX_LEN
    if hasattr(model.config, "max_position_embeddings"):
        assert model.config.max_position_embeddings >= MAX_LEN
    assert len(tok) <= model.config.vocab_size
    batch = tok([SENTENCE], return_tensors="pt")
    out = _generate(model, batch)
    assert out.shape[0] == 1 and 2 <= out.shape[1] <= 6
    assert int(out[0, 0]) == model.generation_config.decoder_start_token_id
    assert int(out.max()) < model.config.vocab_size


def test_marian_language_machinery(built: dict[str, Path]) -> None:
    path = built["marian"]
    assert {"source.spm", "target.spm", "vocab.json"} <= {p.name for p in path.iterdir()}
    saved = json.loads((path / "tokenizer_config.json").read_text())
    assert (saved["source_lang"], saved["target_lang"]) == ("id", "en")
    tok, model = _load(path)
    assert type(tok).__name__ == "MarianTokenizer"
    assert (tok.source_lang, tok.target_lang) == ("id", "en")
    # as in every OPUS-MT model: <pad> is the last id and the decoder starts from it
    assert tok.pad_token_id == len(tok) - 1
    assert model.config.decoder_start_token_id == model.config.pad_token_id == tok.pad_token_id
    assert model.generation_config.bad_words_ids == [[tok.pad_token_id]]
    ids = tok([SENTENCE])["input_ids"][0]
    assert ids[-1] == tok.eos_token_id == model.config.eos_token_id
    # the checkpoint holds what Marian-NMT/CTranslate2 assume: exact sinusoids, a zero <pad> row
    for side in (model.model.encoder, model.model.decoder):
        assert torch.equal(side.embed_positions.weight, side.embed_positions.create_weight())
    assert float(model.model.shared.weight[tok.pad_token_id].detach().abs().max()) == 0.0


def test_nllb_language_machinery(built: dict[str, Path]) -> None:
    path = built["nllb"]
    saved = json.loads((path / "tokenizer_config.json").read_text())
    assert saved["tokenizer_class"] == "NllbTokenizer"
    tok, model = _load(path)
    assert type(tok).__name__ in {"NllbTokenizer", "NllbTokenizerFast"}
    codes = ["ind_Latn", "eng_Latn", "zsm_Latn", "jav_Latn", "sun_Latn", "fra_Latn", "zul_Latn"]
    ids = tok.convert_tokens_to_ids(codes)
    assert all(isinstance(i, int) and i != tok.unk_token_id for i in ids)
    assert len(set(ids)) == len(ids)
    assert max(ids) < model.config.vocab_size
    tok.src_lang = "ind_Latn"
    encoded = tok([SENTENCE])["input_ids"][0]
    # transformers' default (non-legacy) NLLB layout: [src_lang] tokens </s>
    assert encoded[0] == tok.convert_tokens_to_ids("ind_Latn")
    assert encoded[-1] == tok.eos_token_id
    tok.src_lang = "jav_Latn"
    assert tok([SENTENCE])["input_ids"][0][0] == tok.convert_tokens_to_ids("jav_Latn")
    eng = tok.convert_tokens_to_ids("eng_Latn")
    out = _generate(model, tok([SENTENCE], return_tensors="pt"), forced_bos_token_id=eng)
    assert int(out[0, 1]) == eng


def test_m2m100_language_machinery(built: dict[str, Path]) -> None:
    tok, model = _load(built["m2m100"])
    assert type(tok).__name__ == "M2M100Tokenizer"
    en, ind = tok.get_lang_id("en"), tok.get_lang_id("id")
    assert en == tok.convert_tokens_to_ids("__en__") != tok.unk_token_id
    assert ind == tok.convert_tokens_to_ids("__id__") != en
    assert tok.get_lang_id("jv") < model.config.vocab_size
    tok.src_lang = "id"
    encoded = tok([SENTENCE])["input_ids"][0]
    assert encoded[0] == ind and encoded[-1] == tok.eos_token_id
    out = _generate(model, tok([SENTENCE], return_tensors="pt"), forced_bos_token_id=en)
    assert int(out[0, 1]) == en
    assert "__en__" not in tok.decode(out[0], skip_special_tokens=True)


def test_mbart50_language_machinery(built: dict[str, Path]) -> None:
    tok, model = _load(built["mbart50"])
    assert type(tok).__name__ in {"MBart50Tokenizer", "MBart50TokenizerFast"}
    assert len(tok.lang_code_to_id) == 52
    id_id, en_xx = tok.convert_tokens_to_ids(["id_ID", "en_XX"])
    assert tok.unk_token_id not in (id_id, en_xx)
    tok.src_lang, tok.tgt_lang = "id_ID", "en_XX"
    batch = tok([SENTENCE], text_target=["The minister came."])
    assert batch["input_ids"][0][0] == id_id and batch["input_ids"][0][-1] == tok.eos_token_id
    assert batch["labels"][0][0] == en_xx
    out = _generate(model, tok([SENTENCE], return_tensors="pt"), forced_bos_token_id=en_xx)
    assert int(out[0, 1]) == en_xx


def test_madlad_language_tags_are_single_pieces(built: dict[str, Path]) -> None:
    tok, model = _load(built["madlad"])
    for tag in ("<2en>", "<2id>", "<2ms>", "<2jv>", "<2su>"):
        tag_id = tok.convert_tokens_to_ids(tag)
        assert tag_id != tok.unk_token_id and tag_id < model.config.vocab_size
    assert tok.tokenize("<2en> " + SENTENCE)[0] == "<2en>"
    encoded = tok(["<2en> " + SENTENCE])["input_ids"][0]
    assert encoded[0] == tok.convert_tokens_to_ids("<2en>") and encoded[-1] == tok.eos_token_id
    assert not any(t.startswith("<extra_id_") for t in tok.get_vocab())


def test_mt5_has_no_language_tokens(built: dict[str, Path]) -> None:
    tok, _ = _load(built["mt5"])
    vocab = tok.get_vocab()
    assert not any(t.startswith("<2") for t in vocab)
    assert "<extra_id_0>" in vocab
    assert tok([SENTENCE])["input_ids"][0][-1] == tok.eos_token_id


def test_bart_tokenizer_round_trips(built: dict[str, Path]) -> None:
    tok, _ = _load(built["bart"])
    ids = tok([SENTENCE])["input_ids"][0]
    assert ids[0] == tok.bos_token_id and ids[-1] == tok.eos_token_id
    assert tok.decode(ids, skip_special_tokens=True) == SENTENCE


def test_same_seed_same_bytes_other_seed_other_weights(tmp_path: Path) -> None:
    a = build_tiny_model("bart", tmp_path / "a", seed=3)
    b = build_tiny_model("bart", tmp_path / "b", seed=3)
    c = build_tiny_model("bart", tmp_path / "c", seed=4)
    for name in ("model.safetensors", "tokenizer.json", "config.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    assert (a / "model.safetensors").read_bytes() != (c / "model.safetensors").read_bytes()


def test_a_shape_sets_the_size_and_pads_the_vocabulary(tmp_path: Path) -> None:
    shape = Shape(d_model=48, layers=2, heads=4, ffn=96, vocab_size=500, init_std=0.02)
    tok, model = _load(build_tiny_model("marian", tmp_path, shape=shape))
    config = model.config
    assert (config.d_model, config.encoder_layers, config.decoder_layers) == (48, 2, 2)
    assert (config.encoder_attention_heads, config.encoder_ffn_dim, config.init_std) == (
        4,
        96,
        0.02,
    )
    assert config.vocab_size == len(tok) == 500
    vocab = tok.get_vocab()
    assert vocab["<pad>"] == 499 == tok.pad_token_id  # <pad> stays last, as in OPUS-MT
    assert vocab["<unused_0>"] == len(_load(build_tiny_model("marian", tmp_path / "tiny"))[0]) - 1


def test_a_t5_shape_and_a_larger_vocabulary(tmp_path: Path) -> None:
    shape = Shape(d_model=64, d_kv=16, heads=4, vocab_size=1024, relative_attention_num_buckets=16)
    tok, model = _load(build_tiny_model("mt5", tmp_path, shape=shape))
    config = model.config
    assert (config.d_model, config.d_kv, config.num_heads, config.vocab_size) == (64, 16, 4, 1024)
    assert config.relative_attention_num_buckets == 16
    assert len(tok) < 1024  # the rows past the tokenizer are ids no token maps to


@pytest.mark.parametrize("family", ["marian", "bart"])
def test_a_vocabulary_smaller_than_the_tokenizer_is_refused(family: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"vocab_size=50 .*pass a larger vocab_size, or None"):
        build_tiny_model(family, tmp_path, shape=Shape(vocab_size=50))


def test_texts_train_the_tokenizer_and_adjust_sees_the_model(tmp_path: Path) -> None:
    seen: list[tuple[str, int]] = []

    def adjust(model: object, tokenizer: object) -> None:
        seen.append((type(model).__name__, len(tokenizer)))  # type: ignore[arg-type]
        with torch.no_grad():
            model.lm_head.weight.zero_()  # type: ignore[attr-defined]

    texts = ["Kopi luwak mahal sekali.", "Kopi tubruk murah."] * 20
    path = build_tiny_model("mt5", tmp_path, texts=texts, shape=Shape(spm_vocab=60), adjust=adjust)
    tok, model = _load(path)
    assert seen == [("MT5ForConditionalGeneration", len(tok))]
    assert float(model.lm_head.weight.detach().abs().max()) == 0.0  # saved after adjust
    vocab = tok.get_vocab()
    assert "K" in vocab and "J" not in vocab  # pieces of these texts, not of the module's (Jakarta)
    assert len(tok) - 100 <= 60  # spm_vocab is an upper bound for a small corpus
