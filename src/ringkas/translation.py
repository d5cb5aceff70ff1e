"""Translate whole documents: nothing truncated, nothing dropped, layout kept, any batch size.

A document is split into sentences (its line breaks, blank lines and spaces kept verbatim);
a sentence over the model's input budget is split further (:mod:`ringkas.text.chunk`); all pieces
of all documents are deduplicated, sorted by token length and packed into token-budget batches;
the translations are put back in order and each document is rebuilt around its own whitespace.

>>> from ringkas import translate
>>> translate("Menteri itu datang ke Jakarta. Ia bertemu pedagang kecil.")  # doctest: +SKIP
'The minister came to Jakarta. He met small traders.'
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal, overload

from ringkas.batching import run_requests
from ringkas.engines import Encoded, Engine, GenerationOptions, load_engine
from ringkas.engines.retry import Attempts
from ringkas.errors import ConfigError, GlossaryError, UnsupportedLanguageError
from ringkas.extractive import EXTRACTIVE_SYSTEMS
from ringkas.faithful import Glossary, GlossaryLike, load_glossary, restore
from ringkas.guard import Guard, SentenceReport, Translation, check_guard
from ringkas.inputs import check_options, check_texts, show_progress_default
from ringkas.models.cards import ModelCard, resolve
from ringkas.models.languages import LanguagePlan, normalize, plan
from ringkas.text.chunk import Split, split_to_budget
from ringkas.text.segment import Segment, rebuild, segment

__all__ = ["Translation", "Translator", "translate"]

logger = logging.getLogger(__name__)


@dataclass
class _Doc:
    segments: list[Segment]
    splits: list[Split]
    encoded: dict[str, Encoded]  # sentences that fit the budget, encoded once


class Translator:
    """A translation model loaded once and reused.

    ``model`` is a Hugging Face id, a local checkpoint directory, or ``None`` for the default
    (``Helsinki-NLP/opus-mt-id-en``). ``backend`` is ``"auto"``, ``"transformers"`` or
    ``"ctranslate2"``; ``device`` ``None`` picks CUDA, then MPS, then CPU; ``dtype`` ``None`` picks
    fp32 on CPU and fp16/bf16 on GPU. ``model`` may also be an engine already loaded (any
    :class:`~ringkas.engines.Engine`, e.g. one that wraps another); it is used as it is, and
    ``backend``, ``device`` and ``dtype`` are ignored. A decoder-only LLM (a causal checkpoint,
    a ``.gguf`` file) works too: its card carries the prompt (:mod:`ringkas.engines.llm`).

    Safe to share between threads: it holds the engine (which keeps no per-call state) and the
    card, and every call keeps its own state.

    >>> t = Translator("tests/fixtures/fidelity-translate", device="cpu")
    >>> t.translate("Menteri datang ke pasar.")
    'Minister come to market.'
    """

    def __init__(
        self,
        model: str | ModelCard | Engine | None = None,
        *,
        backend: str = "auto",
        device: str | None = None,
        dtype: str | None = None,
    ) -> None:
        check_options(device=device)
        if isinstance(model, str) and model in EXTRACTIVE_SYSTEMS:
            raise ConfigError(
                f"{model!r} is a model-free summariser (strategy={EXTRACTIVE_SYSTEMS[model]!r}), "
                f"not a translation model. Pass a translation model id or directory (see "
                f"`ringkas models`), or no model for the default."
            )
        if isinstance(model, Engine):
            self.engine: Engine = model
        else:
            card = model if isinstance(model, ModelCard) else resolve(model, task="translation")
            self.engine = load_engine(card, backend=backend, device=device, dtype=dtype)
        self.card = self.engine.card
        if self.card.task != "translation" and self.card.task_inferred:
            logger.info(
                "%s: no card declares its task (%s was only inferred from its family %r); "
                "using it for translation, as asked.",
                self.card.id, self.card.task, self.card.family,
            )  # fmt: skip
            self.card = replace(self.card, task="translation")
        if self.card.task != "translation":
            raise ConfigError(
                f"Model {self.card.id!r} is a {self.card.task} model, not a translation model. "
                f'Use Summarizer for it, or add task = "translation" to its ringkas.toml.'
            )

    @property
    def backend(self) -> str:
        """The backend actually running the model (``"transformers"`` or ``"ctranslate2"``).

        >>> Translator("tests/fixtures/fidelity-translate", backend="transformers").backend
        'transformers'
        """
        return self.engine.backend

    @property
    def device(self) -> str:
        """The device the model runs on.

        >>> Translator("tests/fixtures/fidelity-translate", device="cpu").device
        'cpu'
        """
        return self.engine.device

    def __repr__(self) -> str:
        return (
            f"Translator(model={self.card.id!r}, backend={self.backend!r}, "
            f"device={self.device!r}, dtype={self.engine.dtype!r})"
        )

    @overload
    def translate(  # type: ignore[overload-overlap]  # a str is an Iterable[str]; str wins
        self,
        text: str,
        *,
        src: str = "id",
        tgt: str = "en",
        batch_size: int | None = None,
        max_batch_tokens: int | None = None,
        num_beams: int | None = None,
        max_new_tokens: int | None = None,
        show_progress: bool | None = None,
        guard: str | None = "warn",
        glossary: GlossaryLike | None = None,
        report: Literal[False] = False,
    ) -> str: ...

    @overload
    def translate(
        self,
        text: Iterable[str],
        *,
        src: str = "id",
        tgt: str = "en",
        batch_size: int | None = None,
        max_batch_tokens: int | None = None,
        num_beams: int | None = None,
        max_new_tokens: int | None = None,
        show_progress: bool | None = None,
        guard: str | None = "warn",
        glossary: GlossaryLike | None = None,
        report: Literal[False] = False,
    ) -> list[str]: ...

    @overload
    def translate(  # type: ignore[overload-overlap]
        self,
        text: str,
        *,
        src: str = "id",
        tgt: str = "en",
        batch_size: int | None = None,
        max_batch_tokens: int | None = None,
        num_beams: int | None = None,
        max_new_tokens: int | None = None,
        show_progress: bool | None = None,
        guard: str | None = "warn",
        glossary: GlossaryLike | None = None,
        report: Literal[True],
    ) -> Translation: ...

    @overload
    def translate(
        self,
        text: Iterable[str],
        *,
        src: str = "id",
        tgt: str = "en",
        batch_size: int | None = None,
        max_batch_tokens: int | None = None,
        num_beams: int | None = None,
        max_new_tokens: int | None = None,
        show_progress: bool | None = None,
        guard: str | None = "warn",
        glossary: GlossaryLike | None = None,
        report: Literal[True],
    ) -> list[Translation]: ...

    def translate(
        self,
        text: str | Iterable[str],
        *,
        src: str = "id",
        tgt: str = "en",
        batch_size: int | None = None,
        max_batch_tokens: int | None = None,
        num_beams: int | None = None,
        max_new_tokens: int | None = None,
        show_progress: bool | None = None,
        guard: str | None = "warn",
        glossary: GlossaryLike | None = None,
        report: bool = False,
    ) -> str | list[str] | Translation | list[Translation]:
        """Translate one document (-> ``str``) or many (-> ``list[str]``, same order).

        Empty or whitespace-only documents give ``""``. ``batch_size`` caps sentences per batch,
        ``max_batch_tokens`` the padded tokens per batch; neither changes the result.

        Every sentence is checked against its source (numbers, money, dates, times, names,
        glossary terms; :func:`ringkas.faithful.check`): ``guard="warn"`` (the default) logs one
        warning per call with counts, ``"retry"`` re-translates flagged sentences with other
        decoding, ``"raise"`` raises :class:`~ringkas.errors.FaithfulnessError`, ``None`` skips
        the check. ``glossary`` (a dict, or the path of a two-column TSV/CSV file) names terms
        and the English they must become. ``report=True`` returns :class:`Translation` objects
        (``.text`` and a report per sentence) instead of strings.

        >>> t = Translator("tests/fixtures/fidelity-translate", device="cpu")
        >>> t.translate("Menteri datang ke QRIS.", glossary={"QRIS": "QRIS"}, report=True).text
        'Minister come to QRIS.'
        """
        texts, single = check_texts(text, caller="translate")
        check_options(
            batch_size=batch_size,
            num_beams=num_beams,
            max_batch_tokens=max_batch_tokens,
            max_new_tokens=max_new_tokens,
        )
        lang = self.language_plan(src, tgt)
        guarded = Guard(
            check_guard(guard),
            self._glossary(glossary, src, tgt),
            normalize(src),
            normalize(tgt),
            self.card.placeholders,
            prompted=self.card.architecture == "causal",
        )
        results, reports = self._translate_documents(
            texts,
            lang,
            batch_size=batch_size,
            max_batch_tokens=max_batch_tokens,
            options=self._options(num_beams, max_new_tokens),
            show_progress=show_progress_default(show_progress),
            guard=guarded,
        )
        if report:
            out = [Translation(t, r) for t, r in zip(results, reports, strict=True)]
            return out[0] if single else out
        return results[0] if single else results

    def _glossary(self, glossary: GlossaryLike | None, src: str, tgt: str) -> Glossary | None:
        """The checked glossary for this call: for the call's pair, and one the model does."""
        if glossary is None:
            return None
        loaded = load_glossary(glossary, src=None, tgt=None)
        try:
            self.card.check_pair(loaded.src, loaded.tgt)
        except UnsupportedLanguageError as exc:
            raise GlossaryError(
                f"The glossary is for {loaded.src}->{loaded.tgt}, which model "
                f"{self.card.id!r} does not translate ({exc}) Use a glossary for the pair you "
                "translate, or a model that does the glossary's pair."
            ) from exc
        return load_glossary(loaded, src=src, tgt=tgt)

    def language_plan(self, src: str, tgt: str) -> LanguagePlan:
        """Check that the model can do ``src`` -> ``tgt`` and return the family's codes for it.

        >>> t = Translator("tests/fixtures/fidelity-translate", device="cpu")
        >>> t.language_plan("ind", "eng").src, t.language_plan("id", "en").tgt
        ('id', 'en')
        """
        src_iso, tgt_iso = self.card.check_pair(src, tgt)
        return plan(
            self.card.family, src_iso, tgt_iso, marian_target_token=self.card.marian_target_token
        )

    def _options(self, num_beams: int | None, max_new_tokens: int | None) -> GenerationOptions:
        beams = (
            num_beams if num_beams is not None else int(self.card.generation.get("num_beams", 1))
        )
        if beams < 1:
            raise ConfigError(f"num_beams must be >= 1, got {beams}.")
        if max_new_tokens is not None and max_new_tokens < 1:
            raise ConfigError(f"max_new_tokens must be >= 1, got {max_new_tokens}.")
        return GenerationOptions(num_beams=beams, max_new_tokens=max_new_tokens)

    def _translate_documents(
        self,
        texts: list[str],
        lang: LanguagePlan,
        *,
        batch_size: int | None,
        max_batch_tokens: int | None,
        options: GenerationOptions,
        show_progress: bool,
        guard: Guard,
    ) -> tuple[list[str], list[list[SentenceReport]]]:
        segmented = [segment(t) if t.strip() else [] for t in texts]
        every_sentence = [s.text for segments in segmented for s in segments if s.is_text]
        unique = list(dict.fromkeys(every_sentence))
        table = dict(zip(unique, self.engine.encode(unique, lang), strict=True))  # one call
        encodings = iter([table[s] for s in every_sentence])
        docs = [self._split_document(segments, encodings, lang) for segments in segmented]
        pieces = [p for doc in docs for split in doc.splits for p in split.pieces]
        protected = guard.protect(pieces)
        known = {k: v for doc in docs for k, v in doc.encoded.items()}
        attempts = Attempts()  # what the engine found and tried, for this call only

        def generate(texts: list[str], opts: GenerationOptions, progress: bool) -> list[str]:
            return run_requests(
                self.engine,
                texts,
                lang,
                opts,
                batch_size=batch_size,
                max_batch_tokens=max_batch_tokens,
                show_progress=progress,
                desc="translating",
                encoded=known,
                attempts=attempts,
            )

        outputs = generate(
            [p.text for p in protected], guard.first_options(options, pieces), show_progress
        )
        translated = iter(restore(o, p) for o, p in zip(outputs, protected, strict=True))
        sentences = [
            [split.join([next(translated) for _ in split.pieces]) for split in doc.splits]
            for doc in docs
        ]
        reports: list[list[SentenceReport]] = [[] for _ in docs]
        checked: list[SentenceReport] = []
        if guard.active:  # the guard: check every sentence, retry or report the flagged ones
            where = [(d, i) for d, doc in enumerate(docs) for i in range(len(doc.splits))]
            flat = [s for doc_sentences in sentences for s in doc_sentences]
            checked = guard.review(
                [split for doc in docs for split in doc.splits],
                flat,
                where,
                options,
                lambda texts, opts: generate(texts, opts, False),
                attempts,
            )
            for (d, i), out, sentence_report in zip(where, flat, checked, strict=True):
                sentences[d][i] = out
                reports[d].append(sentence_report)
        # one warning for the call, naming what the guard and the engine found
        guard.finish(checked, attempts.message(self.card.id))
        results: list[str] = []
        short = 0
        for text, doc, doc_sentences in zip(texts, docs, sentences, strict=True):
            if not text.strip():
                results.append("")
                continue
            short += _count_short(doc.splits, doc_sentences)
            results.append(rebuild(doc.segments, doc_sentences))
        if short and not guard.active:  # one warning per call (the guard reports it otherwise)
            logger.warning(
                "%d of %d sentence(s) came back less than a third as long as their source: the "
                "model may be dropping text (wrong language pair, or a model trained on other "
                "input).",
                short,
                sum(len(doc.splits) for doc in docs),
            )
        return results, reports

    def _split_document(
        self, segments: list[Segment], encodings: Iterator[Encoded], lang: LanguagePlan | None
    ) -> _Doc:
        """Split one document's sentences (encodings taken in order from ``encodings``) so that
        every piece fits the model's input budget."""
        sentences = [s.text for s in segments if s.is_text]
        encoded = [next(encodings) for _ in sentences]
        budget = self.card.input_budget

        def count(piece: str) -> int:
            return self.engine.count_tokens([piece], lang)[0]

        splits = [
            Split([s], []) if len(e) <= budget else split_to_budget(s, count, budget)
            for s, e in zip(sentences, encoded, strict=True)
        ]
        kept = {s: e for s, e in zip(sentences, encoded, strict=True) if len(e) <= budget}
        return _Doc(segments, splits, kept)


def _count_short(splits: list[Split], outputs: list[str]) -> int:
    """How many translations are far shorter than their source (40+ characters in, under 30% of
    that out): a sign that the model drops text, which ``translate`` warns about once per call.

    >>> _count_short([Split(["Menteri itu datang ke Jakarta untuk bertemu pedagang."], [])], ["Hi."])
    1
    """
    return sum(
        1
        for split, out in zip(splits, outputs, strict=True)
        if len(split.join()) >= 40 and len(out) < 0.3 * len(split.join())
    )


@overload
def translate(  # type: ignore[overload-overlap]  # a str is an Iterable[str]; str wins
    text: str,
    *,
    src: str = "id",
    tgt: str = "en",
    model: str | None = None,
    backend: str = "auto",
    device: str | None = None,
    batch_size: int | None = None,
    max_batch_tokens: int | None = None,
    num_beams: int | None = None,
    max_new_tokens: int | None = None,
    show_progress: bool | None = None,
    guard: str | None = "warn",
    glossary: GlossaryLike | None = None,
    report: Literal[False] = False,
) -> str: ...


@overload
def translate(
    text: Iterable[str],
    *,
    src: str = "id",
    tgt: str = "en",
    model: str | None = None,
    backend: str = "auto",
    device: str | None = None,
    batch_size: int | None = None,
    max_batch_tokens: int | None = None,
    num_beams: int | None = None,
    max_new_tokens: int | None = None,
    show_progress: bool | None = None,
    guard: str | None = "warn",
    glossary: GlossaryLike | None = None,
    report: Literal[False] = False,
) -> list[str]: ...


@overload
def translate(  # type: ignore[overload-overlap]
    text: str,
    *,
    src: str = "id",
    tgt: str = "en",
    model: str | None = None,
    backend: str = "auto",
    device: str | None = None,
    batch_size: int | None = None,
    max_batch_tokens: int | None = None,
    num_beams: int | None = None,
    max_new_tokens: int | None = None,
    show_progress: bool | None = None,
    guard: str | None = "warn",
    glossary: GlossaryLike | None = None,
    report: Literal[True],
) -> Translation: ...


@overload
def translate(
    text: Iterable[str],
    *,
    src: str = "id",
    tgt: str = "en",
    model: str | None = None,
    backend: str = "auto",
    device: str | None = None,
    batch_size: int | None = None,
    max_batch_tokens: int | None = None,
    num_beams: int | None = None,
    max_new_tokens: int | None = None,
    show_progress: bool | None = None,
    guard: str | None = "warn",
    glossary: GlossaryLike | None = None,
    report: Literal[True],
) -> list[Translation]: ...


def translate(
    text: str | Iterable[str],
    *,
    src: str = "id",
    tgt: str = "en",
    model: str | None = None,
    backend: str = "auto",
    device: str | None = None,
    batch_size: int | None = None,
    max_batch_tokens: int | None = None,
    num_beams: int | None = None,
    max_new_tokens: int | None = None,
    show_progress: bool | None = None,
    guard: str | None = "warn",
    glossary: GlossaryLike | None = None,
    report: bool = False,
) -> str | list[str] | Translation | list[Translation]:
    """Translate Indonesian (or ``src``) documents into English (or ``tgt``).

    A shortcut for ``Translator(model, backend=..., device=...).translate(text, ...)``; loaded
    models are cached, so repeated calls are cheap. Empty input returns ``""`` without loading
    anything. ``guard``, ``glossary`` and ``report`` are as in :meth:`Translator.translate`.

    >>> translate("Menteri datang ke pasar.", model="tests/fixtures/fidelity-translate")
    'Minister come to market.'
    >>> translate(["", "  "])
    ['', '']
    """
    texts, single = check_texts(text, caller="translate")
    normalize(src), normalize(tgt)  # an unknown code fails even for empty input
    check_options(
        device=device,
        batch_size=batch_size,
        num_beams=num_beams,
        max_batch_tokens=max_batch_tokens,
        max_new_tokens=max_new_tokens,
    )
    check_guard(guard)
    if glossary is not None:
        load_glossary(glossary, src=src, tgt=tgt)  # a bad glossary fails even for empty input
    if not any(t.strip() for t in texts):
        if report:
            return Translation("") if single else [Translation("") for _ in texts]
        return "" if single else ["" for _ in texts]
    translator = Translator(model, backend=backend, device=device)
    return translator.translate(  # type: ignore[call-overload, misc]
        texts[0] if single else texts,
        src=src,
        tgt=tgt,
        batch_size=batch_size,
        max_batch_tokens=max_batch_tokens,
        num_beams=num_beams,
        max_new_tokens=max_new_tokens,
        show_progress=show_progress,
        guard=guard,
        glossary=glossary,
        report=report,
    )
