# Two entry points, both safe on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run build test lint browser audit bench lock security

# Every package at the version pinned in constraints.txt, the same here and in CI.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt --upgrade pip setuptools
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# Re-pin constraints.txt to the newest releases pyproject.toml allows (review, test, commit).
lock:
	rm -rf build/lock-venv
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet --upgrade pip setuptools
	build/lock-venv/bin/pip install --quiet -e '.[dev]'
	sed -n '1,2p' constraints.txt > build/constraints.txt
	build/lock-venv/bin/pip freeze --exclude-editable --all >> build/constraints.txt
	mv build/constraints.txt constraints.txt
	rm -rf build/lock-venv

# Known vulnerabilities in the pinned packages (pip-audit) and in our code (bandit).
security: $(STAMP)
	$(BIN)/bandit --quiet -c pyproject.toml -r checks benchmarks
	scripts/audit-dependencies

# The pinned axe-core the accessibility audit injects, Pagefind, which builds the search index,
# and js-yaml, which the build copies into the propose page (package.json, package-lock.json).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Build the site from the bundled catalog and serve it on http://127.0.0.1:8000/.
run: $(STAMP) node_modules/.package-lock.json
	$(BIN)/mocap serve

build: $(STAMP) node_modules/.package-lock.json
	$(BIN)/mocap build

# Build the demo site and audit every page; reports in build/audit.json and build/audit.xml.
# Then the same with the second engine, Zensical (build/site-zensical, build/audit-zensical.*).
audit: build node_modules/.package-lock.json browser
	$(BIN)/mocap audit --output build/audit.json --output build/audit.xml
	$(BIN)/mocap build --engine zensical --out build/site-zensical
	$(BIN)/mocap audit build/site-zensical --output build/audit-zensical.json --output build/audit-zensical.xml

# Chromium and its driver from Debian's packages, for the browser tests and the audit.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || scripts/install-browser

lint: $(STAMP)
	$(BIN)/ruff check checks tests benchmarks
	$(BIN)/ruff format --check checks tests benchmarks
	$(BIN)/mypy
	$(BIN)/mocap schemas --check
	$(BIN)/mocap codeowners --check

test: lint security browser node_modules/.package-lock.json
	$(BIN)/pytest

# Every benchmark (1,000, 10,000 and 30,000 synthetic courses) in one table, beside Hugo +
# Pagefind and jinja2 on the same pages; see benchmarks/README.md.
bench: $(STAMP) node_modules/.package-lock.json browser
	@command -v hugo >/dev/null || scripts/install-hugo
	$(BIN)/python -m benchmarks.run_all
