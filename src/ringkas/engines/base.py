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
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol, runtime_checkable

from ringkas.engines.retry import Attempts, Generated, Key, decoding_key, next_variant
from ringkas.errors import ConfigError, ModelLoadError, TokenizerMissingError
from ringkas.models.cards import ModelCard
from ringkas.models.languages import LanguagePlan
from ringkas.text.degenerate import KINDS

__all__ = [
    "DEVICES",
    "DTYPES",
    "TOKENIZER_FILES",
    "Encoded",
    "Engine",
    "EngineBase",
    "GenerationOptions",
    "Raw",
    "auto_max_new_tokens",
    "check_device",
    "cut_to_caps",
    "decoding_kwargs",
    "generation_groups",
    "group_by_cap",
    "in_kind_order",
    "load_tokenizer",
    "max_positions",
    "model_inputs",
    "quiet_loading",
    "resolve_device",
    "resolve_dtype",
    "stopped_at_cap",
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
# config.json keys that bound the positions a model reads, most specific first (seq2seq: the
# decoder's; causal: prompt and output together)
_DECODER_POSITIONS = ("max_target_positions", "max_decoder_position_embeddings",
                      "max_position_embeddings", "n_positions")  # fmt: skip
_CAUSAL_POSITIONS = ("max_position_embeddings", "n_positions", "max_sequence_length",
                     "seq_length", "n_ctx")  # fmt: skip


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


def generation_groups(caps: Sequence[int], num_beams: int) -> list[list[int]]:
    """The row indices to generate together, each group in one backend call.

    Greedy decoding (``num_beams == 1``) runs the whole batch in one call to its longest cap
    and each row is then cut at its own cap (:func:`cut_to_caps`): a greedy row's first ``n``
    tokens do not depend on how long decoding goes on, so this equals generating every row
    with its own cap, in one call instead of one per distinct cap. Beam search, whose finished
    hypotheses do depend on the limit, runs one call per cap (:func:`group_by_cap`).

    >>> generation_groups([32, 48, 32], 1), generation_groups([32, 48, 32], 4)
    ([[0, 1, 2]], [[0, 2], [1]])
    """
    if num_beams == 1:
        return [list(range(len(caps)))] if caps else []
    return [indices for _, indices in group_by_cap(caps)]


def cut_to_caps(rows: Sequence[Sequence[int]], caps: Sequence[int]) -> list[list[int]]:
    """Each row of generated ids cut to its own cap (see :func:`generation_groups`).

    >>> cut_to_caps([[5, 6, 7, 8], [5, 6]], [3, 3])
    [[5, 6, 7], [5, 6]]
    """
    return [list(row[:cap]) for row, cap in zip(rows, caps, strict=True)]


class Raw(NamedTuple):
    """One row as a backend call left it: the text, and whether it stopped because it reached
    its token cap (``cut``) rather than at EOS or the end of the line.

    >>> Raw("Prices rose in the first quarter of 202", cut=True).cut
    True
    """

    text: str
    cut: bool = False


def stopped_at_cap(row: Sequence[int], cap: int, ends: Collection[int]) -> bool:
    """True when generated ids ``row`` hold none of ``ends`` within their first ``cap`` ids:
    decoding stopped because the row reached its cap. Only the first ``cap`` ids are read, so
    the answer is the same whether the row ran alone to its cap or in a batch to a longer one.

    >>> stopped_at_cap([5, 6, 7, 1, 0], 4, {1}), stopped_at_cap([5, 6, 7, 8, 1], 4, {1})
    (False, True)
    """
    return not any(int(i) in ends for i in row[:cap])


def max_positions(path: Path | str | None, *, causal: bool) -> int | None:
    """How many positions the checkpoint in ``path`` reads, from its ``config.json``: a seq2seq
    model's decoder positions (``max_target_positions``, ``max_position_embeddings`` ...), a
    causal LM's context (prompt and output together). ``None`` when it has no such limit (T5's
    relative positions) or no readable config.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "config.json").write_text('{"max_position_embeddings": 512}')
    ...     max_positions(tmp, causal=False)
    512
    >>> max_positions("no/such/folder", causal=True) is None
    True
    """
    if path is None:
        return None
    try:
        config = json.loads((Path(str(path)) / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(config, dict):
        return None
    sections = [config] + [
        config[k] for k in ("text_config", "decoder") if isinstance(config.get(k), dict)
    ]
    if not causal and any("relative_attention_num_buckets" in c for c in sections):
        return None  # relative positions (T5 family): no fixed table to run past
    for section in sections:
        for key in _CAUSAL_POSITIONS if causal else _DECODER_POSITIONS:
            value = section.get(key)
            if isinstance(value, int) and value > 0:
                return value
    return None


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
    encoding, per-row length caps (:func:`generation_groups`) bounded by the model's positions,
    and the retry of degenerate rows.

    A subclass sets ``backend``, ``device``, ``dtype``, ``tokenizer``, ``ceiling`` (the largest
    output length), ``positions`` (what the model reads at most, or ``None``) and implements
    :meth:`_generate_group`. A row that stops at its cap (``Raw.cut``: not at EOS or the end of
    the line) counts as ``truncated``, and every degenerate row (:mod:`ringkas.text.degenerate`)
    is generated once more with other decoding (:func:`ringkas.engines.retry.next_variant`);
    what is still degenerate is returned as it is and named in one warning per call.

    >>> class Words(EngineBase):
    ...     backend, device, dtype, ceiling, positions = "words", "cpu", "float32", 512, None
    ...     def _encode_texts(self, texts, plan): return [tuple(range(len(t.split()))) for t in texts]
    ...     def _generate_group(self, texts, encoded, plan, options, caps):
    ...         return [Raw(f"{t} ({cap})") for t, cap in zip(texts, caps)]
    >>> engine = Words(ModelCard(id="words", family="t5", task="translation"))
    >>> engine.generate(["a b", "c", "d e"], None, GenerationOptions())
    ['a b (16)', 'c (16)', 'd e (16)']
    >>> encoded = engine.encode(["a b", "c"], None)
    >>> [e.ids for e in encoded], engine.count_tokens(["a b", "c"], None)
    ([(0, 1), (0,)], [2, 1])
    >>> engine.caps(encoded, GenerationOptions(max_new_tokens=8))
    [8, 8]
    >>> engine.positions = 10  # a model with 10 positions never gets a longer cap
    >>> engine.caps(encoded, GenerationOptions(max_new_tokens=80))
    [10, 10]
    """

    backend: str
    device: str
    dtype: str
    tokenizer: Any
    ceiling: int
    positions: int | None = None

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

    def caps(
        self,
        encoded: Sequence[Encoded],
        options: GenerationOptions,
        plan: LanguagePlan | None = None,
    ) -> list[int]:
        """Each row's output length cap: ``options.max_new_tokens`` when set, else from the row's
        own length (:func:`auto_max_new_tokens`); never past the model's positions."""
        if options.max_new_tokens is not None:
            caps = [options.max_new_tokens] * len(encoded)
        else:
            caps = [auto_max_new_tokens(len(e), self.ceiling) for e in encoded]
        return self._bound(caps, self._prompt_lengths(encoded, plan, options))

    def _bound(self, caps: list[int], prompts: Sequence[int]) -> list[int]:
        """``caps`` cut so that prompt and output fit the model's positions."""
        if self.positions is None:
            return caps
        return [max(1, min(cap, self.positions - p)) for cap, p in zip(caps, prompts, strict=True)]

    def _prompt_lengths(
        self, encoded: Sequence[Encoded], plan: LanguagePlan | None, options: GenerationOptions
    ) -> list[int]:
        """Positions each row's input takes from its output's: none for a seq2seq model (the
        encoder has its own); a causal LM overrides this with its prompt lengths."""
        return [0] * len(encoded)

    def generate(
        self,
        texts: Sequence[str],
        plan: LanguagePlan | None,
        options: GenerationOptions,
        *,
        encoded: Sequence[Encoded] | None = None,
        attempts: Attempts | None = None,
    ) -> list[str]:
        """Generate one output per text (one batch; the caller sizes batches).

        ``attempts`` is the caller's record for one call of many batches
        (:class:`~ringkas.engines.retry.Attempts`): what each text was already decoded with
        (its retry uses another) and what was found goes there, for the caller to report.
        Without it, outputs still degenerate after the retry are named in one warning."""
        record = attempts if attempts is not None else Attempts()
        tried = [record.tried(t) for t in texts]
        rows = self.generate_rows(texts, plan, options, encoded=encoded, tried=tried)
        record.record(list(texts), rows)
        message = record.message(self.card.id) if attempts is None else None
        if message is not None:
            logger.warning("%s", message)
        return [row.text for row in rows]

    def generate_rows(
        self,
        texts: Sequence[str],
        plan: LanguagePlan | None,
        options: GenerationOptions,
        *,
        encoded: Sequence[Encoded] | None = None,
        tried: Sequence[Sequence[Key]] | None = None,
    ) -> list[Generated]:
        """Like :meth:`generate`, but each output comes with what was found and tried
        (:class:`~ringkas.engines.retry.Generated`) and nothing is logged: the caller reports.
        ``tried[i]`` holds decodings text ``i`` already had in this call; its retry uses
        another.

        A toy engine whose rows always reach their cap: each is tried twice, then named.

        >>> class Cut(EngineBase):
        ...     backend, device, dtype, ceiling = "cut", "cpu", "float32", 512
        ...     def _encode_texts(self, texts, plan): return [(1, 2) for t in texts]
        ...     def _generate_group(self, texts, encoded, plan, options, caps):
        ...         return [Raw(f"{t} (beams {options.num_beams})", cut=True) for t in texts]
        >>> (row,) = Cut(ModelCard(id="cut", family="t5", task="translation")).generate_rows(
        ...     ["Harga naik."], None, GenerationOptions())
        >>> row.text, row.found, row.kinds, len(row.tried)
        ('Harga naik. (beams 4)', ('truncated',), ('truncated',), 2)
        """
        if not texts:
            return []
        rows = list(encoded) if encoded is not None else self.encode(texts, plan)
        if len(rows) != len(texts):
            raise ConfigError(
                f"generate: got {len(texts)} texts but {len(rows)} encodings; pass the list that "
                f"encode() returned for exactly these texts."
            )
        caps = self.caps(rows, options, plan)
        check = self._checker(plan, options)
        first = self._run_groups(list(texts), rows, plan, options, caps)
        found = [check(t, raw) for t, raw in zip(texts, first, strict=True)]
        outputs, kinds = [raw.text for raw in first], list(found)
        history = [[decoding_key(options)] for _ in texts]
        redo: dict[Key, tuple[GenerationOptions, list[int]]] = {}
        for i, row_kinds in enumerate(found):
            earlier = list(tried[i]) if tried is not None else []
            variant = next_variant(options, earlier + history[i]) if row_kinds else None
            if variant is not None:
                redo.setdefault(decoding_key(variant), (variant, []))[1].append(i)
        for key, (variant, indices) in redo.items():
            again = self._run_groups(
                [texts[i] for i in indices], [rows[i] for i in indices], plan, variant,
                [caps[i] for i in indices],
            )  # fmt: skip
            for i, raw in zip(indices, again, strict=True):
                history[i].append(key)
                now = check(texts[i], raw)
                if len(now) <= len(kinds[i]):
                    outputs[i], kinds[i] = raw.text, now
        leaked = ["prompt_leak" in k for k in kinds]  # a leaked prompt is never a translation
        return [
            Generated("" if leak else out, tuple(f), tuple(k), tuple(h))
            for out, leak, f, k, h in zip(outputs, leaked, found, kinds, history, strict=True)
        ]

    def _run_groups(
        self,
        texts: list[str],
        rows: list[Encoded],
        plan: LanguagePlan | None,
        options: GenerationOptions,
        caps: list[int],
    ) -> list[Raw]:
        """Every row generated, in as few backend calls as :func:`generation_groups` allows."""
        outputs: list[Raw] = [Raw("")] * len(texts)
        for indices in generation_groups(caps, options.num_beams):
            results = self._generate_group(
                [texts[i] for i in indices],
                [rows[i] for i in indices],
                plan,
                options,
                [caps[i] for i in indices],
            )
            for i, out in zip(indices, results, strict=True):
                outputs[i] = out
        return outputs

    def _checker(
        self, plan: LanguagePlan | None, options: GenerationOptions
    ) -> Callable[[str, Raw], list[str]]:
        """``check(source, raw)``: the degenerate kinds of one row, in :data:`KINDS` order. A
        seq2seq row is checked for truncation; a causal LM's text is checked too."""
        return lambda source, raw: ["truncated"] if raw.cut else []

    def _generate_group(
        self,
        texts: list[str],
        encoded: list[Encoded],
        plan: LanguagePlan | None,
        options: GenerationOptions,
        caps: list[int],
    ) -> list[Raw]:  # pragma: no cover - every engine implements it
        """One backend call: decode up to ``max(caps)`` tokens, then cut row ``i`` at
        ``caps[i]`` (:func:`cut_to_caps`), saying whether it stopped there (:class:`Raw`)."""
        raise NotImplementedError


def in_kind_order(kinds: Collection[str]) -> list[str]:
    """``kinds`` in :data:`~ringkas.text.degenerate.KINDS` order.

    >>> in_kind_order({"repetition", "truncated"})
    ['truncated', 'repetition']
    """
    return [k for k in KINDS if k in kinds]
