"""Loading a dataset from the hub (ringkas.data.hub): a hub that connects and never answers is a
:class:`DatasetNotAvailableError` after one bounded wait, not a hang."""

from __future__ import annotations

import logging

import pytest
from conftest import go_online

from ringkas.data.hub import load_from_hub
from ringkas.errors import DatasetNotAvailableError


def test_a_hub_that_never_answers_is_an_error_not_a_hang(
    silent_hub: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    go_online(monkeypatch, silent_hub)
    caplog.set_level(logging.INFO, logger="ringkas")
    with pytest.raises(DatasetNotAvailableError) as info:
        load_from_hub("ringkas-tests/silent-data", "indonesian", how_to_get="Or use data_dir.")
    message = str(info.value)
    assert message == (
        "Dataset ringkas-tests/silent-data (indonesian) is not available: the hub at "
        f"{silent_hub} did not answer within 0.5s (HF_HUB_ETAG_TIMEOUT). Check the network "
        "or raise HF_HUB_ETAG_TIMEOUT; with the dataset in the local cache, set HF_HUB_OFFLINE=1. "
        "Or use data_dir."
    )
    fetching = [r.getMessage() for r in caplog.records if r.name == "ringkas.data.hub"]
    assert fetching[0].startswith(f"fetching ringkas-tests/silent-data from the hub ({silent_hub}")


def test_an_unreachable_hub_says_so(closed_port: str, monkeypatch: pytest.MonkeyPatch) -> None:
    go_online(monkeypatch, closed_port)
    with pytest.raises(DatasetNotAvailableError) as info:
        load_from_hub("ringkas-tests/no-data", how_to_get="Or use data_dir.")
    assert str(info.value) == (
        f"Dataset ringkas-tests/no-data is not available: the hub at {closed_port} cannot be "
        "reached. Check the network; with the dataset in the local cache, set HF_HUB_OFFLINE=1. "
        "Or use data_dir."
    )
