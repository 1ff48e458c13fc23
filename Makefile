# Every target sets up .venv itself: a fresh clone needs only `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= supportlens.duckdb
DEMO := .demo-data

.PHONY: run test lint typecheck bench clean docs

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

$(VENV): $(STAMP)

run: $(STAMP)
	$(BIN)/supportlens demo --db $(DB) --data $(DEMO)
	$(BIN)/supportlens serve --db $(DB)

# The browser tests (tests/browser) drive Debian's chromium; Playwright cannot download one.
test: $(STAMP)
	test -x /usr/bin/chromium || (apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

docs: $(STAMP)
	$(BIN)/python -m supportlens.docs > docs/metrics.md

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/gap_topics.py

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache
