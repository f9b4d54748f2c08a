# Two entry points, both safe on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint check

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/mocap check

lint: $(STAMP)
	$(BIN)/ruff check checks tests benchmarks
	$(BIN)/ruff format --check checks tests benchmarks
	$(BIN)/mypy
	$(BIN)/mocap schemas --check

test: lint
	$(BIN)/pytest
