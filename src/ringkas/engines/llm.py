"""Decoder-only LLMs (any ``*ForCausalLM`` checkpoint) behind the Engine protocol, on two backends.

:class:`LLMEngine` runs the model with transformers (left padding, batched ``generate``);
:class:`CT2LLMEngine` converts it once into ringkas's CTranslate2 cache (int8 on CPU, float16 on
CUDA; bfloat16 for Gemma, whose activations overflow fp16) and runs ``ctranslate2.Generator``,
passing the prompt's shared prefix (few-shot examples, instruction) once per batch as its
``static_prompt``, so it is not recomputed for every sentence.

Both build the prompt from the card (:mod:`ringkas.engines.prompting`), stop at the end of the
line (sentence prompts) or at EOS / the end of the assistant turn, cap each row's length from
its own source length (never from the batch's longest) and the model's context (prompt and
output never run past its positions), clean the answer, and check it
(:mod:`ringkas.text.degenerate`): sentences whose output is empty, cut at its cap, runaway,
looping, still Indonesian or leaking the prompt are generated again with other decoding
(:mod:`ringkas.engines.retry`, by :class:`~ringkas.engines.base.EngineBase`); what is still bad
comes back with a warning that names it (a leaked prompt comes back as ``""``, never as a
translation).

>>> from ringkas.engines import load_engine
>>> from ringkas.models.cards import resolve
>>> engine = load_engine(resolve("google/gemma-3-270m"))  # doctest: +SKIP
>>> engine.generate(["Harga beras naik."], None, GenerationOptions())  # doctest: +SKIP
['Rice prices rose.']
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from ringkas.engines.base import (
    Encoded,
    EngineBase,
    GenerationOptions,
    Raw,
    cut_to_caps,
    decoding_kwargs,
    in_kind_order,
    load_tokenizer,
    max_positions,
    quiet_loading,
    resolve_device,
    resolve_dtype,
    stopped_at_cap,
)
from ringkas.engines.ct2 import (
    load_options,
    load_or_rebuild,
    missing_library,
    require_ct2,
    supports,
)
from ringkas.engines.hf import HF_DECODING
from ringkas.engines.prompting import PromptParts, build_parts, clean_output
from ringkas.errors import EngineNotAvailableError, ModelLoadError, PromptError
from ringkas.models.cards import ModelCard, PromptSpec
from ringkas.models.hub import resolve_local
from ringkas.models.languages import LanguagePlan
from ringkas.text.degenerate import problems

__all__ = ["CT2LLMEngine", "LLMEngine"]

logger = logging.getLogger(__name__)

_SUMMARY_TOKENS = 256  # output cap of a summary when neither max_words nor the card gives one
_END_OF_TURN = ("<end_of_turn>", "<|im_end|>", "<|eot_id|>", "<|end|>", "<|endoftext|>")
_NEWLINE_MARKS = ("\n", "Ċ", "<0x0A>")
_GEMMA = ("gemma", "gemma2", "gemma3")
#: GenerationOptions field -> ``Generator.generate_batch`` argument.
_CT2_GENERATE = {
    "min_new_tokens": "min_length",
    "no_repeat_ngram_size": "no_repeat_ngram_size",
    "length_penalty": "length_penalty",
    "repetition_penalty": "repetition_penalty",
}


class _Batch(NamedTuple):
    """One backend call: the shared prefix's ids, each row's own ids (its text and the
    prompt's suffix), the stop tokens, the decoding and the most new tokens of any row."""

    prefix: list[int]
    rows: list[list[int]]
    stop: list[int]
    options: GenerationOptions
    max_new: int


class _CausalEngine(EngineBase):
    """What both LLM backends share: prompt, encoding, stop tokens, cleaning and retries."""

    spec: PromptSpec
    lead: str

    def _setup_prompt(self) -> None:
        if self.card.prompt is None:
            raise PromptError(
                f"{self.card.id!r} is a causal LM with no prompt in its card and no chat "
                f"template, so ringkas does not know how to ask it to translate. Add a [prompt] "
                f'table to its ringkas.toml: style = "completion" for a base model (ringkas\'s '
                f"Indonesian->English examples are used unless you list [[prompt.shots]]), or "
                f'style = "chat" for an instruct model saved with its chat template.'
            )
        self.spec = self.card.prompt
        src, tgt = self._pair(None)
        self.lead = build_parts(self.spec, self.tokenizer, src, tgt).lead  # checks the template
        self.ceiling = int(self.card.generation.get("max_new_tokens", 512))
        self.positions = max_positions(self.card.path, causal=True)
        vocab = self.tokenizer.get_vocab()
        ends = {int(i) for i in self._eos_ids()}
        ends |= {vocab[t] for t in _END_OF_TURN if t in vocab}
        self._end_ids = sorted(ends)
        newlines = {i for tok, i in vocab.items() if any(m in tok for m in _NEWLINE_MARKS)}
        self._line_end_ids = sorted(ends | newlines)

    def _eos_ids(self) -> list[int]:
        eos = self.tokenizer.eos_token_id
        return [eos] if isinstance(eos, int) else list(eos or [])

    def _pair(self, plan: LanguagePlan | None) -> tuple[str, str]:
        if plan is not None:
            return plan.src, plan.tgt
        src = self.card.source_languages[0] if "*" not in self.card.source_languages else "id"
        tgt = self.card.target_languages[0] if "*" not in self.card.target_languages else "en"
        return src, tgt

    def _encode_texts(
        self, texts: Sequence[str], plan: LanguagePlan | None
    ) -> list[tuple[int, ...]]:
        with self.tokenizer_lock:
            rows = self.tokenizer([self.lead + t for t in texts], add_special_tokens=False)
        return [tuple(int(i) for i in ids) for ids in rows["input_ids"]]

    def caps(
        self,
        encoded: Sequence[Encoded],
        options: GenerationOptions,
        plan: LanguagePlan | None = None,
    ) -> list[int]:
        """Per-row output caps: from each sentence's own length; a summary's from
        ``max_new_tokens`` (the summariser's ``max_words``) or the card. Prompt and output
        together never exceed the model's positions."""
        if options.task == "summarization":
            cap = options.max_new_tokens or int(
                self.card.generation.get("max_new_tokens", _SUMMARY_TOKENS)
            )
            return self._bound([cap] * len(encoded), self._prompt_lengths(encoded, plan, options))
        return super().caps(encoded, options, plan)

    def _prompt_lengths(
        self, encoded: Sequence[Encoded], plan: LanguagePlan | None, options: GenerationOptions
    ) -> list[int]:
        if self.positions is None:
            return [0] * len(encoded)
        prefix, suffix = self.prompt_ids(self.parts(plan, options))
        return [len(prefix) + len(e) + len(suffix) for e in encoded]

    def parts(self, plan: LanguagePlan | None, options: GenerationOptions) -> PromptParts:
        """The prompt around every row of a call with ``plan`` and ``options``."""
        src, tgt = self._pair(plan)
        return build_parts(
            self.spec,
            self.tokenizer,
            src,
            tgt,
            task=options.task,
            hints=options.hints,
            glossary=options.glossary,
            max_words=options.max_words,
        )

    def prompt_ids(self, parts: PromptParts) -> tuple[list[int], list[int]]:
        """Token ids of the shared prefix and of the suffix after each text."""
        with self.tokenizer_lock:
            prefix = self.tokenizer(parts.prefix, add_special_tokens=parts.special_prefix)
            suffix = self.tokenizer(parts.suffix, add_special_tokens=False)
        return [int(i) for i in prefix["input_ids"]], [int(i) for i in suffix["input_ids"]]

    def stop_ids(self, parts: PromptParts) -> list[int]:
        """Tokens that end an answer: EOS and end-of-turn, and line breaks for sentence prompts."""
        return self._line_end_ids if parts.one_line else self._end_ids

    def _generate_group(
        self,
        texts: list[str],
        encoded: list[Encoded],
        plan: LanguagePlan | None,
        options: GenerationOptions,
        caps: list[int],
    ) -> list[Raw]:
        parts = self.parts(plan, options)
        prefix, suffix = self.prompt_ids(parts)
        stop = self.stop_ids(parts)
        own = [list(e.ids) + suffix for e in encoded]
        rows = self._run(_Batch(prefix, own, stop, options, max(caps)))
        ends = set(stop)
        cut = [self._stopped_at_cap(row, cap, ends) for row, cap in zip(rows, caps, strict=True)]
        decoded = self._decode(cut_to_caps(rows, caps))
        return [Raw(clean_output(t, parts), c) for t, c in zip(decoded, cut, strict=True)]

    def _checker(
        self, plan: LanguagePlan | None, options: GenerationOptions
    ) -> Callable[[str, Raw], list[str]]:
        parts = self.parts(plan, options)
        src, tgt = self._pair(plan)

        def check(source: str, raw: Raw) -> list[str]:
            found = problems(
                source,
                raw.text,
                src=src,
                tgt=tgt,
                examples=parts.examples,
                labels=parts.labels,
                check_length=parts.task == "translation",
            )
            return in_kind_order({*found, *(["truncated"] if raw.cut else [])})

        return check

    def _run(self, batch: _Batch) -> list[list[int]]:  # pragma: no cover - each backend has it
        """One backend call: the ids each row (``prefix + row``) generated, up to ``max_new``
        of them, stopping at any of ``stop``."""
        raise NotImplementedError

    def _log_loaded(self) -> None:
        logger.info(
            "Loaded %s (%s, causal) with %s on %s/%s", self.card.id, self.card.family,
            self.backend, self.device, self.dtype,
        )  # fmt: skip

    def _stopped_at_cap(self, row: list[int], cap: int, ends: set[int]) -> bool:
        """Whether generated ``row`` reached ``cap`` rather than a stop token (the backend's
        rows keep their stop token: transformers)."""
        return stopped_at_cap(row, cap, ends)

    def _decode(self, rows: Sequence[Sequence[int]]) -> list[str]:
        with self.tokenizer_lock:
            return [str(self.tokenizer.decode(list(r), skip_special_tokens=True)) for r in rows]


class LLMEngine(_CausalEngine):
    """A causal LM loaded with ``AutoModelForCausalLM`` (transformers + torch).

    ``device``/``dtype`` as for the seq2seq engine (bfloat16 rather than float16 for Gemma on a
    GPU). A ``.gguf`` card is dequantized into ringkas's cache first (:mod:`ringkas.models.gguf`).

    >>> from ringkas.models.cards import resolve
    >>> engine = LLMEngine(resolve("google/gemma-3-270m"), device="cpu")  # doctest: +SKIP
    >>> engine.backend, engine.dtype  # doctest: +SKIP
    ('transformers', 'float32')
    """

    backend = "transformers"

    def __init__(self, card: ModelCard, *, device: str | None = None, dtype: str | None = None):
        import torch
        from transformers import AutoModelForCausalLM

        super().__init__(resolve_local(card))
        self.device = resolve_device(device)
        family = "t5" if self.card.family in _GEMMA else self.card.family  # fp16-unsafe too
        self.dtype = resolve_dtype(dtype, self.device, family)
        path = self.card.path
        if path is None:  # pragma: no cover - resolve_local always sets it
            raise ModelLoadError(f"No local checkpoint for {self.card.id!r}.")
        self.tokenizer = load_tokenizer(path)
        self._setup_prompt()
        try:
            with quiet_loading():
                model: Any = AutoModelForCausalLM.from_pretrained(
                    path, dtype=getattr(torch, self.dtype)
                )
        except Exception as exc:
            raise ModelLoadError(
                f"Could not load the causal LM in {path} ({type(exc).__name__}: {exc}). "
                f"The checkpoint is incomplete or corrupt: download or save it again."
            ) from exc
        self.model = model.to(self.device).eval()
        config = getattr(self.model, "generation_config", None)
        if config is not None:  # greedy/beam decoding only: drop sampling defaults
            config.max_length = None
            config.do_sample = False
            for name in ("temperature", "top_p", "top_k"):
                setattr(config, name, None)
        pad = self.tokenizer.pad_token_id
        self.pad_id = int(pad) if pad is not None else (self._eos_ids() or [0])[0]
        self._log_loaded()

    def _run(self, batch: _Batch) -> list[list[int]]:
        import torch

        options = batch.options
        prompts = [batch.prefix + r for r in batch.rows]
        width = max(len(r) for r in prompts)
        ids = torch.tensor([[self.pad_id] * (width - len(r)) + r for r in prompts])
        mask = torch.tensor([[0] * (width - len(r)) + [1] * len(r) for r in prompts])
        kwargs: dict[str, Any] = {
            "num_beams": options.num_beams,
            "do_sample": False,
            "max_new_tokens": batch.max_new,
            "eos_token_id": batch.stop,
            "pad_token_id": self.pad_id,
            **decoding_kwargs(options, HF_DECODING),
        }
        with torch.inference_mode():
            output = self.model.generate(
                input_ids=ids.to(self.device), attention_mask=mask.to(self.device), **kwargs
            )
        return [list(r) for r in output[:, width:].tolist()]


class CT2LLMEngine(_CausalEngine):
    """A causal LM converted to CTranslate2 and run with ``ctranslate2.Generator``.

    >>> from ringkas.models.cards import resolve
    >>> engine = CT2LLMEngine(resolve("google/gemma-3-270m"), device="cpu")  # doctest: +SKIP
    >>> engine.backend, engine.dtype  # doctest: +SKIP
    ('ctranslate2', 'int8')
    """

    backend = "ctranslate2"

    def __init__(
        self,
        card: ModelCard,
        *,
        device: str | None = None,
        compute_type: str | None = None,
        intra_threads: int | None = None,
        inter_threads: int = 1,
    ) -> None:
        require_ct2()
        import ctranslate2

        super().__init__(resolve_local(card))
        if not supports(self.card):
            raise EngineNotAvailableError(
                f"CTranslate2 cannot run the {self.card.family!r} family of {self.card.id!r}; "
                f"use backend='transformers'."
            )
        self.device, self.dtype, quantization, options = load_options(
            device, compute_type, intra_threads, inter_threads,
            gpu_compute_type="bfloat16" if self.card.family in _GEMMA else None,  # fp16 overflows
        )  # fmt: skip
        self.tokenizer = load_tokenizer(self.card.path)
        self._setup_prompt()
        self.generator, self.model_dir = load_or_rebuild(
            ctranslate2.Generator, self.card, quantization, **options
        )
        self._log_loaded()

    def _run(self, batch: _Batch) -> list[list[int]]:
        with self.tokenizer_lock:
            static = list(self.tokenizer.convert_ids_to_tokens(batch.prefix))
            tokens = [list(self.tokenizer.convert_ids_to_tokens(r)) for r in batch.rows]
        kwargs: dict[str, Any] = {
            "beam_size": batch.options.num_beams,
            "max_length": batch.max_new,
            "end_token": batch.stop,
            "include_prompt_in_result": False,
            "static_prompt": static,
            "max_batch_size": 0,
            "sampling_topk": 1,
            **decoding_kwargs(batch.options, _CT2_GENERATE),
        }
        try:
            results = self.generator.generate_batch(tokens, **kwargs)
        except RuntimeError as exc:
            if missing_library(exc):
                raise EngineNotAvailableError(
                    f"CTranslate2 cannot run on {self.device} here: {exc}. Use "
                    f"backend='transformers', or install a ctranslate2 build for this CUDA."
                ) from exc
            raise
        return [list(r.sequences_ids[0]) for r in results]

    def _stopped_at_cap(self, row: list[int], cap: int, ends: set[int]) -> bool:
        # a Generator's result leaves its end token out: a row as long as its cap stopped there
        return len(row) >= cap
