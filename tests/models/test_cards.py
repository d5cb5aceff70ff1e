"""Model cards: shipped cards, local directories, and their errors (ringkas.models.cards)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ringkas.errors import (
    ConfigError,
    ModelLoadError,
    ModelNotAvailableError,
    NotSeq2SeqModelError,
    PromptError,
    UnsupportedLanguageError,
)
from ringkas.models.cards import card_from_directory, known_cards, resolve


def test_shipped_cards_cover_every_family_and_have_defaults() -> None:
    cards = known_cards()
    families = {c.family for c in cards.values()}
    assert {"marian", "nllb", "m2m100", "mbart50", "madlad", "mt5"} <= families
    assert resolve(None, task="translation").id == "Helsinki-NLP/opus-mt-id-en"
    assert resolve(None, task="summarization").task == "summarization"
    for card in cards.values():
        assert card.license and card.description and card.input_budget > 0


def test_published_scores_name_their_source() -> None:
    card = resolve("Helsinki-NLP/opus-mt-id-en")
    assert card.scores and all(s.source.startswith("https://") for s in card.scores)
    assert card.scores[0].value == 47.7


def test_pair_checks() -> None:
    card = resolve("Helsinki-NLP/opus-mt-id-en")
    assert card.check_pair("id", "en") == ("id", "en")
    with pytest.raises(UnsupportedLanguageError, match="cannot write French") as info:
        card.check_pair("id", "fr")
    assert "pick another model" in str(info.value)
    assert resolve("facebook/nllb-200-distilled-600M").check_pair("id", "fr") == ("id", "fr")


def test_unknown_hub_id_gets_a_provisional_card() -> None:
    card = resolve("someone/some-model")
    assert (card.family, card.path) == ("auto", None)


def test_missing_directory() -> None:
    with pytest.raises(ModelNotAvailableError, match="does not exist"):
        resolve("./no/such/model-dir")


def test_bad_model_argument() -> None:
    with pytest.raises(ConfigError, match="model must be"):
        resolve(42)  # type: ignore[arg-type]


def _write(path: Path, name: str, content: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    (path / name).write_text(content, encoding="utf-8")


def test_directory_without_config(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="no config.json") as info:
        resolve(tmp_path)
    assert "save_pretrained" in str(info.value)


def test_corrupt_config(tmp_path: Path) -> None:
    _write(tmp_path, "config.json", '{"model_type": "marian", ')
    with pytest.raises(ModelLoadError, match="not valid JSON") as info:
        card_from_directory(tmp_path)
    assert "download or save it again" in str(info.value)


def test_an_encoder_only_model_is_refused_and_told_causal_lms_work(tmp_path: Path) -> None:
    _write(tmp_path, "config.json", json.dumps({"model_type": "bert"}))
    with pytest.raises(NotSeq2SeqModelError, match="not an encoder-decoder") as info:
        card_from_directory(tmp_path)
    assert "Marian, NLLB" in str(info.value)
    assert "decoder-only LLMs (*ForCausalLM" in str(info.value)


@pytest.mark.parametrize(
    ("model_type", "family"), [("gemma3_text", "gemma3"), ("llama", "llama"), ("qwen2", "qwen2")]
)
def test_a_causal_lm_gets_a_causal_card(tmp_path: Path, model_type: str, family: str) -> None:
    _write(tmp_path, "config.json", json.dumps({"model_type": model_type}))
    card = card_from_directory(tmp_path)
    assert (card.family, card.architecture, card.task) == (family, "causal", "translation")
    assert card.prompt is None  # no prompt in a card and no chat template: the engine refuses it
    assert card.tasks == ("translation",)


def test_a_causal_lm_with_a_chat_template_gets_a_chat_prompt(tmp_path: Path) -> None:
    _write(tmp_path, "config.json", json.dumps({"model_type": "qwen2"}))
    _write(tmp_path, "tokenizer_config.json", json.dumps({"chat_template": "{{ messages }}"}))
    card = card_from_directory(tmp_path)
    assert card.prompt is not None and card.prompt.style == "chat" and card.prompt.can_summarize
    assert card.tasks == ("translation", "summarization")


def test_a_local_copy_of_a_shipped_llm_gets_its_card(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "config.json",
        json.dumps({"model_type": "gemma3_text", "_name_or_path": "google/gemma-3-270m"}),
    )
    card = card_from_directory(tmp_path)
    assert card.prompt is not None and card.prompt.style == "completion"
    assert card.prompt.shots and not card.prompt.can_summarize
    assert card.tasks == ("translation",)
    assert card.source_languages == ("id",)


def test_an_empty_shot_list_is_a_named_error(tmp_path: Path) -> None:
    _write(tmp_path, "config.json", json.dumps({"model_type": "llama"}))
    _write(tmp_path, "ringkas.toml", '[prompt]\nstyle = "completion"\nshots = []\n')
    with pytest.raises(PromptError, match="empty shot list") as info:
        card_from_directory(tmp_path)
    assert "add at least one [[prompt.shots]]" in str(info.value)


def test_family_budget_and_languages_from_files(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "config.json",
        json.dumps({"model_type": "marian", "max_position_embeddings": 512}),
    )
    _write(
        tmp_path,
        "tokenizer_config.json",
        json.dumps({"model_max_length": 32, "source_lang": "id", "target_lang": "en"}),
    )
    card = card_from_directory(tmp_path)
    assert (card.family, card.task, card.input_budget) == ("marian", "translation", 32)
    assert card.source_languages == ("id",) and card.target_languages == ("en",)


def test_nllb_and_madlad_detection(tmp_path: Path) -> None:
    nllb = tmp_path / "nllb"
    _write(
        nllb, "config.json", json.dumps({"model_type": "m2m_100", "max_position_embeddings": 1024})
    )
    _write(nllb, "tokenizer_config.json", json.dumps({"tokenizer_class": "NllbTokenizer"}))
    assert card_from_directory(nllb).family == "nllb"
    madlad = tmp_path / "madlad"
    _write(madlad, "config.json", json.dumps({"model_type": "t5"}))
    _write(madlad, "tokenizer.json", json.dumps({"model": {"vocab": [["<2en>", 0.0]]}}))
    card = card_from_directory(madlad)
    assert (card.family, card.input_budget) == ("madlad", 512)


def test_ringkas_toml_overrides(tmp_path: Path) -> None:
    _write(tmp_path, "config.json", json.dumps({"model_type": "t5"}))
    _write(tmp_path, "ringkas.toml", 'task = "crosslingual"\ntarget_languages = ["en"]\n')
    card = card_from_directory(tmp_path)
    assert (card.task, card.target_languages) == ("crosslingual", ("en",))
    _write(tmp_path, "ringkas.toml", "task = ")
    with pytest.raises(ModelLoadError, match="not valid TOML"):
        card_from_directory(tmp_path)


def test_cards_are_package_data() -> None:
    """The cards live inside the package (so the wheel carries them with no list to keep up
    to date), and every file there is a card that loads."""
    from conftest import ROOT

    files = sorted(p.name for p in (ROOT / "src" / "ringkas" / "cards").glob("*.toml"))
    assert len(files) >= 9
    assert {c.id for c in known_cards().values()} == {
        _card_id(ROOT / "src" / "ringkas" / "cards" / name) for name in files
    }
    assert not (ROOT / "models").exists(), "cards moved to src/ringkas/cards"


def _card_id(path: Path) -> str:
    import tomllib

    return str(tomllib.loads(path.read_text(encoding="utf-8"))["id"])


def test_a_seq2seq_card_does_its_one_task() -> None:
    assert resolve("csebuetnlp/mT5_multilingual_XLSum").tasks == ("summarization",)
    assert resolve("csebuetnlp/mT5_m2o_english_crossSum").tasks == ("crosslingual",)
    assert resolve("facebook/nllb-200-distilled-600M").tasks == ("translation",)
