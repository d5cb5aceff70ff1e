"""The transformers + torch engine: any seq2seq checkpoint, on CPU, CUDA or Apple MPS.

torch and transformers are imported when an engine is created, never at ``import ringkas``.

>>> from ringkas.models.cards import resolve
>>> engine = HFEngine(resolve("tests/fixtures/fidelity-translate"), device="cpu")
>>> engine.generate(["Menteri datang."], None, GenerationOptions())
['Minister come.']
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from ringkas.engines.base import (
    Encodings,
    GenerationOptions,
    auto_max_new_tokens,
    model_inputs,
)
from ringkas.errors import (
    ConfigError,
    ModelLoadError,
    NotSeq2SeqModelError,
    UnsupportedLanguageError,
)
from ringkas.models.cards import ModelCard
from ringkas.models.hub import resolve_local
from ringkas.models.languages import LanguagePlan

__all__ = ["DTYPES", "HFEngine", "resolve_device"]

logger = logging.getLogger(__name__)

DTYPES = ("float32", "float16", "bfloat16")
# fp16 overflows in T5-family activations (NaN or empty output); bf16 or fp32 instead.
_FP16_UNSAFE = ("t5", "mt5", "umt5", "madlad", "longt5")


def resolve_device(device: str | None) -> str:
    """``None``/``"auto"`` -> ``"cuda"`` if available, else ``"mps"``, else ``"cpu"``.

    >>> resolve_device("cpu")
    'cpu'
    """
    import torch

    if device is None or device == "auto":
        if torch.cuda.is_available():
            return "cuda"
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return "mps"
        return "cpu"
    if not isinstance(device, str) or device.split(":")[0] not in ("cpu", "cuda", "mps"):
        raise ConfigError(
            f"device must be 'cpu', 'cuda', 'cuda:N', 'mps' or 'auto', got {device!r}."
        )
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ConfigError(
            f"device={device!r} was asked for but torch sees no CUDA GPU (torch {torch.__version__}). "
            f"Use device='cpu', or install a CUDA build of torch."
        )
    return device


def resolve_dtype(dtype: str | None, device: str, family: str) -> str:
    """fp32 on CPU; on GPU fp16, or bf16 for T5-style families (fp32 where bf16 is missing)."""
    import torch

    if dtype not in (None, "auto"):
        if dtype not in DTYPES:
            raise ConfigError(f"dtype must be one of {DTYPES} or 'auto', got {dtype!r}.")
        return str(dtype)
    if device == "cpu":
        return "float32"
    if family in _FP16_UNSAFE:
        if device.startswith("cuda") and torch.cuda.is_bf16_supported():
            return "bfloat16"
        return "float32"
    return "float16"


class HFEngine:
    """A checkpoint loaded with ``AutoModelForSeq2SeqLM``, kept in eval mode on one device.

    ``device`` ``None`` picks CUDA, then MPS, then CPU; ``dtype`` ``None`` picks fp32 on CPU and
    fp16 (bf16 for T5-style models) on GPU.

    >>> from ringkas.models.cards import resolve
    >>> engine = HFEngine(resolve("tests/fixtures/fidelity-translate"), device="cpu")
    >>> engine.backend, engine.device, engine.dtype, engine.model.training
    ('transformers', 'cpu', 'float32', False)
    >>> engine.count_tokens(["Menteri datang ke pasar."], None)
    [6]
    """

    backend = "transformers"

    def __init__(self, card: ModelCard, *, device: str | None = None, dtype: str | None = None):
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        self.card = resolve_local(card)
        self.device = resolve_device(device)
        self.dtype = resolve_dtype(dtype, self.device, self.card.family)
        path = self.card.path
        if path is None:  # pragma: no cover - resolve_local always sets it
            raise ModelLoadError(f"No local checkpoint for {self.card.id!r}.")
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(path)
        except Exception as exc:
            raise ModelLoadError(
                f"Could not load the tokenizer from {path} ({type(exc).__name__}: {exc}). "
                f"The directory needs the tokenizer files saved by tokenizer.save_pretrained()."
            ) from exc
        try:
            model = AutoModelForSeq2SeqLM.from_pretrained(path, dtype=getattr(torch, self.dtype))
        except ValueError as exc:
            if "Unrecognized configuration class" in str(exc):
                raise NotSeq2SeqModelError(
                    f"{path} is not a seq2seq model transformers can generate with ({exc})."
                ) from exc
            raise ModelLoadError(f"Could not load the model in {path}: {exc}") from exc
        except Exception as exc:
            raise ModelLoadError(
                f"Could not load the model weights in {path} ({type(exc).__name__}: {exc}). "
                f"The checkpoint is incomplete or corrupt: download or save it again."
            ) from exc
        self.model = model.to(self.device).eval()
        # ringkas always passes max_new_tokens; a max_length saved in generation_config.json
        # would only make transformers warn on every call that both were set.
        if getattr(self.model, "generation_config", None) is not None:
            self.model.generation_config.max_length = None
        self._ceiling = self._max_target_positions()
        self._encodings: Encodings[list[int]] = Encodings(self._encode)
        logger.info(
            "Loaded %s (%s) with transformers on %s/%s", self.card.id, self.card.family,
            self.device, self.dtype,
        )  # fmt: skip

    def _max_target_positions(self) -> int:
        config = self.model.config
        limit = getattr(config, "max_position_embeddings", None) or 1024
        return int(self.card.generation.get("max_new_tokens", limit))

    def _encode(self, texts: list[str]) -> list[list[int]]:
        # verbose=False: counting text longer than the model takes is the point of
        # count_tokens, so transformers' "sequence length is longer than the maximum" warning
        # is noise.
        encoded = self.tokenizer(texts, add_special_tokens=True, verbose=False)
        return [list(ids) for ids in encoded["input_ids"]]

    def _ids(
        self, texts: Sequence[str], plan: LanguagePlan | None, *, keep: bool = False
    ) -> list[list[int]]:
        """Input ids; ``keep`` them for the ``generate`` call that follows ``count_tokens``."""
        inputs, context = model_inputs(self.tokenizer, self.card, plan, texts)
        return self._encodings.get(inputs, context, keep=keep)

    def count_tokens(self, texts: Sequence[str], plan: LanguagePlan | None) -> list[int]:
        """Token counts of ``texts`` as the model will see them (specials and prefixes included)."""
        return [len(ids) for ids in self._ids(texts, plan, keep=True)] if texts else []

    def forced_bos_token_id(self, plan: LanguagePlan | None) -> int | None:
        """The id of ``plan.forced_bos_token``, checked to exist in this model's vocabulary."""
        if plan is None or plan.forced_bos_token is None:
            return None
        token_id = self.tokenizer.convert_tokens_to_ids(plan.forced_bos_token)
        if not isinstance(token_id, int) or token_id == self.tokenizer.unk_token_id:
            raise UnsupportedLanguageError(
                f"Model {self.card.id!r} has no language token {plan.forced_bos_token!r} "
                f"for target language {plan.tgt!r}."
            )
        return token_id

    def generate(
        self, texts: Sequence[str], plan: LanguagePlan | None, options: GenerationOptions
    ) -> list[str]:
        """Generate one output per text (one batch; the caller sizes batches)."""
        import torch

        if not texts:
            return []
        batch = self.tokenizer.pad(
            {"input_ids": self._ids(texts, plan)}, padding=True, return_tensors="pt"
        ).to(self.device)
        longest = int(batch["input_ids"].shape[1])
        kwargs: dict[str, Any] = {
            "num_beams": options.num_beams,
            "do_sample": False,
            "max_new_tokens": options.max_new_tokens or auto_max_new_tokens(longest, self._ceiling),
        }
        for name in (
            "min_new_tokens",
            "no_repeat_ngram_size",
            "length_penalty",
            "repetition_penalty",
        ):
            value = getattr(options, name)
            if value is not None:
                kwargs[name] = value
        forced = self.forced_bos_token_id(plan)
        if forced is not None:
            kwargs["forced_bos_token_id"] = forced
        with torch.inference_mode():
            output = self.model.generate(**batch, **kwargs)
        decoded = self.tokenizer.batch_decode(output, skip_special_tokens=True)
        return [text.strip() for text in decoded]
