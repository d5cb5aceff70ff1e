"""The Engine protocol, and what every engine shares: device, tokenizer, encoding, length caps.

Engines know nothing about documents, sentences or batching policy: :mod:`ringkas.translation` and
:mod:`ringkas.summarization` hand them ready-made batches. Encoding is explicit: a caller encodes
its texts once (:meth:`Engine.encode`: the token counts it sorts and packs by come from the
encodings), then hands the encodings of each batch to :meth:`Engine.generate`, so no text is
tokenized twice and no engine keeps anything between calls. A new backend is a class with these
few members, registered in :mod:`ringkas.engines`.

Sharing: an engine holds the model, the tokenizer (used under a lock) and nothing per call, so
one engine (and one ``Translator`` or ``Summarizer``) can be used from several threads at once.

>>> from ringkas.engines import load_engine
>>> from ringkas.models.cards import resolve
>>> engine = load_engine(resolve("tests/fixtures/fidelity-translate"), backend="transformers",
...                      device="cpu")
>>> isinstance(engine, Engine)
True
>>> texts = ["Menteri datang ke pasar.", "Harga beras naik."]
>>> encoded = engine.encode(texts, None)
>>> [len(e) for e in encoded] == engine.count_tokens(texts, None)
True
>>> engine.generate(texts, None, GenerationOptions(), encoded=encoded)
['Minister come to market.', 'Price rice rise.']
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ringkas.errors import ConfigError, ModelLoadError, TokenizerMissingError
from ringkas.models.cards import ModelCard
from ringkas.models.languages import LanguagePlan

__all__ = [
    "DEVICES",
    "DTYPES",
    "TOKENIZER_FILES",
    "Encoded",
    "Engine",
    "EngineBase",
    "GenerationOptions",
    "auto_max_new_tokens",
    "check_device",
    "decoding_kwargs",
    "group_by_cap",
    "load_tokenizer",
    "model_inputs",
    "quiet_loading",
    "resolve_device",
    "resolve_dtype",
]

logger = logging.getLogger(__name__)

DEVICES = ("cpu", "cuda", "mps")
DTYPES = ("float32", "float16", "bfloat16")
#: Any one of these in a checkpoint directory holds a tokenizer's vocabulary.
TOKENIZER_FILES = (
    "tokenizer.json", "tokenizer.model", "spiece.model", "sentencepiece.bpe.model",
    "source.spm", "vocab.json", "vocab.txt", "tokenizer.tiktoken", "sentencepiece.model",
)  # fmt: skip
# fp16 overflows in T5-family activations (NaN or empty output); bf16 or fp32 instead.
_FP16_UNSAFE = ("t5", "mt5", "umt5", "madlad", "longt5")
_CAP_STEP = 16  # per-sentence length caps are rounded up to a multiple of this


@dataclass(frozen=True)
class GenerationOptions:
    """Decoding settings for one call; ``None`` means the engine's or model card's default.

    ``hints`` are values and names the output must keep (a causal LM is told them in its
    prompt), ``glossary`` pairs a source term with the English it must become (same). ``task``
    (``"translation"`` or ``"summarization"``) and ``max_words`` choose a causal LM's prompt.
    Seq2seq engines ignore these four.

    >>> GenerationOptions(num_beams=4, max_new_tokens=64)  # doctest: +NORMALIZE_WHITESPACE
    GenerationOptions(num_beams=4, max_new_tokens=64, min_new_tokens=None,
                      no_repeat_ngram_size=None, length_penalty=None, repetition_penalty=None,
                      hints=(), glossary=(), task='translation', max_words=None)
    """

    num_beams: int = 1
    max_new_tokens: int | None = None
    min_new_tokens: int | None = None
    no_repeat_ngram_size: int | None = None
    length_penalty: float | None = None
    repetition_penalty: float | None = None
    hints: tuple[str, ...] = ()
    glossary: tuple[tuple[str, str], ...] = ()
    task: str = "translation"
    max_words: int | None = None


@dataclass(frozen=True)
class Encoded:
    """One text as the model reads it: token ids, language prefixes and specials included.

    ``len()`` is its token count (what batches are packed and input budgets checked by).

    >>> len(Encoded((5, 17, 2)))
    3
    """

    ids: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.ids)


def auto_max_new_tokens(input_tokens: int, ceiling: int) -> int:
    """Room for the output of one input of ``input_tokens`` tokens: 1.5x + 10, rounded up to a
    multiple of 16 (so similar sentences share a cap), at most ``ceiling``.

    The cap depends on the sentence alone, never on the others of its batch, so a sentence that
    runs to its cap gives the same output whatever it is batched with.

    >>> auto_max_new_tokens(20, 512), auto_max_new_tokens(21, 512), auto_max_new_tokens(900, 512)
    (48, 48, 512)
    """
    raw = int(input_tokens * 1.5) + 10
    return max(1, min(ceiling, -(-raw // _CAP_STEP) * _CAP_STEP))


def group_by_cap(caps: Sequence[int]) -> list[tuple[int, list[int]]]:
    """Row indices grouped by their length cap, in order of first appearance: each group is
    generated with its own ``max_new_tokens``.

    >>> group_by_cap([32, 48, 32])
    [(32, [0, 2]), (48, [1])]
    """
    groups: dict[int, list[int]] = {}
    for i, cap in enumerate(caps):
        groups.setdefault(cap, []).append(i)
    return list(groups.items())


def decoding_kwargs(options: GenerationOptions, names: Mapping[str, str]) -> dict[str, Any]:
    """The options that are set, under the backend's argument names (``names``: ours -> theirs).

    >>> decoding_kwargs(GenerationOptions(repetition_penalty=1.2),
    ...                 {"repetition_penalty": "repetition_penalty", "min_new_tokens": "min_length"})
    {'repetition_penalty': 1.2}
    """
    return {
        theirs: getattr(options, ours)
        for ours, theirs in names.items()
        if getattr(options, ours) is not None
    }


def model_inputs(
    tokenizer: Any, card: ModelCard, plan: LanguagePlan | None, texts: Sequence[str]
) -> list[str]:
    """The texts as a seq2seq tokenizer must see them.

    Sets the tokenizer's source language where the family has one (NLLB, mBART, M2M100: call it
    under the engine's tokenizer lock) and puts the card's and the plan's text prefixes in front
    (``"summarize: "``, ``"<2en> "``).

    >>> card = ModelCard(id="t5", family="t5", task="summarization", input_prefix="summarize: ")
    >>> model_inputs(object(), card, None, ["Harga naik."])
    ['summarize: Harga naik.']
    """
    src_lang = plan.tokenizer_src_lang if plan is not None else None
    if src_lang is not None:
        tokenizer.src_lang = src_lang
    prefix = card.input_prefix + (plan.text_prefix if plan else "")
    return [prefix + t for t in texts]


def check_device(device: str | None) -> str | None:
    """``device`` if it names a device ringkas knows (``None``/``"auto"``: ``None``), else a
    :class:`~ringkas.errors.ConfigError`; availability is the backend's question.

    Only ``cuda`` takes an index, and it must be a non-negative integer (``cuda:0``).

    >>> check_device("cuda:1"), check_device("auto")
    ('cuda:1', None)
    >>> check_device("cuda:x")
    Traceback (most recent call last):
    ...
    ringkas.errors.ConfigError: device must be 'cpu', 'cuda', 'cuda:N', 'mps' or 'auto', got 'cuda:x'.
    """
    if device is None or device == "auto":
        return None
    if not isinstance(device, str) or not (
        device in DEVICES or re.fullmatch(r"cuda:[0-9]+", device) is not None
    ):
        raise ConfigError(
            f"device must be 'cpu', 'cuda', 'cuda:N', 'mps' or 'auto', got {device!r}."
        )
    return device


def resolve_device(device: str | None) -> str:
    """``None``/``"auto"`` -> ``"cuda"`` if torch sees one, else ``"mps"``, else ``"cpu"``.

    >>> resolve_device("cpu")
    'cpu'
    """
    import torch

    asked = check_device(device)
    if asked is None:
        if torch.cuda.is_available():
            return "cuda"
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return "mps"
        return "cpu"
    if asked.startswith("cuda") and not torch.cuda.is_available():
        raise ConfigError(
            f"device={asked!r} was asked for but torch sees no CUDA GPU (torch {torch.__version__}). "
            f"Use device='cpu', or install a CUDA build of torch."
        )
    return asked


def resolve_dtype(dtype: str | None, device: str, family: str) -> str:
    """fp32 on CPU; on GPU fp16, or bf16 for T5-style families (fp32 where bf16 is missing).

    >>> resolve_dtype(None, "cpu", "marian"), resolve_dtype("bfloat16", "cpu", "marian")
    ('float32', 'bfloat16')
    """
    if dtype not in (None, "auto"):
        if dtype not in DTYPES:
            raise ConfigError(f"dtype must be one of {DTYPES} or 'auto', got {dtype!r}.")
        return str(dtype)
    if device == "cpu":
        return "float32"
    if family in _FP16_UNSAFE:
        import torch

        if device.startswith("cuda") and torch.cuda.is_bf16_supported():
            return "bfloat16"
        return "float32"
    return "float16"


@contextmanager
def quiet_loading() -> Iterator[None]:
    """transformers' "Loading weights" progress bar off while a model loads, then as it was:
    ringkas shows its own progress, and that bar only lands in CLI stderr and notebook cells.

    >>> from transformers.utils import logging as hf_logging
    >>> before = hf_logging.is_progress_bar_enabled()
    >>> with quiet_loading():
    ...     hf_logging.is_progress_bar_enabled()
    False
    >>> hf_logging.is_progress_bar_enabled() == before
    True
    """
    from transformers.utils import logging as hf_logging

    was_on = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_on:
            hf_logging.enable_progress_bar()


def load_tokenizer(path: Path | str | None) -> Any:
    """The tokenizer saved in checkpoint directory ``path``.

    A directory without any tokenizer file raises :class:`~ringkas.errors.TokenizerMissingError`
    (transformers 5 would build an empty tokenizer and every output would be empty). The class
    that ``tokenizer_config.json`` names is imported directly: ``AutoTokenizer`` imports torch
    (about 250 MB resident), which the CTranslate2 engines do not need.

    >>> load_tokenizer("tests/fixtures/fidelity-translate").__class__.__name__
    'T5Tokenizer'
    """
    import transformers

    folder = Path(str(path))
    if folder.is_dir() and not any((folder / name).is_file() for name in TOKENIZER_FILES):
        raise TokenizerMissingError(
            f"{folder} has no tokenizer files (none of {', '.join(TOKENIZER_FILES[:6])} ...), so "
            f"its model cannot read or write text. Save the tokenizer next to the model with "
            f"tokenizer.save_pretrained({str(folder)!r}), or copy those files from the original "
            f"checkpoint."
        )
    name = ""
    try:
        config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
        name = str(config.get("tokenizer_class") or "")
    except (OSError, ValueError):
        pass
    cls = getattr(transformers, name, None) if name.isidentifier() else None
    try:
        return (cls or transformers.AutoTokenizer).from_pretrained(folder)
    except Exception as exc:
        raise ModelLoadError(
            f"Could not load the tokenizer from {folder} ({type(exc).__name__}: {exc}). "
            f"The directory needs the tokenizer files saved by tokenizer.save_pretrained()."
        ) from exc


@runtime_checkable
class Engine(Protocol):
    """A loaded model that generates text. ``backend`` is e.g. ``"transformers"``.

    Any object with these members is an engine; a toy one that upper-cases its input:

    >>> from ringkas.models.cards import ModelCard
    >>> class Upper:
    ...     backend, device, dtype = "upper", "cpu", "float32"
    ...     card = ModelCard(id="upper", family="t5", task="translation")
    ...     def encode(self, texts, plan): return [Encoded(tuple(t.split())) for t in texts]
    ...     def count_tokens(self, texts, plan): return [len(e) for e in self.encode(texts, plan)]
    ...     def generate(self, texts, plan, options, *, encoded=None): return [t.upper() for t in texts]
    >>> isinstance(Upper(), Engine), Upper().generate(["satu"], None, GenerationOptions())
    (True, ['SATU'])
    """

    backend: str
    card: ModelCard
    device: str
    dtype: str

    def encode(self, texts: Sequence[str], plan: LanguagePlan | None) -> list[Encoded]:
        """One encoding per text, as the model will read it (specials and prefixes included)."""
        ...

    def count_tokens(self, texts: Sequence[str], plan: LanguagePlan | None) -> list[int]:
        """Token counts of ``texts``: ``[len(e) for e in encode(texts, plan)]``."""
        ...

    def generate(
        self,
        texts: Sequence[str],
        plan: LanguagePlan | None,
        options: GenerationOptions,
        *,
        encoded: Sequence[Encoded] | None = None,
    ) -> list[str]:
        """One output string per input text, in the same order. ``encoded`` holds what
        :meth:`encode` returned for these texts (they are encoded here when it is ``None``)."""
        ...


class EngineBase:
    """What the seq2seq and causal engines share: the card, the tokenizer behind a lock, explicit
    encoding, and generation in groups of rows that share a length cap.

    A subclass sets ``backend``, ``device``, ``dtype``, ``tokenizer``, ``ceiling`` (the largest
    output length) and implements :meth:`_generate_group`.

    >>> class Words(EngineBase):
    ...     backend, device, dtype, ceiling = "words", "cpu", "float32", 512
    ...     def _encode_texts(self, texts, plan): return [tuple(range(len(t.split()))) for t in texts]
    ...     def _generate_group(self, texts, encoded, plan, options, cap):
    ...         return [f"{t} ({cap})" for t in texts]
    >>> engine = Words(ModelCard(id="words", family="t5", task="translation"))
    >>> engine.generate(["a b", "c", "d e"], None, GenerationOptions())
    ['a b (16)', 'c (16)', 'd e (16)']
    >>> encoded = engine.encode(["a b", "c"], None)
    >>> [e.ids for e in encoded], engine.count_tokens(["a b", "c"], None)
    ([(0, 1), (0,)], [2, 1])
    >>> engine.caps(encoded, GenerationOptions(max_new_tokens=8))
    [8, 8]
    """

    backend: str
    device: str
    dtype: str
    tokenizer: Any
    ceiling: int

    def __init__(self, card: ModelCard) -> None:
        self.card = card
        # Fast tokenizers are not safe to call from two threads at once ("Already borrowed"),
        # and seq2seq encoding sets tokenizer.src_lang: every use goes through this lock.
        self.tokenizer_lock = threading.Lock()

    def _encode_texts(
        self, texts: Sequence[str], plan: LanguagePlan | None
    ) -> list[tuple[int, ...]]:
        with self.tokenizer_lock:
            inputs = model_inputs(self.tokenizer, self.card, plan, texts)
            # verbose=False: counting text longer than the model takes is the point of encoding
            # whole sentences, so transformers' "longer than the maximum" warning is noise.
            ids = self.tokenizer(inputs, add_special_tokens=True, verbose=False)["input_ids"]
        return [tuple(int(i) for i in row) for row in ids]

    def encode(self, texts: Sequence[str], plan: LanguagePlan | None) -> list[Encoded]:
        """One :class:`Encoded` per text (see the module example)."""
        if not texts:
            return []
        return [Encoded(ids) for ids in self._encode_texts(list(texts), plan)]

    def count_tokens(self, texts: Sequence[str], plan: LanguagePlan | None) -> list[int]:
        """Token counts of ``texts`` as the model will see them (specials and prefixes included)."""
        return [len(e) for e in self.encode(texts, plan)]

    def caps(self, encoded: Sequence[Encoded], options: GenerationOptions) -> list[int]:
        """Each row's output length cap: ``options.max_new_tokens`` when set, else from the row's
        own length (:func:`auto_max_new_tokens`)."""
        if options.max_new_tokens is not None:
            return [options.max_new_tokens] * len(encoded)
        return [auto_max_new_tokens(len(e), self.ceiling) for e in encoded]

    def generate(
        self,
        texts: Sequence[str],
        plan: LanguagePlan | None,
        options: GenerationOptions,
        *,
        encoded: Sequence[Encoded] | None = None,
    ) -> list[str]:
        """Generate one output per text (one batch; the caller sizes batches)."""
        if not texts:
            return []
        rows = list(encoded) if encoded is not None else self.encode(texts, plan)
        if len(rows) != len(texts):
            raise ConfigError(
                f"generate: got {len(texts)} texts but {len(rows)} encodings; pass the list that "
                f"encode() returned for exactly these texts."
            )
        outputs: list[str] = [""] * len(texts)
        for cap, indices in group_by_cap(self.caps(rows, options)):
            results = self._generate_group(
                [texts[i] for i in indices], [rows[i] for i in indices], plan, options, cap
            )
            for i, out in zip(indices, results, strict=True):
                outputs[i] = out
        return outputs

    def _generate_group(
        self,
        texts: list[str],
        encoded: list[Encoded],
        plan: LanguagePlan | None,
        options: GenerationOptions,
        cap: int,
    ) -> list[str]:  # pragma: no cover - every engine implements it
        raise NotImplementedError
