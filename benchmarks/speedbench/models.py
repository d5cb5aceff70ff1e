"""Random-weight models of real size that always write exactly the length they are told to.

No model hub is reachable here, so the speed benchmark times real architectures with random
weights: the time a seq2seq model takes depends on its shape and on how many tokens it reads and
writes, not on what its weights mean. The models are built by ``ringkas.testing.build_tiny_model``
with a :class:`~ringkas.testing.Shape` (opus-mt-id-en's, and mT5-small's with a 32,000-token
vocabulary instead of 250,112, which would make every run here several times slower without
changing what is compared), their tokenizers trained on the bundled articles, and one change
each before saving: the model can never pick EOS, ``<unk>``, ``<pad>`` or an unused id (Marian:
``final_logits_bias`` is -1e4 there, which CTranslate2's converter keeps because it is non-zero;
mT5, which has no output bias: those rows of the output layer are zero, so their logit is 0 while
the best of thousands of random logits is always well above it). Left alone, every system would
therefore write ``max_new_tokens`` tokens for every input; :mod:`speedbench.systems` ends each
sentence where its length rule says, the same in every system.

Built models are cached under ``root`` by name, shape, seed and training text.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ringkas.testing import Shape, build_tiny_model

logger = logging.getLogger(__name__)

NEG = -1e4  # "never pick this token"; safe in fp16 too
_STAMP = "bench-model.json"


@dataclass(frozen=True)
class BenchModel:
    """A model the benchmark builds: a ``ringkas.testing`` family at a given shape."""

    name: str
    family: str
    shape: Shape
    max_positions: int = 512


OPUS_MT = BenchModel(
    "opus-mt-id-en-shape",  # Helsinki-NLP/opus-mt-id-en's config.json
    "marian",
    Shape(
        d_model=512, layers=6, heads=8, ffn=2048, vocab_size=54_796, spm_vocab=4000, init_std=0.02
    ),
)
MT5_SMALL = BenchModel(
    "mt5-small-shape-32k",
    "mt5",
    Shape(
        d_model=512,
        d_kv=64,
        ffn=1024,
        layers=8,
        heads=6,
        vocab_size=32_000,
        spm_vocab=4000,
        relative_attention_num_buckets=32,
        relative_attention_max_distance=128,
    ),
)
TINY_MARIAN = BenchModel(
    "tiny-marian",
    "marian",
    Shape(d_model=64, layers=1, heads=2, ffn=128, vocab_size=1024, spm_vocab=400, init_std=0.02),
)
TINY_MT5 = BenchModel(
    "tiny-mt5",
    "mt5",
    Shape(
        d_model=64,
        d_kv=32,
        ffn=128,
        layers=1,
        heads=2,
        vocab_size=1024,
        spm_vocab=400,
        relative_attention_num_buckets=32,
        relative_attention_max_distance=128,
    ),
    max_positions=128,
)


def build(
    model: BenchModel, texts: Sequence[str], root: Path, *, seed: int = 0
) -> tuple[Path, dict[str, Any]]:
    """The directory of ``model`` (built once, then found in ``root``) and how it was built."""
    key = _digest(asdict(model), seed, list(texts))
    folder = root / f"{model.name}-{key}"
    if (folder / _STAMP).is_file():
        return folder, json.loads((folder / _STAMP).read_text(encoding="utf-8"))
    logger.info("Building the %s model (once)", model.name)
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{model.name}-{key}"
    shutil.rmtree(tmp, ignore_errors=True)
    info: dict[str, Any] = {"shape": {"name": model.name, **asdict(model)}, "seed": seed}

    def adjust(built: Any, tokenizer: Any) -> None:
        info.update(NEVER_STOP[model.family](built, tokenizer))
        info["parameters"] = sum(p.numel() for p in built.parameters())

    build_tiny_model(
        model.family,
        tmp,
        seed=seed,
        model_max_length=model.max_positions,
        shape=model.shape,
        texts=texts,
        adjust=adjust,
    )
    (tmp / _STAMP).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return folder, info


def _digest(*parts: Any) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(json.dumps(part, sort_keys=True, default=str).encode())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def _marian_never_stops(model: Any, tokenizer: Any) -> dict[str, Any]:
    """EOS, ``<unk>``, ``<pad>`` and the unused ids get a -1e4 output bias."""
    import torch

    fix_marian_weights(model)  # CTranslate2 must see the constants the transformers model has
    vocab = tokenizer.get_vocab()
    used = vocab.get("<unused_0>", tokenizer.pad_token_id)  # the real pieces come first
    with torch.no_grad():
        bias = model.final_logits_bias
        bias.zero_()
        bias[0, used:] = NEG
        bias[0, [tokenizer.eos_token_id, tokenizer.unk_token_id]] = NEG
    return {
        "tokenizer_pieces": used,
        "never_generated": "EOS, <unk>, <pad> and ids >= tokenizer_pieces (final_logits_bias)",
    }


def _mt5_never_stops(model: Any, tokenizer: Any) -> dict[str, Any]:
    """The output rows of EOS, ``<unk>``, ``<pad>``, the sentinels and the unused ids are zero."""
    import torch

    pieces = len(tokenizer) - 100  # the sentencepiece pieces; the 100 sentinels come after
    with torch.no_grad():
        head = model.lm_head.weight
        head[pieces:] = 0.0
        head[[0, 1, 2]] = 0.0  # <pad>, </s>, <unk>
    return {
        "tokenizer_pieces": pieces,
        "never_generated": "EOS, <unk>, <pad>, sentinels and unused ids (zero lm_head rows)",
    }


NEVER_STOP: dict[str, Callable[[Any, Any], dict[str, Any]]] = {
    "marian": _marian_never_stops,
    "mt5": _mt5_never_stops,
}


def fix_marian_weights(model: Any, *, for_training: bool = False) -> list[str]:
    """Make a MarianMT model's constant weights what Marian-NMT and CTranslate2 assume.

    Two things can silently differ in a ``MarianMTModel`` (transformers 5.x), and each makes the
    model score differently from its own saved checkpoint or from its CTranslate2 conversion:

    * the sinusoidal position tables: they are never saved (``_keys_to_ignore_on_save``) and are
      recomputed on load, but after ``from_pretrained`` they are *trainable* parameters, so
      fine-tuning moves them and the saved model no longer matches the trained one;
    * the ``<pad>`` row of the token embeddings: ``<pad>`` is the decoder start token, and
      CTranslate2 replaces it by a zero vector (``start_from_zero_embedding``); with tied
      embeddings the output projection trains that row, so it stops being zero.

    This function recomputes and freezes the position tables and zeroes the ``<pad>`` rows,
    in place; with ``for_training=True`` a gradient hook also keeps the ``<pad>`` rows at zero
    during later training. Zeroing a ``<pad>`` row that training made non-zero changes the model's
    transformers outputs (towards what CTranslate2 computes); a warning is logged then.

    Args:
        model: a ``MarianMTModel`` (or ``MarianModel``).
        for_training: also register a gradient hook that keeps the ``<pad>`` rows at zero.

    Returns:
        A list of human-readable descriptions of what was changed (empty if nothing was).

    >>> from transformers import MarianConfig, MarianMTModel
    >>> cfg = MarianConfig(vocab_size=20, d_model=8, encoder_layers=1, decoder_layers=1,
    ...                    encoder_attention_heads=2, decoder_attention_heads=2,
    ...                    encoder_ffn_dim=16, decoder_ffn_dim=16, max_position_embeddings=16,
    ...                    pad_token_id=19, decoder_start_token_id=19)
    >>> fix_marian_weights(MarianMTModel(cfg))
    []
    """
    import torch

    base = getattr(model, "model", model)
    pad_id = model.config.pad_token_id
    changes: list[str] = []
    with torch.no_grad():
        for side in ("encoder", "decoder"):
            table = getattr(base, side).embed_positions
            expected = table.create_weight().to(
                dtype=table.weight.dtype, device=table.weight.device
            )
            if not torch.equal(table.weight, expected):
                drift = (table.weight - expected).abs().max().item()
                table.weight.copy_(expected)
                changes.append(f"{side} position table recomputed (max drift {drift:.3g})")
            if table.weight.requires_grad:
                table.weight.requires_grad_(False)
                changes.append(f"{side} position table frozen")
        seen: set[int] = set()
        for side in ("encoder", "decoder"):
            weight = getattr(base, side).embed_tokens.weight
            if id(weight) in seen or pad_id is None or pad_id >= weight.shape[0]:
                continue
            seen.add(id(weight))
            norm = weight[pad_id].norm().item()
            if norm != 0.0:
                weight[pad_id].zero_()
                changes.append(f"{side} <pad> embedding row zeroed (norm was {norm:.3g})")
                logger.warning(
                    "Marian <pad> embedding row (the decoder start) had norm %.3g; zeroed it to "
                    "match Marian-NMT and CTranslate2, which changes this model's outputs",
                    norm,
                )
            if for_training:
                weight.register_hook(_zero_row_grad(pad_id))
                changes.append(f"{side} <pad> embedding row kept at zero during training")
    for change in changes:
        logger.info("fix_marian_weights: %s", change)
    return changes


def _zero_row_grad(row: int) -> Callable[[Any], Any]:
    def hook(grad: Any) -> Any:
        grad = grad.clone()
        grad[row] = 0
        return grad

    return hook
