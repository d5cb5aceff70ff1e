"""What decides a job's results (:class:`JobSettings`) and the checks on how it is run.

>>> JobSettings(task="translate").lang
'en'
>>> check_run_options(engine="local", num_workers=None, batch_size=16)
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ringkas.engines import BACKENDS
from ringkas.errors import ConfigError
from ringkas.guard import check_guard
from ringkas.summarization import STRATEGIES
from ringkas.tasks import TASKS, check_task

__all__ = ["ENGINES", "SETTING_DEFAULTS", "TASKS", "JobSettings", "check_run_options", "model_key"]

ENGINES = ("local", "ray")


@dataclass(frozen=True)
class JobSettings:
    """Everything that decides a job's results; a resumed job must have the same.

    >>> JobSettings(task="summarize", lang="id", strategy="lead", shard_size=500).shard_size
    500
    >>> JobSettings(task="classify")
    Traceback (most recent call last):
    ...
    ringkas.errors.ConfigError: task must be one of ('summarize', 'translate'), got 'classify'.
    """

    task: str
    text_field: str = "text"
    id_field: str | None = None
    lang: str = "en"
    model: str | None = None
    translation_model: str | None = None
    strategy: str = "auto"
    backend: str = "auto"
    shard_size: int = 1000
    guard: str | None = "warn"

    def __post_init__(self) -> None:
        check_task(self.task)
        check_guard(self.guard)
        if self.strategy not in STRATEGIES:
            raise ConfigError(f"strategy must be one of {STRATEGIES}, got {self.strategy!r}.")
        if self.backend not in BACKENDS:
            raise ConfigError(f"backend must be one of {BACKENDS}, got {self.backend!r}.")
        if self.task == "translate" and (
            self.strategy != "auto" or self.translation_model is not None
        ):
            raise ConfigError(
                "strategy and translation_model are summarize settings; for --task translate "
                "pass the translation model as --model."
            )
        if not isinstance(self.shard_size, int) or self.shard_size < 1:
            raise ConfigError(f"shard_size must be a positive integer, got {self.shard_size!r}.")
        if not isinstance(self.text_field, str) or not self.text_field:
            raise ConfigError(f"text_field must be a field name, got {self.text_field!r}.")


#: Each setting's default: what a job whose manifest predates a setting ran with.
SETTING_DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(JobSettings)}


def model_key(model: str | None) -> str | None:
    """A local model directory as an absolute path (so a resume from elsewhere matches); a hub
    name as given.

    >>> model_key("Helsinki-NLP/opus-mt-id-en")
    'Helsinki-NLP/opus-mt-id-en'
    >>> model_key("tests/fixtures/fidelity-translate").startswith("/")
    True
    """
    if model is None:
        return None
    path = Path(model).expanduser()
    return str(path.resolve()) if path.exists() else model


def check_run_options(*, engine: str, num_workers: int | None, batch_size: int | None) -> None:
    """Check how a job is to be run (these may change between a run and its resume).

    >>> check_run_options(engine="local", num_workers=2, batch_size=None)
    Traceback (most recent call last):
    ...
    ringkas.errors.ConfigError: num_workers > 1 needs engine='ray' (--engine ray); local runs use one.
    """
    if engine not in ENGINES:
        raise ConfigError(f"engine must be one of {ENGINES}, got {engine!r}.")
    if num_workers is not None and (not isinstance(num_workers, int) or num_workers < 1):
        raise ConfigError(f"num_workers must be a positive integer, got {num_workers!r}.")
    if engine == "local" and num_workers not in (None, 1):
        raise ConfigError("num_workers > 1 needs engine='ray' (--engine ray); local runs use one.")
    if batch_size is not None and (not isinstance(batch_size, int) or batch_size < 1):
        raise ConfigError(f"batch_size must be a positive integer, got {batch_size!r}.")
