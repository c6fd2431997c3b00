# Two commands set up everything on a fresh machine (Python 3.11+ and make):
#   make demo   creates .venv, installs tacitus, codes the example articles, prints the events
#   make test   creates .venv with the dev tools, runs the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: install dev demo test lint check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

demo: install
	$(BIN)/tacitus code examples/articles.jsonl

test: dev
	$(BIN)/python -m pytest -n 2 -q

lint: dev
	$(BIN)/ruff check src tests scripts benchmarks

clean:
	rm -rf $(VENV) tacitus.duckdb tacitus.duckdb.wal .pytest_cache
