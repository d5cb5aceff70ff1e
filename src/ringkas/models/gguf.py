"""GGUF files: read their metadata, and dequantize them once into a normal checkpoint directory.

transformers loads a ``.gguf`` with ``AutoModelForCausalLM.from_pretrained(folder,
gguf_file=name)`` (dequantizing its tensors) but refuses to ``save_pretrained`` the result, so
ringkas builds a fresh model from the loaded config (without its ``quantization_config``), loads
the dequantized ``state_dict`` into it and saves that, with the tokenizer, into
``$RINGKAS_GGUF_CACHE`` (default ``~/.cache/ringkas/gguf``)``/<file stem>-<content hash>``.
Like the CTranslate2 cache, the folder is written under a temporary name and renamed into place
only when complete, with a ``ringkas-gguf.json`` stamp listing its files; a folder whose stamp is
missing or whose files do not match is rebuilt. Everything downstream (the transformers engine,
the CTranslate2 conversion) sees an ordinary checkpoint.

>>> from unittest import mock
>>> with mock.patch.dict(os.environ, {"RINGKAS_GGUF_CACHE": "/data/gguf"}):
...     cache_root().as_posix()
'/data/gguf'
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ringkas.errors import GGUFError

__all__ = ["GGUF_MAGIC", "cache_root", "dequantize", "read_metadata"]

logger = logging.getLogger(__name__)

GGUF_MAGIC = b"GGUF"
_STAMP = "ringkas-gguf.json"
# Metadata keys whose values are long arrays (the vocabulary): not read into the card.
_SKIP_PREFIXES = ("tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type",
                  "tokenizer.ggml.merges")  # fmt: skip


def cache_root() -> Path:
    """Where dequantized checkpoints live: ``RINGKAS_GGUF_CACHE`` or ``~/.cache/ringkas/gguf``.

    >>> cache_root().name
    'gguf'
    """
    env = os.environ.get("RINGKAS_GGUF_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "ringkas" / "gguf"


def _check_magic(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        raise GGUFError(f"Cannot read {path} ({exc}). Check the path and its permissions.") from exc
    if magic != GGUF_MAGIC:
        raise GGUFError(
            f"{path} is not a GGUF model file (it does not start with the GGUF magic bytes). "
            f"Pass the .gguf file of a decoder-only LLM, e.g. from `hf download <repo> <file>.gguf`."
        )


def read_metadata(path: str | Path) -> dict[str, Any]:
    """The scalar and string metadata of a GGUF file (architecture, name, license ...).

    Raises :class:`~ringkas.errors.GGUFError` for a file that is not GGUF or is corrupt.

    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "empty.gguf"
    >>> _ = bad.write_bytes(b"GGUF\\x03\\x00")
    >>> read_metadata(bad)
    Traceback (most recent call last):
    ...
    ringkas.errors.GGUFError: ... is corrupt or truncated ...

    Parsing a file's header reads its whole vocabulary (262,144 strings for Gemma: tens of
    seconds on a busy CPU), so the result is kept as a small JSON file in :func:`cache_root`,
    keyed by the file's fingerprint, and later calls read that instead.
    """
    path = Path(path)
    _check_magic(path)
    memo = cache_root() / f".meta-{path.stem[:80]}-{_fingerprint(path)}.json"
    try:
        remembered: dict[str, Any] = json.loads(memo.read_text(encoding="utf-8"))
        return remembered
    except (OSError, ValueError):
        pass
    meta = _parse_metadata(path)
    try:  # best effort: a read-only cache only costs the next call the parse again
        memo.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo.with_name(f"{memo.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp, memo)
    except OSError:
        logger.debug("could not keep the metadata of %s in %s", path, memo)
    return meta


def _parse_metadata(path: Path) -> dict[str, Any]:
    try:
        from gguf import GGUFReader
    except ImportError as exc:  # pragma: no cover - gguf is installed with the llm extra
        raise GGUFError(
            f"Reading {path} needs the gguf package: pip install 'ringkas[llm]'."
        ) from exc
    try:
        reader = GGUFReader(str(path))
        meta: dict[str, Any] = {}
        for key, field in reader.fields.items():
            if key.startswith(_SKIP_PREFIXES):
                continue
            value = field.contents()
            if isinstance(value, (str, int, float, bool)):
                meta[key] = value
        if not reader.tensors:
            raise ValueError("no tensors")
    except GGUFError:
        raise
    except Exception as exc:
        raise GGUFError(
            f"{path} is corrupt or truncated ({type(exc).__name__}: {exc}). Download it again."
        ) from exc
    return meta


def _fingerprint(path: Path) -> str:
    """Name, size and both ends of the file: cheap, and changes when the file does."""
    digest = hashlib.sha256()
    size = path.stat().st_size
    digest.update(f"{path.name}\0{size}\0".encode())
    with path.open("rb") as fh:
        digest.update(fh.read(2**20))
        if size > 2**21:
            fh.seek(-(2**20), os.SEEK_END)
            digest.update(fh.read())
    return digest.hexdigest()[:16]


def _stamp_ok(entry: Path) -> bool:
    try:
        files = json.loads((entry / _STAMP).read_text(encoding="utf-8"))["files"]
        return bool(files) and all((entry / n).stat().st_size == s for n, s in files.items())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def dequantize(path: str | Path) -> Path:
    """The checkpoint directory for the GGUF file at ``path``, dequantized on first use.

    Later calls (in this process or any other) find the stamped folder and load nothing.
    The first one logs its progress at INFO (``ringkas -v``; the README's demo shows it).

    >>> dequantize("tests/fixtures/fidelity-translate/config.json")
    Traceback (most recent call last):
    ...
    ringkas.errors.GGUFError: ... is not a GGUF model file ...
    """
    path = Path(path).expanduser().resolve()
    _check_magic(path)
    root = cache_root()
    entry = root / f"{path.stem[:80]}-{_fingerprint(path)}"
    if entry.exists():
        if _stamp_ok(entry):
            return entry
        logger.warning("GGUF cache entry %s is incomplete or corrupt; rebuilding it", entry)
        shutil.rmtree(entry, ignore_errors=True)
    read_metadata(path)  # a corrupt file fails here, with a clear message, before torch loads
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{entry.name[:40]}-", dir=root))
    try:
        logger.info("Dequantizing %s into %s (once; later runs reuse it)", path.name, entry)
        out = tmp / "model"
        _write_checkpoint(path, out)
        files = {p.name: p.stat().st_size for p in out.iterdir() if p.is_file()}
        (out / _STAMP).write_text(json.dumps({"gguf": str(path), "files": files}), "utf-8")
        try:
            os.replace(out, entry)
        except OSError:
            if not _stamp_ok(entry):  # another process finished first, or a real failure
                raise
    except GGUFError:
        raise
    except Exception as exc:
        raise GGUFError(
            f"Could not dequantize {path} ({type(exc).__name__}: {exc}). transformers reads "
            f"GGUF files of the architectures it knows (Gemma, Llama, Qwen2, Mistral ...); for "
            f"others pass the original checkpoint directory."
        ) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    logger.info("Dequantized %s", path.name)
    return entry


def _write_checkpoint(path: Path, out: Path) -> None:
    """Load the GGUF with transformers, copy its weights into an unquantized model, save both."""
    import torch
    from tqdm.auto import tqdm
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    folder, name = str(path.parent), path.name
    with tqdm(total=3, desc=f"dequantizing {name}", unit="step", disable=None) as bar:
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
        bar.update(1)
        loaded = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name, dtype=torch.float32)
        bar.update(1)
        config = AutoConfig.from_pretrained(folder, gguf_file=name)
        if hasattr(config, "quantization_config"):
            del config.quantization_config
        model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
        missing, unexpected = model.load_state_dict(loaded.state_dict(), strict=False)
        tied = set(getattr(model, "_tied_weights_keys", None) or ())
        if unexpected or [k for k in missing if k not in tied and "lm_head" not in k]:
            raise GGUFError(
                f"{path}: the dequantized weights do not fit the model transformers builds from "
                f"its config (missing {missing[:3]}, unexpected {unexpected[:3]})."
            )
        model.save_pretrained(out)
        tokenizer.save_pretrained(out)
        bar.update(1)
