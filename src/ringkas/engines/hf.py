"""The transformers + torch engine: any seq2seq checkpoint, on CPU, CUDA or Apple MPS.

torch and transformers are imported when an engine is created, never at ``import ringkas``.

>>> from ringkas.models.cards import resolve
>>> engine = HFEngine(resolve("tests/fixtures/fidelity-translate"), device="cpu")
>>> engine.generate(["Menteri datang."], None, GenerationOptions())
['Minister come.']
"""

from __future__ import annotations

import logging
from typing import Any

from ringkas.engines.base import (
    DTYPES,
    Encoded,
    EngineBase,
    GenerationOptions,
    Raw,
    cut_to_caps,
    decoding_kwargs,
    load_tokenizer,
    max_positions,
    quiet_loading,
    resolve_device,
    resolve_dtype,
    stopped_at_cap,
)
from ringkas.errors import ModelLoadError, NotSeq2SeqModelError, UnsupportedLanguageError
from ringkas.models.cards import ModelCard
from ringkas.models.hub import resolve_local
from ringkas.models.languages import LanguagePlan

__all__ = ["DTYPES", "HF_DECODING", "HFEngine", "resolve_device", "resolve_dtype"]

logger = logging.getLogger(__name__)

#: GenerationOptions field -> transformers ``generate`` argument.
HF_DECODING = {
    "min_new_tokens": "min_new_tokens",
    "no_repeat_ngram_size": "no_repeat_ngram_size",
    "length_penalty": "length_penalty",
    "repetition_penalty": "repetition_penalty",
}


class HFEngine(EngineBase):
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
        from transformers import AutoModelForSeq2SeqLM

        super().__init__(resolve_local(card))
        self.device = resolve_device(device)
        self.dtype = resolve_dtype(dtype, self.device, self.card.family)
        path = self.card.path
        if path is None:  # pragma: no cover - resolve_local always sets it
            raise ModelLoadError(f"No local checkpoint for {self.card.id!r}.")
        self.tokenizer = load_tokenizer(path)
        try:
            with quiet_loading():
                model = AutoModelForSeq2SeqLM.from_pretrained(
                    path, dtype=getattr(torch, self.dtype)
                )
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
        self.positions = max_positions(path, causal=False)
        self.ceiling = int(self.card.generation.get("max_new_tokens", self.positions or 1024))
        config = self.model.generation_config
        eos = config.eos_token_id  # an id, or a list of them
        ends = [*(eos if isinstance(eos, list) else [eos]), config.pad_token_id]
        self._end_ids = {int(i) for i in [*ends, self.tokenizer.eos_token_id] if isinstance(i, int)}
        logger.info(
            "Loaded %s (%s) with transformers on %s/%s", self.card.id, self.card.family,
            self.device, self.dtype,
        )  # fmt: skip

    def forced_bos_token_id(self, plan: LanguagePlan | None) -> int | None:
        """The id of ``plan.forced_bos_token``, checked to exist in this model's vocabulary.

        >>> from ringkas.models.cards import resolve
        >>> from ringkas.models.languages import LanguagePlan
        >>> engine = HFEngine(resolve("tests/fixtures/fidelity-translate"), device="cpu")
        >>> engine.forced_bos_token_id(None), engine.forced_bos_token_id(LanguagePlan("id", "en"))
        (None, None)
        >>> engine.forced_bos_token_id(LanguagePlan("id", "en", forced_bos_token="</s>"))
        1
        >>> engine.forced_bos_token_id(LanguagePlan("id", "en", forced_bos_token="eng_Latn"))
        Traceback (most recent call last):
        ...
        ringkas.errors.UnsupportedLanguageError: Model ... has no language token 'eng_Latn' ...
        """
        if plan is None or plan.forced_bos_token is None:
            return None
        token_id = self.tokenizer.convert_tokens_to_ids(plan.forced_bos_token)
        if not isinstance(token_id, int) or token_id == self.tokenizer.unk_token_id:
            raise UnsupportedLanguageError(
                f"Model {self.card.id!r} has no language token {plan.forced_bos_token!r} "
                f"for target language {plan.tgt!r}."
            )
        return token_id

    def _generate_group(
        self,
        texts: list[str],
        encoded: list[Encoded],
        plan: LanguagePlan | None,
        options: GenerationOptions,
        caps: list[int],
    ) -> list[Raw]:
        import torch

        with self.tokenizer_lock:
            batch = self.tokenizer.pad(
                {"input_ids": [list(e.ids) for e in encoded]}, padding=True, return_tensors="pt"
            ).to(self.device)
        kwargs: dict[str, Any] = {
            "num_beams": options.num_beams,
            "do_sample": False,
            "max_new_tokens": max(caps),
            **decoding_kwargs(options, HF_DECODING),
        }
        with self.tokenizer_lock:
            forced = self.forced_bos_token_id(plan)
        if forced is not None:
            kwargs["forced_bos_token_id"] = forced
        with torch.inference_mode():
            output = self.model.generate(**batch, **kwargs)
        # Each output row starts with the decoder start token, and max_new_tokens counts what
        # follows; with forced_eos_token_id (Marian's and BART's configs) a row that reaches its
        # cap ends in a forced EOS, so it keeps one token less of its own, and it was cut when
        # none of those own tokens ends it.
        forced_eos = getattr(self.model.generation_config, "forced_eos_token_id", None)
        own = [cap - 1 if forced_eos is not None else cap for cap in caps]
        rows = cut_to_caps(output.tolist(), [1 + n for n in own])
        cut = [stopped_at_cap(row[1:], n, self._end_ids) for row, n in zip(rows, own, strict=True)]
        with self.tokenizer_lock:
            decoded = self.tokenizer.batch_decode(rows, skip_special_tokens=True)
        return [Raw(text.strip(), c) for text, c in zip(decoded, cut, strict=True)]
