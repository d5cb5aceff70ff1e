"""The systems compared, how each is loaded and called, and how its output length is imposed.

A random model never ends a sentence by itself (:mod:`speedbench.models`), so the benchmark
imposes each sentence's length (:func:`speedbench.settings.target_length`), the same in every
system: in transformers by two hooks on the torch model (:class:`LengthRule`), in CTranslate2 by
``max_decoding_length`` per batch (its longest row's length: CTranslate2 has no per-row limit, so
every row runs that long, as rows do in transformers' ``generate``). ringkas + CTranslate2 gets
it through its documented ``GenerationOptions.max_new_tokens``, set per batch by an engine that
wraps ringkas's own (:class:`BatchLengthEngine`), handed to ``Translator`` as the engine to use.

Standard library only at import time (the transformers-4 worker imports this module); each
system imports what it needs when it is loaded.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from speedbench.settings import target_length
from speedbench.worker import measured, output_check

Runner = Callable[[list[str], int], list[str]]
DocRunner = Callable[[dict[str, Any]], object]
System = tuple[Runner, DocRunner, dict[str, Any]]


def torch_setup(spec: dict[str, Any]) -> Any:
    """torch, on ``spec["threads"]`` threads."""
    import torch

    torch.set_num_threads(spec["threads"])
    return torch


def decoding_length(source_lengths: Sequence[int], spec: dict[str, Any]) -> int:
    """The longest target of a batch whose sources have these token counts (CTranslate2's
    ``max_decoding_length``, ringkas's ``max_new_tokens`` for that batch).

    >>> decoding_length([3, 9, 5], {"length_ratio": 1.0, "max_new_tokens": 8})
    8
    """
    return max(
        target_length(n, spec["length_ratio"], spec["max_new_tokens"]) for n in source_lengths
    )


class LengthRule:
    """Ends every row of a transformers Marian model's output after ``target_length`` tokens.

    The random model can never pick EOS (:mod:`speedbench.models`), so it would write
    ``max_new_tokens`` tokens for every sentence. Two torch hooks make it end each sentence where
    a trained model would, the same way in transformers 4 and 5, whatever calls ``generate``
    (pipeline, plain loop, ringkas): one on the encoder reads each row's source length from the
    attention mask, one on the output layer counts decoding steps and gives EOS the top logit on a
    row's last step.
    """

    def __init__(self, model: Any, ratio: float | None, ceiling: int) -> None:
        self.ratio, self.ceiling = ratio, ceiling
        self.eos = int(model.config.eos_token_id)
        self.targets: list[int] = []
        self.step = 0
        model.get_encoder().register_forward_pre_hook(self._read_sources, with_kwargs=True)
        model.get_output_embeddings().register_forward_hook(self._end_rows)

    def _read_sources(self, module: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        mask = kwargs.get("attention_mask")
        if mask is not None:
            lengths = [int(n) for n in mask.sum(dim=1).tolist()]
        else:
            ids = kwargs["input_ids"] if "input_ids" in kwargs else args[0]
            lengths = [int(ids.shape[1])] * int(ids.shape[0])
        self.targets = [target_length(n, self.ratio, self.ceiling) for n in lengths]
        self.step = 0

    def _end_rows(self, module: Any, args: tuple[Any, ...], logits: Any) -> Any:
        rows = int(logits.shape[0])
        per_row = rows // max(1, len(self.targets))  # beam search: num_beams rows per source
        self.step += 1
        ending = [i for i in range(rows) if self.targets[i // per_row] == self.step]
        if ending:
            logits[ending, -1, self.eos] = 3e4  # beats the -1e4 EOS bias; fits in fp16
        return logits


def hf_length_check(model: Any, tokenizer: Any, sentences: list[str], spec: dict[str, Any]) -> str:
    """'ok' when greedy generation (with the :class:`LengthRule`) ends every row at its length."""
    import torch

    batch = tokenizer(sentences, return_tensors="pt", padding=True).to(model.device)
    sources = [int(n) for n in batch["attention_mask"].sum(dim=1).tolist()]
    with torch.inference_mode():
        out = model.generate(
            **batch, max_new_tokens=spec["max_new_tokens"], num_beams=1, do_sample=False
        )
    eos = model.generation_config.eos_token_id
    wrong = []
    for row, n in zip(out[:, 1:].tolist(), sources, strict=True):
        written = row.index(eos) + 1 if eos in row else len(row)
        expected = target_length(n, spec["length_ratio"], spec["max_new_tokens"])
        if written != expected:
            wrong.append(f"{written} tokens, not {expected}")
    return "ok" if not wrong else "FAILED: " + "; ".join(wrong)


def ct2_length_check(spec: dict[str, Any]) -> str:
    """'ok' when the CTranslate2 conversion ``spec["ct2_dir"]`` writes exactly
    ``max_decoding_length`` tokens in every row of ``spec["check"]``: it never stops early, so
    (d) and (e), which both run this conversion, write what :func:`decoding_length` gives each
    batch. Run once, by the parent, for both."""
    import ctranslate2

    tokens = _tokens(tokenizer_without_torch(spec["model_dir"]), spec["check"])
    expected = decoding_length([len(t) for t in tokens], spec)
    device = "cuda" if spec["device"].startswith("cuda") else "cpu"
    translator = ctranslate2.Translator(spec["ct2_dir"], device=device, compute_type=spec["dtype"])
    results = translator.translate_batch(tokens, beam_size=1, max_decoding_length=expected)
    lengths = sorted({len(r.hypotheses[0]) for r in results})
    return "ok" if lengths == [expected] else f"FAILED: output lengths {lengths}, not {expected}"


def tokenizer_without_torch(model_dir: str) -> Any:
    """The tokenizer class that ``tokenizer_config.json`` names, imported directly:
    ``transformers.AutoTokenizer`` would import torch (transformers 5 does so for any auto
    class), which a CTranslate2 program does not need."""
    import transformers

    config = Path(model_dir) / "tokenizer_config.json"
    name = json.loads(config.read_text(encoding="utf-8")).get("tokenizer_class", "")
    cls = getattr(transformers, name, None) if name else None
    return (cls or transformers.AutoTokenizer).from_pretrained(model_dir)


def _tokens(tokenizer: Any, sentences: list[str]) -> list[list[str]]:
    return [tokenizer.convert_ids_to_tokens(ids) for ids in tokenizer(sentences)["input_ids"]]


# --------------------------------------------------------------------------- the systems


def pipeline(spec: dict[str, Any]) -> System:
    """(a) transformers 4 ``pipeline("translation")``, called with a list and batch_size."""
    torch = torch_setup(spec)
    import transformers

    # transformers 4 here; 5 (which mypy would see) has no "translation" pipeline
    make: Any = transformers.pipeline
    device = 0 if spec["device"].startswith("cuda") else -1
    pipe = make("translation", model=spec["model_dir"], device=device, torch_dtype=torch.float32)
    kwargs = {"max_new_tokens": spec["max_new_tokens"], "num_beams": spec["num_beams"]}

    def run(sentences: list[str], batch_size: int) -> list[str]:
        return [r["translation_text"] for r in pipe(sentences, batch_size=batch_size, **kwargs)]

    def run_doc(article: dict[str, Any]) -> object:  # the user splits sentences themselves
        return run(article["sentences"], spec["batch_size"])

    LengthRule(pipe.model, spec["length_ratio"], spec["max_new_tokens"])
    check = hf_length_check(pipe.model, pipe.tokenizer, spec["check"], spec)
    return run, run_doc, {"transformers": transformers.__version__, "length_check": check}


def generate_loop(spec: dict[str, Any]) -> System:
    """(b) transformers 5: tokenizer + ``model.generate`` over unsorted batches."""
    torch = torch_setup(spec)
    import transformers
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(spec["model_dir"])
    model = AutoModelForSeq2SeqLM.from_pretrained(spec["model_dir"], dtype=torch.float32)
    model = model.to(spec["device"]).eval()
    kwargs = {"max_new_tokens": spec["max_new_tokens"], "num_beams": spec["num_beams"]}

    def run(sentences: list[str], batch_size: int) -> list[str]:
        outputs: list[str] = []
        for start in range(0, len(sentences), batch_size):
            batch = tokenizer(
                sentences[start : start + batch_size], return_tensors="pt", padding=True
            ).to(model.device)
            with torch.inference_mode():
                ids = model.generate(**batch, do_sample=False, **kwargs)
            outputs.extend(tokenizer.batch_decode(ids, skip_special_tokens=True))
        return outputs

    def run_doc(article: dict[str, Any]) -> object:
        return run(article["sentences"], spec["batch_size"])

    LengthRule(model, spec["length_ratio"], spec["max_new_tokens"])
    check = hf_length_check(model, tokenizer, spec["check"], spec)
    return run, run_doc, {"transformers": transformers.__version__, "length_check": check}


class BatchLengthEngine:
    """A ringkas engine (the ``ringkas.engines.Engine`` protocol) that runs another one and gives
    each batch the ``max_new_tokens`` of :func:`decoding_length`: how (d) gets the length rule
    through ringkas's documented options, not by reaching into its CTranslate2 translator.
    Everything but ``generate`` is the inner engine's."""

    def __init__(self, inner: Any, spec: dict[str, Any]) -> None:
        self.inner, self.spec = inner, spec

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def generate(self, texts: Sequence[str], plan: Any, options: Any, **kwargs: Any) -> list[str]:
        if not texts:
            return []
        encoded = kwargs.get("encoded")
        lengths = [len(e) for e in encoded] if encoded else self.inner.count_tokens(texts, plan)
        limited = replace(options, max_new_tokens=decoding_length(lengths, self.spec))
        return list(self.inner.generate(texts, plan, limited, **kwargs))


def ringkas_translator(spec: dict[str, Any]) -> System:
    """(c, c16, d) ringkas ``Translator`` with the transformers or CTranslate2 backend."""
    if spec["backend"] == "transformers":
        torch_setup(spec)
    import ringkas
    from ringkas import Translator

    translator = Translator(
        spec["model_dir"], backend=spec["backend"], device=spec["device"], dtype=spec["dtype"]
    )
    engine: Any = translator.engine
    if spec["backend"] == "transformers":  # the rule goes on the torch model, as in (a) and (b)
        LengthRule(engine.model, spec["length_ratio"], spec["max_new_tokens"])
        check = hf_length_check(engine.model, engine.tokenizer, spec["check"], spec)
    else:
        translator = Translator(BatchLengthEngine(engine, spec))
        check = spec["length_check"]
    kwargs = {
        "max_new_tokens": spec["max_new_tokens"],
        "num_beams": spec["num_beams"],
        "show_progress": False,
    }

    def run(sentences: list[str], batch_size: int) -> list[str]:
        return translator.translate(sentences, batch_size=batch_size, **kwargs)

    def run_doc(article: dict[str, Any]) -> object:
        return translator.translate(article["text"], batch_size=spec["batch_size"], **kwargs)

    info = {
        "ringkas": ringkas.__version__,
        "engine": repr(translator),
        "dtype": engine.dtype,
        "length_check": check,
    }
    return run, run_doc, info


def raw_ct2(spec: dict[str, Any]) -> System:
    """(e) CTranslate2 ``translate_batch`` on ringkas's batches: tokenize, translate, decode."""
    import ctranslate2

    from ringkas.batching import default_batch_tokens
    from ringkas.text.chunk import pack_batches

    tokenizer = tokenizer_without_torch(spec["model_dir"])
    device = "cuda" if spec["device"].startswith("cuda") else "cpu"
    translator = ctranslate2.Translator(
        spec["ct2_dir"],
        device=device,
        compute_type=spec["dtype"],
        intra_threads=spec["threads"],
        inter_threads=1,
    )
    budget = default_batch_tokens(device)
    model_seconds: list[float] = []

    def run(sentences: list[str], batch_size: int) -> list[str]:
        tokens = _tokens(tokenizer, sentences)
        outputs: list[str] = [""] * len(sentences)
        spent = 0.0
        for batch in pack_batches(
            [len(t) for t in tokens], max_batch_tokens=budget, batch_size=batch_size
        ):
            source = [tokens[i] for i in batch]
            start = time.perf_counter()
            results = translator.translate_batch(
                source,
                beam_size=spec["num_beams"],
                max_batch_size=0,
                max_decoding_length=decoding_length([len(t) for t in source], spec),
            )
            spent += time.perf_counter() - start
            for i, result in zip(batch, results, strict=True):
                out_ids = tokenizer.convert_tokens_to_ids(result.hypotheses[0])
                outputs[i] = tokenizer.decode(out_ids, skip_special_tokens=True)
        model_seconds.append(spent)
        return outputs

    def run_doc(article: dict[str, Any]) -> object:
        return run(article["sentences"], spec["batch_size"])

    info = {
        "ctranslate2": ctranslate2.__version__,
        "dtype": spec["dtype"],
        "length_check": spec["length_check"],
        "translate_batch_seconds": model_seconds,  # filled while timing
    }
    return run, run_doc, info


KINDS: dict[str, Callable[[dict[str, Any]], System]] = {
    "pipeline": pipeline,
    "generate": generate_loop,
    "ringkas": ringkas_translator,
    "raw_ct2": raw_ct2,
}


def load(spec: dict[str, Any]) -> System:
    """The system ``spec["kind"]`` loaded: (run sentences, run one article, what it is)."""
    return KINDS[spec["kind"]](spec)


def summarize_backend(spec: dict[str, Any], backend: str) -> dict[str, Any]:
    """Time ringkas summarising ``spec["articles"]`` with ``backend``: truncate, then chunk."""
    from ringkas import Summarizer
    from ringkas.text.chunk import pack_by_sentences
    from ringkas.text.clean import clean_article
    from ringkas.text.segment import split_sentences

    summarizer = Summarizer(spec["model_dir"], backend=backend, device=spec["device"])
    engine: Any = summarizer.engine
    budget = summarizer.card.input_budget if summarizer.card else 512
    kwargs = {"lang": "id", "max_words": spec["max_words"], "show_progress": False}
    summarizer.summarize(spec["articles"][0][:400], long_input="truncate", **kwargs)  # warm-up

    def count(text: str) -> int:
        return int(engine.count_tokens([text], None)[0])

    chunks = [
        len(pack_by_sentences(split_sentences(clean_article(text).text), count, budget))
        for text in spec["articles"]
    ]
    timings, checks = {}, {}
    for mode in ("truncate", "chunk"):
        timings[mode], summaries = measured(
            summarizer.summarize,
            spec["articles"],
            long_input=mode,
            batch_size=spec["batch_size"],
            **kwargs,
        )
        checks[mode] = output_check(spec["articles"], summaries)
    return {
        "ok": True,
        "info": {"engine": repr(summarizer), "backend": engine.backend, "dtype": engine.dtype},
        "input_budget": budget,
        "chunks": chunks,
        "timings": timings,
        "output_check": "ok" if set(checks.values()) == {"ok"} else json.dumps(checks),
    }
