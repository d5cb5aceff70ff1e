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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ringkas.engines.base import (
    Encodings,
    GenerationOptions,
    auto_max_new_tokens,
    model_inputs,
)
from ringkas.errors import ConfigError, EngineNotAvailableError, ModelLoadError
from ringkas.models.cards import ModelCard
from ringkas.models.hub import resolve_local
from ringkas.models.languages import LanguagePlan

__all__ = ["COMPUTE_TYPES", "CT2Engine", "cache_root", "convert", "is_available", "supports"]

logger = logging.getLogger(__name__)

#: Families whose transformers checkpoints CTranslate2's converter handles.
SUPPORTED_FAMILIES = frozenset(
    {"marian", "nllb", "m2m100", "mbart50", "mbart", "bart", "t5", "mt5", "madlad", "pegasus"}
)
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
    """
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


def _resolve_device(device: str | None) -> str:
    """Like the transformers engine's choice, but asks CTranslate2 (not torch) about CUDA:
    the two can be built differently. MPS is not a CTranslate2 device: it runs on the CPU."""
    import ctranslate2

    gpus = ctranslate2.get_cuda_device_count()
    if device is None or device == "auto":
        return "cuda" if gpus > 0 else "cpu"
    if not isinstance(device, str) or device.split(":")[0] not in ("cpu", "cuda", "mps"):
        raise ConfigError(
            f"device must be 'cpu', 'cuda', 'cuda:N', 'mps' or 'auto', got {device!r}."
        )
    if device.startswith("cuda") and gpus == 0:
        raise ConfigError(
            f"device={device!r} was asked for but CTranslate2 sees no CUDA GPU. Use device='cpu', "
            f"or install a CUDA build of ctranslate2."
        )
    return "cpu" if device == "mps" else device


def _load_tokenizer(path: Path | None) -> Any:
    """The tokenizer class that tokenizer_config.json names, imported directly: in transformers 5,
    ``AutoTokenizer`` imports torch (about 250 MB resident), which CTranslate2 does not need."""
    import transformers

    name = ""
    try:
        config = json.loads((Path(str(path)) / "tokenizer_config.json").read_text(encoding="utf-8"))
        name = str(config.get("tokenizer_class") or "")
    except (OSError, ValueError):
        pass
    cls = getattr(transformers, name, None) if name.isidentifier() else None
    try:
        return (cls or transformers.AutoTokenizer).from_pretrained(path)
    except Exception as exc:
        raise ModelLoadError(
            f"Could not load the tokenizer from {path} ({type(exc).__name__}: {exc}). "
            f"The directory needs the tokenizer files saved by tokenizer.save_pretrained()."
        ) from exc


def _missing_library(exc: BaseException) -> bool:
    """True when a CTranslate2 error says a shared library (cuBLAS, cuDNN ...) cannot be loaded.

    >>> _missing_library(RuntimeError("Library libcublas.so.12 is not found or cannot be loaded"))
    True
    >>> _missing_library(RuntimeError("out of memory"))
    False
    """
    text = str(exc).lower()
    return ".so" in text or ".dll" in text or "cannot be loaded" in text


def _threads() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


class CT2Engine:
    """A checkpoint converted to CTranslate2, with the transformers tokenizer for text <-> tokens.

    ``compute_type`` ``None`` is int8 on CPU and float16 on CUDA.

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
        if not is_available():
            raise EngineNotAvailableError(
                "backend='ctranslate2' needs the ctranslate2 package: pip install 'ringkas[ct2]'."
            )
        import ctranslate2

        self.card = resolve_local(card)
        if not supports(self.card):
            raise EngineNotAvailableError(
                f"CTranslate2 cannot run the {self.card.family!r} family of {self.card.id!r}; "
                f"use backend='transformers'."
            )
        dev = _resolve_device(device)
        self.device = "cuda" if dev.startswith("cuda") else "cpu"
        index = int(dev.split(":")[1]) if ":" in dev else 0
        if compute_type in (None, "auto"):
            compute_type = "int8" if self.device == "cpu" else "float16"
        if compute_type not in COMPUTE_TYPES:
            raise ConfigError(f"compute_type must be one of {COMPUTE_TYPES}, got {compute_type!r}.")
        self.dtype = compute_type
        quantization = compute_type if compute_type not in ("default", "auto") else "float32"
        if self.device == "cpu" and "float16" in quantization:
            quantization = "float32"
        self.tokenizer = _load_tokenizer(self.card.path)
        self._encodings: Encodings[list[str]] = Encodings(self._encode)
        self.model_dir = convert(self.card, quantization)
        threads = intra_threads if intra_threads is not None else _threads()
        options = {
            "device": self.device, "device_index": index, "compute_type": compute_type,
            "intra_threads": threads, "inter_threads": inter_threads,
        }  # fmt: skip
        try:
            self.translator = ctranslate2.Translator(str(self.model_dir), **options)
        except (RuntimeError, ValueError) as exc:
            logger.warning("Cached CTranslate2 model failed to load (%s); rebuilding it", exc)
            shutil.rmtree(self.model_dir, ignore_errors=True)
            self.model_dir = convert(self.card, quantization)
            try:
                self.translator = ctranslate2.Translator(str(self.model_dir), **options)
            except (RuntimeError, ValueError) as again:
                raise ModelLoadError(
                    f"CTranslate2 cannot load its conversion of {self.card.id!r} ({again}). "
                    f"Use backend='transformers' for this model."
                ) from again
        self._ceiling = int(self.card.generation.get("max_new_tokens", 1024))
        logger.info("Loaded %s with CTranslate2 on %s/%s", self.card.id, self.device, compute_type)

    def _encode(self, texts: list[str]) -> list[list[str]]:
        encoded = self.tokenizer(texts, add_special_tokens=True, verbose=False)
        return [list(self.tokenizer.convert_ids_to_tokens(ids)) for ids in encoded["input_ids"]]

    def _tokens(
        self, texts: Sequence[str], plan: LanguagePlan | None, *, keep: bool = False
    ) -> list[list[str]]:
        """Source tokens; ``keep`` them for the ``generate`` call that follows ``count_tokens``."""
        inputs, context = model_inputs(self.tokenizer, self.card, plan, texts)
        return self._encodings.get(inputs, context, keep=keep)

    def count_tokens(self, texts: Sequence[str], plan: LanguagePlan | None) -> list[int]:
        """Token counts of ``texts`` as the model will see them (specials and prefixes included)."""
        return [len(tokens) for tokens in self._tokens(texts, plan, keep=True)] if texts else []

    def generate(
        self, texts: Sequence[str], plan: LanguagePlan | None, options: GenerationOptions
    ) -> list[str]:
        """Generate one output per text with ``translate_batch`` (one batch; caller sizes it)."""
        if not texts:
            return []
        source = self._tokens(texts, plan)
        longest = max(len(s) for s in source)
        kwargs: dict[str, Any] = {
            "beam_size": options.num_beams,
            "max_decoding_length": options.max_new_tokens
            or auto_max_new_tokens(longest, self._ceiling),
            "max_input_length": 0,
            "max_batch_size": 0,
        }
        if options.min_new_tokens is not None:
            kwargs["min_decoding_length"] = options.min_new_tokens
        if options.no_repeat_ngram_size is not None:
            kwargs["no_repeat_ngram_size"] = options.no_repeat_ngram_size
        if options.length_penalty is not None:
            kwargs["length_penalty"] = options.length_penalty
        if options.repetition_penalty is not None:
            kwargs["repetition_penalty"] = options.repetition_penalty
        prefix = [plan.forced_bos_token] if plan and plan.forced_bos_token else None
        if prefix is not None:
            kwargs["target_prefix"] = [prefix] * len(source)
        try:
            results = self.translator.translate_batch(source, **kwargs)
        except RuntimeError as exc:
            if _missing_library(exc):
                raise EngineNotAvailableError(
                    f"CTranslate2 cannot run on {self.device} here: {exc}. Its PyPI wheels need "
                    f"CUDA 12 libraries (cuBLAS, cuDNN) on a GPU. Use backend='transformers', "
                    f"or install a ctranslate2 build that matches this machine's CUDA."
                ) from exc
            raise
        outputs = []
        for result in results:
            tokens = result.hypotheses[0]
            if prefix is not None and tokens[:1] == prefix:
                tokens = tokens[1:]
            ids = self.tokenizer.convert_tokens_to_ids(tokens)
            outputs.append(str(self.tokenizer.decode(ids, skip_special_tokens=True)).strip())
        return outputs
