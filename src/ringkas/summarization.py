"""Summarise Indonesian news articles, in English or Indonesian, however long they are.

``summarize(article)`` cleans the article (:mod:`ringkas.text.clean`), then:

- ``strategy="abstractive"`` (what ``"auto"`` means): one generate if the article fits the
  model's input budget; otherwise map-reduce: chunks of whole sentences within the budget are
  summarised, the chunk summaries joined and summarised again while still too long. Nothing is
  truncated unless ``long_input="truncate"`` asks for it. A cross-lingual card (task
  ``"crosslingual"``) writes English directly; otherwise an Indonesian summary is translated when
  ``lang="en"``.
- ``strategy="extractive"`` / ``"lead"``: TextRank or lead-k sentences, no summarisation model;
  ``lang="en"`` translates the picked sentences.

``"auto"`` never falls back silently: a missing model raises an error that suggests
``strategy="extractive"``.

>>> from ringkas import summarize
>>> summarize("Harga beras naik. Pedagang beras mengeluh. Cuaca cerah.", lang="id",
...           strategy="lead", max_words=3)
'Harga beras naik.'
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import overload

from tqdm.auto import tqdm

from ringkas.batching import run_requests
from ringkas.engines import Engine, GenerationOptions, load_engine
from ringkas.errors import (
    ConfigError,
    InputError,
    ModelNotAvailableError,
    UnsupportedLanguageError,
)
from ringkas.extractive import lead, textrank
from ringkas.guard import check_guard, check_summaries
from ringkas.inputs import check_options, check_texts, show_progress_default
from ringkas.models.cards import ModelCard, resolve
from ringkas.models.languages import LANGUAGE_NAMES, LanguagePlan, normalize
from ringkas.text.chunk import pack_by_sentences
from ringkas.text.clean import clean_article
from ringkas.text.segment import join_quotes, split_sentences
from ringkas.translation import Translator

__all__ = ["LONG_INPUT", "STRATEGIES", "Summarizer", "summarize"]

logger = logging.getLogger(__name__)

STRATEGIES = ("auto", "abstractive", "extractive", "lead")
LONG_INPUT = ("chunk", "truncate")
_TOKENS_PER_WORD = 1.7  # sentencepiece tokens per Indonesian/English word, generously
_MAX_ROUNDS = 8


@dataclass
class _Article:
    sentences: list[str]
    text: str
    summary: str | None = None


def _max_new_tokens(max_words: int | None, card: ModelCard) -> int | None:
    if max_words is not None:
        return int(max_words * _TOKENS_PER_WORD) + 4
    value = card.generation.get("max_new_tokens")
    return int(value) if value is not None else None


def _check_lengths(max_words: int | None, min_words: int | None) -> None:
    for name, value in (("max_words", max_words), ("min_words", min_words)):
        if value is not None and (not isinstance(value, int) or value < 1):
            raise ConfigError(f"{name} must be a positive integer or None, got {value!r}.")
    if max_words is not None and min_words is not None and min_words > max_words:
        raise ConfigError(f"min_words ({min_words}) is larger than max_words ({max_words}).")


class Summarizer:
    """A summarisation setup (model, strategy, translation model) loaded once and reused.

    ``model``: a summarisation checkpoint id or directory (``None``: the default card's).
    ``translation_model``: what translates summaries into ``lang`` when the model writes another
    language (loaded only when needed). ``strategy``: ``"auto"``/``"abstractive"``,
    ``"extractive"`` (TextRank) or ``"lead"`` (first sentences). An instruct LLM card writes the
    summary in ``lang`` itself; with a base LLM's card (it cannot summarise) ``"auto"`` means
    extractive selection plus that LLM's translation, and ``"abstractive"`` is a ConfigError.
    Safe to share between threads: two threads that need the translator at once may both build
    one, on the same cached engine, and either is kept.

    >>> s = Summarizer("tests/fixtures/fidelity-summarize",
    ...                translation_model="tests/fixtures/fidelity-translate", device="cpu")
    >>> s.summarize("Petani datang ke pasar. Harga beras naik.", lang="en")
    'Farmer come to market.'
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        translation_model: str | None = None,
        strategy: str = "auto",
        backend: str = "auto",
        device: str | None = None,
        dtype: str | None = None,
    ) -> None:
        if strategy not in STRATEGIES:
            raise ConfigError(f"strategy must be one of {STRATEGIES}, got {strategy!r}.")
        check_options(device=device)
        self.strategy = "abstractive" if strategy == "auto" else strategy
        self._translation_model = translation_model
        self._backend, self._device, self._dtype = backend, device, dtype
        self._translator: Translator | None = None
        self.engine: Engine | None = None
        self.card: ModelCard | None = None
        if self.strategy == "abstractive":
            try:
                card = resolve(model, task="summarization")
                if card.is_causal and "summarization" not in card.tasks:
                    self._cannot_summarize(card, strategy)  # raises, or falls back to extractive
                    return
                self.engine = load_engine(card, backend=backend, device=device, dtype=dtype)
            except ModelNotAvailableError as exc:
                raise ModelNotAvailableError(
                    f"{exc} To summarise without a model, use strategy='extractive'."
                ) from exc
            self.card = self.engine.card
            if self.card.task == "translation" and self.card.task_inferred:
                logger.info(
                    "%s: no card declares its task (translation was only inferred from its "
                    "family %r); using it for summarization, as asked.",
                    self.card.id, self.card.family,
                )  # fmt: skip
                self.card = replace(self.card, task="summarization")
            if self.card.task == "translation" and not self.card.is_causal:
                raise ConfigError(
                    f"Model {self.card.id!r} is a translation model; pass a summarisation model "
                    f'(or set task = "summarization" in its ringkas.toml).'
                )

    def _cannot_summarize(self, card: ModelCard, strategy: str) -> None:
        """A base LLM (its card has no summary prompt): ``"auto"`` summarises extractively and
        translates with it, ``"abstractive"`` is an error that says what to use."""
        if strategy == "abstractive":
            raise ConfigError(
                f"Model {card.id!r} is a base LLM: its card declares that it cannot write "
                f"summaries (a base model continues text; asked for a summary it copies or "
                f"rambles). Use strategy='extractive' with translation_model={card.id!r} for an "
                f"English summary, or an instruct LLM such as 'sail/Sailor2-8B-Chat' for an "
                f"abstractive one."
            )
        logger.info(
            "%s cannot write summaries (a base LLM): strategy='auto' summarises extractively "
            "and translates the picked sentences with it.",
            card.id,
        )
        self.strategy = "extractive"
        if self._translation_model is None:
            self._translation_model = str(card.path or card.id)

    def __repr__(self) -> str:
        model = self.card.id if self.card else None
        return f"Summarizer(model={model!r}, strategy={self.strategy!r})"

    @property
    def translator(self) -> Translator:
        """The translation model for summaries in another language (loaded on first use).

        >>> s = Summarizer(strategy="lead", translation_model="tests/fixtures/fidelity-translate")
        >>> s.translator.translate("Harga beras naik.")
        'Price rice rise.'
        """
        if self._translator is None:
            self._translator = Translator(
                self._translation_model,
                backend=self._backend,
                device=self._device,
                dtype=self._dtype,
            )
        return self._translator

    def summary_language(self) -> str:
        """The language the summariser itself writes (before any translation).

        >>> Summarizer(strategy="lead").summary_language()
        'id'
        """
        if self.card is None:
            return "id"
        if self.card.task == "crosslingual":
            return self.card.languages("target")[0]
        if self.card.is_causal:  # an instruct LLM writes the summary in the asked language
            return "*"
        targets = self.card.target_languages
        return "id" if "*" in targets or "id" in targets else targets[0]

    @overload
    def summarize(  # type: ignore[overload-overlap]  # a str is an Iterable[str]; str wins
        self,
        text: str,
        *,
        lang: str = "en",
        max_words: int | None = None,
        min_words: int | None = None,
        clean: bool = True,
        long_input: str = "chunk",
        batch_size: int | None = None,
        num_beams: int | None = None,
        show_progress: bool | None = None,
        guard: str | None = "warn",
    ) -> str: ...

    @overload
    def summarize(
        self,
        text: Iterable[str],
        *,
        lang: str = "en",
        max_words: int | None = None,
        min_words: int | None = None,
        clean: bool = True,
        long_input: str = "chunk",
        batch_size: int | None = None,
        num_beams: int | None = None,
        show_progress: bool | None = None,
        guard: str | None = "warn",
    ) -> list[str]: ...

    def summarize(
        self,
        text: str | Iterable[str],
        *,
        lang: str = "en",
        max_words: int | None = None,
        min_words: int | None = None,
        clean: bool = True,
        long_input: str = "chunk",
        batch_size: int | None = None,
        num_beams: int | None = None,
        show_progress: bool | None = None,
        guard: str | None = "warn",
    ) -> str | list[str]:
        """Summarise one article (-> ``str``) or many (-> ``list[str]``, same order).

        ``guard`` checks each summary against its whole article (a summary must not state a
        number, date or name the article does not): ``"warn"`` (the default) logs one warning,
        ``"raise"`` raises :class:`~ringkas.errors.FaithfulnessError`, ``"retry"`` also retries
        flagged sentences of the translation step, ``None`` skips it.
        """
        texts, single = check_texts(text, caller="summarize")
        check_guard(guard)
        lang = normalize(lang)
        _check_lengths(max_words, min_words)
        check_options(batch_size=batch_size, num_beams=num_beams)
        if long_input not in LONG_INPUT:
            raise ConfigError(f"long_input must be one of {LONG_INPUT}, got {long_input!r}.")
        if self.card is not None and self.card.is_causal:
            self._check_llm_language(self.card, lang)
        articles = [self._prepare(t, i, clean) for i, t in enumerate(texts)]
        show = show_progress_default(show_progress)
        if self.strategy == "abstractive":
            self._abstractive(
                articles, lang, max_words, min_words, long_input, batch_size, num_beams, show
            )
        else:
            pick = lead if self.strategy == "lead" else textrank
            for article in articles:
                article.summary = " ".join(pick(article.sentences, 3, max_words=max_words))
        summaries = [a.summary or "" for a in articles]
        source = self.summary_language() if self.strategy == "abstractive" else "id"
        if lang != source and source != "*":
            summaries = self._translate(summaries, source, lang, batch_size, show, guard)
        check_summaries([a.text for a in articles], summaries, lang, guard)
        return summaries[0] if single else summaries

    def _prepare(self, text: str, index: int, clean: bool) -> _Article:
        if not text.strip():
            raise InputError(f"summarize: article {index} is empty; there is nothing to summarise.")
        body = clean_article(text).text if clean else text
        sentences = join_quotes(split_sentences(body))  # a quote and its attribution stay together
        if not sentences:
            raise InputError(
                f"summarize: article {index} is all boilerplate (nothing was left after "
                f"cleaning). Check the input, or pass clean=False to summarise it as is."
            )
        return _Article(sentences, " ".join(sentences))

    @staticmethod
    def _check_llm_language(card: ModelCard, lang: str) -> None:
        if lang not in card.languages("target"):
            raise UnsupportedLanguageError(
                f"Model {card.id!r} was asked to summarise in "
                f"{LANGUAGE_NAMES.get(lang, lang)} ({lang!r}), which its card does not list: it "
                f"writes {', '.join(card.languages('target'))}. Pass lang= one of those, or use "
                f"a model whose card lists {lang!r} (see `ringkas models`)."
            )

    def _translate(
        self,
        summaries: list[str],
        src: str,
        tgt: str,
        batch_size: int | None,
        show: bool,
        guard: str | None,
    ) -> list[str]:
        try:
            translator = self.translator
        except ModelNotAvailableError as exc:
            raise ModelNotAvailableError(
                f"{exc} It would translate the {src} summary into {tgt}; lang='{src}' needs no "
                f"translation model."
            ) from exc
        result = translator.translate(
            summaries, src=src, tgt=tgt, batch_size=batch_size, show_progress=show, guard=guard
        )
        return list(result)

    def _abstractive(
        self,
        articles: list[_Article],
        lang: str,
        max_words: int | None,
        min_words: int | None,
        long_input: str,
        batch_size: int | None,
        num_beams: int | None,
        show: bool,
    ) -> None:
        engine, card = self.engine, self.card
        assert engine is not None and card is not None
        beams = num_beams if num_beams is not None else int(card.generation.get("num_beams", 1))
        if beams < 1:
            raise ConfigError(f"num_beams must be >= 1, got {beams}.")
        options = GenerationOptions(
            num_beams=beams,
            max_new_tokens=_max_new_tokens(max_words, card),
            min_new_tokens=int(min_words * 1.2) if min_words else None,
            no_repeat_ngram_size=card.generation.get("no_repeat_ngram_size"),
            length_penalty=card.generation.get("length_penalty"),
            repetition_penalty=card.generation.get("repetition_penalty"),
            task="summarization",
            max_words=max_words,
        )
        budget = card.input_budget

        def count(piece: str) -> int:
            return engine.count_tokens([piece], None)[0]

        pending = {i: a.sentences for i, a in enumerate(articles)}
        with tqdm(total=len(articles), desc="summarizing", unit="article", disable=not show) as bar:
            for round_ in range(_MAX_ROUNDS + 1):
                if not pending:
                    break
                chunks = {
                    i: self._chunks(s, count, budget, long_input, round_)
                    for i, s in pending.items()
                }
                flat = [c for i in pending for c in chunks[i]]
                # an LLM is told the languages: Indonesian articles, then (reduce rounds) its
                # own summaries in ``lang``
                plan = LanguagePlan("id" if round_ == 0 else lang, lang) if card.is_causal else None
                outputs = iter(
                    run_requests(
                        engine, flat, plan, options, batch_size=batch_size, desc="generating"
                    )
                )
                next_pending: dict[int, list[str]] = {}
                for i in pending:
                    summaries = [next(outputs) for _ in chunks[i]]
                    if len(summaries) == 1:
                        articles[i].summary = summaries[0]
                        bar.update(1)
                    else:  # map step done: reduce the joined chunk summaries next round
                        next_pending[i] = [s for s in summaries if s.strip()] or summaries[:1]
                pending = next_pending

    @staticmethod
    def _chunks(
        sentences: list[str],
        count: Callable[[str], int],
        budget: int,
        long_input: str,
        round_: int,
    ) -> list[str]:
        chunks = pack_by_sentences(sentences, count, budget)
        if len(chunks) > 1 and (long_input == "truncate" or round_ >= _MAX_ROUNDS):
            why = "long_input='truncate'" if long_input == "truncate" else "map-reduce stalled"
            logger.warning(
                "%s: summarising only the first %d-token chunk of a longer text (%d chunks).",
                why, budget, len(chunks),
            )  # fmt: skip
            return chunks[:1]
        return chunks


@overload
def summarize(  # type: ignore[overload-overlap]  # a str is an Iterable[str]; str wins
    text: str,
    *,
    lang: str = "en",
    model: str | None = None,
    translation_model: str | None = None,
    strategy: str = "auto",
    max_words: int | None = None,
    min_words: int | None = None,
    clean: bool = True,
    long_input: str = "chunk",
    backend: str = "auto",
    device: str | None = None,
    batch_size: int | None = None,
    num_beams: int | None = None,
    show_progress: bool | None = None,
    guard: str | None = "warn",
) -> str: ...


@overload
def summarize(
    text: Iterable[str],
    *,
    lang: str = "en",
    model: str | None = None,
    translation_model: str | None = None,
    strategy: str = "auto",
    max_words: int | None = None,
    min_words: int | None = None,
    clean: bool = True,
    long_input: str = "chunk",
    backend: str = "auto",
    device: str | None = None,
    batch_size: int | None = None,
    num_beams: int | None = None,
    show_progress: bool | None = None,
    guard: str | None = "warn",
) -> list[str]: ...


def summarize(
    text: str | Iterable[str],
    *,
    lang: str = "en",
    model: str | None = None,
    translation_model: str | None = None,
    strategy: str = "auto",
    max_words: int | None = None,
    min_words: int | None = None,
    clean: bool = True,
    long_input: str = "chunk",
    backend: str = "auto",
    device: str | None = None,
    batch_size: int | None = None,
    num_beams: int | None = None,
    show_progress: bool | None = None,
    guard: str | None = "warn",
) -> str | list[str]:
    """Summarise Indonesian news articles into ``lang`` (English by default).

    A shortcut for ``Summarizer(model, ...).summarize(text, ...)``; loaded models are cached.
    ``guard`` is as in :meth:`Summarizer.summarize`.

    >>> summarize("Petani datang ke pasar. Harga beras naik.", lang="id",
    ...           model="tests/fixtures/fidelity-summarize")
    'Petani datang ke pasar.'
    """
    texts, single = check_texts(text, caller="summarize")
    normalize(lang)
    _check_lengths(max_words, min_words)
    check_options(device=device, batch_size=batch_size, num_beams=num_beams)
    check_guard(guard)
    summarizer = Summarizer(
        model,
        translation_model=translation_model,
        strategy=strategy,
        backend=backend,
        device=device,
    )
    return summarizer.summarize(
        texts[0] if single else texts,
        lang=lang,
        max_words=max_words,
        min_words=min_words,
        clean=clean,
        long_input=long_input,
        batch_size=batch_size,
        num_beams=num_beams,
        show_progress=show_progress,
        guard=guard,
    )
