# Two commands set up everything on a fresh machine (Python 3.11+ and make):
#   make demo   creates .venv, installs tacitus, codes the example articles, prints the events
#   make test   creates .venv with the dev tools (as root also Debian's chromium), runs the tests
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: install dev demo test lint check clean browser

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

# the browser tests drive Debian's headless Chromium (never a browser download): installed
# here when missing and we may (root with apt-get); elsewhere those tests skip and say why
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; } || \
		echo "chromium not installed: the browser tests will be skipped (apt-get install chromium)"

test: dev browser
	$(BIN)/python -m pytest -n 2 -q

lint: dev
	$(BIN)/ruff check src tests scripts benchmarks

clean:
	rm -rf $(VENV) tacitus.duckdb tacitus.duckdb.wal .pytest_cache
