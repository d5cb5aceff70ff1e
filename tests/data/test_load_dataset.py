"""The load_dataset dispatcher: names, splits, options, files, and offline hub access."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.data import DATASETS, load_dataset
from ringkas.data.hub import load_from_hub
from ringkas.errors import ConfigError, DatasetNotAvailableError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_every_loader_returns_the_common_schema() -> None:
    sources = {
        "liputan6": {"data_dir": FIXTURES / "liputan6"},
        "xlsum": {"data_dir": FIXTURES / "xlsum"},
        "flores": {"data_dir": FIXTURES / "flores200_dataset"},
        "indosum": {"data_dir": FIXTURES / "indosum"},
        "tatoeba": {"data_dir": FIXTURES / "tatoeba"},
        "nusax": {"data_dir": FIXTURES / "nusax"},
        "ringkas-news": {},
    }
    assert set(sources) == set(DATASETS)
    for name, kwargs in sources.items():
        data = load_dataset(name, **kwargs)
        for split in data.values():
            assert split.column_names[:5] == ["id", "text", "summary", "translation", "lang"], name
            assert split.num_rows > 0 and all(isinstance(t, str) and t for t in split["text"]), name
            assert set(split["lang"]) == {"id"}, name


def test_split_returns_one_dataset() -> None:
    dev = load_dataset("xlsum", split="validation", data_dir=FIXTURES / "xlsum")
    assert dev.num_rows == 1 and dev[0]["id"] == "berita-200"
    assert load_dataset("ringkas-news", split="dev").num_rows == 8
    assert (
        load_dataset("flores", split="devtest", data_dir=FIXTURES / "flores200_dataset").num_rows
        == 2
    )


def test_options_reach_the_loader() -> None:
    xtreme = load_dataset("liputan6", data_dir=FIXTURES / "liputan6", variant="xtreme")
    assert sorted(xtreme) == ["dev", "test"]
    tatoeba = load_dataset("tatoeba", path=FIXTURES / "tatoeba" / "pairs.tsv", split="test")
    assert tatoeba.num_rows == 2


def test_a_users_file() -> None:
    test = load_dataset(str(FIXTURES / "user" / "artikel.csv"), text_field="isi", split="test")
    assert test.num_rows == 2 and test[0]["summary"] is None


def test_unknown_name_split_and_option() -> None:
    with pytest.raises(
        ConfigError, match="Known: ringkas-news, liputan6, xlsum, flores, indosum, tatoeba, nusax"
    ):
        load_dataset("cnn_dailymail")
    with pytest.raises(ConfigError, match="its splits are: test, dev"):
        load_dataset("ringkas-news", split="train")
    with pytest.raises(ConfigError, match="its options are: clean, fold"):
        load_dataset("indosum", data_dir=FIXTURES / "indosum", folds=2)
    with pytest.raises(ConfigError, match="takes no data_dir"):
        load_dataset("ringkas-news", data_dir=FIXTURES)


def test_offline_hub_raises_fast_with_instructions(
    monkeypatch: pytest.MonkeyPatch, no_network: None
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    for name, hint in (("xlsum", "xl-sum"), ("flores", "flores200_dataset")):
        with pytest.raises(DatasetNotAvailableError, match=hint):
            load_dataset(name)


def test_offline_flag_set_after_import_never_touches_the_network(
    monkeypatch: pytest.MonkeyPatch, no_network: None
) -> None:
    import datasets

    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(
        DatasetNotAvailableError, match="set after `datasets` was imported.*Use the files"
    ):
        load_from_hub("csebuetnlp/xlsum", "indonesian", how_to_get="Use the files.")
