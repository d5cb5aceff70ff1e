"""Turn a card's prompt (data: :class:`~ringkas.models.cards.PromptSpec`) into the text around each
input for a causal LM, and the model's continuation back into a clean translation or summary.

A prompt is three parts: a ``prefix`` shared by every row of a call (the few-shot examples, the
instruction, hints and glossary: CTranslate2 gets it once as its ``static_prompt``), a ``lead``
put before each text inside that text's own encoding (the space after ``"Indonesian:"``), and a
``suffix`` after the text, up to where the model writes (``"\\nEnglish:"``, or the chat
template's assistant turn). Chat prompts are rendered by the tokenizer's own chat template around
a placeholder, then split at it.

>>> from ringkas.models.cards import PromptSpec, Shot
>>> spec = PromptSpec(style="completion", shots=(Shot("Harga naik.", "Prices rose."),))
>>> parts = build_parts(spec, None, "id", "en", task="translation")
>>> print(parts.prefix + parts.lead + "Beras mahal." + parts.suffix)
Indonesian: Harga naik.
English: Prices rose.
<BLANKLINE>
Indonesian: Beras mahal.
English:
>>> clean_output(" Rice is expensive.\\nIndonesian: Gula", parts)
'Rice is expensive.'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ringkas.errors import PromptError
from ringkas.models.cards import PromptSpec
from ringkas.models.languages import LANGUAGE_NAMES

__all__ = ["PLACEHOLDER", "PromptParts", "build_parts", "clean_output", "has_chat_template"]

#: Stands for the input text while a chat template is rendered; the result is split at it.
PLACEHOLDER = "\u27e6ringkas-input\u27e7"
_DEFAULT_SUMMARY_WORDS = 60
# Lines a chat model writes before its answer ("Here is the translation:").
_PREAMBLE = re.compile(
    r"^(here is|here's|sure|certainly|berikut|translation|terjemahan|summary|ringkasan)\b.*:$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PromptParts:
    """The text around every input of one call (see the module docstring).

    ``one_line``: the answer ends at the first line break (generation stops there).
    ``special_prefix``: tokenize the prefix with the tokenizer's special tokens (BOS); chat
    templates write their own. ``examples`` and ``labels``: what a leaking prompt would show.

    >>> parts = PromptParts("Indonesian:", " ", "\\nEnglish:", one_line=True, special_prefix=True)
    >>> parts.prefix + parts.lead + "Harga naik." + parts.suffix
    'Indonesian: Harga naik.\\nEnglish:'
    """

    prefix: str
    lead: str
    suffix: str
    one_line: bool
    special_prefix: bool
    examples: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    task: str = "translation"


def has_chat_template(tokenizer: Any) -> bool:
    """True when the tokenizer carries a chat template (instruct models do).

    >>> class Tok: chat_template = None
    >>> has_chat_template(Tok())
    False
    """
    return bool(getattr(tokenizer, "chat_template", None))


def _names(src: str, tgt: str) -> dict[str, str]:
    return {
        "src": src,
        "tgt": tgt,
        "src_name": LANGUAGE_NAMES.get(src, src),
        "tgt_name": LANGUAGE_NAMES.get(tgt, tgt),
    }


def _notes(
    spec: PromptSpec,
    hints: Sequence[str],
    glossary: Sequence[tuple[str, str]],
    names: dict[str, str],
) -> str:
    """The hint and glossary sentences (empty when there are none)."""
    notes = []
    if hints:
        notes.append(spec.hints.format(hints="; ".join(hints), **names))
    if glossary:
        terms = "; ".join(f"{src} = {tgt}" for src, tgt in glossary)
        notes.append(spec.glossary.format(glossary=terms, **names))
    return " ".join(notes)


def build_parts(
    spec: PromptSpec,
    tokenizer: Any,
    src: str,
    tgt: str,
    *,
    task: str = "translation",
    hints: Sequence[str] = (),
    glossary: Sequence[tuple[str, str]] = (),
    max_words: int | None = None,
) -> PromptParts:
    """The prompt parts for translating ``src`` -> ``tgt`` (or summarising into ``tgt``).

    Raises :class:`~ringkas.errors.PromptError` when the card cannot do ``task`` or its chat
    prompt needs a chat template the tokenizer lacks.

    >>> from ringkas.models.cards import resolve
    >>> parts = build_parts(resolve("google/gemma-3-270m").prompt, None, "id", "en")
    >>> parts.prefix.endswith("Indonesian:"), parts.suffix
    (True, '\\nEnglish:')
    >>> build_parts(resolve("google/gemma-3-270m").prompt, None, "id", "en", task="summarization")
    Traceback (most recent call last):
    ...
    ringkas.errors.PromptError: This model's card has no summary prompt ...
    """
    names = _names(src, tgt)
    if task == "summarization" and not spec.can_summarize:
        raise PromptError(
            "This model's card has no summary prompt (a base model, or a translation-only "
            "model), so it cannot summarise. Use strategy='extractive' with it as "
            "translation_model, or pick an instruct LLM card that can (see `ringkas models`)."
        )
    notes = _notes(spec, hints, glossary, names)
    if spec.style == "completion":
        return _completion_parts(spec, names, notes)
    if not has_chat_template(tokenizer):
        raise PromptError(
            f"The card asks for a {spec.style!r} prompt but the tokenizer has no chat template. "
            f"Save the instruct model's tokenizer (with its chat template), or set style = "
            f'"completion" with [[prompt.shots]] in the card\'s [prompt] table.'
        )
    if spec.style == "translategemma":
        if task != "translation":  # pragma: no cover - can_summarize is False for it
            raise PromptError("TranslateGemma only translates.")
        content: Any = [
            {"type": "text", "source_lang_code": src, "target_lang_code": tgt, "text": PLACEHOLDER}
        ]
        messages = [{"role": "user", "content": content}]
    else:
        if task == "summarization":
            words = max_words or _DEFAULT_SUMMARY_WORDS
            instruction = str(spec.summary_instruction).format(max_words=words, **names)
        else:
            instruction = spec.instruction.format(**names)
        if notes:
            instruction = f"{instruction} {notes}"
        messages = [{"role": "system", "content": spec.system}] if spec.system else []
        for shot in spec.shots if task == "translation" else ():
            messages.append({"role": "user", "content": f"{instruction}\n\n{shot.source}"})
            messages.append({"role": "assistant", "content": shot.target})
        messages.append({"role": "user", "content": f"{instruction}\n\n{PLACEHOLDER}"})
    try:
        rendered = tokenizer.apply_chat_template(
            messages, tokenize=False, add_generation_prompt=True
        )
    except Exception as exc:
        raise PromptError(
            f"The tokenizer's chat template cannot render a {spec.style!r} prompt "
            f"({type(exc).__name__}: {exc}). Check the card's [prompt] style against the model."
        ) from exc
    if str(rendered).count(PLACEHOLDER) != 1:
        raise PromptError(
            "The tokenizer's chat template dropped or repeated the input text; set a "
            "completion prompt in the card instead."
        )
    prefix, suffix = str(rendered).split(PLACEHOLDER)
    examples = tuple(t for s in spec.shots for t in (s.source, s.target))
    return PromptParts(
        prefix=prefix,
        lead="",
        suffix=suffix,
        one_line=False,
        special_prefix=False,
        examples=examples,
        labels=(),
        task=task,
    )


def _completion_parts(spec: PromptSpec, names: dict[str, str], notes: str) -> PromptParts:
    head, rest = spec.template.split("{source}", 1)
    before_target = rest.split("{target}", 1)[0]
    head_text = head.format(**names)
    lead = head_text[len(head_text.rstrip()) :]
    shots = spec.separator.join(
        spec.render_shot(s, names["src_name"], names["tgt_name"]) for s in spec.shots
    )
    header = f"{spec.system.format(**names)}\n\n" if spec.system else ""
    note_line = f"{notes}\n" if notes else ""
    return PromptParts(
        prefix=f"{header}{shots}{spec.separator}{note_line}{head_text.rstrip()}",
        lead=lead,
        suffix=before_target.format(**names).rstrip(),
        one_line=True,
        special_prefix=True,
        examples=tuple(t for s in spec.shots for t in (s.source, s.target)),
        labels=(names["src_name"], names["tgt_name"]),
        task="translation",
    )


def clean_output(text: str, parts: PromptParts) -> str:
    """The answer in a model's continuation: the first line of a sentence translation (labels
    such as ``"English:"`` and a chat model's preamble dropped; cut where the prompt's own
    labels start again), or a summary's lines joined.

    >>> parts = PromptParts("", "", "", one_line=False, special_prefix=False)
    >>> clean_output("Here is the translation:\\n\\nRice prices rose.\\n", parts)
    'Rice prices rose.'
    """
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    while len(lines) > 1 and _PREAMBLE.match(lines[0]):
        lines = lines[1:]
    if not lines:
        return ""
    if parts.task == "summarization":
        answer = " ".join(lines)
        return re.sub(r"^(summary|ringkasan)\s*:\s*", "", answer, flags=re.IGNORECASE).strip()
    answer = lines[0]
    labels = [*parts.labels, "English", "Translation", "Terjemahan"]
    pattern = "|".join(re.escape(label) for label in labels if label)
    answer = re.sub(rf"^(?:({pattern})?\s*:\s*)+", "", answer, flags=re.IGNORECASE)
    own = "|".join(re.escape(label) for label in parts.labels if label)
    cut = re.search(rf"(^|\s)({own})\s*:", answer) if own else None
    if cut is not None:
        answer = answer[: cut.start()]
    return answer.strip()
