# Two entry points, both safe on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run build test lint browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Build the site from the bundled catalog and serve it on http://127.0.0.1:8000/.
run: $(STAMP)
	$(BIN)/mocap serve

build: $(STAMP)
	$(BIN)/mocap build

# Chromium and its driver from Debian's packages, for the browser tests.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || scripts/install-browser

lint: $(STAMP)
	$(BIN)/ruff check checks tests benchmarks
	$(BIN)/ruff format --check checks tests benchmarks
	$(BIN)/mypy
	$(BIN)/mocap schemas --check

test: lint browser
	$(BIN)/pytest
