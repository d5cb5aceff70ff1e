"""Random-weight models of real size, and the Indonesian corpus, for the speed benchmark.

No model hub is reachable here, so ``speed.py`` times real architectures with random weights. The
time a seq2seq model takes depends on its shape and on how many tokens it reads and writes, not on
what its weights mean, so two things are fixed here:

* the shapes: ``opus-mt-id-en`` (Marian, 6+6 layers, d_model 512, 8 heads, FFN 2048, vocabulary
  54,796 with ``<pad>`` last, shared embeddings, static sinusoidal positions, ``scale_embedding``)
  and an mT5-small-shaped summariser (d_model 512, 8+8 layers, 6 heads, d_kv 64, d_ff 1024,
  gated-gelu, untied output layer) with a 32,000-token vocabulary instead of mT5's 250,112, which
  would make every run here several times slower without changing what is compared;
* the output length: the tokenizer is a small sentencepiece model trained on the corpus (a few
  thousand pieces, padded with unused entries up to the model's vocabulary), and the model can
  never pick EOS, ``<unk>``, ``<pad>`` or an unused id (Marian: ``final_logits_bias`` is -1e4 there,
  which CTranslate2's converter keeps because it is non-zero; mT5, which has no output bias: those
  rows of the output layer are zero, so their logit is 0 while the best of thousands of random
  logits is always well above it). Left alone, every system therefore writes exactly
  ``max_new_tokens`` tokens for every input; ``speed.py`` ends each sentence earlier, at a length
  that follows its source's (``LengthRule``), the same in every system, so tokens/s is
  comparable across systems.

This module is a helper of ``speed.py``; running it does nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
DATA_GLOBS = ("src/ringkas/data/ringkas_news/*.jsonl", "src/ringkas/data/news/part-*.jsonl")
NEG = -1e4  # "never pick this token"; safe in fp16 too


@dataclass(frozen=True)
class MarianShape:
    """The size of a Marian model (defaults: Helsinki-NLP/opus-mt-id-en's config.json)."""

    name: str = "opus-mt-id-en-shape"
    vocab_size: int = 54_796
    d_model: int = 512
    layers: int = 6
    heads: int = 8
    ffn: int = 2048
    max_positions: int = 512
    spm_vocab: int = 4000


@dataclass(frozen=True)
class MT5Shape:
    """The size of an mT5 model (defaults: mT5-small, but a 32k vocabulary instead of 250k)."""

    name: str = "mt5-small-shape-32k"
    vocab_size: int = 32_000
    d_model: int = 512
    d_kv: int = 64
    d_ff: int = 1024
    layers: int = 8
    heads: int = 6
    max_positions: int = 512
    spm_vocab: int = 4000


TINY_MARIAN = MarianShape(
    name="tiny-marian", vocab_size=1024, d_model=64, layers=1, heads=2, ffn=128, spm_vocab=400
)
TINY_MT5 = MT5Shape(
    name="tiny-mt5",
    vocab_size=1024,
    d_model=64,
    d_kv=32,
    d_ff=128,
    layers=1,
    heads=2,
    max_positions=128,
    spm_vocab=400,
)


# --------------------------------------------------------------------------- corpus


@dataclass
class Article:
    """One bundled article: its cleaned text and its sentences (as ringkas segments them)."""

    id: str
    text: str
    sentences: list[str]


def data_files() -> list[Path]:
    """The bundled article files: ``ringkas_news/*.jsonl``, or ``news/part-*.jsonl`` before the merge."""
    for pattern in DATA_GLOBS:
        files = sorted(REPO.glob(pattern))
        if files:
            return files
    raise FileNotFoundError(
        f"No bundled articles found under {REPO} (looked for {', '.join(DATA_GLOBS)})."
    )


def load_articles() -> tuple[list[Article], list[str]]:
    """The bundled articles, and their ``sentences_id`` that ringkas also sees as one sentence.

    A reference sentence that ringkas's segmenter would split in two (a quote of two sentences)
    is left out of the sentence corpus: ringkas would generate twice as many tokens for it as the
    other systems, and the systems must all do the same work.
    """
    from ringkas.text.clean import clean_article
    from ringkas.text.segment import split_sentences

    articles: list[Article] = []
    sentences: list[str] = []
    for file in data_files():
        for line in file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            text = row.get("clean") or clean_article(row.get("raw") or row.get("text") or "").text
            if not text.strip():
                continue
            split = split_sentences(text)
            articles.append(Article(str(row.get("id", len(articles))), text, split))
            reference = row.get("sentences_id") or split
            sentences.extend(s for s in reference if split_sentences(s) == [s])
    return articles, list(dict.fromkeys(s.strip() for s in sentences if s.strip()))


# --------------------------------------------------------------------------- models


def _digest(*parts: Any) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(json.dumps(part, sort_keys=True, default=str).encode())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def _cached(root: Path, name: str, key: str) -> Path | None:
    folder = root / f"{name}-{key}"
    return folder if (folder / "bench-model.json").is_file() else None


def _save(tmp: Path, model: Any, tokenizer: Any) -> None:
    """``save_pretrained`` both, without transformers' progress bar."""
    from transformers.utils import logging as hf_logging

    enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
    finally:
        if enabled:
            hf_logging.enable_progress_bar()


def _finish(tmp: Path, folder: Path, info: dict[str, Any]) -> Path:
    (tmp / "bench-model.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return folder


def build_marian(
    shape: MarianShape, texts: Sequence[str], root: Path, *, seed: int = 0
) -> tuple[Path, dict[str, Any]]:
    """An opus-mt-shaped Marian checkpoint with random weights that always writes full length.

    Returns the directory (cached under ``root`` by shape, seed and training text) and a record
    of how it was built. ``vocab.json`` holds ``</s>``, ``<unk>``, the sentencepiece pieces,
    unused ``<unused_N>`` entries and ``<pad>`` last, as in the OPUS-MT conversions.
    """
    key = _digest(asdict(shape), seed, list(texts))
    hit = _cached(root, shape.name, key)
    if hit is not None:
        return hit, json.loads((hit / "bench-model.json").read_text(encoding="utf-8"))
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    from ringkas.testing import fix_marian_weights, sentencepiece_pieces, train_sentencepiece

    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{shape.name}-{key}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    proto = train_sentencepiece(
        texts, shape.spm_vocab, hard_vocab_limit=False
    )  # <unk>=0 <s>=1 </s>=2, like OPUS-MT
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for piece in sentencepiece_pieces(proto):
        vocab.setdefault(piece, len(vocab))
    used = len(vocab)
    if used >= shape.vocab_size:
        raise ValueError(f"{shape.name}: {used} tokenizer pieces do not fit {shape.vocab_size}")
    for i in range(shape.vocab_size - 1 - used):
        vocab[f"<unused_{i}>"] = used + i
    vocab["<pad>"] = shape.vocab_size - 1
    for name in ("source.spm", "target.spm"):
        (tmp / name).write_bytes(proto)
    (tmp / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        str(tmp / "source.spm"),
        str(tmp / "target.spm"),
        str(tmp / "vocab.json"),
        source_lang="id",
        target_lang="en",
        model_max_length=shape.max_positions,
    )
    pad, eos = shape.vocab_size - 1, 0
    config = MarianConfig(
        vocab_size=shape.vocab_size,
        decoder_vocab_size=shape.vocab_size,
        d_model=shape.d_model,
        encoder_layers=shape.layers,
        decoder_layers=shape.layers,
        encoder_attention_heads=shape.heads,
        decoder_attention_heads=shape.heads,
        encoder_ffn_dim=shape.ffn,
        decoder_ffn_dim=shape.ffn,
        max_position_embeddings=shape.max_positions,
        pad_token_id=pad,
        eos_token_id=eos,
        bos_token_id=eos,
        decoder_start_token_id=pad,
        forced_eos_token_id=eos,
        activation_function="swish",
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
    )
    config.static_position_embeddings = True  # as in every OPUS-MT config.json
    config.normalize_embedding = False
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = MarianMTModel(config).eval()
    fix_marian_weights(model)
    with torch.no_grad():
        bias = model.final_logits_bias
        bias.zero_()
        bias[0, used:] = NEG
        bias[0, [eos, vocab["<unk>"]]] = NEG
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]],
        bos_token_id=eos,
        decoder_start_token_id=pad,
        eos_token_id=eos,
        forced_eos_token_id=eos,
        pad_token_id=pad,
        max_length=shape.max_positions,
        num_beams=4,
    )  # the opus-mt-id-en generation_config.json; every system passes num_beams itself
    _save(tmp, model, tokenizer)
    info = {
        "shape": asdict(shape),
        "seed": seed,
        "tokenizer_pieces": used,
        "parameters": sum(p.numel() for p in model.parameters()),
        "never_generated": "EOS, <unk>, <pad> and ids >= tokenizer_pieces (final_logits_bias)",
    }
    return _finish(tmp, root / f"{shape.name}-{key}", info), info


def build_mt5(
    shape: MT5Shape, texts: Sequence[str], root: Path, *, seed: int = 0
) -> tuple[Path, dict[str, Any]]:
    """An mT5-shaped summariser with random weights that always writes full length."""
    key = _digest(asdict(shape), seed, list(texts))
    hit = _cached(root, shape.name, key)
    if hit is not None:
        return hit, json.loads((hit / "bench-model.json").read_text(encoding="utf-8"))
    import torch
    from transformers import GenerationConfig, MT5Config, MT5ForConditionalGeneration, T5Tokenizer

    from ringkas.testing import train_sentencepiece

    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{shape.name}-{key}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    spm_path = tmp / "spiece.model"
    spm_path.write_bytes(
        train_sentencepiece(
            texts, shape.spm_vocab, hard_vocab_limit=False, pad_id=0, eos_id=1, unk_id=2, bos_id=-1
        )
    )
    native = T5Tokenizer.convert_to_native_format(vocab_file=str(spm_path), extra_ids=100)
    tokenizer = T5Tokenizer(**native, model_max_length=shape.max_positions)
    pieces = len(tokenizer) - 100  # the sentencepiece pieces; the 100 sentinels come after
    if len(tokenizer) > shape.vocab_size:
        raise ValueError(f"{shape.name}: {len(tokenizer)} tokens do not fit {shape.vocab_size}")
    config = MT5Config(
        vocab_size=shape.vocab_size,
        d_model=shape.d_model,
        d_kv=shape.d_kv,
        d_ff=shape.d_ff,
        num_layers=shape.layers,
        num_decoder_layers=shape.layers,
        num_heads=shape.heads,
        relative_attention_num_buckets=32,
        relative_attention_max_distance=128,
        feed_forward_proj="gated-gelu",
        tie_word_embeddings=False,
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
    )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = MT5ForConditionalGeneration(config).eval()
    with torch.no_grad():
        head = model.lm_head.weight
        head[pieces:] = 0.0
        head[[0, 1, 2]] = 0.0  # <pad>, </s>, <unk>
    model.generation_config = GenerationConfig(
        decoder_start_token_id=0, eos_token_id=1, pad_token_id=0
    )
    _save(tmp, model, tokenizer)
    info = {
        "shape": asdict(shape),
        "seed": seed,
        "tokenizer_pieces": pieces,
        "parameters": sum(p.numel() for p in model.parameters()),
        "never_generated": "EOS, <unk>, <pad>, sentinels and unused ids (zero lm_head rows)",
    }
    return _finish(tmp, root / f"{shape.name}-{key}", info), info
