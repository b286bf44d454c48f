# The two commands of KPI Explorer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint format sample clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

## Start the app on the bundled sample data.
run: $(VENV)/.runtime
	$(BIN)/python -m streamlit run app.py --server.port $(PORT)

## Install what the tests need (Debian's chromium for the browser tests) and run the whole suite.
test: $(VENV)/.dev
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || $(MAKE) --no-print-directory chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

chromium:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format:
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

## Regenerate the bundled sample data (deterministic).
sample: $(VENV)/.runtime
	$(BIN)/python sample_data/generate.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

## The loader's benchmark at 1 M rows (generated files in benchmarks/.data/, gitignored).
bench: $(VENV)/.runtime
	$(BIN)/python -m benchmarks.run --rows 1000000 --json
