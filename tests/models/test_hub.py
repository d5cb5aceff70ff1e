"""Fetching checkpoints from the hub (ringkas.models.hub): every request bounded in time, and one
line of ringkas's words when a model cannot be had. The "hub" here is a socket on the loopback
interface: one that accepts and never answers, or a port nobody listens on."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from conftest import FIDELITY_TRANSLATE, go_online

from ringkas.errors import ModelNotAvailableError
from ringkas.models.cards import resolve
from ringkas.models.hub import cache_dir, fetch


def test_a_hub_that_never_answers_is_an_error_not_a_hang(
    silent_hub: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    go_online(monkeypatch, silent_hub)
    caplog.set_level(logging.INFO, logger="ringkas")
    with pytest.raises(ModelNotAvailableError) as info:
        fetch(resolve("ringkas-tests/silent-model"))
    message = str(info.value)
    assert message.startswith("Model 'ringkas-tests/silent-model' is not available: ")
    assert (
        f"as a hub model: the hub at {silent_hub} did not answer within 0.5s "
        f"(HF_HUB_ETAG_TIMEOUT) and it is not in the cache." in message
    )
    assert "hf download ringkas-tests/silent-model" in message  # the fix
    assert "\n" not in message
    fetching = [r.getMessage() for r in caplog.records if r.name == "ringkas.models.hub"]
    assert fetching[0].startswith(f"fetching ringkas-tests/silent-model from the hub ({silent_hub}")


def test_an_unreachable_hub_is_one_line_in_ringkas_words(
    closed_port: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    go_online(monkeypatch, closed_port)
    with pytest.raises(ModelNotAvailableError) as info:
        fetch(resolve("ringkas-tests/missing-model"))
    message = str(info.value)
    assert message.startswith(
        f"Model 'ringkas-tests/missing-model' is not available: there is no such directory "
        f"({Path('ringkas-tests/missing-model').absolute()} does not exist), and as a hub model: "
        f"the hub at {closed_port} cannot be reached and it is not in the cache. If it is a "
        f"folder, check the path."
    )
    assert "\n" not in message and ".." not in message
    assert "An error happened" not in message  # huggingface_hub's own text stays out


def test_a_cached_model_is_used_when_the_hub_does_not_answer(
    silent_hub: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    sha = "0123456789abcdef0123456789abcdef01234567"
    repo = cache_dir() / "models--ringkas-tests--cached-model"
    snapshot = repo / "snapshots" / sha
    shutil.copytree(FIDELITY_TRANSLATE, snapshot)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(sha, encoding="utf-8")
    try:
        go_online(monkeypatch, silent_hub)
        caplog.set_level(logging.WARNING, logger="ringkas")
        folder = fetch(resolve("ringkas-tests/cached-model"))
        assert folder == snapshot
        assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
            "The hub did not answer for ringkas-tests/cached-model"
        ]
    finally:
        shutil.rmtree(repo)


def test_offline_means_no_connection_attempt(no_network: None) -> None:
    with pytest.raises(ModelNotAvailableError, match="it is not in the cache and HF_HUB_OFFLINE"):
        fetch(resolve("ringkas-tests/offline-model"))


def test_a_name_that_may_be_a_folder_says_the_folder_does_not_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``models-local/opus-mt-id-en`` (the README's own example) is a hub id in shape; when
    ``models-local/`` exists it is a folder, and when nothing is there the message says both."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModelNotAvailableError) as info:
        fetch(resolve("models-local/opus-mt-id-en"))
    assert str(info.value).startswith(
        "Model 'models-local/opus-mt-id-en' is not available: there is no such directory "
        f"({tmp_path / 'models-local' / 'opus-mt-id-en'} does not exist), and as a hub model: it "
        "is not in the cache and HF_HUB_OFFLINE is set. If it is a folder, check the path."
    )
    (tmp_path / "models-local").mkdir()
    with pytest.raises(ModelNotAvailableError) as info:
        resolve("models-local/opus-mt-id-en")
    assert str(info.value).startswith(
        "Model directory 'models-local/opus-mt-id-en' does not exist."
    )
    assert "hf download" not in str(info.value)
