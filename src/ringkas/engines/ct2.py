"""The CTranslate2 engine: the same checkpoints, converted once, run int8 on CPU and fp16 on CUDA.

The Hugging Face checkpoint is converted on first use into
``$RINGKAS_CT2_CACHE`` (default ``~/.cache/ringkas/ct2``)
``/<model>-<revision or content hash>-<quantization>``. Conversion writes to a temporary folder
and renames it into place only when complete, with a ``ringkas-ct2.json`` stamp listing the file
sizes, so a crash mid-conversion never leaves a model that later loads; an entry whose stamp is
missing or whose files do not match is deleted and rebuilt.

>>> from ringkas.models.cards import resolve
>>> supports(resolve("facebook/nllb-200-distilled-600M"))
True
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ringkas.engines.base import (
    Encoded,
    EngineBase,
    GenerationOptions,
    Raw,
    check_device,
    decoding_kwargs,
    load_tokenizer,
    max_positions,
    quiet_loading,
)
from ringkas.errors import ConfigError, EngineNotAvailableError, ModelLoadError
from ringkas.models.cards import ModelCard
from ringkas.models.hub import resolve_local
from ringkas.models.languages import LanguagePlan

__all__ = [
    "CAUSAL_FAMILIES",
    "COMPUTE_TYPES",
    "CT2_DECODING",
    "SUPPORTED_FAMILIES",
    "CT2Engine",
    "cache_root",
    "compute_type_for",
    "convert",
    "is_available",
    "load_options",
    "load_or_rebuild",
    "missing_library",
    "require_ct2",
    "resolve_ct2_device",
    "supports",
    "threads",
]

logger = logging.getLogger(__name__)

#: Seq2seq families whose transformers checkpoints CTranslate2's converter handles.
SUPPORTED_FAMILIES = frozenset(
    {"marian", "nllb", "m2m100", "mbart50", "mbart", "bart", "t5", "mt5", "madlad", "pegasus"}
)
#: Causal LM families the converter handles (run with ``ctranslate2.Generator``).
CAUSAL_FAMILIES = frozenset(
    {"gemma", "gemma2", "gemma3", "llama", "mistral", "qwen2", "qwen3", "phi", "phi3", "gpt2",
     "falcon", "bloom", "opt", "mpt", "gptj", "gpt_neox"}
)  # fmt: skip
#: GenerationOptions field -> CTranslate2 ``translate_batch``/``generate_batch`` argument.
CT2_DECODING = {
    "min_new_tokens": "min_decoding_length",
    "no_repeat_ngram_size": "no_repeat_ngram_size",
    "length_penalty": "length_penalty",
    "repetition_penalty": "repetition_penalty",
}
COMPUTE_TYPES = (
    "default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16",
    "float16", "bfloat16", "float32",
)  # fmt: skip
_STAMP = "ringkas-ct2.json"


def is_available() -> bool:
    """True when the ``ctranslate2`` package imports (``pip install "ringkas[ct2]"``).

    >>> import importlib.util
    >>> is_available() == (importlib.util.find_spec("ctranslate2") is not None)
    True
    """
    try:
        import ctranslate2  # noqa: F401
    except (ImportError, OSError):  # not installed, or a shared library it needs is missing
        return False
    return True


def supports(card: ModelCard) -> bool:
    """True when CTranslate2 can run ``card``'s family.

    >>> from ringkas.models.cards import ModelCard, resolve
    >>> supports(resolve("Helsinki-NLP/opus-mt-id-en"))
    True
    >>> supports(ModelCard(id="some/fsmt-model", family="fsmt", task="translation"))
    False
    >>> supports(resolve("google/gemma-3-270m"))
    True
    """
    if card.is_causal:
        return card.family in CAUSAL_FAMILIES
    return card.family in SUPPORTED_FAMILIES


def cache_root() -> Path:
    """Where converted models live: ``RINGKAS_CT2_CACHE`` or ``~/.cache/ringkas/ct2``.

    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"RINGKAS_CT2_CACHE": "/data/ct2"}):
    ...     cache_root().as_posix()
    '/data/ct2'
    """
    env = os.environ.get("RINGKAS_CT2_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "ringkas" / "ct2"


def _content_hash(folder: Path) -> str:
    """A short hash of a checkpoint: names, sizes, small files whole, big files' ends."""
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        size = file.stat().st_size
        digest.update(f"{file.relative_to(folder)}\0{size}\0".encode())
        with file.open("rb") as fh:
            if size <= 2**20:
                digest.update(fh.read())
            else:
                digest.update(fh.read(2**20))
                fh.seek(-(2**20), os.SEEK_END)
                digest.update(fh.read())
    return digest.hexdigest()[:16]


def _entry_name(card: ModelCard, folder: Path, quantization: str) -> str:
    tag = card.revision or (folder.name if "snapshots" in folder.parts else _content_hash(folder))
    name = re.sub(r"[^A-Za-z0-9._-]+", "--", card.id.strip("/\\"))[-80:]
    return f"{name}-{tag}-{quantization}"


def _stamp_ok(entry: Path) -> bool:
    stamp = entry / _STAMP
    try:
        files = json.loads(stamp.read_text(encoding="utf-8"))["files"]
        return all((entry / name).stat().st_size == size for name, size in files.items())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def convert(card: ModelCard, quantization: str) -> Path:
    """Convert ``card``'s checkpoint (once) and return the CTranslate2 model folder.

    The folder is named after the model, its revision (or a hash of its files) and the
    quantization, under :func:`cache_root`; a second call finds it and converts nothing.

    >>> from ringkas.models.cards import resolve
    >>> card = resolve("tests/fixtures/fidelity-translate")
    >>> folder = convert(card, "int8")
    >>> folder.parent == cache_root(), folder.name.endswith("-int8"), (folder / "model.bin").is_file()
    (True, True, True)
    >>> convert(card, "int8") == folder
    True
    """
    import ctranslate2

    folder = card.path
    if folder is None:
        raise ModelLoadError(f"convert: {card.id!r} has no local checkpoint to convert.")
    root = cache_root()
    entry = root / _entry_name(card, folder, quantization)
    if entry.exists():
        if _stamp_ok(entry):
            return entry
        logger.warning("CTranslate2 cache entry %s is incomplete or corrupt; rebuilding it", entry)
        shutil.rmtree(entry, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{entry.name[:40]}-", dir=root))
    try:
        logger.info("Converting %s to CTranslate2 (%s) in %s", card.id, quantization, entry)
        _patch_transformers_configs()
        converter = ctranslate2.converters.TransformersConverter(str(folder))
        with quiet_loading():  # the converter loads the model with transformers
            converter.convert(str(tmp / "model"), quantization=quantization, force=True)
        out = tmp / "model"
        files = {p.name: p.stat().st_size for p in out.iterdir() if p.is_file()}
        (out / _STAMP).write_text(json.dumps({"model": card.id, "files": files}), encoding="utf-8")
        try:
            os.replace(out, entry)
        except OSError:
            if not _stamp_ok(entry):  # another process finished first, or a real failure
                raise
    except Exception as exc:
        raise ModelLoadError(
            f"CTranslate2 could not convert {card.id!r} ({type(exc).__name__}: {exc}). "
            f"Use backend='transformers' for this model."
        ) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return entry


def _patch_transformers_configs() -> None:
    """CTranslate2 reads ``config.normalize_before`` for BART-style models, which transformers 5
    configs no longer carry unless the checkpoint's config.json has it. Give the classes the
    value their architecture implies (BART post-norm, mBART pre-norm) when it is missing."""
    import transformers

    for name, pre_norm in (("BartConfig", False), ("MBartConfig", True)):
        cls = getattr(transformers, name, None)
        if cls is not None and not hasattr(cls, "normalize_before"):
            cls.normalize_before = pre_norm


def resolve_ct2_device(device: str | None) -> str:
    """Like the transformers engine's choice, but asks CTranslate2 (not torch) about CUDA:
    the two can be built differently. MPS is not a CTranslate2 device: it runs on the CPU.

    >>> resolve_ct2_device("mps")
    'cpu'
    """
    import ctranslate2

    asked = check_device(device)
    gpus = ctranslate2.get_cuda_device_count()
    if asked is None:
        return "cuda" if gpus > 0 else "cpu"
    if asked.startswith("cuda") and gpus == 0:
        raise ConfigError(
            f"device={asked!r} was asked for but CTranslate2 sees no CUDA GPU. Use device='cpu', "
            f"or install a CUDA build of ctranslate2."
        )
    return "cpu" if asked == "mps" else asked


def compute_type_for(device: str, compute_type: str | None) -> tuple[str, str]:
    """(compute type, quantization stored on disk): int8 on CPU and float16 on CUDA by default.

    >>> compute_type_for("cpu", None), compute_type_for("cuda", None)
    (('int8', 'int8'), ('float16', 'float16'))
    """
    if compute_type in (None, "auto"):
        compute_type = "int8" if device == "cpu" else "float16"
    if compute_type not in COMPUTE_TYPES:
        raise ConfigError(f"compute_type must be one of {COMPUTE_TYPES}, got {compute_type!r}.")
    quantization = compute_type if compute_type != "default" else "float32"
    if device == "cpu" and "float16" in quantization:
        quantization = "float32"
    return compute_type, quantization


def load_or_rebuild(
    cls: Any, card: ModelCard, quantization: str, **options: Any
) -> tuple[Any, Path]:
    """``cls(model_dir, **options)`` (a ``ctranslate2.Translator`` or ``Generator``) on the cached
    conversion of ``card``; a cached entry that fails to load is converted again, once.

    >>> import ctranslate2
    >>> from ringkas.models.cards import resolve
    >>> translator, folder = load_or_rebuild(
    ...     ctranslate2.Translator, resolve("tests/fixtures/fidelity-translate"), "int8",
    ...     device="cpu")
    >>> folder.name.endswith("-int8")
    True
    """
    model_dir = convert(card, quantization)
    try:
        return cls(str(model_dir), **options), model_dir
    except (RuntimeError, ValueError) as exc:
        logger.warning("Cached CTranslate2 model failed to load (%s); rebuilding it", exc)
        shutil.rmtree(model_dir, ignore_errors=True)
        model_dir = convert(card, quantization)
        try:
            return cls(str(model_dir), **options), model_dir
        except (RuntimeError, ValueError) as again:
            raise ModelLoadError(
                f"CTranslate2 cannot load its conversion of {card.id!r} ({again}). "
                f"Use backend='transformers' for this model."
            ) from again


def missing_library(exc: BaseException) -> bool:
    """True when a CTranslate2 error says a shared library (cuBLAS, cuDNN ...) cannot be loaded.

    >>> missing_library(RuntimeError("Library libcublas.so.12 is not found or cannot be loaded"))
    True
    >>> missing_library(RuntimeError("out of memory"))
    False
    """
    text = str(exc).lower()
    return ".so" in text or ".dll" in text or "cannot be loaded" in text


def threads() -> int:
    """CPU threads this process may use (its affinity mask): the default ``intra_threads``.

    >>> threads() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def require_ct2() -> None:
    """Raise :class:`EngineNotAvailableError` when the ``ctranslate2`` package does not import.

    >>> require_ct2() if is_available() else None
    """
    if not is_available():
        raise EngineNotAvailableError(
            "backend='ctranslate2' needs the ctranslate2 package: pip install 'ringkas[ct2]'."
        )


def load_options(
    device: str | None,
    compute_type: str | None,
    intra_threads: int | None,
    inter_threads: int,
    *,
    gpu_compute_type: str | None = None,
) -> tuple[str, str, str, dict[str, Any]]:
    """``(device, dtype, quantization, options)`` for a CTranslate2 ``Translator`` or
    ``Generator``: the device asked of CTranslate2 (not torch), the compute type (int8 on CPU;
    ``gpu_compute_type`` or float16 on CUDA), the quantization to convert to, and the keyword
    arguments of the model class.

    >>> load_options("cpu", None, 2, 1)[:3]
    ('cpu', 'int8', 'int8')
    """
    dev = resolve_ct2_device(device)
    device = "cuda" if dev.startswith("cuda") else "cpu"
    index = int(dev.split(":")[1]) if ":" in dev else 0
    if compute_type is None and device == "cuda":
        compute_type = gpu_compute_type
    dtype, quantization = compute_type_for(device, compute_type)
    options = {
        "device": device, "device_index": index, "compute_type": dtype,
        "intra_threads": intra_threads if intra_threads is not None else threads(),
        "inter_threads": inter_threads,
    }  # fmt: skip
    return device, dtype, quantization, options


class CT2Engine(EngineBase):
    """A seq2seq checkpoint converted to CTranslate2, with the transformers tokenizer for
    text <-> tokens. ``compute_type`` ``None`` is int8 on CPU and float16 on CUDA.

    >>> from ringkas.models.cards import resolve
    >>> engine = CT2Engine(resolve("tests/fixtures/fidelity-translate"), device="cpu")
    >>> engine.backend, engine.device, engine.dtype
    ('ctranslate2', 'cpu', 'int8')
    >>> engine.generate(["Menteri datang ke pasar."], None, GenerationOptions())
    ['Minister come to market.']
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
        if not supports(self.card) or self.card.is_causal:
            raise EngineNotAvailableError(
                f"CTranslate2 cannot run the {self.card.family!r} family of {self.card.id!r} as "
                f"a seq2seq model; use backend='transformers'."
            )
        self.device, self.dtype, quantization, options = load_options(
            device, compute_type, intra_threads, inter_threads
        )
        self.tokenizer = load_tokenizer(self.card.path)
        self.translator, self.model_dir = load_or_rebuild(
            ctranslate2.Translator, self.card, quantization, **options
        )
        # the converted model keeps the position table of the checkpoint it came from
        self.positions = max_positions(self.card.path, causal=False)
        self.ceiling = int(self.card.generation.get("max_new_tokens", self.positions or 1024))
        logger.info("Loaded %s with CTranslate2 on %s/%s", self.card.id, self.device, self.dtype)

    def _generate_group(
        self,
        texts: list[str],
        encoded: list[Encoded],
        plan: LanguagePlan | None,
        options: GenerationOptions,
        caps: list[int],
    ) -> list[Raw]:
        with self.tokenizer_lock:
            source = [list(self.tokenizer.convert_ids_to_tokens(list(e.ids))) for e in encoded]
        kwargs: dict[str, Any] = {
            "beam_size": options.num_beams,
            "max_decoding_length": max(caps),
            "max_input_length": 0,
            "max_batch_size": 0,
            **decoding_kwargs(options, CT2_DECODING),
        }
        prefix = [plan.forced_bos_token] if plan and plan.forced_bos_token else None
        if prefix is not None:
            kwargs["target_prefix"] = [prefix] * len(source)
        try:
            results = self.translator.translate_batch(source, **kwargs)
        except RuntimeError as exc:
            if missing_library(exc):
                raise EngineNotAvailableError(
                    f"CTranslate2 cannot run on {self.device} here: {exc}. Its PyPI wheels need "
                    f"CUDA 12 libraries (cuBLAS, cuDNN) on a GPU. Use backend='transformers', "
                    f"or install a ctranslate2 build that matches this machine's CUDA."
                ) from exc
            raise
        outputs = []
        with self.tokenizer_lock:
            for result, cap in zip(results, caps, strict=True):
                # the target prefix counts in the length; the end token is not in a hypothesis,
                # so one that fills its cap stopped there
                tokens = result.hypotheses[0][:cap]
                cut = len(tokens) >= cap
                if prefix is not None and tokens[:1] == prefix:
                    tokens = tokens[1:]
                ids = self.tokenizer.convert_tokens_to_ids(tokens)
                text = str(self.tokenizer.decode(ids, skip_special_tokens=True)).strip()
                outputs.append(Raw(text, cut))
        return outputs
