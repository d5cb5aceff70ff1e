"""Prompts from card data, and answers cleaned from continuations (ringkas.engines.prompting)."""

from __future__ import annotations

from typing import Any

import jinja2
import pytest

from ringkas.engines.prompting import PLACEHOLDER, PromptParts, build_parts, clean_output
from ringkas.errors import PromptError
from ringkas.models.cards import PromptSpec, Shot, resolve

SHOTS = (Shot("Harga cabai turun.", "Chili prices fell."),)


class TemplateTokenizer:
    """Just enough of a tokenizer to render a chat template."""

    def __init__(self, template: str) -> None:
        self.chat_template = template

    def apply_chat_template(self, messages: Any, **kwargs: Any) -> str:
        assert kwargs == {"tokenize": False, "add_generation_prompt": True}
        return jinja2.Environment().from_string(self.chat_template).render(messages=messages)


CHAT = "{% for m in messages %}<{{ m['role'] }}>{{ m['content'] }}</{{ m['role'] }}>{% endfor %}<assistant>"
# the shape of TranslateGemma's template: one structured text entry with language codes
TRANSLATEGEMMA = (
    "{% for m in messages %}<start_of_turn>user\nTranslate {{ m['content'][0]['source_lang_code'] }}"
    " to {{ m['content'][0]['target_lang_code'] }}:\n\n\n{{ m['content'][0]['text'] }}"
    "<end_of_turn>\n{% endfor %}{{ '<start_of_turn>model\\n' }}"
)


def test_completion_prompt_puts_the_shots_before_the_sentence() -> None:
    parts = build_parts(PromptSpec(style="completion", shots=SHOTS), None, "id", "en")
    assert (
        parts.prefix == "Indonesian: Harga cabai turun.\nEnglish: Chili prices fell.\n\nIndonesian:"
    )
    assert (parts.lead, parts.suffix, parts.one_line) == (" ", "\nEnglish:", True)
    assert parts.labels == ("Indonesian", "English") and "Chili prices fell." in parts.examples


def test_a_chat_prompt_is_the_tokenizer_template_split_at_the_input() -> None:
    tok = TemplateTokenizer(CHAT)
    parts = build_parts(PromptSpec(style="chat", system="Be brief."), tok, "id", "en")
    assert parts.prefix.startswith("<system>Be brief.</system><user>Translate this Indonesian")
    assert (
        parts.suffix == "</user><assistant>"
        and parts.lead == ""
        and PLACEHOLDER not in parts.prefix
    )


def test_translategemma_gets_its_structured_content() -> None:
    spec = resolve("google/translategemma-4b-it").prompt
    assert spec is not None and spec.style == "translategemma" and not spec.can_summarize
    parts = build_parts(spec, TemplateTokenizer(TRANSLATEGEMMA), "id", "en")
    assert parts.prefix == "<start_of_turn>user\nTranslate id to en:\n\n\n"
    assert parts.suffix == "<end_of_turn>\n<start_of_turn>model\n"


def test_a_chat_prompt_needs_a_chat_template() -> None:
    class NoTemplate:
        chat_template = None

    with pytest.raises(PromptError, match="the tokenizer has no chat template") as info:
        build_parts(PromptSpec(style="chat"), NoTemplate(), "id", "en")
    assert 'style = "completion"' in str(info.value)


def test_a_base_card_cannot_summarise() -> None:
    spec = resolve("google/gemma-3-270m").prompt
    assert spec is not None
    with pytest.raises(PromptError, match="cannot summarise") as info:
        build_parts(spec, None, "id", "en", task="summarization")
    assert "strategy='extractive'" in str(info.value)


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        (" Rice prices rose.", "Rice prices rose."),
        (" English: Rice prices rose.", "Rice prices rose."),
        (" Rice prices rose. Indonesian: Harga gula", "Rice prices rose."),
        ("Rice prices rose.\n\nIndonesian: Harga gula naik.\nEnglish:", "Rice prices rose."),
        (": Rice prices rose.", "Rice prices rose."),
    ],
)
def test_completion_answers_are_cleaned(raw: str, want: str) -> None:
    parts = build_parts(PromptSpec(style="completion", shots=SHOTS), None, "id", "en")
    assert clean_output(raw, parts) == want


def test_chat_preamble_is_dropped_and_summaries_keep_all_lines() -> None:
    chat = PromptParts("", "", "", one_line=False, special_prefix=False)
    assert clean_output("Here is the translation:\n\nRice rose.\n", chat) == "Rice rose."
    summary = PromptParts("", "", "", one_line=False, special_prefix=False, task="summarization")
    assert clean_output("Summary: Rice rose.\nTraders complained.", summary) == (
        "Rice rose. Traders complained."
    )
