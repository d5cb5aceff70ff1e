"""Every failure a user can cause, as a named exception that says what went wrong and what to do.

All ringkas errors derive from :class:`RingkasError`, so ``except RingkasError`` catches them all.
The command line prints their message on one line and exits with status 2.

>>> from ringkas.errors import InputError, RingkasError
>>> issubclass(InputError, RingkasError)
True
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ConfigError",
    "DatasetNotAvailableError",
    "EngineNotAvailableError",
    "FaithfulnessError",
    "GGUFError",
    "GlossaryError",
    "InputError",
    "ModelLoadError",
    "ModelNotAvailableError",
    "NotSeq2SeqModelError",
    "OutputError",
    "PromptError",
    "RingkasError",
    "TokenizerMissingError",
    "UnsupportedLanguageError",
]


class RingkasError(Exception):
    """Base class of every error ringkas raises on purpose.

    >>> from ringkas import translate
    >>> try:
    ...     translate(42)
    ... except RingkasError as exc:
    ...     print(type(exc).__name__)
    InputError
    """


class InputError(RingkasError, ValueError):
    """The text (or file, or JSONL line) given to ringkas cannot be used as it is.

    >>> from ringkas import translate
    >>> translate(b"Harga beras naik.")
    Traceback (most recent call last):
    ...
    ringkas.errors.InputError: translate: got bytes, not a string. Decode it first, e.g. data.decode('utf-8').
    """


class ConfigError(RingkasError, ValueError):
    """An argument or option has a value ringkas does not accept (e.g. ``max_words=0``).

    >>> from ringkas import summarize
    >>> summarize("Harga beras naik.", max_words=0)
    Traceback (most recent call last):
    ...
    ringkas.errors.ConfigError: max_words must be a positive integer or None, got 0.
    """


class UnsupportedLanguageError(RingkasError, ValueError):
    """A language code is unknown, or the chosen model cannot handle that language pair.

    >>> from ringkas import translate
    >>> translate("Harga beras naik.", tgt="klingon")
    Traceback (most recent call last):
    ...
    ringkas.errors.UnsupportedLanguageError: Unknown language code 'klingon'. Use an ISO 639-1 code; ringkas knows: id (Indonesian), en (English), ...
    """


class ModelNotAvailableError(RingkasError, OSError):
    """The model is not on disk and cannot be downloaded (offline, or no such model).

    >>> from ringkas import Translator
    >>> Translator("./no-such-model")
    Traceback (most recent call last):
    ...
    ringkas.errors.ModelNotAvailableError: Model directory './no-such-model' does not exist. ...
    """


class ModelLoadError(RingkasError, OSError):
    """The model directory exists but is incomplete or corrupt.

    >>> import tempfile
    >>> from ringkas import Translator
    >>> try:
    ...     Translator(tempfile.mkdtemp())  # an empty folder: no config.json
    ... except ModelLoadError as exc:
    ...     print(str(exc).split(", so")[0].endswith("has no config.json"))
    True
    """


class NotSeq2SeqModelError(ModelLoadError):
    """The model is neither an encoder-decoder (seq2seq) model nor a causal LM ringkas can drive
    (e.g. a BERT encoder). The name is historical: causal LMs (``*ForCausalLM``) are supported.

    >>> import pathlib, tempfile
    >>> from ringkas import Translator
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "config.json").write_text('{"model_type": "bert"}')
    >>> try:
    ...     Translator(str(folder))
    ... except NotSeq2SeqModelError as exc:
    ...     print("'bert' model, which is not an encoder-decoder" in str(exc))
    True
    """


class TokenizerMissingError(ModelLoadError):
    """A checkpoint directory has no tokenizer files (transformers 5 would silently build an
    empty tokenizer from it, and the model would translate everything to nothing).

    >>> import json, pathlib, tempfile
    >>> from ringkas.models.cards import card_from_directory
    >>> from ringkas.engines.base import load_tokenizer
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "config.json").write_text(json.dumps({"model_type": "marian"}))
    >>> try:
    ...     load_tokenizer(folder)
    ... except TokenizerMissingError as exc:
    ...     print("tokenizer.save_pretrained" in str(exc))
    True
    """


class GGUFError(ModelLoadError):
    """A ``.gguf`` file is not a model, is corrupt, or holds a model that is not a causal LM.

    >>> import pathlib, tempfile
    >>> from ringkas.models.cards import resolve
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "notes.gguf"
    >>> _ = bad.write_text("not a model")
    >>> try:
    ...     resolve(bad)
    ... except GGUFError as exc:
    ...     print("is not a GGUF model file" in str(exc))
    True
    """


class PromptError(ConfigError):
    """A causal LM's prompt cannot be built: no prompt in its card and no chat template, an
    empty few-shot list, or a task (e.g. summarising) its card's prompt does not cover.

    >>> from ringkas.models.cards import PromptSpec
    >>> try:
    ...     PromptSpec(style="completion", shots=())
    ... except PromptError as exc:
    ...     print("add at least one" in str(exc))
    True
    """


class EngineNotAvailableError(RingkasError, ImportError):
    """The requested backend (e.g. CTranslate2) is not installed or cannot run this model.

    It is an ``ImportError`` too, so code that guards an optional import keeps working:

    >>> issubclass(EngineNotAvailableError, ImportError)
    True
    """


class DatasetNotAvailableError(RingkasError, OSError):
    """A dataset is not on disk and cannot be downloaded; the message says how to get it.

    >>> from ringkas import load_dataset
    >>> load_dataset("liputan6")
    Traceback (most recent call last):
    ...
    ringkas.errors.DatasetNotAvailableError: liputan6 needs data_dir. Liputan6 is not redistributed: ...
    """


class OutputError(RingkasError, OSError):
    """A result cannot be written: the output path is a directory, the disk is full, or the
    folder is read-only. The message names the file and the reason.

    >>> issubclass(OutputError, OSError)
    True
    """


class GlossaryError(ConfigError):
    """A glossary cannot be used: a file that is not two columns, an empty term, a term mapped
    twice, or a glossary for another language pair than the translation.

    >>> from ringkas.faithful import load_glossary
    >>> load_glossary({"UMKM": ""})
    Traceback (most recent call last):
    ...
    ringkas.errors.GlossaryError: Glossary term 'UMKM' has an empty translation. Give the English it must become, or the term itself to keep it unchanged.
    """


class FaithfulnessError(RingkasError):
    """``guard="raise"`` found a translation (or summary) that changes, drops or invents a fact.

    ``reports`` holds one :class:`ringkas.faithful.Report` per flagged sentence.

    >>> from ringkas.faithful import check
    >>> err = FaithfulnessError([check("Harga naik 30 persen.", "The price rose 13 percent.")])
    >>> len(err.reports), str(err).split(":")[0]
    (1, '1 output(s) failed the faithfulness check')
    """

    def __init__(self, reports: list[Any]) -> None:
        self.reports = reports
        first = reports[0].issues[0].message if reports and reports[0].issues else ""
        super().__init__(
            f"{len(reports)} output(s) failed the faithfulness check: {first} "
            'Use guard="retry" to re-translate them, guard="warn" to get the text anyway, or '
            "look at exc.reports."
        )
