"""Shared test setup: offline hub, fixture paths, and tiny random models built once per session."""

from __future__ import annotations

import os
import random
import socket
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# The test models are tiny: one thread is faster than two, and far faster on a shared machine
# where oversubscribed threads spin (seen here: 10x slower with 2 threads under load).
os.environ.setdefault("OMP_NUM_THREADS", "1")
# A private, empty hub cache (read by huggingface_hub at import time): tests never see the user's.
os.environ["HF_HUB_CACHE"] = tempfile.mkdtemp(prefix="ringkas-test-hub-")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
FIDELITY_TRANSLATE = FIXTURES / "fidelity-translate"
FIDELITY_SUMMARIZE = FIXTURES / "fidelity-summarize"

sys.path.insert(0, str(ROOT / "tools" / "fidelity"))
sys.path.insert(0, str(ROOT / "benchmarks"))  # tests/benchmarks import quality, speedbench

from fidelity_data import random_document, random_sentence  # noqa: E402


def no_repeats(text: str) -> bool:
    """True when no word occurs twice. The fidelity models, tiny as they are, sometimes slip on
    a repeated word ("Medan nelayan Medan"); tests that assert exact output avoid them."""
    words = [w.strip(".,?!").lower() for w in text.split()]
    return len(set(words)) == len(words)


def fidelity_sentence(rng: random.Random, lo: int = 2, hi: int = 10, **kwargs: Any) -> str:
    """A capitalised lexicon sentence with no repeated word (see :func:`no_repeats`)."""
    kwargs.setdefault("capitalize_prob", 1.0)
    kwargs.setdefault("end_probs", {".": 0.8, "?": 0.1, "!": 0.1})
    while not no_repeats(text := random_sentence(rng, lo, hi, **kwargs)):
        pass
    return text


def fidelity_document(rng: random.Random, lo: int = 2, hi: int = 6) -> str:
    """A document for the summariser (1-6 sentences, first sentence = the summary)."""
    while not no_repeats(doc := random_document(rng, lo, hi)):
        pass
    return doc


@pytest.fixture(autouse=True)
def _isolated_caches(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Never read or write the user's CTranslate2 cache (one private cache per test session)."""
    base = tmp_path_factory.getbasetemp()
    monkeypatch.setenv("RINGKAS_CT2_CACHE", str(base / "ct2-cache"))
    yield


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One tiny random checkpoint directory per supported family."""
    from ringkas.testing import FAMILIES, build_tiny_model

    root = tmp_path_factory.mktemp("tiny")
    return {family: build_tiny_model(family, root / family) for family in FAMILIES}


@pytest.fixture(scope="session")
def causal(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny random causal LMs: a base model with a completion prompt (Gemma 3), an instruct one
    with a chat template (Llama), one with neither, and the instruct one with a 48-token budget
    (so an article needs map-reduce)."""
    from ringkas.testing import build_tiny_causal_lm

    root = tmp_path_factory.mktemp("causal")
    small = build_tiny_causal_lm("llama", root / "llama-chat-small", prompt="chat")
    toml = (small / "ringkas.toml").read_text(encoding="utf-8")
    (small / "ringkas.toml").write_text("input_budget = 48\n" + toml, encoding="utf-8")
    return {
        "gemma3": build_tiny_causal_lm("gemma3", root / "gemma3", prompt="completion"),
        "llama-chat": build_tiny_causal_lm("llama", root / "llama-chat", prompt="chat"),
        "bare": build_tiny_causal_lm("llama", root / "bare", prompt=None),
        "llama-chat-small": small,
    }


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything tries to open a network connection (offline means offline:
    no connection attempts, hence no retries or timeouts)."""
    import socket

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"a network connection was attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@contextmanager
def counting_generate(engine: Any) -> Iterator[list[int]]:
    """Count the texts of every ``engine.generate`` call inside the ``with`` block."""
    calls: list[int] = []
    original = engine.generate

    def counting(texts: Any, plan: Any, options: Any, *, encoded: Any = None) -> Any:
        calls.append(len(texts))
        return original(texts, plan, options, encoded=encoded)

    engine.generate = counting
    try:
        yield calls
    finally:
        del engine.generate  # the class's method again


HOLD_S = 20  # the silent server lets go of a connection after this (so nothing hangs for good)


@pytest.fixture
def silent_hub() -> Iterator[str]:
    """An HTTP "server" on 127.0.0.1 that accepts connections and never sends a byte."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    stop = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(conn)

    def let_go() -> None:
        stop.set()
        for conn in list(held):
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    timer = threading.Timer(HOLD_S, let_go)  # a client without a timeout fails then, not never
    timer.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        timer.cancel()
        let_go()
        thread.join()
        server.close()


@pytest.fixture
def closed_port() -> str:
    """A loopback address where nothing listens (connections are refused at once)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def go_online(monkeypatch: pytest.MonkeyPatch, endpoint: str) -> None:
    """Undo the test session's HF_HUB_OFFLINE (for huggingface_hub and datasets), with the hub
    at ``endpoint`` and a 0.5 s wait for each answer."""
    import datasets
    from huggingface_hub import constants

    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "0")
    monkeypatch.setenv("HF_HUB_ETAG_TIMEOUT", "0.5")
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "ENDPOINT", endpoint)
    monkeypatch.setattr(
        constants,
        "HUGGINGFACE_CO_URL_TEMPLATE",
        endpoint + "/{repo_id}/resolve/{revision}/{filename}",
    )
    monkeypatch.setattr(constants, "HF_HUB_DOWNLOAD_TIMEOUT", 1)
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(datasets.config, "HF_ENDPOINT", endpoint)
