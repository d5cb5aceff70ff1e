"""Checks at the door (ringkas.inputs): what counts as texts, and options checked before loading."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import FIDELITY_TRANSLATE
from fidelity_data import gloss

from ringkas import Translator, summarize, translate
from ringkas.errors import ConfigError, InputError
from ringkas.inputs import check_options, check_texts

SENTENCES = ["Menteri datang ke pasar.", "Harga beras naik."]


def test_series_and_numpy_array_are_lists_of_texts() -> None:
    series = pd.Series(SENTENCES, index=[10, 20])
    texts, single = check_texts(series, caller="translate")
    assert (texts, single) == (SENTENCES, False)
    array = np.array(SENTENCES)
    texts, _ = check_texts(array, caller="translate")
    assert texts == SENTENCES and {type(t) for t in texts} == {str}  # not numpy.str_
    assert translate(series, model=str(FIDELITY_TRANSLATE)) == [gloss(s) for s in SENTENCES]
    assert translate(array, model=str(FIDELITY_TRANSLATE)) == [gloss(s) for s in SENTENCES]


def test_dataframe_is_refused_with_a_column_to_pass() -> None:
    frame = pd.DataFrame({"text": SENTENCES, "id": [1, 2]})
    with pytest.raises(InputError) as info:
        translate(frame, model=str(FIDELITY_TRANSLATE))
    message = str(info.value)
    assert message.startswith("translate: got a DataFrame, whose items are its column names")
    assert "'text', 'id'" in message and 'df["text"]' in message
    with pytest.raises(InputError, match="summarize: got a DataFrame.*Pass one column, e.g. df"):
        summarize(frame, strategy="lead", lang="id")


def test_dict_is_refused() -> None:
    with pytest.raises(InputError) as info:
        translate({"a": SENTENCES[0]}, model=str(FIDELITY_TRANSLATE))
    assert str(info.value) == (
        "translate: got a dict, whose items are its keys. Pass the texts themselves, e.g. "
        "list(d.values()), or one column of it."
    )


def test_two_dimensional_array_and_set_are_refused() -> None:
    with pytest.raises(InputError, match=r"got a 2-D ndarray of shape \(1, 2\).*arr\[:, 0\]"):
        check_texts(np.array([SENTENCES]), caller="translate")
    with pytest.raises(InputError, match=r"got a set, which has no order.*sorted\(texts\)"):
        check_texts(set(SENTENCES), caller="translate")


def test_missing_value_in_a_series_names_its_index() -> None:
    series = pd.Series(["Harga naik.", None], index=["a", "b"])
    with pytest.raises(InputError) as info:
        check_texts(series, caller="translate")
    message = str(info.value)
    assert message.startswith("translate: item 1 (index 'b') is float (nan), not a string.")
    assert "series.fillna('')" in message


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("batch_size", "8", "batch_size must be a positive integer or None, got str '8' (write "
                            "batch_size=8, without quotes)."),
        ("num_beams", "4", "num_beams must be a positive integer or None, got str '4' (write "
                           "num_beams=4, without quotes)."),
        ("batch_size", 0, "batch_size must be a positive integer or None, got 0."),
        ("max_new_tokens", 2.5, "max_new_tokens must be a positive integer or None, got float 2.5."),
        ("num_beams", True, "num_beams must be a positive integer or None, got bool True."),
    ],
)  # fmt: skip
def test_bad_counts_are_named_before_loading(option: str, value: object, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        translate("Harga naik.", model="./no-model-is-loaded", **{option: value})  # type: ignore[arg-type]
    assert str(info.value) == expected


def test_bad_counts_on_a_loaded_model() -> None:
    translator = Translator(str(FIDELITY_TRANSLATE), device="cpu")
    with pytest.raises(
        ConfigError, match=r"^batch_size must be a positive integer or None, got str"
    ):
        translator.translate("Harga naik.", batch_size="8")  # type: ignore[arg-type]
    with pytest.raises(
        ConfigError, match=r"^num_beams must be a positive integer or None, got str"
    ):
        summarize("Harga naik.", model="./no-model", num_beams="4")  # type: ignore[arg-type]


def test_device_is_checked_before_a_backend_is_chosen(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    with pytest.raises(ConfigError) as info:
        Translator(str(FIDELITY_TRANSLATE), device="tpu")
    assert str(info.value) == "device must be 'cpu', 'cuda', 'cuda:N', 'mps' or 'auto', got 'tpu'."
    assert caplog.records == []  # no "CTranslate2 cannot run ..., using transformers" first
    with pytest.raises(ConfigError, match="got 42"):
        check_options(device=42)
    check_options(device="cuda:0")  # valid (whether a GPU is there is the engine's question)


def test_zero_input_budget_in_ringkas_toml(tmp_path: Path) -> None:
    model = tmp_path / "model"
    shutil.copytree(FIDELITY_TRANSLATE, model)
    toml = (model / "ringkas.toml").read_text(encoding="utf-8")
    (model / "ringkas.toml").write_text(
        toml.replace("input_budget = 16", "input_budget = 0"), encoding="utf-8"
    )
    with pytest.raises(ConfigError) as info:
        Translator(str(model), device="cpu")
    assert str(info.value).startswith(
        f"Model card {model}: input_budget must be a positive number of tokens, got 0."
    )
    assert "delete it from ringkas.toml" in str(info.value)
