"""Model cards: what ringkas knows about a checkpoint before (and without) loading its weights.

A :class:`ModelCard` names the family (which decides the language-code dialect), the task, the
languages, the input token budget, generation defaults, the license and published scores. Cards
for known Hugging Face checkpoints are TOML files in the package folder ``ringkas/cards``. Any local checkpoint directory gets a card inferred
from its ``config.json`` and tokenizer files, overridden by a ``ringkas.toml`` inside it.

>>> card = resolve(None, task="translation")
>>> card.id, card.family
('Helsinki-NLP/opus-mt-id-en', 'marian')
"""

from __future__ import annotations

import json
import logging
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ringkas.errors import (
    ConfigError,
    ModelLoadError,
    ModelNotAvailableError,
    NotSeq2SeqModelError,
    UnsupportedLanguageError,
)
from ringkas.models.languages import FAMILY_CODES, LANGUAGE_NAMES, normalize

__all__ = [
    "TASKS",
    "ModelCard",
    "PublishedScore",
    "card_from_directory",
    "cards_dir",
    "known_cards",
    "resolve",
]

logger = logging.getLogger(__name__)

TASKS = ("translation", "summarization", "crosslingual")
TRANSLATION_FAMILIES = ("marian", "nllb", "m2m100", "mbart50", "madlad")
SEQ2SEQ_MODEL_TYPES = frozenset(
    [
        "marian",
        "m2m100",
        "m2m_100",
        "mbart",
        "bart",
        "t5",
        "mt5",
        "umt5",
        "longt5",
        "pegasus",
        "pegasus_x",
        "led",
        "fsmt",
        "nllb-moe",
        "plbart",
        "prophetnet",
        "bigbird_pegasus",
        "blenderbot",
        "blenderbot-small",
        "switch_transformers",
        "encoder-decoder",
    ]
)
_DEFAULT_BUDGET = 512
_UNBOUNDED = 1_000_000


@dataclass(frozen=True)
class PublishedScore:
    """A published result for a checkpoint, with where it was published.

    >>> resolve("Helsinki-NLP/opus-mt-id-en").scores[0]  # doctest: +NORMALIZE_WHITESPACE
    PublishedScore(dataset='Tatoeba id-en (tatoeba-test)', metric='BLEU', value=47.7,
                   source='https://huggingface.co/Helsinki-NLP/opus-mt-id-en (benchmarks table)')
    """

    dataset: str
    metric: str
    value: float
    source: str


@dataclass(frozen=True)
class ModelCard:
    """Everything ringkas needs to drive one checkpoint.

    ``source_languages``/``target_languages`` hold ISO 639-1 codes, or ``"*"`` for every language
    the family's code table knows. ``path`` is set for local directories; hub checkpoints are
    fetched (and cached) when an engine loads them. ``task_inferred`` is true when no card or
    ``ringkas.toml`` declared the task and it was guessed from the family: such a task never
    overrides what the caller asked for.

    >>> card = resolve("Helsinki-NLP/opus-mt-id-en")
    >>> card.family, card.task, card.source_languages, card.input_budget, card.license
    ('marian', 'translation', ('id',), 512, 'Apache-2.0')
    >>> card.generation["num_beams"], card.path is None
    (4, True)
    """

    id: str
    family: str
    task: str
    source_languages: tuple[str, ...] = ("*",)
    target_languages: tuple[str, ...] = ("*",)
    input_budget: int = _DEFAULT_BUDGET
    generation: Mapping[str, Any] = field(default_factory=dict)
    license: str = "unknown"
    description: str = ""
    revision: str | None = None
    input_prefix: str = ""
    marian_target_token: str | None = None
    default_for: tuple[str, ...] = ()
    scores: tuple[PublishedScore, ...] = ()
    path: Path | None = None
    task_inferred: bool = False

    def languages(self, side: str) -> tuple[str, ...]:
        """The ISO codes this model reads (``side="source"``) or writes (``"target"``).

        >>> resolve("Helsinki-NLP/opus-mt-id-en").languages("target")
        ('en',)
        >>> "jv" in resolve("facebook/nllb-200-distilled-600M").languages("source")
        True
        """
        codes = self.source_languages if side == "source" else self.target_languages
        if "*" in codes:
            return tuple(FAMILY_CODES.get(self.family, LANGUAGE_NAMES))
        return codes

    def check_pair(self, src: str, tgt: str) -> tuple[str, str]:
        """Normalize ``src``/``tgt`` and raise :class:`UnsupportedLanguageError` if not supported.

        >>> resolve("Helsinki-NLP/opus-mt-id-en").check_pair("ind", "eng")
        ('id', 'en')
        """
        src_iso, tgt_iso = normalize(src), normalize(tgt)
        for side, iso in (("source", src_iso), ("target", tgt_iso)):
            can = self.languages(side)
            if iso not in can:
                raise UnsupportedLanguageError(
                    f"Model {self.id!r} cannot {'read' if side == 'source' else 'write'} "
                    f"{LANGUAGE_NAMES.get(iso, iso)} ({iso!r}). It reads "
                    f"{', '.join(self.languages('source'))} and writes "
                    f"{', '.join(self.languages('target'))}; pick another model with model=... "
                    f"(see `ringkas models`)."
                )
        return src_iso, tgt_iso

    def with_path(self, path: Path) -> ModelCard:
        """A copy of this card that points at a local checkpoint directory.

        >>> resolve("Helsinki-NLP/opus-mt-id-en").with_path(Path("opus-mt-id-en")).path.name
        'opus-mt-id-en'
        """
        return replace(self, path=path)


def cards_dir() -> Traversable:
    """The folder holding the shipped ``*.toml`` cards: ``ringkas/cards``, found with
    :mod:`importlib.resources` (so it works from a wheel, a zip or the source checkout).
    Adding a card is adding a file there.

    >>> (cards_dir() / "opus-mt-id-en.toml").is_file()
    True
    """
    return resources.files("ringkas") / "cards"


def _card_from_mapping(data: Mapping[str, Any], *, origin: str) -> ModelCard:
    try:
        card = ModelCard(
            id=str(data["id"]),
            family=str(data["family"]),
            task=str(data["task"]),
            source_languages=tuple(data.get("source_languages", ("*",))),
            target_languages=tuple(data.get("target_languages", ("*",))),
            input_budget=int(data.get("input_budget", _DEFAULT_BUDGET)),
            generation=dict(data.get("generation", {})),
            license=str(data.get("license", "unknown")),
            description=str(data.get("description", "")),
            revision=data.get("revision"),
            input_prefix=str(data.get("input_prefix", "")),
            marian_target_token=data.get("marian_target_token"),
            default_for=tuple(data.get("default_for", ())),
            scores=tuple(PublishedScore(**s) for s in data.get("scores", ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            f"Model card {origin} is malformed ({exc!r}); see models/README.md."
        ) from exc
    if card.task not in TASKS:
        raise ConfigError(f"Model card {origin}: task {card.task!r} is not one of {TASKS}.")
    if card.input_budget < 1:
        raise ConfigError(
            f"Model card {origin}: input_budget must be a positive number of tokens, got "
            f"{card.input_budget}. Fix it (or delete it from ringkas.toml: the budget is then read "
            f"from the tokenizer)."
        )
    return card


@cache
def known_cards() -> dict[str, ModelCard]:
    """All shipped cards by model id.

    >>> "facebook/nllb-200-distilled-600M" in known_cards()
    True
    """
    cards: dict[str, ModelCard] = {}
    files = sorted(
        (f for f in cards_dir().iterdir() if f.name.endswith(".toml")), key=lambda f: f.name
    )
    for path in files:
        with path.open("rb") as fh:
            card = _card_from_mapping(tomllib.load(fh), origin=f"ringkas/cards/{path.name}")
        cards[card.id] = card
    return cards


def _default_card(task: str) -> ModelCard:
    for card in known_cards().values():
        if task in card.default_for:
            return card
    raise ConfigError(f"No default model card for task {task!r}; pass model=... explicitly.")


def _looks_like_path(name: str) -> bool:
    """A name that can only be a folder: ``./x``, ``/x``, ``~/x``, ``a/b/c``, a backslash, or one
    whose first part is a folder here (``models-local/opus-mt-id-en`` with ``models-local/``)."""
    if name.startswith((".", "/", "~", "\\")) or name.count("/") > 1 or "\\" in name:
        return True
    head = name.split("/")[0]
    return "/" in name and Path(head).expanduser().is_dir()


def resolve(name_or_path: str | Path | None, *, task: str = "translation") -> ModelCard:
    """The card for a model id, a local checkpoint directory, or (``None``) the task's default.

    Unknown hub ids get a provisional card (family ``"auto"``) that is completed from the
    checkpoint's own files once it is fetched.

    >>> resolve("facebook/nllb-200-distilled-600M").family
    'nllb'
    """
    if name_or_path is None:
        return _default_card(task)
    if not isinstance(name_or_path, (str, Path)) or not str(name_or_path).strip():
        raise ConfigError(
            f"model must be a Hugging Face model id or a local directory, got {name_or_path!r}."
        )
    name = str(name_or_path)
    path = Path(name).expanduser()
    if path.exists():
        return card_from_directory(path)
    if name in known_cards():
        return known_cards()[name]
    if isinstance(name_or_path, Path) or _looks_like_path(name):
        raise ModelNotAvailableError(
            f"Model directory {name!r} does not exist. Pass an existing directory saved with "
            f"save_pretrained(), or a Hugging Face model id such as 'Helsinki-NLP/opus-mt-id-en'."
        )
    return ModelCard(id=name, family="auto", task=task)


def _read_json(path: Path, what: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelLoadError(
            f"{what} {path} is not valid JSON ({exc}); the checkpoint is corrupt or was only "
            f"partly downloaded. Delete the directory and download or save it again."
        ) from exc
    if not isinstance(data, dict):
        raise ModelLoadError(
            f"{what} {path} does not hold a JSON object; the checkpoint is corrupt."
        )
    return data


def _family(model_type: str, tokenizer_config: Mapping[str, Any], path: Path) -> str:
    tokenizer_class = str(tokenizer_config.get("tokenizer_class") or "")
    if model_type == "marian":
        return "marian"
    if model_type in ("m2m_100", "m2m100"):
        return "nllb" if "nllb" in tokenizer_class.lower() else "m2m100"
    if model_type == "mbart":
        return "mbart50" if "mbart50" in tokenizer_class.lower() else "mbart"
    if model_type in ("t5", "mt5", "umt5"):
        for name in ("tokenizer.json", "spiece.model"):
            file = path / name
            if file.is_file() and b"<2en>" in file.read_bytes():
                return "madlad"
    return model_type


def _budget(config: Mapping[str, Any], tokenizer_config: Mapping[str, Any]) -> int:
    limits = [
        int(v)
        for v in (tokenizer_config.get("model_max_length"), config.get("max_position_embeddings"))
        if isinstance(v, (int, float)) and 0 < v < _UNBOUNDED
    ]
    return min(limits) if limits else _DEFAULT_BUDGET


def card_from_directory(path: str | Path, *, model_id: str | None = None) -> ModelCard:
    """Infer a card from a checkpoint directory (``config.json``, tokenizer files, ``ringkas.toml``).

    Raises :class:`ModelLoadError` for a directory that is not a checkpoint or is corrupt, and
    :class:`NotSeq2SeqModelError` for a checkpoint that is not an encoder-decoder model.

    >>> card = card_from_directory("tests/fixtures/fidelity-translate")
    >>> card.family, card.task, card.input_budget, card.source_languages, card.target_languages
    ('t5', 'translation', 16, ('id',), ('en',))
    >>> card.path.as_posix()
    'tests/fixtures/fidelity-translate'
    """
    path = Path(path).expanduser()
    if not path.is_dir():
        raise ModelLoadError(
            f"{path} is a file, not a model directory. Pass the folder that holds config.json."
        )
    config_path = path / "config.json"
    if not config_path.is_file():
        raise ModelLoadError(
            f"{path} has no config.json, so it is not a Hugging Face checkpoint directory. "
            f"Save one with model.save_pretrained(dir) and tokenizer.save_pretrained(dir)."
        )
    config = _read_json(config_path, "Model config")
    model_type = str(config.get("model_type", ""))
    if model_type not in SEQ2SEQ_MODEL_TYPES and not config.get("is_encoder_decoder"):
        raise NotSeq2SeqModelError(
            f"{path} holds a {model_type or 'unknown'!r} model, which is not an encoder-decoder "
            f"(seq2seq) model. ringkas needs a translation or summarisation checkpoint such as "
            f"Marian, NLLB, M2M100, mBART, T5/mT5 or BART."
        )
    tok_path = path / "tokenizer_config.json"
    tokenizer_config = _read_json(tok_path, "Tokenizer config") if tok_path.is_file() else {}
    family = _family(model_type, tokenizer_config, path)
    data: dict[str, Any] = {
        "id": model_id or str(path),
        "family": family,
        "task": "translation" if family in TRANSLATION_FAMILIES else "summarization",
        "input_budget": _budget(config, tokenizer_config),
    }
    if family == "marian":
        src, tgt = tokenizer_config.get("source_lang"), tokenizer_config.get("target_lang")
        for key, code in (("source_languages", src), ("target_languages", tgt)):
            if isinstance(code, str):
                try:
                    data[key] = [normalize(code)]
                except UnsupportedLanguageError:
                    logger.warning("%s: unknown Marian language %r; not checking pairs", path, code)
    override = path / "ringkas.toml"
    declared = False  # whether ringkas.toml names the task (else it is inferred from the family)
    if override.is_file():
        try:
            with override.open("rb") as fh:
                extra = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ModelLoadError(
                f"{override} is not valid TOML ({exc}); fix or delete it."
            ) from exc
        extra.pop("id", None)
        declared = "task" in extra
        data.update(extra)
    card = _card_from_mapping(data, origin=str(path)).with_path(path)
    return replace(card, task_inferred=not declared)
