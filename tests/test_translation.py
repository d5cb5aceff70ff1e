"""Whole-document translation with the fidelity model: exact glosses, layout, batching, no loss."""

from __future__ import annotations

import logging
import random
from pathlib import Path
from typing import Any

import pytest
from conftest import FIDELITY_TRANSLATE, counting_generate, fidelity_sentence
from fidelity_data import gloss, load_lexicon

from ringkas import Translator, translate
from ringkas.batching import run_requests

MODEL = str(FIDELITY_TRANSLATE)


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator(MODEL, backend="transformers", device="cpu")


def sentence(rng: random.Random, lo: int = 2, hi: int = 10) -> str:
    return fidelity_sentence(rng, lo, hi, comma_prob=0.1)


def test_readme_example_document(translator: Translator) -> None:
    doc = Path(__file__).resolve().parents[1] / "examples" / "fidelity-doc.txt"
    text = doc.read_text(encoding="utf-8")
    assert translator.translate(text) == gloss(text)


def test_five_paragraphs_with_blank_lines_and_line_breaks_are_glossed_exactly(
    translator: Translator,
) -> None:
    rng = random.Random(1)
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(1, 4))) for _ in range(5)]
    doc = f"{paragraphs[0]}\n\n{paragraphs[1]}\n{paragraphs[2]}\n\n\n{paragraphs[3]}\n  {paragraphs[4]}\n"
    out = translator.translate(doc)
    assert out == gloss(doc)
    assert out.count("\n") == doc.count("\n")


def test_result_does_not_depend_on_batch_size(translator: Translator) -> None:
    rng = random.Random(2)
    sentences = [sentence(rng, 1, 14) for _ in range(200)]
    rng.shuffle(sentences)
    expected = [gloss(s) for s in sentences]
    for batch_size in (1, 7, 64):
        assert translator.translate(sentences, batch_size=batch_size) == expected, batch_size
    assert translator.translate(sentences, max_batch_tokens=40) == expected


def test_a_sixty_word_sentence_is_split_not_truncated(translator: Translator) -> None:
    rng = random.Random(3)
    words = rng.sample([w for w in load_lexicon() if w.islower()], 60)  # distinct words
    words[0] = words[0][0].upper() + words[0][1:]
    text = " ".join(words) + "."
    assert translator.engine.count_tokens([text], None)[0] > translator.card.input_budget
    out = translator.translate(text)
    english = [gloss(w).strip(".,").lower() for w in words]
    assert [w.strip(".,").lower() for w in out.split()] == english  # every word, in order
    assert out == gloss(text)


def test_documents_keep_their_order_and_empties(translator: Translator) -> None:
    rng = random.Random(4)
    docs = [sentence(rng), "", sentence(rng) + "\n" + sentence(rng), "   "]
    assert translator.translate(docs) == [gloss(docs[0]), "", gloss(docs[2]), ""]


def test_module_level_shortcut_and_progress(capsys: pytest.CaptureFixture[str]) -> None:
    out = translate(
        "Menteri datang ke pasar.", model=MODEL, backend="transformers", show_progress=True
    )
    assert out == gloss("Menteri datang ke pasar.")
    assert "translating" in capsys.readouterr().err


def test_duplicate_sentences_are_generated_once(translator: Translator) -> None:
    with counting_generate(translator.engine) as calls:
        run_requests(
            translator.engine,
            ["Petani datang.", "Petani datang.", "Guru pulang."],
            None,
            translator._options(None, None),
        )
    assert sum(calls) == 2


def test_warns_when_output_is_much_shorter(
    translator: Translator, caplog: pytest.LogCaptureFixture
) -> None:
    translator.engine.generate = lambda texts, plan, options, encoded=None: ["x" for _ in texts]  # type: ignore[method-assign]
    long = "Menteri datang ke pasar dan petani pulang ke desa dengan kapal."
    try:
        with caplog.at_level(logging.WARNING):
            translator.translate(long, guard=None)
            single = len(caplog.records)
            # many documents in one call: one warning that counts them, not one per document
            translator.translate([long, "Harga naik.", f"{long} {long}", long], guard=None)
            # with the guard on (the default) the guard's one warning says it, as "length"
            translator.translate([long, "Harga naik.", f"{long} {long}", long])
    finally:
        del translator.engine.generate  # type: ignore[method-assign]
    warnings = [r.getMessage() for r in caplog.records if "less than a third" in r.getMessage()]
    assert single == 1
    assert len(warnings) == 2
    assert warnings[1].startswith("4 of 5 sentence(s)")
    guarded = [r.getMessage() for r in caplog.records if "faithfulness guard" in r.getMessage()]
    assert len(guarded) == 1 and "4 of 5 sentence(s) flagged (length 4" in guarded[0]


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_each_sentence_is_tokenized_once(backend: str) -> None:
    if backend == "ctranslate2":
        pytest.importorskip("ctranslate2")
    rng = random.Random(5)
    unique = [sentence(rng) for _ in range(9)]
    docs = [" ".join(unique[:5]), " ".join(unique[3:]), unique[0]]
    engine_translator = Translator(MODEL, backend=backend, device="cpu")
    engine: Any = engine_translator.engine
    encoded: list[str] = []
    given: list[bool] = []

    def encode(texts: Any, plan: Any) -> Any:
        encoded.extend(texts)
        return type(engine).encode(engine, texts, plan)

    def generate(texts: Any, plan: Any, options: Any, *, encoded: Any = None) -> Any:
        given.append(encoded is not None)
        return type(engine).generate(engine, texts, plan, options, encoded=encoded)

    engine.encode, engine.generate = encode, generate
    try:
        out = engine_translator.translate(docs, batch_size=2)
    finally:
        del engine.encode, engine.generate
    assert sorted(encoded) == sorted(set(unique))  # encoded once, and not again to generate
    assert given and all(given)  # every batch was generated from its encodings
    assert out[2] == gloss(unique[0])


def test_a_plain_t5_checkpoint_translates_when_asked(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """No ringkas.toml: "summarization" is only inferred from the T5 family, so the call decides."""
    import shutil

    from ringkas.errors import ConfigError

    plain = tmp_path / "plain-t5"
    shutil.copytree(FIDELITY_TRANSLATE, plain, ignore=shutil.ignore_patterns("ringkas.toml"))
    caplog.set_level(logging.INFO, logger="ringkas")
    translator = Translator(str(plain), backend="transformers", device="cpu")
    assert translator.card.task == "translation"
    assert translator.translate("Menteri datang ke pasar.") == gloss("Menteri datang ke pasar.")
    said = [r.getMessage() for r in caplog.records if "only inferred" in r.getMessage()]
    assert said == [
        f"{plain}: no card declares its task (summarization was only inferred from its family "
        f"'t5'); using it for translation, as asked."
    ]
    # a declared task still refuses (another folder: loaded engines are cached by path)
    declared = tmp_path / "declared-t5"
    shutil.copytree(plain, declared)
    (declared / "ringkas.toml").write_text('task = "summarization"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="is a summarization model, not a translation model") as e:
        Translator(str(declared), backend="transformers", device="cpu")
    assert 'add task = "translation" to its ringkas.toml' in str(e.value)


@pytest.mark.parametrize("name", ["lead-3", "textrank"])
def test_a_model_free_summariser_is_not_a_translation_model(name: str, no_network: None) -> None:
    from ringkas.errors import ConfigError

    with pytest.raises(ConfigError) as info:
        Translator(name)
    message = str(info.value)
    assert message.startswith(f"{name!r} is a model-free summariser (strategy=")
    assert "Pass a translation model id or directory (see `ringkas models`)" in message
    assert "hf download" not in message


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\r\n"])
def test_unicode_line_breaks_are_kept_verbatim(translator: Translator, brk: str) -> None:
    # Lines without a final stop: before, "\u2028" was whitespace inside one sentence, the model
    # saw both lines as one, and the break was lost (issue 14, item 8).
    doc = f"Menteri datang ke pasar{brk}Harga beras naik.{brk}{brk}  Petani datang{brk}"
    out = translator.translate(doc)
    assert out == gloss(doc)
    assert out == f"Minister come to market{brk}Price rice rise.{brk}{brk}  Farmer come{brk}"


class _Wrapping:
    """An engine that runs another one and records the batches it was given."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.batches: list[list[str]] = []

    def __getattr__(self, name: str) -> Any:  # backend, card, count_tokens ...: the inner's
        return getattr(self.inner, name)

    def generate(self, texts: Any, plan: Any, options: Any, **kwargs: Any) -> list[str]:
        self.batches.append(list(texts))
        return list(self.inner.generate(texts, plan, options, **kwargs))


def test_an_engine_given_is_used_as_it_is(translator: Translator) -> None:
    wrapper = _Wrapping(translator.engine)
    wrapped = Translator(wrapper, backend="no such backend")  # backend etc. are not looked at
    assert wrapped.engine is wrapper and wrapped.card is translator.card
    rng = random.Random(11)
    sentences = [sentence(rng) for _ in range(3)]
    assert wrapped.translate(" ".join(sentences)) == " ".join(gloss(s) for s in sentences)
    assert sorted(s for batch in wrapper.batches for s in batch) == sorted(sentences)
